using System.Security;

namespace Authy.Http;

/// <summary>
/// The Authy API's dialect: the key in the <c>X-Authy-API-Key</c> header, Rack bracket parameters (built by
/// the Api layer with <see cref="RequestParameters.AddHash"/>), and the Authy envelope read by
/// <see cref="AuthyReplyParser"/>.
/// </summary>
public sealed class AuthyDialect : ApiDialect
{
    private const string ApiKeyHeader = "X-Authy-API-Key";
    private readonly SecureString _apiKey;

    public AuthyDialect(SecureString apiKey)
    {
        _apiKey = apiKey ?? throw new ArgumentNullException(nameof(apiKey));
    }

    public override string ServiceName => "Authy";

    public override void Authorize(HttpRequestMessage message) =>
        message.Headers.TryAddWithoutValidation(ApiKeyHeader, SecureText.Reveal(_apiKey));

    public override string Redact(string text) => Replace(text, SecureText.Reveal(_apiKey));

    public override JObject ParseOrThrow(int statusCode, string body, bool notRepeatable) =>
        AuthyReplyParser.ParseOrThrow(statusCode, body, notRepeatable);

    public override Exception ErrorFor(int statusCode, string body, bool notRepeatable) =>
        AuthyReplyParser.ErrorFor(statusCode, body, notRepeatable);
}
