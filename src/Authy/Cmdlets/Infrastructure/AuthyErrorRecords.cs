using Authy.Verify;

namespace Authy.Cmdlets.Infrastructure;

/// <summary>
/// Turns failures into ErrorRecords a person can act on: ErrorId <c>Authy.&lt;code&gt;</c>, a fitting
/// category, the input record as TargetObject, and a recommended action.
/// </summary>
internal static class AuthyErrorRecords
{
    /// <summary>Failures that would repeat for every following record, so they stop the pipeline.</summary>
    public static bool IsFatal(Exception failure) =>
        (failure is AuthyApiException api && api.ErrorCode == "60001")
        || (failure is TwilioApiException twilio && (twilio.Code == 20003 || twilio.Code == 20008));

    public static ErrorRecord From(Exception failure, object? target)
    {
        if (failure is AggregateException aggregate && aggregate.InnerExceptions.Count == 1)
        {
            failure = aggregate.InnerExceptions[0];
        }

        string errorId;
        ErrorCategory category;
        switch (failure)
        {
            case AuthyApiException api:
                errorId = api.ErrorId;
                category = CategoryOf(api);
                break;
            case TwilioApiException twilio:
                errorId = twilio.ErrorId;
                category = CategoryOf(twilio);
                break;
            case AuthyConnectionException connection:
                errorId = connection.ErrorId;
                category = connection.TimedOut ? ErrorCategory.OperationTimeout : ErrorCategory.ConnectionError;
                break;
            case PollTimeoutException timeout:
                // A Wait-* that ran out of time: the answer is not final yet, nothing failed.
                errorId = timeout.ErrorId;
                category = ErrorCategory.OperationTimeout;
                break;
            default:
                errorId = "Authy.UnexpectedError";
                category = ErrorCategory.NotSpecified;
                break;
        }

        var record = new ErrorRecord(failure, errorId, category, target);
        var action = RecommendedAction(failure);
        if (action != null)
        {
            record.ErrorDetails = new ErrorDetails(failure.Message) { RecommendedAction = action };
        }

        return record;
    }

    /// <summary>
    /// The exception that stops the pipeline with <paramref name="record"/>, its ErrorId completed as
    /// ThrowTerminatingError completes it (<c>Authy.60001,Authy.Cmdlets.NewAuthyUserCommand</c>).
    /// </summary>
    public static AuthyTerminatingException Terminating(ErrorRecord record, Type command, string? commandName = null)
    {
        var named = new ErrorRecord(record.Exception, record.FullyQualifiedErrorId + "," + command.FullName, record.CategoryInfo.Category, record.TargetObject)
        {
            ErrorDetails = record.ErrorDetails,
        };

        // Thrown from a worker's outcome, the record has no invocation info: the activity is what the error view
        // names instead ("Send-TwilioVerification: ..." rather than "AuthenticationError: ...").
        if (commandName != null)
        {
            named.CategoryInfo.Activity = commandName;
        }

        return new AuthyTerminatingException(named);
    }

    /// <summary>
    /// A client-side validation failure, found before anything was sent; <paramref name="prefix"/> names the side
    /// (<c>Authy.</c> or <c>TwilioVerify.</c>), so a script filters one API's errors by one prefix.
    /// </summary>
    public static ErrorRecord Invalid(string errorId, string message, object? target, string prefix = "Authy.") =>
        new ErrorRecord(new ArgumentException(message), prefix + errorId, ErrorCategory.InvalidArgument, target);

    public static ErrorCategory CategoryOf(AuthyApiException api)
    {
        switch (api.ErrorCode)
        {
            case "60001":
            case "60019":
            case "60020":
            case "60022":
                return ErrorCategory.AuthenticationError;
            case "60003":
            case "60009":
            case "60010":
            case "60011":
            case "60012":
            case "60120":
                return ErrorCategory.LimitsExceeded;
            case "60006":
            case "60007":
            case "60021":
            case "60065":
            case "60091":
            case "60123":
            case "60154":
                return ErrorCategory.NotEnabled;
            case "60016":
            case "60023":
            case "60026":
            case "60049":
                return ErrorCategory.ObjectNotFound;
        }

        return CategoryOfReply(api.StatusCode, api.OutcomeUnknown, api.IsMalformedReply, conflictIsExisting: false);
    }

    public static ErrorCategory CategoryOf(TwilioApiException twilio)
    {
        switch (twilio.Code)
        {
            case 20003:
                return ErrorCategory.AuthenticationError;
            case 20008:
            case 60204:
            case 60205:
                return ErrorCategory.PermissionDenied;
            case 20404:
                return ErrorCategory.ObjectNotFound;
            case 20429:
            case 60202:
            case 60203:
            case 60212:
                return ErrorCategory.LimitsExceeded;
            case 60200:
            case 60206:
            case 60221:
                return ErrorCategory.InvalidArgument;
            case 60217:
            case 60223:
                return ErrorCategory.NotEnabled;
        }

        // Only Twilio answers 409, for a resource that already exists (60301, 60317); Authy has no such reply.
        return CategoryOfReply(twilio.StatusCode, twilio.OutcomeUnknown, twilio.IsMalformedReply, conflictIsExisting: true);
    }

