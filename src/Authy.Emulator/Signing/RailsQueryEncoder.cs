using System.Text.Json;

namespace Authy.Emulator.Signing;

/// <summary>
/// Rails <c>Hash#to_query</c>, the PARAMS part of the OneTouch callback signature and the query
/// string of GET callbacks (docs/api/authy.md §2.14):
/// nested keys <c>a[b]</c>; arrays <c>k[]</c> per element in element order; arrays of objects
/// <c>k[][f]</c> with each element's fields together; null → <c>k=</c>; empty {} / [] omitted inside
/// a hash; keys and values CGI.escape'd; at every level the encoded pieces sorted by byte order.
/// </summary>
public static class RailsQueryEncoder
{
    public static string ToQuery(JsonObject hash) => HashToQuery(hash, null);

    private static string HashToQuery(JsonObject hash, string? prefix)
    {
        var pieces = new List<string>(hash.Count);
        foreach (var (key, value) in hash)
        {
            if (value is JsonObject { Count: 0 } || value is JsonArray { Count: 0 })
            {
                continue;
            }

            pieces.Add(ValueToQuery(value, prefix is null ? key : prefix + "[" + key + "]"));
        }

        // Ruby: query.sort! — plain byte order of the already-encoded "k=v" strings.
        pieces.Sort(string.CompareOrdinal);
        return string.Join("&", pieces);
    }

    private static string ValueToQuery(JsonNode? value, string key)
    {
        switch (value)
        {
            case JsonObject obj:
                return HashToQuery(obj, key);
            case JsonArray array:
                // Array#to_query: every element under "key[]", in order; an empty array is "key%5B%5D=".
                var prefix = key + "[]";
                if (array.Count == 0)
                {
                    return CgiEscape(prefix) + "=";
                }

                var parts = new List<string>(array.Count);
                foreach (var element in array)
                {
                    parts.Add(ValueToQuery(element, prefix));
                }

                return string.Join("&", parts);
            default:
                return CgiEscape(key) + "=" + CgiEscape(ScalarText(value));
        }
    }

    /// <summary>Ruby <c>to_param.to_s</c> of a JSON scalar: nil → "", true → "true", 5 → "5".</summary>
    private static string ScalarText(JsonNode? value)
    {
        if (value is not JsonValue scalar)
        {
            return "";
        }

        return scalar.GetValueKind() switch
        {
            JsonValueKind.String => scalar.GetValue<string>(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            JsonValueKind.Number => scalar.ToJsonString(),
            _ => "",
        };
    }

    /// <summary>
    /// Ruby <c>CGI.escape</c>: keeps a-z A-Z 0-9 _ . - ~, space → '+', every other UTF-8 byte → %XX
    /// (upper-case hex). So '*' → %2A and '~' stays, unlike Java's URLEncoder.
    /// </summary>
    public static string CgiEscape(string text)
    {
        var builder = new StringBuilder(text.Length + 8);
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            var c = (char)b;
            if (c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_' or '.' or '-' or '~')
            {
                builder.Append(c);
            }
            else if (c == ' ')
            {
                builder.Append('+');
            }
            else
            {
                builder.Append('%').Append(((int)b).ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }
}
