using Authy.Verify.Models;

namespace Authy.Cmdlets.Verify;

/// <summary>
/// Get-TwilioVerification: fetches a verification by its SID or by the To of the pending one (GET
/// /v2/Services/{VA}/Verifications/{Sid}; docs/api/verify.md §4.2). An approved or expired one is gone (20404);
/// a canceled one stays readable.
/// </summary>
[Cmdlet(VerbsCommon.Get, "TwilioVerification")]
[OutputType(typeof(TwilioVerification))]
public sealed class GetTwilioVerificationCommand : VerificationCmdlet
{
    protected override void ProcessInput()
    {
        var target = Target;
        Enqueue(RecordTarget, (log, cancellationToken) => Verify.GetVerificationAsync(target, log, cancellationToken));
    }
}
