namespace Authy.Cmdlets.Infrastructure;

/// <summary>
/// Base of the two cmdlets that read the application itself (Get-AuthyApplication, Get-AuthyApplicationStatistics):
/// no record, one read per call, with the optional -UserIp Authy passes on. Each says only what it reads.
/// </summary>
public abstract class AuthyApplicationCmdlet<T> : AuthyCmdlet
{
    /// <summary>The IP address of the person the request is made for, passed on to Authy.</summary>
    [Parameter]
    [Alias("user_ip", "IpAddress")]
    [ValidateIpAddress]
    public string? UserIp { get; set; }

    /// <summary>The read, given -UserIp; a list result is written one element per object.</summary>
    private protected abstract Task<T> ReadAsync(string? userIp, IRequestLog log, CancellationToken cancellationToken);

    protected override void ProcessRecord()
    {
        var userIp = UserIp;
        Enqueue(null, (log, cancellationToken) => ReadAsync(userIp, log, cancellationToken));
    }
}