    /// <summary>
    /// The category of a failed reply whose API code decided nothing, for both dialects: a lost outcome, a
    /// reply that is not the API's, then the HTTP status.
    /// </summary>
    private static ErrorCategory CategoryOfReply(int statusCode, bool outcomeUnknown, bool isMalformedReply, bool conflictIsExisting)
    {
        if (outcomeUnknown)
        {
            return ErrorCategory.OperationTimeout;
        }

        if (isMalformedReply)
        {
            return ErrorCategory.ProtocolError;
        }

        switch (statusCode)
        {
            case 400:
                return ErrorCategory.InvalidArgument;
            case 401:
                return ErrorCategory.AuthenticationError;
            case 403:
                return ErrorCategory.PermissionDenied;
            case 404:
                return ErrorCategory.ObjectNotFound;
            case 409 when conflictIsExisting:
                return ErrorCategory.ResourceExists;
            case 429:
                return ErrorCategory.LimitsExceeded;
            default:
                return statusCode >= 500 ? ErrorCategory.ResourceUnavailable : ErrorCategory.NotSpecified;
        }
    }

    /// <summary>What to do about a Twilio error, ending with Twilio's page about it when the reply named one.</summary>
    internal static string? TwilioAction(TwilioApiException twilio)
    {
        string? action;
        switch (twilio.Code)
        {
            case 20003:
                action = "Check the SID and secret (Get-TwilioVerifyConnection shows the SID and the secret's last four characters) and connect again with Connect-TwilioVerify.";
                break;
            case 20404:
                action = "The verification is approved, expired, canceled or was never started: start a new one with Send-TwilioVerification.";
                break;
            case 20429:
                action = "Twilio is limiting the request rate: lower -ThrottleLimit, or wait and run the command again.";
                break;
            case 60202:
                action = "Do not check this verification again: start a new one once it expires or is canceled.";
                break;
            case 60203:
                action = "Do not send to this number again for now: wait for the verification to expire (10 minutes) or cancel it with Stop-TwilioVerification.";
                break;
            case 60200:
                action = "Correct the parameter named in the message and send the record again.";
                break;
            default:
                action = twilio.OutcomeUnknown ? "Check whether it took effect before sending it again." : null;
                break;
        }

        if (twilio.MoreInfo != null)
        {
            action = (action == null ? string.Empty : action + " ") + "See " + twilio.MoreInfo.AbsoluteUri;
        }

        return action;
    }

    private static string? RecommendedAction(Exception failure)
    {
        if (failure is PollTimeoutException timeout)
        {
            return timeout.RecommendedAction;
        }

        if (failure is TwilioApiException twilio)
        {
            return TwilioAction(twilio);
        }

        if (failure is AuthyConnectionException verifyConnection && verifyConnection.ErrorId.StartsWith("TwilioVerify.", StringComparison.Ordinal))
        {
            return verifyConnection.OutcomeUnknown
                ? "Check whether it took effect (Get-TwilioVerification, or the emulator's /_emulator/messages) before sending it again."
                : verifyConnection.TimedOut
                    ? "Check the network, or allow more time with Connect-TwilioVerify -Timeout."
                    : "Check the URLs (Get-TwilioVerifyConnection), the network and any proxy (Connect-TwilioVerify -Proxy).";
        }

        if (failure is AuthyConnectionException connection)
        {
            return connection.OutcomeUnknown
                ? "Check whether it took effect (Get-AuthyUser, the emulator's message log or the Authy console) before sending it again."
                : connection.TimedOut
                    ? "Check the network, or allow more time with Connect-Authy -Timeout."
                    : "Check the API URL (Get-AuthyConnection), the network and any proxy (Connect-Authy -Proxy).";
        }

        if (!(failure is AuthyApiException api))
        {
            return null;
        }

        if (api.OutcomeUnknown)
        {
            return "Check whether it took effect before sending it again.";
        }

        switch (api.ErrorCode)
        {
            case "60001":
                return "Check the key (Get-AuthyConnection shows its last four characters) and connect again with Connect-Authy.";
            case "60003":
                return "Authy is limiting the request rate: lower -ThrottleLimit, or wait and run the command again.";
            case "60026":
                return "Check the AuthyId: the user does not exist, or was removed.";
            case "60027":
                return "Correct the fields named in the message and send the record again.";
            case "60049":
                return "Check the Uuid: the approval request does not exist for this application.";
            default:
                return null;
        }
    }
}
