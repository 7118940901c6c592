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
    private static readonly string[] CodeNames = { "Code", "verification_code", "VerificationCode" };

    /// <summary>The code the person received: 4-10 digits, as text so leading zeros count.</summary>
    /// <remarks>
    /// Checked per record in <see cref="ProcessInput"/>, not by a validation attribute, which refuses a blank or bad
    /// CSV cell at binding without the record's number (AuthyPipelineCmdlet); a blank one is the record's MissingValue.
    /// </remarks>
    [Parameter(Position = 2, ValueFromPipelineByPropertyName = true)]
    [Alias("verification_code", "VerificationCode")]
    public string Code { get; set; } = string.Empty;

    /// <summary>Return an AuthyPhoneVerificationCheck (IsValid, Message, ErrorCode) instead of $true/$false.</summary>
    [Parameter]
    public SwitchParameter Detailed { get; set; }

    protected override void ProcessInput()
    {
        var code = ReadRequired(Code, CodeNames, "verification code", nameof(Code), "InvalidCode", PhoneVerificationRules.VerificationCode);
        if (code == null)
        {
            return;
        }

        var phoneNumber = Phone.NationalNumber;
        var countryCode = Phone.CountryCode;
        EnqueueVerdict(
            TargetFor(PhoneNumber),
            Detailed.IsPresent,
            (log, cancellationToken) => Api.CheckPhoneVerificationAsync(phoneNumber, countryCode, code, log, cancellationToken),
            check => check.IsValid);
    }
}
