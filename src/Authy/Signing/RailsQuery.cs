using System.Text;

namespace Authy.Signing;

/// <summary>
/// Rails <c>Hash#to_query</c> and Rack's nested query parser: the PARAMS part of the OneTouch callback
/// signature and the query string of GET callbacks (docs/api/authy.md §2.14).
/// </summary>
/// <remarks>
/// to_query: nested hashes become <c>a[b]</c>; arrays <c>k[]</c> once per element in element order;
/// arrays of hashes <c>k[][f]</c> with each element's fields together; null is <c>k=</c>; an empty hash
/// or array inside a hash is left out; keys and values are CGI.escape'd; at every level the encoded
/// pieces (a nested hash's whole sub-string counts as one piece) are sorted by byte order and joined
/// with '&amp;'. The client libraries each got a part of this wrong (2.14, "pitfalls").
/// </remarks>
public static class RailsQuery
{
    private static readonly char[] Brackets = { '[', ']' };
    private static readonly char[] ExponentMarks = { 'E', 'e' };

    /// <summary>The canonical query of a parameter hash.</summary>
    public static string ToQuery(JObject hash)
    {
        if (hash == null)
        {
            throw new ArgumentNullException(nameof(hash));
        }

        return HashToQuery(hash, null);
    }

    private static string HashToQuery(JObject hash, string? prefix)
    {
        var pieces = new List<string>();
        foreach (var property in hash.Properties())
        {
            var value = property.Value;
            if ((value is JObject obj && obj.Count == 0) || (value is JArray array && array.Count == 0))
            {
                continue;
            }

            pieces.Add(ValueToQuery(value, prefix == null ? property.Name : prefix + "[" + property.Name + "]"));
        }

        // Ruby sorts the encoded strings with String#<=>: plain byte order. The escaped text is ASCII,
        // so ordinal UTF-16 order is the same; an upper-case key sorts before a lower-case one.
        pieces.Sort(string.CompareOrdinal);
        return string.Join("&", pieces);
    }

