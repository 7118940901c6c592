using Newtonsoft.Json;

namespace Authy.Http;

/// <summary>
/// Turns an HTTP reply into a success body or an <see cref="AuthyApiException"/>, reading the API as
/// leniently as it needs (docs/api/authy.md §4): <c>success</c> as bool or the string "true",
/// <c>error_code</c> as string or number, <c>errors</c> possibly empty, field errors duplicated at the
/// top level, a Content-Type that cannot be trusted, and non-JSON bodies on 5xx.
/// </summary>
public static class AuthyReplyParser
{
    // Envelope keys that are not field errors when they appear at the top level of an error reply.
    private static readonly HashSet<string> EnvelopeKeys = new HashSet<string>(StringComparer.Ordinal)
    {
        "message", "success", "errors", "error_code", "token", "device",
    };

    /// <summary>Returns the JSON object of a successful reply, or throws what went wrong.</summary>
    /// <param name="statusCode">HTTP status.</param>
    /// <param name="body">Body text; the Content-Type is ignored on purpose.</param>
    /// <param name="outcomeUnknownOnServerError">
    /// True for requests that must not be repeated: a 5xx without an Authy error code then means
    /// the request may or may not have been carried out.
    /// </param>
    public static JObject ParseOrThrow(int statusCode, string body, bool outcomeUnknownOnServerError = false)
    {
        var json = TryParseObject(body);
        if (statusCode == 200)
        {
            if (json == null)
            {
                throw new AuthyApiException(
                    statusCode, null, Summarise("Authy answered with a reply that is not a JSON object", body), malformedReply: true);
            }

            // An explicit success:false on a 200 is an error; a missing success flag is tolerated
            // because the oldest replies had none.
            var success = json["success"];
            if (success == null)
            {
                return json;
            }

            switch (success.Type)
            {
                case JTokenType.Boolean:
                case JTokenType.String:
                case JTokenType.Null:
                    if (IsTrue(success))
                    {
                        return json;
                    }

                    if (json["error_code"] == null && json["message"] == null && json["errors"] == null)
                    {
                        // Neither a success nor an Authy error: nothing says what happened.
                        throw new AuthyApiException(
                            statusCode, null, Summarise("Authy answered with a 'success' flag that is not true and no error", body), malformedReply: true);
                    }

                    throw FromEnvelope(statusCode, json, outcomeUnknown: false);
                default:
                    // A number or container is no answer at all: never read it as a success.
                    throw new AuthyApiException(
                        statusCode,
                        JsonText(json["error_code"]),
                        Summarise("Authy answered with a 'success' flag that is neither true nor false", body),
                        malformedReply: true);
            }
        }

        throw ErrorFor(statusCode, body, json, outcomeUnknownOnServerError);
    }

    /// <summary>The exception a non-200 reply stands for (used also to report a failure after the last retry).</summary>
    public static AuthyApiException ErrorFor(int statusCode, string body, bool outcomeUnknownOnServerError = false) =>
        ErrorFor(statusCode, body, TryParseObject(body), outcomeUnknownOnServerError);

    private static AuthyApiException ErrorFor(int statusCode, string body, JObject? json, bool outcomeUnknownOnServerError)
    {
        var unknown = outcomeUnknownOnServerError && statusCode >= 500;
        if (json != null && (json["error_code"] != null || json["message"] != null || json["errors"] != null))
        {
            // A reply carrying an Authy error code is Authy's definite answer, even on a 5xx.
            return FromEnvelope(statusCode, json, unknown && JsonText(json["error_code"]) == null);
        }

        return new AuthyApiException(
            statusCode,
            null,
            Summarise($"Authy answered HTTP {statusCode} {ReasonPhrase(statusCode)} without an Authy error", body),
            malformedReply: json == null && statusCode < 500,
            outcomeUnknown: unknown);
    }

    /// <summary>True for JSON true and for the strings "true"/"True" (verify returns a string, 1.5).</summary>
    public static bool IsTrue(JToken? token)
    {
        if (token == null)
        {
            return false;
        }

        switch (token.Type)
        {
            case JTokenType.Boolean:
                return token.Value<bool>();
            case JTokenType.String:
                var text = token.Value<string>();
                return string.Equals(text, "true", StringComparison.OrdinalIgnoreCase) || text == "1";
            case JTokenType.Integer:
                return token.Value<long>() != 0;
            default:
                return false;
        }
    }

