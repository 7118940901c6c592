using System.IO;
using System.Security.Cryptography;
using System.Text;
using Newtonsoft.Json;
using static Authy.Signing.SigningPrimitives;

namespace Authy.Signing;

/// <summary>
/// The <c>X-Authy-Signature</c> of a OneTouch callback (docs/api/authy.md §2.14):
/// <c>Base64(HMAC-SHA256(key = API key as UTF-8, data = NONCE|METHOD|URL|PARAMS))</c>, where URL is the
/// callback URL as Authy called it without its query string, and PARAMS is Rails <c>to_query</c> of the
/// parameter hash: the JSON body of a POST, the decoded query string of a GET.
/// </summary>
public static class CallbackSignature
{
    private static readonly char[] QueryOrFragmentStart = { '?', '#' };

    public const string SignatureHeader = "X-Authy-Signature";
    public const string NonceHeader = "X-Authy-Signature-Nonce";

    /// <summary>The signed text. The key is not part of it, so it may be logged.</summary>
    public static string Canonical(string nonce, string method, string url, JObject parameters) =>
        nonce + "|" + method.ToUpperInvariant() + "|" + UrlWithoutQuery(url) + "|" + RailsQuery.ToQuery(parameters);

    /// <summary>The signature Authy would send for this callback.</summary>
    public static string Compute(byte[] key, string nonce, string method, string url, JObject parameters) =>
        Convert.ToBase64String(Hmac(key, Canonical(nonce, method, url, parameters)));

    /// <summary>
    /// Whether <paramref name="signature"/> is the callback's signature. The comparison takes the same
    /// time wherever the first difference is, so a caller cannot learn the signature byte by byte.
    /// </summary>
    public static bool Verify(byte[] key, string nonce, string method, string url, JObject parameters, string? signature)
    {
        if (key == null)
        {
            throw new ArgumentNullException(nameof(key));
        }

        if (string.IsNullOrWhiteSpace(signature))
        {
            return false;
        }

        // Compared as Base64 text, as Authy's own libraries do: a signature with other padding bits
        // decodes to the same bytes but is not what Authy sent.
        var expected = Encoding.ASCII.GetBytes(Compute(key, nonce, method, url, parameters));
        var given = Encoding.UTF8.GetBytes(signature!.Trim());
        return FixedTimeEquals(expected, given);
    }

    /// <summary>
    /// The URL part of the signed text: everything before '?' or '#', exactly as given (scheme, host and
    /// port must be what Authy called, 2.14: behind a proxy http and https differ).
    /// </summary>
    public static string UrlWithoutQuery(string url)
    {
        var end = url.IndexOfAny(QueryOrFragmentStart);
        return end < 0 ? url : url.Substring(0, end);
    }

    /// <summary>The query string of a URL without '?', or null when it has none.</summary>
    public static string? QueryOf(string url)
    {
        var start = url.IndexOf('?');
        if (start < 0)
        {
            return null;
        }

        var end = url.IndexOf('#', start);
        return end < 0 ? url.Substring(start + 1) : url.Substring(start + 1, end - start - 1);
    }

    /// <summary>
    /// Reads a POST callback's JSON body as the parameter hash. Dates stay text and numbers keep their
    /// form, so the canonical string is built from what Authy sent. Empty text is an empty hash.
    /// </summary>
    /// <exception cref="FormatException">The body is not a JSON object.</exception>
    public static JObject ParseBody(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return new JObject();
        }

        try
        {
            using (var reader = new JsonTextReader(new StringReader(body!)))
            {
                reader.DateParseHandling = DateParseHandling.None;
                reader.FloatParseHandling = FloatParseHandling.Double;
                reader.MaxDepth = 64;
                if (JToken.ReadFrom(reader) is JObject hash)
                {
                    while (reader.Read())
                    {
                        if (reader.TokenType != JsonToken.Comment)
                        {
                            throw new FormatException("The body has content after its JSON object.");
                        }
                    }

                    return hash;
                }
            }
        }
        catch (JsonException invalid)
        {
            throw new FormatException("The body is not JSON: " + invalid.Message, invalid);
        }

        throw new FormatException("The body is JSON but not an object.");
    }

    /// <summary>
    /// How old the nonce (unix seconds as text, possibly with a fraction) is at <paramref name="now"/>;
    /// null when it is not a number.
    /// </summary>
    public static TimeSpan? NonceAge(string nonce, DateTimeOffset now)
    {
        if (!double.TryParse(nonce.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) ||
            double.IsNaN(seconds) || double.IsInfinity(seconds) || seconds < 0 || seconds > 253402300799)
        {
            return null;
        }

        var unixNow = (now.UtcTicks - DateTimeOffset.FromUnixTimeSeconds(0).UtcTicks) / (double)TimeSpan.TicksPerSecond;
        return TimeSpan.FromSeconds(unixNow - seconds);
    }

    private static byte[] Hmac(byte[] key, string data)
    {
        using (var hmac = new HMACSHA256(key))
        {
            return hmac.ComputeHash(Encoding.UTF8.GetBytes(data));
        }
    }
}
