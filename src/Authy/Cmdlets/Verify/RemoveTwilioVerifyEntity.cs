namespace Authy.Cmdlets.Verify;

/// <summary>
/// Remove-TwilioVerifyEntity: deletes an entity with all its factors and challenges (DELETE …/Entities/{Identity};
/// docs/api/verify.md §4.4). Cannot be undone: the person must enrol again, so it asks first unless -Force.
/// </summary>
[Cmdlet(VerbsCommon.Remove, "TwilioVerifyEntity", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class RemoveTwilioVerifyEntityCommand : VerifyIdentityCmdlet
{
    /// <summary>Remove without asking for confirmation.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override bool ResolveRecord() => ReadIdentity(required: true);

    protected override void ProcessInput()
    {
        var identity = CurrentIdentity;
        const string What = "Remove the Verify entity with all its factors and challenges";
        EnqueueConfirmed(RecordTarget, identity, What, Force, async (log, cancellationToken) =>
        {
            await Verify.RemoveEntityAsync(identity, log, cancellationToken).ConfigureAwait(false);
            return (object?)null;
        });
    }
}
