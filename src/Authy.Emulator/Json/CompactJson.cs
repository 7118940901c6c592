using System.Text.Encodings.Web;
using System.Text.Json;

namespace Authy.Emulator.Json;

/// <summary>
/// JSON the way the Authy (Rails) server writes it: compact, keys in insertion order, non-ASCII
/// and '+' left readable. Compactness matters: authy-python and authy-ssh grep the raw body for
/// <c>"token":"is valid"</c> (docs/api/authy.md §1.5).
/// </summary>
public static class CompactJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        // The default encoder would write '+' as \u002B, turning "+1-XXX-XXX-XX34" into noise.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = false,
    };

    public static string Serialize(JsonNode? node) => node is null ? "null" : node.ToJsonString(Options);

    /// <summary>ISO-8601 UTC with a literal Z and whole seconds, as in the 2.13 fixtures.</summary>
    public static string IsoTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static long UnixSeconds(DateTimeOffset time) => time.ToUnixTimeSeconds();
}
