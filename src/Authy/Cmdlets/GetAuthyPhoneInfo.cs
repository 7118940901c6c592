namespace Authy.Cmdlets;

/// <summary>
/// Get-AuthyPhoneInfo: what Authy's Phone Intelligence knows of a number, its line type (voip, landline,
/// cellphone, unknown), carrier and porting (phones/info, docs/api/authy.md §2.18).
/// </summary>
[Cmdlet(VerbsCommon.Get, "AuthyPhoneInfo")]
[OutputType(typeof(AuthyPhoneInfo))]
public sealed class GetAuthyPhoneInfoCommand : PhoneNumberCmdlet
{
    /// <summary>The IP address of the person the lookup is for, passed on to Authy for its risk checks.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("user_ip", "IpAddress")]
    public string? UserIp { get; set; }

    protected override void ProcessInput()
    {
        // Checked here, not by an attribute: a blank -UserIp cell is none given, a bad one is this record's error.
        if (!TryReadIpAddress(UserIp, out var userIp))
        {
            return;
        }

        var phoneNumber = Phone.NationalNumber;
        var countryCode = Phone.CountryCode;
        Enqueue(TargetFor(PhoneNumber), (log, cancellationToken) =>
            Api.GetPhoneInfoAsync(phoneNumber, countryCode, userIp, log, cancellationToken));
    }
}
