using System.Net;

namespace Authy.Emulator.Pipeline;

/// <summary>
/// Keeps API keys out of GET /_emulator/requests: the <c>api_key</c> parameter is replaced, and
/// every occurrence of a known key value (configured or presented) is scrubbed from the query
/// text and from all parameter strings (docs/api/authy.md §4.13: clients put the key in query strings).
/// </summary>
internal static class Redactor
{
    public const string Placeholder = "[REDACTED]";

    /// <summary>Secrets shorter than this are not scrubbed as substrings (they would blank out ordinary text).</summary>
    private const int MinScrubLength = 6;

    public static string RedactQuery(string rawQuery, IReadOnlyCollection<string> secrets)
    {
        if (rawQuery.Length == 0)
        {
            return rawQuery;
        }

        var pairs = rawQuery.Split('&');
        for (var i = 0; i < pairs.Length; i++)
        {
            var equals = pairs[i].IndexOf('=', StringComparison.Ordinal);
            var name = WebUtility.UrlDecode(equals < 0 ? pairs[i] : pairs[i][..equals]);
            if (name == "api_key")
            {
                pairs[i] = (equals < 0 ? pairs[i] : pairs[i][..equals]) + "=" + Placeholder;
            }
        }

        return Scrub(string.Join("&", pairs), secrets, encodedToo: true);
    }

    public static JsonObject RedactParameters(JsonObject parameters, IReadOnlyCollection<string> secrets)
    {
        var copy = (JsonObject)parameters.DeepClone();
        if (copy.ContainsKey("api_key"))
        {
            copy["api_key"] = Placeholder;
        }

        ScrubNode(copy, secrets);
        return copy;
    }

    private static void ScrubNode(JsonNode? node, IReadOnlyCollection<string> secrets)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var key in new List<string>(Keys(obj)))
                {
                    if (obj[key] is JsonValue value && ParametersText(value) is { } text)
                    {
                        var scrubbed = Scrub(text, secrets, encodedToo: false);
                        if (!ReferenceEquals(scrubbed, text))
                        {
                            obj[key] = scrubbed;
                        }
                    }
                    else
                    {
                        ScrubNode(obj[key], secrets);
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is JsonValue value && ParametersText(value) is { } text)
                    {
                        var scrubbed = Scrub(text, secrets, encodedToo: false);
                        if (!ReferenceEquals(scrubbed, text))
                        {
                            array[i] = scrubbed;
                        }
                    }
                    else
                    {
                        ScrubNode(array[i], secrets);
                    }
                }

                break;
        }
    }

    private static IEnumerable<string> Keys(JsonObject obj)
    {
        foreach (var (key, _) in obj)
        {
            yield return key;
        }
    }

    private static string? ParametersText(JsonValue value) =>
        value.GetValueKind() == System.Text.Json.JsonValueKind.String ? value.GetValue<string>() : null;

    private static string Scrub(string text, IReadOnlyCollection<string> secrets, bool encodedToo)
    {
        var result = text;
        foreach (var secret in secrets)
        {
            if (secret.Length < MinScrubLength)
            {
                continue;
            }

            if (result.Contains(secret, StringComparison.Ordinal))
            {
                result = result.Replace(secret, Placeholder, StringComparison.Ordinal);
            }

            if (encodedToo)
            {
                var encoded = Uri.EscapeDataString(secret);
                if (encoded != secret && result.Contains(encoded, StringComparison.OrdinalIgnoreCase))
                {
                    result = result.Replace(encoded, Placeholder, StringComparison.OrdinalIgnoreCase);
                }
            }
        }

        return result;
    }
}
