using System.Security.Cryptography;

namespace Authy.Emulator.Signing;

/// <summary>
/// The OneTouch callback signature (docs/api/authy.md §2.14):
/// <c>X-Authy-Signature = Base64(HMAC-SHA256(key = API key, NONCE|METHOD|URL|PARAMS))</c>
/// where URL has no query string and PARAMS is Rails <c>to_query</c> of the parameter hash.
/// </summary>
public static class CallbackSigner
{
    public const string SignatureHeader = "X-Authy-Signature";
    public const string NonceHeader = "X-Authy-Signature-Nonce";

    public static string Sign(string apiKey, string nonce, string method, string url, JsonObject parameters) =>
        SignCanonical(apiKey, Canonical(nonce, method, url, parameters));

    public static string Canonical(string nonce, string method, string url, JsonObject parameters) =>
        nonce + "|" + method + "|" + url + "|" + RailsQueryEncoder.ToQuery(parameters);

    public static string SignCanonical(string apiKey, string canonical) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(apiKey), Encoding.UTF8.GetBytes(canonical)));
}
