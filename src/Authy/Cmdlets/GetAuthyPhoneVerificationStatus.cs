using Authy.Phones;

namespace Authy.Cmdlets;

/// <summary>
/// Get-AuthyPhoneVerificationStatus: whether a phone verification is pending, verified or expired
/// (phones/verification/status, docs/api/authy.md §2.17), by the Uuid of its start or by phone number.
/// </summary>
[Cmdlet(VerbsCommon.Get, "AuthyPhoneVerificationStatus", DefaultParameterSetName = ByUuid)]
[OutputType(typeof(AuthyPhoneVerificationStatus))]
public sealed class GetAuthyPhoneVerificationStatusCommand : AuthyPipelineCmdlet
{
    // By uuid is the default, so the output of Start-AuthyPhoneVerification, which carries both a Uuid
    // and a phone number, binds to the exact verification it started.
    private const string ByUuid = "ByUuid";
    private const string ByPhone = "ByPhone";

    // Named only: positional arguments are always a phone number and country code.
    // Mandatory picks the parameter set; the value itself is checked per record (ResolveRecord), so a blank or
    // malformed cell is that record's numbered error rather than the binder's.
    [Parameter(Mandatory = true, ParameterSetName = ByUuid, ValueFromPipelineByPropertyName = true)]
    [AllowEmptyString]
    public string Uuid { get; set; } = string.Empty;

    /// <summary>The number as people write it; with -CountryCode unless it starts with + and its country code.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByPhone, ValueFromPipelineByPropertyName = true)]
    [Alias("Phone", "Cellphone", "phone_number", "Mobile", "Cell", "Telephone", "Phone Number", "Mobile Phone")]
    public string PhoneNumber { get; set; } = string.Empty;

    /// <summary>The country: a calling code (<c>1</c>, <c>+44</c>) or an ISO 3166 code (<c>US</c>, <c>GB</c>).</summary>
    [Parameter(Position = 1, ParameterSetName = ByPhone, ValueFromPipelineByPropertyName = true)]
    [Alias("country_code", "Country Code", "Country", "Country/Region")]
    [ArgumentCompleter(typeof(CountryCodeCompleter))]
    public string? CountryCode { get; set; }

    private static readonly string[] UuidNames = { "Uuid" };

    private NormalizedPhoneNumber? _phone;
    private string _uuid = string.Empty;

    protected override bool ResolveRecord()
    {
        if (ParameterSetName == ByUuid)
        {
            _uuid = ReadRequired(Uuid, UuidNames, "verification uuid", nameof(Uuid), "InvalidUuid", OneTouchRules.Uuid) ?? string.Empty;
            return _uuid.Length > 0;
        }

        // The record's phone columns in the table's order (Mobile before Phone), as the other phone cmdlets read them.
        var phone = FromRecord(PhoneNumber, ColumnNames.PhoneNumber);
        _phone = ReadPhoneNumber(phone == null ? string.Empty : Text(phone), FromRecord(CountryCode, ColumnNames.CountryCode), nameof(CountryCode));
        return _phone != null;
    }

    protected override void ProcessInput()
    {
        if (ParameterSetName == ByUuid)
        {
            var uuid = _uuid;
            Enqueue(TargetFor(uuid), (log, cancellationToken) => Api.GetPhoneVerificationStatusAsync(uuid, log, cancellationToken));
            return;
        }

        var phoneNumber = _phone!.NationalNumber;
        var countryCode = _phone.CountryCode;
        Enqueue(TargetFor(PhoneNumber), (log, cancellationToken) =>
            Api.GetPhoneVerificationStatusAsync(phoneNumber, countryCode, log, cancellationToken));
    }
}
