using Authy.Verify.Models;

namespace Authy.Cmdlets.Verify;

/// <summary>
/// New-TwilioVerifyEntity: creates the entity an identity names (POST /v2/Services/{VA}/Entities; docs/api/verify.md
/// 4.4). New-TwilioVerifyFactor creates it on the fly too; this is for creating people ahead of their factors.
/// An existing identity is TwilioVerify.60301.
/// </summary>
[Cmdlet(VerbsCommon.New, "TwilioVerifyEntity", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(TwilioVerifyEntity))]
public sealed class NewTwilioVerifyEntityCommand : VerifyIdentityCmdlet
{
    /// <summary>Create without asking for confirmation.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override bool ResolveRecord() => ReadIdentity(required: true);

    protected override void ProcessInput()
    {
        // Captured now: the next record rebinds the properties while this call is still in flight.
        var identity = CurrentIdentity;
        EnqueueConfirmed(RecordTarget, identity, "Create a Verify entity", Force, (log, cancellationToken) =>
            Verify.NewEntityAsync(identity, log, cancellationToken));
    }
}
