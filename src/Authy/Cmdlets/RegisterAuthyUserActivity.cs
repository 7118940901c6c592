using System.Collections;

namespace Authy.Cmdlets;

/// <summary>
/// Register-AuthyUserActivity: tells Authy about an event that matters for fraud checks, such as a
/// password reset or a ban (users/{id}/register_activity, docs/api/authy.md §2.5).
/// </summary>
[Cmdlet(VerbsLifecycle.Register, "AuthyUserActivity", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(AuthyOperationResult))]
public sealed class RegisterAuthyUserActivityCommand : AuthyUserCmdlet
{
    /// <summary>The kind of activity; Authy accepts only these four (2.5).</summary>
    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [Alias("ActivityType")]
    [ValidateSet("password_reset", "banned", "unbanned", "cookie_login")]
    public string Type { get; set; } = string.Empty;

    /// <summary>The IP address of the user the activity concerns.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("user_ip", "IpAddress")]
    [ValidateIpAddress]
    public string? UserIp { get; set; }

    /// <summary>Details of the activity, e.g. <c>@{ reason = 'spam'; attempts_count = 3 }</c>; sent as data[key]=value.</summary>
    [Parameter]
    public IDictionary? Data { get; set; }

    protected override void ProcessInput()
    {
        var authyId = ResolvedAuthyId;
        // ValidateSet matches case-insensitively; the API wants the lower-case spelling.
        var type = Type.ToLowerInvariant();
        var userIp = UserIp;
        var data = FlatParameterHash.TryConvert(Data, nameof(Data), out var problem);
        if (data == null)
        {
            WriteInvalid("InvalidActivityData", problem!, TargetFor(authyId));
            return;
        }

        EnqueueConfirmed(TargetFor(authyId), $"Authy user {authyId}", $"Register {type} activity", (log, cancellationToken) =>
            Api.RegisterUserActivityAsync(authyId, type, userIp, data, log, cancellationToken));
    }
}
