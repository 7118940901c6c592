using System.Collections;

namespace Authy.Cmdlets;

/// <summary>
/// Register-AuthyUserActivity: tells Authy about an event that matters for fraud checks, such as a
/// password reset or a ban (users/{id}/register_activity, docs/api/authy.md §2.5).
/// </summary>
[Cmdlet(VerbsLifecycle.Register, "AuthyUserActivity", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(AuthyOperationResult))]
public sealed class RegisterAuthyUserActivityCommand : AuthyUserIpCmdlet
{
    private static readonly string[] TypeNames = { "Type", "ActivityType" };

    /// <summary>The kind of activity; Authy accepts only these four (2.5).</summary>
    /// <remarks>
    /// -Type and -UserIp are checked per record in <see cref="ProcessInput"/>, not by ValidateSet or a validation
    /// attribute, which refuse a blank or padded CSV cell at binding without the record's number (AuthyPipelineCmdlet).
    /// A blank -Type is then the record's MissingValue error, hence AllowEmptyString.
    /// </remarks>
    [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
    [Alias("ActivityType")]
    [ArgumentCompleter(typeof(ActivityTypeCompleter))]
    public string Type { get; set; } = string.Empty;

    /// <summary>Details of the activity, e.g. <c>@{ reason = 'spam'; attempts_count = 3 }</c>; sent as data[key]=value.</summary>
    [Parameter]
    public IDictionary? Data { get; set; }

    protected override void ProcessInput()
    {
        var authyId = ResolvedAuthyId;
        var userIp = CurrentUserIp;
        var typeText = ReadRequired(Type, TypeNames, "activity type", nameof(Type), "InvalidActivityType", value => InputRules.OneOf("an activity type", value, InputRules.ActivityTypes));
        if (typeText == null)
        {
            return;
        }

        // Matched in any case; the API wants the lower-case spelling.
        var type = typeText.ToLowerInvariant();
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
