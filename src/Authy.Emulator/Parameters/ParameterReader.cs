using System.Text.Json;

namespace Authy.Emulator.Parameters;

/// <summary>Typed reads from the merged parameter hash, lenient the way the Rails server is.</summary>
public static class ParameterReader
{
    /// <summary>Walks <paramref name="path"/> through nested objects.</summary>
    public static JsonNode? Get(this JsonObject parameters, params string[] path)
    {
        JsonNode? current = parameters;
        foreach (var part in path)
        {
            if (current is not JsonObject obj || !obj.TryGetPropertyValue(part, out current))
            {
                return null;
            }
        }

        return current;
    }

    /// <summary>
    /// The parameter as text: strings as they are, numbers and booleans as their JSON text
    /// (country_code arrives as "1" or 1, docs/api/authy.md §1.10); objects, arrays and null give null.
    /// </summary>
    public static string? GetString(this JsonObject parameters, params string[] path) => AsString(Get(parameters, path));

    public static string? AsString(JsonNode? node)
    {
        if (node is not JsonValue value)
        {
            return null;
        }

        return value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.Number => value.ToJsonString(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => null,
        };
    }

    /// <summary>
    /// Booleans arrive as true, "true", "True" (py), or 1/"1" (php http_build_query) — docs/api/authy.md §1.4.
    /// </summary>
    public static bool GetBool(this JsonObject parameters, params string[] path)
    {
        var text = GetString(parameters, path);
        return text is not null &&
               (text.Equals("true", StringComparison.OrdinalIgnoreCase) || text == "1");
    }

    /// <summary>Integer parse of a parameter that must be whole digits (optionally signed).</summary>
    public static bool TryParseInteger(string? text, out long number)
    {
        number = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        return long.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out number);
    }
}
