using Authy.Phones;

namespace Authy.Cmdlets.Infrastructure;

/// <summary>
/// Base of the cmdlets that act on a phone number rather than a user (phone verification, phone
/// information): the number and its country, bound from CSV columns of <see cref="ColumnNames"/>, and
/// normalised the same way everywhere before any request (<see cref="PhoneNumberParser"/>).
/// </summary>
public abstract class PhoneNumberCmdlet : AuthyPipelineCmdlet
{
    /// <summary>
    /// The number as people write it: national (<c>(415) 555-0100</c>, <c>07700 900123</c>) with
    /// -CountryCode, or international (<c>+44 7700 900123</c>) on its own.
    /// </summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Phone", "Cellphone", "phone_number", "Mobile", "Cell", "Telephone", "Phone Number", "Mobile Phone")]
    public string PhoneNumber { get; set; } = string.Empty;

    /// <summary>The country: a calling code (<c>1</c>, <c>+44</c>) or an ISO 3166 code (<c>US</c>, <c>GB</c>).</summary>
    [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
    [Alias("country_code", "Country Code", "Country", "Country/Region")]
    [ArgumentCompleter(typeof(CountryCodeCompleter))]
    public string? CountryCode { get; set; }

    /// <summary>The current record's number, normalised: what is sent and what the output reports.</summary>
    protected NormalizedPhoneNumber Phone { get; private set; } = new NormalizedPhoneNumber(0, string.Empty);

    protected override bool ResolveRecord()
    {
        var phone = FromRecord(PhoneNumber, ColumnNames.PhoneNumber);
        if (phone == null)
        {
            WriteMissing("phone number", nameof(PhoneNumber), ColumnNames.PhoneNumber);
            return false;
        }

        var number = ReadPhoneNumber(Text(phone), FromRecord(CountryCode, ColumnNames.CountryCode), nameof(CountryCode));
        if (number == null)
        {
            return false;
        }

        Phone = number;
        return true;
    }
}
