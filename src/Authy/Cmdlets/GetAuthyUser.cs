namespace Authy.Cmdlets;

/// <summary>Get-AuthyUser: reads a user's status (users/{id}/status, docs/api/authy.md §2.3).</summary>
[Cmdlet(VerbsCommon.Get, "AuthyUser")]
[OutputType(typeof(AuthyUserStatus))]
public sealed class GetAuthyUserCommand : AuthyUserCmdlet
{
    /// <summary>The IP address of the user the request is made for, passed on to Authy for its risk checks.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("user_ip", "IpAddress")]
    public string? UserIp { get; set; }

    protected override void ProcessInput()
    {
        // Checked here, not by an attribute: a blank -UserIp cell is none given, a bad one is this record's error.
        if (!TryReadIpAddress(UserIp, out var userIp))
        {
            return;
        }

        var authyId = ResolvedAuthyId;
        Enqueue(TargetFor(authyId), (log, cancellationToken) => Api.GetUserStatusAsync(authyId, userIp, log, cancellationToken));
    }
}