    /// <summary>A scalar as text (numbers in invariant form), null for null/absent/containers.</summary>
    public static string? JsonText(JToken? token)
    {
        if (token == null)
        {
            return null;
        }

        switch (token.Type)
        {
            case JTokenType.String:
                return token.Value<string>();
            case JTokenType.Integer:
                return token.Value<long>().ToString(CultureInfo.InvariantCulture);
            case JTokenType.Float:
                return token.Value<double>().ToString(CultureInfo.InvariantCulture);
            case JTokenType.Boolean:
                return token.Value<bool>() ? "true" : "false";
            default:
                return null;
        }
    }

    /// <summary>Builds the exception for an error envelope.</summary>
    public static AuthyApiException FromEnvelope(int statusCode, JObject json, bool outcomeUnknown)
    {
        var errorCode = JsonText(json["error_code"]);
        var errors = json["errors"] as JObject;
        var message = JsonText(errors?["message"]) ?? JsonText(json["message"]) ?? $"Authy answered HTTP {statusCode}";

        var fieldErrors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (errors != null)
        {
            foreach (var property in errors.Properties())
            {
                AddFieldError(fieldErrors, property);
            }
        }

        // Old bodies and some endpoints put field errors only at the top level.
        foreach (var property in json.Properties())
        {
            if (!EnvelopeKeys.Contains(property.Name) && !fieldErrors.ContainsKey(property.Name))
            {
                AddFieldError(fieldErrors, property);
            }
        }

        return new AuthyApiException(statusCode, errorCode, message, fieldErrors, outcomeUnknown: outcomeUnknown);
    }

    private static void AddFieldError(Dictionary<string, string> fieldErrors, JProperty property)
    {
        if (property.Name == "message")
        {
            return;
        }

        var text = property.Value is JArray array ? string.Join(", ", Texts(array)) : JsonText(property.Value);
        if (!string.IsNullOrEmpty(text))
        {
            fieldErrors[property.Name] = text!;
        }
    }

    private static IEnumerable<string> Texts(IEnumerable<JToken> items)
    {
        foreach (var item in items)
        {
            var text = JsonText(item);
            if (text != null)
            {
                yield return text;
            }
        }
    }

    /// <summary>The body as one JSON object (dates kept as text, depth capped), or null when it is not one.</summary>
    internal static JObject? TryParseObject(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            using (var reader = new JsonTextReader(new System.IO.StringReader(body)))
            {
                // Dates stay text: the model decides how to read each field.
                reader.DateParseHandling = DateParseHandling.None;
                reader.FloatParseHandling = FloatParseHandling.Double;
                reader.MaxDepth = 64;
                var token = JToken.ReadFrom(reader);
                while (reader.Read())
                {
                    // Trailing content other than comments makes the body invalid.
                    if (reader.TokenType != JsonToken.Comment)
                    {
                        return null;
                    }
                }

                return token as JObject;
            }
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>What went wrong, with enough of the body to recognise it (an HTML error page), never all of a huge one.</summary>
    internal static string Summarise(string what, string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return what + " (empty body).";
        }

        // Enough of the body to recognise an HTML error page, never the whole of a huge one.
        var flat = body.Replace('\r', ' ').Replace('\n', ' ').Trim();
        const int MaxShown = 120;
        if (flat.Length > MaxShown)
        {
            flat = flat.Substring(0, MaxShown) + "...";
        }

        return what + ": " + flat;
    }

    private static string ReasonPhrase(int statusCode)
    {
        switch (statusCode)
        {
            case 400: return "(Bad Request)";
            case 401: return "(Unauthorized)";
            case 403: return "(Forbidden)";
            case 404: return "(Not Found)";
            case 429: return "(Too Many Requests)";
            case 500: return "(Internal Server Error)";
            case 502: return "(Bad Gateway)";
            case 503: return "(Service Unavailable)";
            case 504: return "(Gateway Timeout)";
            default: return string.Empty;
        }
    }
}
