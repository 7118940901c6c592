namespace Authy.Http;

/// <summary>
/// What differs between the APIs the one client speaks (Authy, Twilio Verify): how a request carries its
/// credentials, how a reply is read and an error envelope mapped, and which throttled replies must not be
/// repeated. Everything else (transport, timeouts, the retry rule, the request log, redaction) is the
/// client's and is shared (DESIGN.md "What the module is").
/// </summary>
public abstract class ApiDialect
{
    /// <summary>The API's name in messages: "Authy did not answer ...", "Twilio Verify did not answer ...".</summary>
    public abstract string ServiceName { get; }

    /// <summary>The start of this API's ErrorIds: <c>Authy</c> (<c>Authy.Timeout</c>), <c>TwilioVerify</c>.</summary>
    public virtual string ErrorIdPrefix => "Authy";

    /// <summary>Adds the credentials to an outgoing request (never to its URL).</summary>
    public abstract void Authorize(HttpRequestMessage message);

    /// <summary>Replaces every secret this dialect holds (and any encoded form of it) in a text bound for a log or an exception.</summary>
    public abstract string Redact(string text);

    /// <summary>The body of a successful reply, or throws the API's error.</summary>
    /// <param name="statusCode">HTTP status.</param>
    /// <param name="body">Body text (already redacted).</param>
    /// <param name="notRepeatable">The request sends a message or changes state (its outcome may be unknown on a 5xx).</param>
    public abstract JObject ParseOrThrow(int statusCode, string body, bool notRepeatable);

    /// <summary>The exception a failed reply stands for, used when the retries are spent.</summary>
    public abstract Exception ErrorFor(int statusCode, string body, bool notRepeatable);

    /// <summary>
    /// How an answered attempt ended for the retry rule. By default by status alone (429 throttled, 5xx
    /// unavailable); a dialect narrows it where the body says retrying cannot help.
    /// </summary>
    internal virtual AttemptOutcome Classify(int statusCode, string body) => RetryPolicy.Classify(statusCode);

    /// <summary>Replaces <paramref name="secret"/> in <paramref name="text"/> when it occurs.</summary>
    protected static string Replace(string text, string secret) =>
        secret.Length > 0 && text.IndexOf(secret, StringComparison.Ordinal) >= 0 ? text.Replace(secret, "[REDACTED]") : text;
}
