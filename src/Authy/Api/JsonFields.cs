using System.Numerics;

namespace Authy.Api;

/// <summary>
/// Lenient field readers: Authy sends numbers as strings and booleans as strings in places
/// (docs/api/authy.md §1.5, §1.10), and omits or nulls fields freely.
/// </summary>
internal static class JsonFields
{
    // The last millisecond a DateTimeOffset can hold (9999-12-31T23:59:59.999Z), in unix milliseconds.
    private static readonly double LastUnixMilliseconds = DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();

    public static string? String(JToken? parent, string name) => Text(parent?[name]);

    public static bool Bool(JToken? parent, string name) => AuthyReplyParser.IsTrue(parent?[name]);

    public static bool? NullableBool(JToken? parent, string name)
    {
        var token = parent?[name];
        return token == null || token.Type == JTokenType.Null ? (bool?)null : AuthyReplyParser.IsTrue(token);
    }

    public static long? Long(JToken? parent, string name)
    {
        var text = String(parent, name);
        return text != null && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : (long?)null;
    }

    public static int? Int(JToken? parent, string name)
    {
        var value = Long(parent, name);
        return value.HasValue && value.Value >= int.MinValue && value.Value <= int.MaxValue ? (int)value.Value : (int?)null;
    }

    public static string[] Strings(JToken? parent, string name)
    {
        if (!(parent?[name] is JArray array))
        {
            return System.Array.Empty<string>();
        }

        var result = new List<string>(array.Count);
        foreach (var item in array)
        {
            var text = Text(item);
            if (text != null)
            {
                result.Add(text);
            }
        }

        return result.ToArray();
    }

    /// <summary>Reads a time sent either as unix seconds (number or text) or as ISO-8601 text.</summary>
    /// <exception cref="AuthyApiException">
    /// A malformed reply: unix seconds that are negative, not finite, or past the year 9999 (e.g. milliseconds
    /// sent where seconds belong), which no time in the reply can stand for.
    /// </exception>
    public static DateTimeOffset? Time(JToken? parent, string name)
    {
        var token = parent?[name];
        if (token == null || token.Type == JTokenType.Null)
        {
            return null;
        }

        var text = Text(token);
        if (text == null)
        {
            return null;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            // 0 stands for "never" in device records (last_sync_date: 0).
            if (seconds == 0)
            {
                return null;
            }

            var milliseconds = Math.Floor(seconds * 1000);
            if (double.IsNaN(milliseconds) || milliseconds < 0 || milliseconds > LastUnixMilliseconds)
            {
                throw OutOfRange(name, text);
            }

            return DateTimeOffset.FromUnixTimeMilliseconds((long)milliseconds);
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? time
            : (DateTimeOffset?)null;
    }

    public static JObject? Object(JToken? parent, string name) => parent?[name] as JObject;

    public static JArray? Array(JToken? parent, string name) => parent?[name] as JArray;

    /// <summary>
    /// A scalar as text. An integer too big for a long (which Json.NET reads as a BigInteger, and
    /// <see cref="AuthyReplyParser.JsonText"/> would convert with an OverflowException) is its digits, so a
    /// number field reads it as absent and a time field reports it out of range.
    /// </summary>
    private static string? Text(JToken? token) =>
        token is JValue { Value: BigInteger big } ? big.ToString(CultureInfo.InvariantCulture) : AuthyReplyParser.JsonText(token);

    private static AuthyApiException OutOfRange(string name, string text)
    {
        // The value is the server's, never the key; still, a huge one is cut short.
        const int MaxShown = 40;
        var shown = text.Length > MaxShown ? text.Substring(0, MaxShown) + "..." : text;
        return new AuthyApiException(
            200,
            null,
            $"Authy answered with a time that is out of range: '{name}' is {shown}, which as unix seconds is not between 1970 and the year 9999.",
            malformedReply: true);
    }
}
