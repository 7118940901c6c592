namespace Authy.Cmdlets;

/// <summary>
/// Test-AuthyPhoneVerification: checks a code sent by Start-AuthyPhoneVerification
/// (phones/verification/check, docs/api/authy.md §2.16). Returns $true or $false, so <c>if (Test-AuthyPhoneVerification ...)</c>
/// is safe; a wrong code is $false, not an error. No pending verification (60023) is an error.
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "AuthyPhoneVerification")]
[OutputType(typeof(bool), typeof(AuthyPhoneVerificationCheck))]
public sealed class TestAuthyPhoneVerificationCommand : PhoneNumberCmdlet
{
    /// <summary>The code the person received: 4-10 digits, as text so leading zeros count.</summary>
    [Parameter(Mandatory = true, Position = 2, ValueFromPipelineByPropertyName = true)]
    [Alias("verification_code", "VerificationCode")]
    [ValidateVerificationCode]
    public string Code { get; set; } = string.Empty;

    /// <summary>Return an AuthyPhoneVerificationCheck (IsValid, Message, ErrorCode) instead of $true/$false.</summary>
    [Parameter]
    public SwitchParameter Detailed { get; set; }

    protected override void ProcessInput()
    {
        var phoneNumber = Phone.NationalNumber;
        var countryCode = Phone.CountryCode;
        var code = Code;
        EnqueueVerdict(
            TargetFor(PhoneNumber),
            Detailed.IsPresent,
            (log, cancellationToken) => Api.CheckPhoneVerificationAsync(phoneNumber, countryCode, code, log, cancellationToken),
            check => check.IsValid);
    }
}
