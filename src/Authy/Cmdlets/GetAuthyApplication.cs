namespace Authy.Cmdlets;

/// <summary>Get-AuthyApplication: the application the API key belongs to, its plan and enabled features (app/details, docs/api/authy.md §2.19).</summary>
[Cmdlet(VerbsCommon.Get, "AuthyApplication")]
[OutputType(typeof(AuthyApplication))]
public sealed class GetAuthyApplicationCommand : AuthyCmdlet
{
    /// <summary>The IP address of the person the request is made for, passed on to Authy.</summary>
    [Parameter]
    [Alias("user_ip", "IpAddress")]
    [ValidateIpAddress]
    public string? UserIp { get; set; }

    protected override void ProcessRecord()
    {
        var userIp = UserIp;
        Enqueue(null, (log, cancellationToken) => Api.GetApplicationAsync(userIp, log, cancellationToken));
    }
}
