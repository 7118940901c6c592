namespace Authy.Api;

/// <summary>One-time tokens: send by SMS, call or email, and verify (docs/api/authy.md §2.6–§2.9).</summary>
public sealed partial class AuthyApi
{
    /// <summary>Longest <c>action</c> and <c>action_message</c> Authy takes (2.6, seegno's limit).</summary>
    public const int MaxActionLength = 255;

    /// <summary>The channel of <see cref="SendSmsTokenAsync"/>: its path segment and the result's Channel.</summary>
    public const string SmsChannel = "sms";

    /// <summary>The channel of <see cref="StartCallTokenAsync"/>: its path segment and the result's Channel.</summary>
    public const string CallChannel = "call";

    /// <summary>Sends a token by SMS (2.6); an "ignored" reply is a result, not an error.</summary>
    public Task<AuthyTokenDelivery> SendSmsTokenAsync(
        long authyId, bool force, string? action, string? actionMessage, string? locale, IRequestLog? log, CancellationToken cancellationToken) =>
        SendPhoneTokenAsync(SmsChannel, authyId, force, action, actionMessage, locale, log, cancellationToken);

    /// <summary>Reads a token to the user in a voice call (2.7); an "ignored" reply is a result, not an error.</summary>
    public Task<AuthyTokenDelivery> StartCallTokenAsync(
        long authyId, bool force, string? action, string? actionMessage, string? locale, IRequestLog? log, CancellationToken cancellationToken) =>
        SendPhoneTokenAsync(CallChannel, authyId, force, action, actionMessage, locale, log, cancellationToken);

    /// <summary>Sends a token to the user's email address (2.8).</summary>
    public async Task<AuthyTokenDelivery> SendEmailTokenAsync(long authyId, IRequestLog? log, CancellationToken cancellationToken)
    {
        var request = Post(Protected + "email/" + AuthyRequest.Segment(authyId), RepeatSafety.NotRepeatable);
        var reply = await SendAsync(request, log, cancellationToken).ConfigureAwait(false);
        return new AuthyTokenDelivery
        {
            AuthyId = authyId,
            Channel = "email",
            Sent = true,
            Email = JsonFields.String(reply, "email"),
            EmailId = JsonFields.String(reply, "email_id"),
            Message = JsonFields.String(reply, "message"),
        };
    }

    /// <summary>
    /// Verifies a token (2.9). A wrong token (60020) or one used recently (60019) is an answer, not a
    /// failure: the result has <c>IsValid</c> false and the code. An unknown user, a bad key and every
    /// other error still throw.
    /// <c>force</c> sends <c>force=true</c>: without it Authy answers "valid" to any token of a user who
    /// has never verified one (2.9), which is why the official libraries always send it.
    /// </summary>
    public async Task<AuthyTokenVerification> VerifyTokenAsync(
        long authyId, string token, bool force, string? action, IRequestLog? log, CancellationToken cancellationToken)
    {
        // Checked here too, not only by the cmdlet: the token becomes a path segment.
        TokenRules.EnsureToken(token, nameof(token));
        EnsureActionText(action, nameof(action));

        // Not repeated after an unknown outcome: a first attempt that did verify would make the
        // repeat fail as "used recently" (60019), turning a good token into a refusal.
        var request = Get(Protected + "verify/" + AuthyRequest.Segment(token) + "/" + AuthyRequest.Segment(authyId), RepeatSafety.NotRepeatable);
        request.Parameters
            .Add("force", force ? (bool?)true : null)
            .Add("action", action);

        JObject reply;
        try
        {
            reply = await SendAsync(request, log, cancellationToken).ConfigureAwait(false);
        }
        catch (AuthyApiException refused) when (IsTokenRefusal(refused))
        {
            return new AuthyTokenVerification
            {
                AuthyId = authyId,
                IsValid = false,
                Message = refused.ApiMessage,
                ErrorCode = refused.ErrorCode ?? "60020",
            };
        }

        // success is the string "true" here (1.5), so it decides nothing: only token = "is valid" does.
        var valid = string.Equals(JsonFields.String(reply, "token"), "is valid", StringComparison.Ordinal);
        var device = JsonFields.Object(reply, "device");
        return new AuthyTokenVerification
        {
            AuthyId = authyId,
            IsValid = valid,
            Message = JsonFields.String(reply, "message"),
            Device = device != null ? ReadDevice(device) : null,
            ErrorCode = valid ? null : JsonFields.String(reply, "error_code"),
        };
    }

    /// <summary>
    /// Sends a token by <paramref name="channel"/>, <see cref="SmsChannel"/> or <see cref="CallChannel"/>: the two
    /// endpoints take the same parameters and answer alike (2.6, 2.7), so Send-AuthySms and Invoke-AuthyCall
    /// differ only by the channel.
    /// </summary>
    internal async Task<AuthyTokenDelivery> SendPhoneTokenAsync(
        string channel, long authyId, bool force, string? action, string? actionMessage, string? locale,
        IRequestLog? log, CancellationToken cancellationToken)
    {
        EnsureActionText(action, nameof(action));
        EnsureActionText(actionMessage, nameof(actionMessage));

        // A GET that sends a message: never repeated when Authy may have acted on it.
        var request = Get(Protected + channel + "/" + AuthyRequest.Segment(authyId), RepeatSafety.NotRepeatable);
        request.Parameters
            .Add("force", force ? (bool?)true : null)
            .Add("action", action)
            .Add("action_message", actionMessage)
            .Add("locale", locale);

        var reply = await SendAsync(request, log, cancellationToken).ConfigureAwait(false);

        // The ignored and device keys are present only when nothing was sent (2.6, 2.7).
        var ignored = JsonFields.Bool(reply, "ignored");
        return new AuthyTokenDelivery
        {
            AuthyId = authyId,
            Channel = channel,
            Sent = !ignored,
            Ignored = ignored,
            Cellphone = JsonFields.String(reply, "cellphone"),
            Device = JsonFields.String(reply, "device"),
            Message = JsonFields.String(reply, "message"),
        };
    }

    /// <summary>
    /// 401 with 60020 (wrong) or 60019 (used recently); also the oldest replies, which had no error code
    /// but the text "Token is invalid." (1.6).
    /// </summary>
    private static bool IsTokenRefusal(AuthyApiException refused) =>
        refused.StatusCode == 401
        && (refused.ErrorCode == "60020" || refused.ErrorCode == "60019"
            || (refused.ErrorCode == null && refused.ApiMessage.StartsWith("Token is invalid", StringComparison.Ordinal)));

    private static void EnsureActionText(string? text, string parameterName)
    {
        if (text != null && text.Length > MaxActionLength)
        {
            throw new ArgumentException($"{parameterName} has {text.Length} characters; Authy takes at most {MaxActionLength}.", parameterName);
        }
    }
}