    private static string ValueToQuery(JToken value, string key)
    {
        switch (value)
        {
            case JObject obj:
                return HashToQuery(obj, key);
            case JArray array:
                // Array#to_query: each element under "key[]", in element order.
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

    /// <summary>Ruby's <c>to_param.to_s</c> of a JSON scalar: nil → "", true → "true", 5 → "5", 1.0 → "1.0".</summary>
    public static string ScalarText(JToken value)
    {
        switch (value.Type)
        {
            case JTokenType.Null:
            case JTokenType.Undefined:
                return string.Empty;
            case JTokenType.Boolean:
                return value.Value<bool>() ? "true" : "false";
            case JTokenType.Integer:
                return Convert.ToString(((JValue)value).Value, CultureInfo.InvariantCulture) ?? string.Empty;
            case JTokenType.Float:
                return RubyFloat(((JValue)value).Value);
            case JTokenType.String:
                return value.Value<string>() ?? string.Empty;
            default:
                return Convert.ToString(((JValue)value).Value, CultureInfo.InvariantCulture) ?? string.Empty;
        }
    }

    /// <summary>
    /// Ruby <c>CGI.escape</c>: keeps a-z A-Z 0-9 and <c>_ . - ~</c>, turns a space into '+', and every other
    /// UTF-8 byte into %XX with upper-case hex. So '*' becomes %2A and '~' stays (Java's URLEncoder does
    /// the opposite; the server is a Rails app, 2.14).
    /// </summary>
    public static string CgiEscape(string text)
    {
        var builder = new StringBuilder(text.Length + 8);
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            var c = (char)b;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-' || c == '~')
            {
                builder.Append(c);
            }
            else if (c == ' ')
            {
                builder.Append('+');
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    /// <summary>Rack's unescape of a query component: '+' is a space, %XX a UTF-8 byte.</summary>
    public static string Unescape(string text) => SigningPrimitives.PercentDecode(text, keepSurrogatePairs: false);

    /// <summary>
    /// Rack's <c>parse_nested_query</c>: a query string (without '?') to the parameter hash a Rails
    /// receiver sees, e.g. <c>logos[][res]=a&amp;logos[][url]=b</c> to <c>{"logos":[{"res":"a","url":"b"}]}</c>.
    /// </summary>
    public static JObject ParseNestedQuery(string? query)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        if (!string.IsNullOrEmpty(query))
        {
            foreach (var piece in query!.TrimStart('?').Split('&'))
            {
                if (piece.Length == 0)
                {
                    continue;
                }

                var equals = piece.IndexOf('=');
                var name = equals < 0 ? piece : piece.Substring(0, equals);
                var value = equals < 0 ? string.Empty : piece.Substring(equals + 1);
                pairs.Add(new KeyValuePair<string, string>(Unescape(name), Unescape(value)));
            }
        }

        return FromPairs(pairs);
    }

    /// <summary>Builds the nested hash from already-decoded Rack keys (<c>a[b]</c>, <c>k[]</c>, <c>k[][f]</c>), in order.</summary>
    public static JObject FromPairs(IEnumerable<KeyValuePair<string, JToken>> pairs)
    {
        var result = new JObject();
        foreach (var pair in pairs)
        {
            Normalize(result, pair.Key, pair.Value);
        }

        return result;
    }

    private static JObject FromPairs(IEnumerable<KeyValuePair<string, string>> pairs)
    {
        var result = new JObject();
        foreach (var pair in pairs)
        {
            Normalize(result, pair.Key, new JValue(pair.Value));
        }

        return result;
    }

    /// <summary>Rack::QueryParser#normalize_params, returning the container it filled.</summary>
    private static JObject Normalize(JObject parameters, string name, JToken value)
    {
        // name =~ %r(\A[\[\]]*([^\[\]]+)\]*): skip leading brackets, take the key, skip closing brackets.
        var index = 0;
        while (index < name.Length && (name[index] == '[' || name[index] == ']'))
        {
            index++;
        }

        var keyStart = index;
        while (index < name.Length && name[index] != '[' && name[index] != ']')
        {
            index++;
        }

        var key = name.Substring(keyStart, index - keyStart);
        while (index < name.Length && name[index] == ']')
        {
            index++;
        }

        var after = name.Substring(index);
        if (key.Length == 0)
        {
            return parameters;
        }

        if (after.Length == 0)
        {
            parameters[key] = value;
        }
        else if (after == "[")
        {
            parameters[name] = value;
        }
        else if (after == "[]")
        {
            ArrayAt(parameters, key).Add(value);
        }
        else if (after.StartsWith("[]", StringComparison.Ordinal))
        {
            // "[][child]" (child without brackets) or "[]" followed by anything.
            var rest = after.Substring(2);
            var childKey = rest.Length > 2 && rest[0] == '[' && rest[rest.Length - 1] == ']' && rest.IndexOfAny(Brackets, 1, rest.Length - 2) < 0
                ? rest.Substring(1, rest.Length - 2)
                : rest;
            var array = ArrayAt(parameters, key);
            if (array.Count > 0 && array[array.Count - 1] is JObject last && !HasKey(last, childKey))
            {
                Normalize(last, childKey, value);
            }
            else
            {
                var element = new JObject();
                Normalize(element, childKey, value);
                array.Add(element);
            }
        }
        else
        {
            if (!(parameters[key] is JObject child))
            {
                child = new JObject();
                parameters[key] = child;
            }

            Normalize(child, after, value);
        }

        return parameters;
    }

    private static JArray ArrayAt(JObject parameters, string key)
    {
        if (parameters[key] is JArray array)
        {
            return array;
        }

        array = new JArray();
        parameters[key] = array;
        return array;
    }

    /// <summary>Rack's params_hash_has_key?: whether a nested key path is already filled in.</summary>
    private static bool HasKey(JObject hash, string key)
    {
        if (key.Contains("[]"))
        {
            return false;
        }

        JToken current = hash;
        foreach (var part in key.Split(Brackets, StringSplitOptions.RemoveEmptyEntries))
        {
            if (!(current is JObject obj) || !obj.TryGetValue(part, StringComparison.Ordinal, out var next))
            {
                return false;
            }

            current = next!;
        }

        return true;
    }

    /// <summary>Ruby Float#to_s for ordinary values: shortest round-trip digits, always with a fraction.</summary>
    private static string RubyFloat(object? value)
    {
        var number = Convert.ToDouble(value, CultureInfo.InvariantCulture);
        var text = number.ToString("R", CultureInfo.InvariantCulture);
        var exponent = text.IndexOfAny(ExponentMarks);
        var mantissa = exponent < 0 ? text : text.Substring(0, exponent);
        if (mantissa.IndexOf('.') < 0 && !double.IsNaN(number) && !double.IsInfinity(number))
        {
            mantissa += ".0";
        }

        if (exponent < 0)
        {
            return mantissa;
        }

        var power = text.Substring(exponent + 1);
        return mantissa + "e" + (power.StartsWith("-", StringComparison.Ordinal) ? power : "+" + power.TrimStart('+'));
    }
}
