using Authy.Session;
using Authy.Verify.Models;

namespace Authy.Cmdlets.Verify;

/// <summary>
/// Get-TwilioVerifyService: with no argument every Verify service of the account (GET /v2/Services, all pages,
/// streamed: each page is fetched only when the pipeline asks for more, so Select-Object -First stops the
/// paging); with -ServiceSid (or piped services or SIDs) those services; with -Current the session's.
/// </summary>
[Cmdlet(VerbsCommon.Get, "TwilioVerifyService", DefaultParameterSetName = ListSet)]
[OutputType(typeof(TwilioVerifyService))]
public sealed class GetTwilioVerifyServiceCommand : VerifyPipelineCmdlet
{
    private const string ListSet = "List";
    private const string SidSet = "Sid";
    private const string CurrentSet = "Current";

    /// <summary>The service to fetch: VA and 32 hexadecimal digits.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = SidSet)]
    [Alias("Sid", "service_sid")]
    public string? ServiceSid { get; set; }

    /// <summary>Fetch the service the session uses (Connect-TwilioVerify -ServiceSid).</summary>
    [Parameter(Mandatory = true, ParameterSetName = CurrentSet)]
    public SwitchParameter Current { get; set; }

    /// <summary>Services per page when listing, 1 to 1000 (Twilio's default is 50).</summary>
    [Parameter(ParameterSetName = ListSet)]
    [WholeNumber]
    [ValidateRange(1, 1000)]
    public int? PageSize { get; set; }

    protected override bool ResolveRecord()
    {
        if (ParameterSetName != SidSet)
        {
            return true;
        }

        var problem = Authy.Session.VerifySession.CheckSid(ServiceSid, "VA", "service SID");
        if (problem != null)
        {
            WriteInvalidValue("InvalidServiceSid", problem, ServiceSid);
            return false;
        }

        return true;
    }

    protected override void ProcessInput()
    {
        switch (ParameterSetName)
        {
            case SidSet:
                var sid = ServiceSid!;
                Enqueue(TargetFor(sid), (log, cancellationToken) => Verify.GetServiceAsync(sid, log, cancellationToken));
                break;
            case CurrentSet:
                var current = VerifySession.ServiceSid;
                Enqueue(current, (log, cancellationToken) => Verify.GetServiceAsync(current, log, cancellationToken));
                break;
            default:
                // Each service as its page arrives, with one -Verbose line per page fetched.
                var pageSize = PageSize;
                WriteList(null, log => Verify.ListServices(pageSize, log, CancellationToken));
                break;
        }
    }
}
