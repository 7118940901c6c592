namespace Authy.Emulator.Verify;

/// <summary>Twilio's wire conventions: the error envelope (docs/api/verify.md §2.1) and dates (1.6).</summary>
internal static class TwilioJson
{
    /// <summary>ISO 8601 UTC, whole seconds, literal Z: "2015-07-30T20:00:00Z".</summary>
    public static string Date(DateTimeOffset time) => CompactJson.IsoTime(time);

    /// <summary>With milliseconds, as <c>send_code_attempts[].time</c> is recorded: "2021-07-15T17:24:58.007Z".</summary>
    public static string DateMillis(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static string? Date(DateTimeOffset? time) => time is { } t ? Date(t) : null;

    /// <summary>{"code", "message", "more_info", "status"}: status equals the HTTP status.</summary>
    public static ApiResponse Error(int status, int code, string message)
    {
        var body = new JsonObject
        {
            ["code"] = code,
            ["message"] = message,
            ["more_info"] = "https://www.twilio.com/docs/errors/" + code.ToString(CultureInfo.InvariantCulture),
            ["status"] = status,
        };
        return ApiResponse.Error(status, body);
    }

    /// <summary>401/20003; the recorded bodies add a singular <c>detail</c> string (2.1).</summary>
    public static ApiResponse AuthenticationFailed(string message)
    {
        var response = Error(401, 20003, message);
        response.Body["detail"] = "Your AccountSid or AuthToken was incorrect.";
        return response;
    }

    public static ApiResponse NotFound(string path) =>
        Error(404, 20404, $"The requested resource {path} was not found");

    /// <summary>400/60200 "Invalid parameter: Name" (Verify services, verifications, checks).</summary>
    public static ApiResponse InvalidParameter(string name) => Error(400, 60200, "Invalid parameter: " + name);

    /// <summary>400/60300 (Entities, Factors, Challenges).</summary>
    public static ApiResponse InvalidFactorParameter(string name) => Error(400, 60300, "Invalid parameter: " + name);

    public static ApiResponse TooManyRequests() => Error(429, 20429, "Too Many Requests");

    public static ApiResponse InternalError() => Error(500, 20500, "Internal Server Error");

    public static ApiResponse Created(JsonObject body) => new(201, body, false);

    public static ApiResponse NoContent() => new(204, new JsonObject(), false);
}

/// <summary>Thrown by handlers to answer with an error envelope from deep inside a helper.</summary>
internal sealed class TwilioErrorException : Exception
{
    public TwilioErrorException(ApiResponse response) : base(response.Body["message"]?.ToString())
    {
        Response = response;
    }

    public ApiResponse Response { get; }
}
