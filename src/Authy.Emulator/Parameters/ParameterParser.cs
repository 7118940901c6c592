using System.Net;
using System.Text.Json;

namespace Authy.Emulator.Parameters;

/// <summary>Thrown when a request body cannot be read as parameters (Rails answers 400).</summary>
public sealed class ParameterParseException : Exception
{
    public ParameterParseException(string message) : base(message)
    {
    }
}

/// <summary>
/// Builds one nested parameter hash from the query string, a form body and a JSON body, the way
/// Rails/Rack does (docs/api/authy.md §1.4): clients send the same parameters in all three encodings.
/// Form and query keys use Rack bracket syntax: <c>user[email]</c>, <c>tags[]</c>,
/// <c>logos[][res]</c> + <c>logos[][url]</c> (array of objects), <c>data[reason]</c>.
/// Values from query/form are strings; JSON bodies keep their types (numbers, booleans, null).
/// </summary>
public static class ParameterParser
{
    private static readonly char[] Brackets = { '[', ']' };

    private const int MaxDepth = 32;

    /// <summary>Parses <c>a=1&amp;b[c]=2</c> (no leading '?') into <paramref name="target"/>.</summary>
    public static void ParseFormEncoded(string raw, JsonObject target)
    {
        if (string.IsNullOrEmpty(raw))
        {
            return;
        }

        foreach (var pair in raw.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = WebUtility.UrlDecode(equals < 0 ? pair : pair[..equals]);
            var value = equals < 0 ? null : WebUtility.UrlDecode(pair[(equals + 1)..]);
            NormalizeInto(target, name, value is null ? null : JsonValue.Create(value), MaxDepth);
        }
    }

    /// <summary>Parses a JSON body; only an object contributes parameters (as Rails' JSON params parser).</summary>
    public static JsonObject ParseJsonBody(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return new JsonObject();
        }

        try
        {
            var node = JsonNode.Parse(body);
            if (node is JsonObject obj)
            {
                return obj;
            }

            // Rails wraps a non-object JSON body as {"_json": ...}.
            var wrapper = new JsonObject { ["_json"] = node };
            return wrapper;
        }
        catch (JsonException e)
        {
            throw new ParameterParseException("Invalid JSON body: " + e.Message);
        }
    }

    /// <summary>
    /// Rails: <c>request_parameters.merge(query_parameters)</c> — a shallow merge where the query
    /// string wins over the body for the same top-level key.
    /// </summary>
    public static JsonObject Merge(JsonObject body, JsonObject query)
    {
        var merged = new JsonObject();
        foreach (var (key, value) in body)
        {
            merged[key] = value?.DeepClone();
        }

        foreach (var (key, value) in query)
        {
            merged[key] = value?.DeepClone();
        }

        return merged;
    }

    /// <summary>Rack's <c>normalize_params</c>: places one decoded name/value into the nested hash.</summary>
    private static void NormalizeInto(JsonObject parameters, string name, JsonNode? value, int depth)
    {
        if (depth <= 0)
        {
            throw new ParameterParseException("Parameters nested too deeply.");
        }

        // name =~ /\A[\[\]]*([^\[\]]+)\]*/ : the leading key, then whatever follows it.
        var start = 0;
        while (start < name.Length && (name[start] == '[' || name[start] == ']'))
        {
            start++;
        }

        var end = start;
        while (end < name.Length && name[end] != '[' && name[end] != ']')
        {
            end++;
        }

        var key = name[start..end];
        var afterStart = end;
        while (afterStart < name.Length && name[afterStart] == ']')
        {
            afterStart++;
        }

        var after = name[afterStart..];
        if (key.Length == 0)
        {
            return;
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
            if (parameters[key] is not JsonArray array)
            {
                array = new JsonArray();
                parameters[key] = array;
            }

            array.Add(value);
        }
        else if (after.StartsWith("[]", StringComparison.Ordinal))
        {
            // logos[][res]=a&logos[][url]=b&logos[][res]=c : a new element starts when the last
            // element already has the field, so each element's fields stay together.
            var childKey = after.StartsWith("[][", StringComparison.Ordinal) && after.EndsWith(']') &&
                           after.IndexOfAny(Brackets, 3) == after.Length - 1
                ? after[3..^1]
                : after[2..];
            if (parameters[key] is not JsonArray array)
            {
                array = new JsonArray();
                parameters[key] = array;
            }

            if (array.Count > 0 && array[^1] is JsonObject last && !HasNestedKey(last, childKey))
            {
                NormalizeInto(last, childKey, value, depth - 1);
            }
            else
            {
                var element = new JsonObject();
                NormalizeInto(element, childKey, value, depth - 1);
                array.Add(element);
            }
        }
        else
        {
            if (parameters[key] is not JsonObject child)
            {
                child = new JsonObject();
                parameters[key] = child;
            }

            NormalizeInto(child, after, value, depth - 1);
        }
    }

    /// <summary>Rack's <c>params_hash_has_key?</c>: does <c>a][b</c> already exist in the hash.</summary>
    private static bool HasNestedKey(JsonObject hash, string key)
    {
        if (key.Contains("[]", StringComparison.Ordinal))
        {
            return false;
        }

        JsonNode? current = hash;
        foreach (var part in key.Split(Brackets, StringSplitOptions.RemoveEmptyEntries))
        {
            if (current is not JsonObject obj || !obj.ContainsKey(part))
            {
                return false;
            }

            current = obj[part];
        }

        return true;
    }

    /// <summary>All top-level names, for tests and diagnostics.</summary>
    public static IEnumerable<string> Keys(JsonObject parameters)
    {
        foreach (var (key, _) in parameters)
        {
            yield return key;
        }
    }
}
