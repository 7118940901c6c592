using Authy.Session;
using Authy.Verify.Models;

namespace Authy.Cmdlets.Verify;

/// <summary>
/// Set-TwilioVerifyService: changes a Verify service's settings (POST /v2/Services/{Sid}; docs/api/verify.md §4.1);
/// only the settings given are sent. The service is -ServiceSid, a piped service, or else the session's.
/// </summary>
[Cmdlet(VerbsCommon.Set, "TwilioVerifyService", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(TwilioVerifyService))]
public sealed class SetTwilioVerifyServiceCommand : VerifyServiceCmdlet
{
    /// <summary>The service to change: VA and 32 hexadecimal digits; the session's when not given.</summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Sid", "service_sid")]
    public string? ServiceSid { get; set; }

    /// <summary>The new name.</summary>
    [Parameter]
    [Alias("Name")]
    public override string? FriendlyName { get; set; }

    /// <summary>Change without asking for confirmation.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    private string _sid = string.Empty;

    protected override bool ResolveRecord()
    {
        _sid = string.IsNullOrEmpty(ServiceSid) ? VerifySession.ServiceSid : ServiceSid!;
        var problem = VerifySession.CheckSid(_sid, "VA", "service SID");
        if (problem != null)
        {
            WriteInvalidValue("InvalidServiceSid", problem, ServiceSid);
            return false;
        }

        return true;
    }

    protected override void ProcessInput()
    {
        var settings = ReadSettings();
        if (settings == null)
        {
            return;
        }

        var sid = _sid;
        EnqueueConfirmed(TargetFor(sid), sid, "Change the Verify service's settings", Force, (log, cancellationToken) =>
            Verify.SetServiceAsync(sid, settings, log, cancellationToken));
    }
}
