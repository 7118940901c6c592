namespace Authy.Emulator.Json;

/// <summary>
/// The error bodies of docs/api/authy.md §1.6 and §3, byte for byte. Two field orders exist:
/// user/token errors start with "message"; API-key, phone-verification and phone-info errors start
/// with "error_code". error_code is always a string (java parses it with Integer.parseInt).
/// </summary>
public static class Envelopes
{
    public const string InvalidApiKeyText = "Invalid API key";
    public const string UserNotFoundText = "User not found.";
    public const string UserNotValidText = "User was not valid";
    public const string TokenInvalidText = "Token is invalid";
    public const string TokenReusedText = "Token is invalid. Token was used recently.";
    public const string RateLimitText = "DoS protection";

    /// <summary><c>{"message":M,"success":false,"errors":{"message":M},"error_code":C}</c></summary>
    public static ApiResponse MessageFirst(int status, string code, string message) =>
        ApiResponse.Error(status, new JsonObject
        {
            ["message"] = message,
            ["success"] = false,
            ["errors"] = new JsonObject { ["message"] = message },
            ["error_code"] = code,
        });

    /// <summary><c>{"error_code":C,"message":M,"errors":{"message":M},"success":false}</c></summary>
    public static ApiResponse CodeFirst(int status, string code, string message) =>
        ApiResponse.Error(status, new JsonObject
        {
            ["error_code"] = code,
            ["message"] = message,
            ["errors"] = new JsonObject { ["message"] = message },
            ["success"] = false,
        });

    /// <summary>401/60001 (docs/api/authy.md §1.3, §5).</summary>
    public static ApiResponse InvalidApiKey() => CodeFirst(401, "60001", InvalidApiKeyText);

    /// <summary>404/60026 "User not found." (2.2, 2.3, ...).</summary>
    public static ApiResponse UserNotFound() => MessageFirst(404, "60026", UserNotFoundText);

    /// <summary>429/60003 (1.8, section 3).</summary>
    public static ApiResponse RateLimited() => CodeFirst(429, "60003", RateLimitText);

    /// <summary>400/60004 "Invalid parameter: name - Parameter is required" (2.15, section 3).</summary>
    public static ApiResponse ParameterRequired(string name) =>
        CodeFirst(400, "60004", $"Invalid parameter: {name} - Parameter is required");

    /// <summary>400/60004 "Invalid parameter: name - 'v' is not a valid Integer" (1.10).</summary>
    public static ApiResponse ParameterNotInteger(string name, string value) =>
        CodeFirst(400, "60004", $"Invalid parameter: {name} - '{value}' is not a valid Integer");

    public static ApiResponse ParameterInvalid(string name, string detail) =>
        CodeFirst(400, "60004", $"Invalid parameter: {name} - {detail}");

    /// <summary>
    /// 400/60027 with the field errors inside "errors" (before "message") and copied to the top
    /// level between "errors" and "error_code" (java/rb mocks, docs/api/authy.md §1.6).
    /// </summary>
    public static ApiResponse UserNotValid(IReadOnlyList<KeyValuePair<string, string>> fieldErrors)
    {
        var errors = new JsonObject();
        foreach (var (field, text) in fieldErrors)
        {
            errors[field] = text;
        }

        errors["message"] = UserNotValidText;
        var body = new JsonObject
        {
            ["message"] = UserNotValidText,
            ["success"] = false,
            ["errors"] = errors,
        };
        foreach (var (field, text) in fieldErrors)
        {
            body[field] = text;
        }

        body["error_code"] = "60027";
        return ApiResponse.Error(400, body);
    }

    /// <summary>401 token failure with <c>"token":"is invalid"</c> (2.9): 60020 wrong, 60019 reused.</summary>
    public static ApiResponse TokenInvalid(string code, string message) =>
        ApiResponse.Error(401, new JsonObject
        {
            ["message"] = message,
            ["token"] = "is invalid",
            ["success"] = false,
            ["errors"] = new JsonObject { ["message"] = message },
            ["error_code"] = code,
        });

    /// <summary>404/60049 with an EMPTY errors object (2.13, java mock).</summary>
    public static ApiResponse ApprovalRequestNotFound(string uuid)
    {
        var message = "Approval request not found: " + uuid;
        return ApiResponse.Error(404, new JsonObject
        {
            ["message"] = message,
            ["success"] = false,
            ["errors"] = new JsonObject(),
            ["error_code"] = "60049",
        });
    }

    /// <summary>Unknown API path: Rails answers 404; the body is the emulator's own (not documented).</summary>
    public static ApiResponse RouteNotFound() => CodeFirst(404, "60000", "Resource not found");

    /// <summary>A body Rails could not parse (e.g. broken JSON): 400/60002 "Invalid request".</summary>
    public static ApiResponse InvalidRequest() => CodeFirst(400, "60002", "Invalid request");

    /// <summary>Injected 500 fault body: JSON 60000 "An error occurred" (section 3, 60000 default error).</summary>
    public static ApiResponse InternalError() => CodeFirst(500, "60000", "An error occurred");
}
