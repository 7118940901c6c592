using System.Net.Http.Headers;
using System.Security;
using System.Text;

namespace Authy.Verify;

/// <summary>
/// Twilio Verify v2 and Lookup v2 (docs/api/verify.md §1–§3): HTTP Basic with an Account SID and Auth Token or an
/// API key SID and secret, PascalCase/dotted form names (built by the Api layer), the
/// <c>code/message/more_info/status</c> error envelope, and 60202/60203 as 429s that are never repeated.
/// </summary>
public sealed class VerifyDialect : ApiDialect
{
    private readonly string _user;
    private readonly SecureString _secret;

    /// <param name="user">The Account SID (<c>AC…</c>) or API key SID (<c>SK…</c>); not a secret.</param>
    /// <param name="secret">The Auth Token or the API key secret.</param>
    public VerifyDialect(string user, SecureString secret)
    {
        _user = user ?? throw new ArgumentNullException(nameof(user));
        _secret = secret ?? throw new ArgumentNullException(nameof(secret));
    }

    public override string ServiceName => "Twilio Verify";

    public override string ErrorIdPrefix => "TwilioVerify";

    public override void Authorize(HttpRequestMessage message) =>
        message.Headers.Authorization = new AuthenticationHeaderValue("Basic", Encoded());

    public override string Redact(string text)
    {
        var secret = SecureText.Reveal(_secret);
        // The secret itself, and the header value it travels in, should either ever be echoed back.
        return Replace(Replace(text, secret), secret.Length > 0 ? Encoded() : string.Empty);
    }

    internal override AttemptOutcome Classify(int statusCode, string body)
    {
        var outcome = RetryPolicy.Classify(statusCode);
        if (outcome == AttemptOutcome.Throttled && TwilioApiException.IsFinalLimitCode(Read(body)?.Code))
        {
            // Max check / send attempts: a 429 that another attempt would only repeat (issue 10).
            return AttemptOutcome.Final;
        }

        return outcome;
    }

    public override JObject ParseOrThrow(int statusCode, string body, bool notRepeatable) =>
        ReadSuccess(statusCode, body) ?? throw ErrorFor(statusCode, body, notRepeatable);

    public override Exception ErrorFor(int statusCode, string body, bool notRepeatable) =>
        MapError(statusCode, body, notRepeatable);

    /// <summary>The body of a 2xx reply (a 204's empty body as an empty object), or null for any other status.</summary>
    public static JObject? ReadSuccess(int statusCode, string body)
    {
        if (statusCode < 200 || statusCode > 299)
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(body))
        {
            if (statusCode == 204)
            {
                return new JObject();
            }

            throw new TwilioApiException(statusCode, null, $"Twilio answered HTTP {statusCode.ToString(CultureInfo.InvariantCulture)} with an empty body", malformedReply: true);
        }

        return AuthyReplyParser.TryParseObject(body)
            ?? throw new TwilioApiException(statusCode, null, AuthyReplyParser.Summarise("Twilio answered with a reply that is not a JSON object", body), malformedReply: true);
    }

    /// <summary>The exception an error reply stands for: the Twilio envelope when there is one, else the status.</summary>
    public static TwilioApiException MapError(int statusCode, string body, bool notRepeatable)
    {
        var unknown = notRepeatable && statusCode >= 500;
        var envelope = Read(body);
        if (envelope != null)
        {
            // A Twilio code is Twilio's definite answer, even on a 5xx.
            return new TwilioApiException(statusCode, envelope.Code, envelope.Message ?? $"Twilio answered HTTP {statusCode.ToString(CultureInfo.InvariantCulture)}", envelope.MoreInfo, outcomeUnknown: unknown && envelope.Code == null);
        }

        return new TwilioApiException(
            statusCode,
            null,
            AuthyReplyParser.Summarise($"Twilio answered HTTP {statusCode.ToString(CultureInfo.InvariantCulture)} without a Twilio error", body),
            malformedReply: statusCode < 500 && AuthyReplyParser.TryParseObject(body) == null,
            outcomeUnknown: unknown);
    }

    private string Encoded()
    {
        var secret = SecureText.Reveal(_secret);
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(_user + ":" + secret));
    }

    private sealed class Envelope
    {
        public int? Code;
        public string? Message;
        public Uri? MoreInfo;
    }

    private static Envelope? Read(string body)
    {
        var json = AuthyReplyParser.TryParseObject(body);
        if (json == null || (json["code"] == null && json["message"] == null))
        {
            return null;
        }

        int? code = null;
        var token = json["code"];
        if (token != null && (token.Type == JTokenType.Integer || token.Type == JTokenType.String)
            && int.TryParse(AuthyReplyParser.JsonText(token), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
        {
            code = parsed;
        }

        Uri? moreInfo = null;
        var link = AuthyReplyParser.JsonText(json["more_info"]);
        if (link != null && Uri.TryCreate(link, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
        {
            moreInfo = uri;
        }

        var message = AuthyReplyParser.JsonText(json["message"]);
        var detail = AuthyReplyParser.JsonText(json["detail"]);
        if (detail != null && message != null && detail != message)
        {
            // 401 bodies explain themselves in 'detail' (docs/api/verify.md §1.2).
            message = message.TrimEnd('.') + ": " + detail;
        }

        return new Envelope { Code = code, Message = message, MoreInfo = moreInfo };
    }
}
