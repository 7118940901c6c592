namespace Authy.Api;

/// <summary>
/// Typed Authy operations, one method per endpoint, free of PowerShell types so they can be tested
/// and reused on their own. Split by area into partial files (AuthyApi.Users.cs, ...).
/// </summary>
public sealed partial class AuthyApi
{
    // Every call uses the JSON flavour of the API (docs/api/authy.md §1.2).
    private const string Protected = "protected/json/";
    private const string OneTouch = "onetouch/json/";

    private readonly AuthyHttpClient _http;

    public AuthyApi(AuthyHttpClient http)
    {
        _http = http ?? throw new ArgumentNullException(nameof(http));
    }

    private static AuthyRequest Get(string path, RepeatSafety safety = RepeatSafety.Idempotent) =>
        new AuthyRequest(HttpMethod.Get, path, safety);

    private static AuthyRequest Post(string path, RepeatSafety safety) =>
        new AuthyRequest(HttpMethod.Post, path, safety);

    private Task<JObject> SendAsync(AuthyRequest request, IRequestLog? log, CancellationToken cancellationToken) =>
        _http.SendAsync(request, log, cancellationToken);
}
