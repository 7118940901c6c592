using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using static Authy.Signing.SigningPrimitives;

namespace Authy.Verify.Signing;

/// <summary>
/// Twilio's <c>X-Twilio-Signature</c> (docs/api/verify.md §6): Base64 HMAC-SHA1, keyed with the
/// Auth Token, of the URL Twilio called followed, for a form POST, by every parameter as name then
/// value, names in ordinal order. A JSON body is not signed itself: Twilio puts
/// <c>bodySHA256=&lt;hex SHA-256 of the body&gt;</c> in the URL and signs the URL alone.
/// </summary>
/// <remarks>
/// What the official validators accept, and so this one (6, 6.1):
/// <list type="bullet">
/// <item>The URL as given, and its port variant: an explicit port removed, or the scheme's port
/// (443/80) added when there is none (twilio-csharp GetUriVariation; node and python try the same two).
/// Scheme, host and credentials keep their spelling: the host's case is signed.</item>
/// <item>Each of those with <c>'</c> in the query written <c>%27</c>, as twilio-node re-encodes it.</item>
/// <item>A repeated name contributes each distinct value once, values in ordinal order (node, python:
/// <c>Digits=5678&amp;Digits=1234&amp;Digits=1234</c> gives <c>Digits1234Digits5678</c>).</item>
/// </list>
/// The comparison takes the same time wherever the first difference is, and every variant is compared.
/// </remarks>
public static class TwilioRequestSignature
{
    private static readonly char[] AuthorityEnds = { '/', '?', '#' };

    /// <summary>The header Twilio signs its requests with.</summary>
    public const string SignatureHeader = "X-Twilio-Signature";

    /// <summary>The query parameter that carries the hex SHA-256 of a JSON (non-form) body.</summary>
    public const string BodyHashParameter = "bodySHA256";

    /// <summary>
    /// The signed text: the URL, then each name immediately followed by its value, names in ordinal
    /// order, a repeated name's distinct values in ordinal order. Holds no secret, so it may be logged.
    /// </summary>
    public static string Canonical(string url, IEnumerable<KeyValuePair<string, string>>? parameters)
    {
        if (url == null)
        {
            throw new ArgumentNullException(nameof(url));
        }

        var builder = new StringBuilder(url);
        foreach (var parameter in Grouped(parameters))
        {
            foreach (var value in parameter.Value)
            {
                builder.Append(parameter.Key).Append(value);
            }
        }

        return builder.ToString();
    }

