using Authy.Verify.Models;

namespace Authy.Cmdlets.Verify;

/// <summary>
/// New-TwilioVerifyService: creates a Verify service (POST /v2/Services; docs/api/verify.md §4.1). A create is not
/// repeated when its outcome is unknown, since a second try would make a second service.
/// </summary>
[Cmdlet(VerbsCommon.New, "TwilioVerifyService", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(TwilioVerifyService))]
public sealed class NewTwilioVerifyServiceCommand : VerifyServiceCmdlet
{
    /// <summary>The service's name, shown in the messages it sends.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("friendly_name", "Name")]
    public override string? FriendlyName { get; set; }

    /// <summary>Create without asking for confirmation.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override bool ResolveRecord() => true;

    protected override void ProcessInput()
    {
        var settings = ReadSettings();
        if (settings == null)
        {
            return;
        }

        if (settings.FriendlyName == null)
        {
            WriteInvalidValue("InvalidText", "-FriendlyName is empty or only white space.", FriendlyName);
            return;
        }

        EnqueueConfirmed(TargetFor(settings.FriendlyName), settings.FriendlyName, "Create a Verify service", Force, (log, cancellationToken) =>
            Verify.NewServiceAsync(settings, log, cancellationToken));
    }
}
