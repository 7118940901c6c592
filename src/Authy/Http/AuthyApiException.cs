namespace Authy.Http;

/// <summary>
/// The Authy API answered, and the answer was not a success: an error envelope
/// (docs/api/authy.md §1.6), a non-JSON body (common on 5xx, 1.7), or a malformed success.
/// </summary>
public sealed class AuthyApiException : AuthyException
{
    private static readonly IReadOnlyDictionary<string, string> NoFieldErrors = new Dictionary<string, string>();

    public AuthyApiException(
        int statusCode,
        string? errorCode,
        string apiMessage,
        IReadOnlyDictionary<string, string>? fieldErrors = null,
        bool malformedReply = false,
        bool outcomeUnknown = false)
        : base(Describe(statusCode, errorCode, apiMessage, fieldErrors, outcomeUnknown))
    {
        StatusCode = statusCode;
        ErrorCode = errorCode;
        ApiMessage = apiMessage;
        FieldErrors = fieldErrors ?? NoFieldErrors;
        IsMalformedReply = malformedReply;
        OutcomeUnknown = outcomeUnknown;
    }

    /// <summary>HTTP status of the reply.</summary>
    public int StatusCode { get; }

    /// <summary>Authy's five-digit error code (a string on the wire), or null when the reply had none.</summary>
    public string? ErrorCode { get; }

    /// <summary>The API's own text, e.g. <c>User not found.</c></summary>
    public string ApiMessage { get; }

    /// <summary>Per-field validation messages, e.g. <c>cellphone = is invalid</c>.</summary>
    public IReadOnlyDictionary<string, string> FieldErrors { get; }

    /// <summary>The reply could not be read as an Authy reply at all.</summary>
    public bool IsMalformedReply { get; }

    /// <summary>
    /// The request may have been acted on (a 5xx without an Authy error code to a request that
    /// sends a message): it was deliberately not repeated.
    /// </summary>
    public bool OutcomeUnknown { get; }

    public override string ErrorId =>
        ErrorCode != null ? "Authy." + ErrorCode
        : OutcomeUnknown ? "Authy.OutcomeUnknown"
        : IsMalformedReply ? "Authy.MalformedReply"
        : "Authy.Http" + StatusCode;

    private static string Describe(
        int statusCode, string? errorCode, string apiMessage,
        IReadOnlyDictionary<string, string>? fieldErrors, bool outcomeUnknown)
    {
        var text = apiMessage.TrimEnd();
        if (fieldErrors != null && fieldErrors.Count > 0)
        {
            text = text.TrimEnd('.') + ": " + string.Join("; ", fieldErrors.Select(f => f.Key + " " + f.Value)) + ".";
        }

        var code = errorCode != null ? $"Authy error {errorCode}, HTTP {statusCode}" : $"HTTP {statusCode}";
        var result = $"{text} ({code})";
        if (outcomeUnknown)
        {
            result += " The outcome is unknown: the request may have been carried out, so it was not sent again. Check before retrying.";
        }

        return result;
    }
}