    /// <summary>The signature Twilio sends for exactly this URL text and these parameters.</summary>
    [SuppressMessage("Security", "CA5350:Do Not Use Weak Cryptographic Algorithms", Justification = "Twilio signs X-Twilio-Signature with HMAC-SHA1; the check must use the same algorithm to match.")]
    public static string Compute(byte[] key, string url, IEnumerable<KeyValuePair<string, string>>? parameters)
    {
        if (key == null)
        {
            throw new ArgumentNullException(nameof(key));
        }

        using (var hmac = new HMACSHA1(key))
        {
            return Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes(Canonical(url, parameters))));
        }
    }

    /// <summary>
    /// Whether <paramref name="signature"/> is Twilio's signature of the URL (in any of the variants the
    /// official validators try, see <see cref="UrlVariants"/>) and parameters; <paramref name="matchedUrl"/>
    /// is the variant that matched. Every variant is compared, in constant time, whatever the outcome.
    /// </summary>
    public static bool Verify(byte[] key, string url, IEnumerable<KeyValuePair<string, string>>? parameters, string? signature, out string? matchedUrl)
    {
        if (key == null)
        {
            throw new ArgumentNullException(nameof(key));
        }

        matchedUrl = null;
        var pairs = parameters == null ? new List<KeyValuePair<string, string>>() : new List<KeyValuePair<string, string>>(parameters);

        // Compared as Base64 text, as all three official validators do (a different padding is another signature).
        var given = Encoding.UTF8.GetBytes((signature ?? string.Empty).Trim());
        var any = false;
        foreach (var variant in UrlVariants(url))
        {
            var expected = Encoding.ASCII.GetBytes(Compute(key, variant, pairs));
            var equal = FixedTimeEquals(expected, given);
            if (equal && matchedUrl == null)
            {
                matchedUrl = variant;
            }

            // Non-short-circuit: every variant costs the same whether an earlier one matched.
            any |= equal;
        }

        // An empty signature never matches: a Base64 HMAC-SHA1 is 28 characters.
        return any && given.Length > 0;
    }

    /// <summary>
    /// The whole check of one request, as Twilio's validators make it, with the reason when it fails:
    /// <list type="bullet">
    /// <item>The URL has <c>bodySHA256</c>: the body is not a form; the URL alone is signed, and
    /// <paramref name="rawBody"/> (required) must hash to every <c>bodySHA256</c> value.</item>
    /// <item>Otherwise the URL and <paramref name="formParameters"/> are signed; a
    /// <paramref name="rawBody"/> given here is a non-form body Twilio would have hashed into the URL, so
    /// the request is refused.</item>
    /// </list>
    /// The result holds no secret: not the key, not the expected signature.
    /// </summary>
    public static TwilioRequestSignatureResult Evaluate(byte[] key, string url, string? signature, IEnumerable<KeyValuePair<string, string>>? formParameters, string? rawBody)
    {
        if (key == null)
        {
            throw new ArgumentNullException(nameof(key));
        }

        if (url == null)
        {
            throw new ArgumentNullException(nameof(url));
        }

        var result = new TwilioRequestSignatureResult { Url = url };
        var bodyHashes = BodyHashValues(url);
        var hashedBody = bodyHashes.Count > 0;
        if (string.IsNullOrWhiteSpace(signature))
        {
            return Fail(result, TwilioSignatureOutcome.SignatureMissing, $"Not signed: there is no {SignatureHeader}.");
        }

        if (!hashedBody && rawBody != null)
        {
            return Fail(result, TwilioSignatureOutcome.BodyHashMissing,
                $"The body is not form-encoded but the URL has no {BodyHashParameter}: Twilio signs such a body through that parameter, so this is not Twilio's request, or not the URL it called.");
        }

        if (hashedBody && rawBody == null)
        {
            return Fail(result, TwilioSignatureOutcome.BodyMissing,
                $"The URL has {BodyHashParameter}, so the request's body is not form fields: pass the raw body so that its hash can be checked.");
        }

        var signed = hashedBody || formParameters == null
            ? new List<KeyValuePair<string, string>>()
            : new List<KeyValuePair<string, string>>(formParameters);
        result.ParameterCount = signed.Count;
        if (!Verify(key, url, signed, signature, out var matched))
        {
            var tried = UrlVariants(url);
            return Fail(result, TwilioSignatureOutcome.SignatureMismatch,
                $"The signature is not Twilio's for this request: tried the URL{(tried.Count > 1 ? "s '" + string.Join("', '", tried) + "'" : " '" + url + "'")} with {signed.Count} parameter(s). Check that the URL is the public one Twilio called (scheme, host, port, query), that every field is passed, and that the Auth Token is the account's.");
        }

        result.MatchedUrl = matched ?? string.Empty;
        if (hashedBody)
        {
            result.BodyHashChecked = true;
            var allMatch = true;
            foreach (var hash in bodyHashes)
            {
                // Non-short-circuit, as every variant above.
                allMatch &= VerifyBody(rawBody!, hash);
            }

            if (!allMatch)
            {
                return Fail(result, TwilioSignatureOutcome.BodyHashMismatch,
                    $"The URL's signature is right but the body's SHA-256 is not its {BodyHashParameter}: the body was changed, or read with another encoding or an added newline (pass it exactly as received).");
            }
        }

        result.IsValid = true;
        result.Outcome = TwilioSignatureOutcome.Valid;
        result.Message = hashedBody ? "Signed by Twilio, and the body is the one signed." : "Signed by Twilio.";
        return result;
    }

    private static TwilioRequestSignatureResult Fail(TwilioRequestSignatureResult result, TwilioSignatureOutcome outcome, string message)
    {
        result.IsValid = false;
        result.Outcome = outcome;
        result.Message = message;
        return result;
    }

    /// <summary>
    /// The URL texts the official validators try, the given one first, without repeats: the URL as given,
    /// its port variant (<see cref="PortVariant"/>), and both again with <c>'</c> in the query as <c>%27</c>.
    /// </summary>
    public static IReadOnlyList<string> UrlVariants(string url)
    {
        if (url == null)
        {
            throw new ArgumentNullException(nameof(url));
        }

        var variants = new List<string>(4);
        void Add(string candidate)
        {
            if (!variants.Contains(candidate))
            {
                variants.Add(candidate);
            }
        }

        var port = PortVariant(url);
        Add(url);
        Add(port);
        Add(EncodeQuotesInQuery(url));
        Add(EncodeQuotesInQuery(port));
        return variants;
    }

    /// <summary>
    /// twilio-csharp's GetUriVariation on the URL text: with an explicit port, the URL without it; without
    /// one, the URL with the scheme's default port (443 for https, 80 otherwise) after the host. Every other
    /// character is kept as given (scheme and host case, <c>user:pass@</c>, path, query).
    /// </summary>
    public static string PortVariant(string url)
    {
        if (url == null)
        {
            throw new ArgumentNullException(nameof(url));
        }

        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd < 0)
        {
            return url;
        }

        var authorityStart = schemeEnd + 3;
        var authorityEnd = url.IndexOfAny(AuthorityEnds, authorityStart);
        if (authorityEnd < 0)
        {
            authorityEnd = url.Length;
        }

        var authority = url.Substring(authorityStart, authorityEnd - authorityStart);
        var hostStart = authority.LastIndexOf('@') + 1;
        var hostAndPort = authority.Substring(hostStart);

        // The port follows the last ':' of the host part, unless that ':' is inside an [IPv6] literal.
        var colon = hostAndPort.LastIndexOf(':');
        var bracket = hostAndPort.LastIndexOf(']');
        var hasPort = colon >= 0 && colon > bracket;

        string newHostAndPort;
        if (hasPort)
        {
            newHostAndPort = hostAndPort.Substring(0, colon);
        }
        else
        {
            var scheme = url.Substring(0, schemeEnd);
            var port = string.Equals(scheme, "https", StringComparison.OrdinalIgnoreCase) ? ":443" : ":80";
            newHostAndPort = hostAndPort + port;
        }

        return url.Substring(0, authorityStart) + authority.Substring(0, hostStart) + newHostAndPort + url.Substring(authorityEnd);
    }

    /// <summary>
    /// The URL with each <c>'</c> of its query written <c>%27</c>, as twilio-node's re-encoding of the
    /// query does (docs/api/verify.md §6, step 5; vector "special characters").
    /// </summary>
    public static string EncodeQuotesInQuery(string url)
    {
        if (url == null)
        {
            throw new ArgumentNullException(nameof(url));
        }

        var start = url.IndexOf('?');
        if (start < 0)
        {
            return url;
        }

        var end = url.IndexOf('#', start);
        if (end < 0)
        {
            end = url.Length;
        }

        return url.Substring(0, start) + url.Substring(start, end - start).Replace("'", "%27") + url.Substring(end);
    }

    /// <summary>Lower-case hex SHA-256 of the UTF-8 body: what Twilio puts in <c>bodySHA256</c>.</summary>
    public static string BodyHash(string body)
    {
        if (body == null)
        {
            throw new ArgumentNullException(nameof(body));
        }

        using (var sha = SHA256.Create())
        {
            var hash = sha.ComputeHash(Encoding.UTF8.GetBytes(body));
            var builder = new StringBuilder(hash.Length * 2);
            foreach (var b in hash)
            {
                builder.Append(b.ToString("x2", CultureInfo.InvariantCulture));
            }

            return builder.ToString();
        }
    }

    /// <summary>
    /// Whether <paramref name="expectedHash"/> (the <c>bodySHA256</c> value) is the body's hash, compared in
    /// constant time and exactly (Twilio sends lower-case hex; so do the official validators compare).
    /// </summary>
    public static bool VerifyBody(string body, string? expectedHash)
    {
        if (body == null)
        {
            throw new ArgumentNullException(nameof(body));
        }

        if (string.IsNullOrEmpty(expectedHash))
        {
            return false;
        }

        return FixedTimeEquals(Encoding.ASCII.GetBytes(BodyHash(body)), Encoding.UTF8.GetBytes(expectedHash));
    }

    /// <summary>
    /// The values of the <c>bodySHA256</c> query parameter (name matched exactly, as the official clients do),
    /// percent-decoded; empty when the URL has none.
    /// </summary>
    public static IReadOnlyList<string> BodyHashValues(string url)
    {
        var values = new List<string>();
        foreach (var pair in ParseForm(QueryOf(url)))
        {
            if (string.Equals(pair.Key, BodyHashParameter, StringComparison.Ordinal))
            {
                values.Add(pair.Value);
            }
        }

        return values;
    }

    /// <summary>The query string of a URL without '?' and fragment, or null when it has none.</summary>
    public static string? QueryOf(string url)
    {
        if (url == null)
        {
            throw new ArgumentNullException(nameof(url));
        }

        var start = url.IndexOf('?');
        if (start < 0)
        {
            return null;
        }

        var end = url.IndexOf('#', start);
        return end < 0 ? url.Substring(start + 1) : url.Substring(start + 1, end - start - 1);
    }

    /// <summary>
    /// An <c>application/x-www-form-urlencoded</c> body (or query) as the name/value pairs a web framework
    /// hands over: '&amp;' separates, the first '=' splits, '+' is a space, %XX a UTF-8 byte; order and
    /// repeats are kept, empty pieces skipped.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, string>> ParseForm(string? form)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        if (string.IsNullOrEmpty(form))
        {
            return pairs;
        }

        foreach (var piece in form!.Split('&'))
        {
            if (piece.Length == 0)
            {
                continue;
            }

            var equals = piece.IndexOf('=');
            var name = equals < 0 ? piece : piece.Substring(0, equals);
            var value = equals < 0 ? string.Empty : piece.Substring(equals + 1);
            pairs.Add(new KeyValuePair<string, string>(FormDecode(name), FormDecode(value)));
        }

        return pairs;
    }

    /// <summary>'+' is a space, %XX a UTF-8 byte; a '%' not followed by two hex digits stays as it is.</summary>
    public static string FormDecode(string text)
    {
        if (text == null)
        {
            throw new ArgumentNullException(nameof(text));
        }

        return PercentDecode(text, keepSurrogatePairs: true);
    }

    /// <summary>
    /// Names in ordinal order (JavaScript's sort, and byte order for all but astral characters); each
    /// name's distinct values in ordinal order.
    /// </summary>
    private static SortedDictionary<string, SortedSet<string>> Grouped(IEnumerable<KeyValuePair<string, string>>? parameters)
    {
        var grouped = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        if (parameters == null)
        {
            return grouped;
        }

        foreach (var parameter in parameters)
        {
            var name = parameter.Key ?? string.Empty;
            if (!grouped.TryGetValue(name, out var values))
            {
                values = new SortedSet<string>(StringComparer.Ordinal);
                grouped.Add(name, values);
            }

            values.Add(parameter.Value ?? string.Empty);
        }

        return grouped;
    }
}
