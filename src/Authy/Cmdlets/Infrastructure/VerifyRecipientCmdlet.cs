namespace Authy.Cmdlets.Infrastructure;

/// <summary>
/// Base of the Verify cmdlets that name a verification's recipient (Send-TwilioVerification, and Test-,
/// Get-, Stop-TwilioVerification through <see cref="VerificationCmdlet"/>): -To, or a -PhoneNumber with
/// -CountryCode, bound from the same columns as the Authy cmdlets.
/// </summary>
public abstract class VerifyRecipientCmdlet : VerifyPipelineCmdlet
{
    /// <summary>The recipient: an E.164 number (<c>+14155550100</c>), or an e-mail address.</summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("E164")]
    public string? To { get; set; }

    /// <summary>The number as people write it, national with -CountryCode or international; instead of -To.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("Phone", "Cellphone", "phone_number", "Mobile", "Cell", "Telephone", "Phone Number", "Mobile Phone")]
    public string? PhoneNumber { get; set; }

    /// <summary>The country of a national -PhoneNumber: a calling code (<c>1</c>, <c>+44</c>) or an ISO code (<c>US</c>, <c>GB</c>).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("country_code", "Country Code", "Country", "Country/Region")]
    [ArgumentCompleter(typeof(CountryCodeCompleter))]
    public string? CountryCode { get; set; }

    /// <summary>The number in E.164, read with the record's -CountryCode; null when it cannot be (the record's error is written).</summary>
    /// <summary>The columns a recipient is read from: To (E.164 or an e-mail address), then the phone number ones.</summary>
    protected static readonly string[] RecipientNames = SendTwilioVerificationNames.To.Concat(ColumnNames.PhoneNumber).ToArray();

    /// <summary>
    /// The record's -To (a To or E164 column), else a bare value piped in as the recipient, unless -PhoneNumber (or
    /// a phone column) gives it.
    /// </summary>
    protected object? ReadTo() =>
        FromRecord(To, SendTwilioVerificationNames.To) ?? (FromRecord(PhoneNumber, ColumnNames.PhoneNumber) == null ? PipedValue : null);

    protected string? E164Of(string phone) =>
        ReadPhoneNumber(phone, FromRecord(CountryCode, ColumnNames.CountryCode), nameof(CountryCode))?.E164;
}
