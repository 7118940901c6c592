namespace Authy.Cmdlets.Infrastructure;

/// <summary>
/// Base of the Authy user cmdlets that pass on the IP address of the person a request is made for (Get-AuthyUser,
/// Remove-AuthyUser, Register-AuthyUserActivity): -UserIp and its per-record check, written once.
/// </summary>
public abstract class AuthyUserIpCmdlet : AuthyUserCmdlet
{
    /// <summary>The IP address of the person the request is made for, passed on to Authy.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("user_ip", "IpAddress")]
    public string? UserIp { get; set; }

    /// <summary>The current record's -UserIp, trimmed, or null when none was given.</summary>
    protected string? CurrentUserIp { get; private set; }

    /// <summary>
    /// The Authy id (the base's check), then -UserIp: checked here, not by an attribute, so a blank cell is none
    /// given and a bad one is this record's error.
    /// </summary>
    protected override bool ResolveRecord()
    {
        CurrentUserIp = null;
        if (!base.ResolveRecord() || !TryReadIpAddress(UserIp, out var address))
        {
            return false;
        }

        CurrentUserIp = address;
        return true;
    }
}
