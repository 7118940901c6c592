using Authy.Phones;

namespace Authy.Cmdlets;

/// <summary>New-AuthyUser: registers users, one per input record (users/new, docs/api/authy.md §2.1).</summary>
/// <remarks>
/// The number is normalised before it is sent (<see cref="PhoneNumberParser"/>), so the same number written
/// two ways is one request and one AuthyId, and a number written with its country code in front is never
/// registered as a longer national number.
/// </remarks>
[Cmdlet(VerbsCommon.New, "AuthyUser", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(AuthyUser))]
public sealed class NewAuthyUserCommand : AuthyPipelineCmdlet
{
    private string _email = string.Empty;
    private NormalizedPhoneNumber? _phone;

    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("EmailAddress", "Mail", "E-mail", "Email Address", "email_address")]
    public string Email { get; set; } = string.Empty;

    /// <summary>
    /// The number as people write it: national (<c>(415) 555-0100</c>, <c>07700 900123</c>) with -CountryCode,
    /// or international (<c>+44 7700 900123</c>) on its own.
    /// </summary>
    [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
    [Alias("Phone", "PhoneNumber", "phone_number", "Mobile", "Cell", "Telephone", "Phone Number", "Mobile Phone")]
    public string Cellphone { get; set; } = string.Empty;

    /// <summary>The country: a calling code (<c>1</c>, <c>+44</c>) or an ISO 3166 code (<c>US</c>, <c>GB</c>).</summary>
    [Parameter(Position = 2, ValueFromPipelineByPropertyName = true)]
    [Alias("country_code", "Country Code", "Country", "Country/Region")]
    [ArgumentCompleter(typeof(CountryCodeCompleter))]
    public string? CountryCode { get; set; }

    private static readonly string[] SendInstallLinkNames = { "SendInstallLink", "send_install_link_via_sms" };

    /// <summary>Ask Authy to text the user a link to install the app. Off unless given, so bulk imports send nothing.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public SwitchParameter SendInstallLink { get; set; }

    protected override bool ResolveRecord()
    {
        var email = FromRecord(Email, ColumnNames.Email);
        var phone = FromRecord(Cellphone, ColumnNames.PhoneNumber);
        if (email == null)
        {
            WriteMissing("email address", nameof(Email), ColumnNames.Email);
            return false;
        }

        if (phone == null)
        {
            WriteMissing("phone number", nameof(Cellphone), ColumnNames.PhoneNumber);
            return false;
        }

        _email = InputRules.TrimBlanks(email.ToString()!);
        var emailProblem = InputRules.Email(_email);
        if (emailProblem != null)
        {
            WriteInvalidValue("InvalidEmail", emailProblem, _email);
            return false;
        }

        _phone = ReadPhoneNumber(phone.ToString()!, FromRecord(CountryCode, ColumnNames.CountryCode), nameof(CountryCode));
        return _phone != null;
    }

    protected override void ProcessInput()
    {
        // Captured now: the next record rebinds the properties while this call is still in flight.
        var email = _email;
        var phone = _phone!;
        if (!TryReadSendInstallLink(out var sendInstallLink))
        {
            return;
        }

        EnqueueConfirmed(TargetFor(email), $"{phone.E164} <{email}>", "Register Authy user", (log, cancellationToken) =>
            Api.CreateUserAsync(email, phone.NationalNumber, phone.CountryCode, sendInstallLink, log, cancellationToken));
    }

    /// <summary>
    /// -SendInstallLink as given, else the record's SendInstallLink column: true/false, yes/no or 1/0 in any case, a
    /// blank cell being false. PowerShell's binder turns no such text into a switch (every CSV cell is text), so the
    /// column is read here; anything else is the record's error rather than a guess either way.
    /// </summary>
    private bool TryReadSendInstallLink(out bool send)
    {
        send = SendInstallLink.IsPresent;
        if (IsOnCommandLine(nameof(SendInstallLink)) || FromRecord(null, SendInstallLinkNames) is not { } cell)
        {
            return true;
        }

        switch (InputRules.TrimBlanks(Text(cell)).ToLowerInvariant())
        {
            case "true": case "yes": case "y": case "1":
                send = true;
                return true;
            case "false": case "no": case "n": case "0":
                send = false;
                return true;
            default:
                WriteInvalidValue("InvalidSendInstallLink", $"'{InputRules.Shorten(Text(cell))}' is not true or false (yes/no, 1/0 also do) for SendInstallLink.", cell);
                return false;
        }
    }
}
