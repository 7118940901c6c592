using Authy.Verify.Models;

namespace Authy.Cmdlets.Verify;

/// <summary>
/// Test-TwilioVerification: checks a code against a pending verification (POST
/// /v2/Services/{VA}/VerificationCheck; docs/api/verify.md §4.3). Writes $true for the right code and $false for a
/// wrong one: a wrong code leaves the verification pending and is not an error. -Detailed writes the check.
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "TwilioVerification")]
[OutputType(typeof(bool))]
[OutputType(typeof(TwilioVerificationCheck))]
public sealed class TestTwilioVerificationCommand : VerificationCmdlet
{
    private static readonly string[] CodeNames = { "Code", "Token", "VerificationCode", "Verification Code", "otp" };

    /// <summary>The code the person received: 4-10 letters or digits, as text so leading zeros count.</summary>
    /// <remarks>Checked per record in <see cref="ProcessInput"/>, not by an attribute: a blank or bad CSV cell is that record's error.</remarks>
    [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
    [Alias("Token", "VerificationCode")]
    public string? Code { get; set; }

    /// <summary>PSD2: the amount given to Send-TwilioVerification.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? Amount { get; set; }

    /// <summary>PSD2: the payee given to Send-TwilioVerification.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? Payee { get; set; }

    /// <summary>Write the check (status, SID, channel) instead of $true/$false.</summary>
    [Parameter]
    public SwitchParameter Detailed { get; set; }

    protected override void ProcessInput()
    {
        var code = ReadRequired(Code, CodeNames, "verification code", nameof(Code), "InvalidCode", VerifyRules.VerificationCode);
        if (code == null)
        {
            return;
        }

        if (!TryReadPsd2(Amount, Payee, out var amount, out var payee))
        {
            return;
        }

        // Captured now: the next record rebinds the properties while this call is still in flight.
        var sid = Sid;
        var to = sid == null ? Recipient : null;
        EnqueueVerdict(
            RecordTarget,
            Detailed.IsPresent,
            (log, cancellationToken) => Verify.CheckVerificationAsync(to, sid, code, amount, payee, log, cancellationToken),
            check => check.Valid);
    }
}
