using System.Collections;
using System.Text.RegularExpressions;
using Authy.Verify;

namespace Authy.Validation;

/// <summary>
/// What a push challenge may contain (the identity: <see cref="TotpRules.Identity"/>) (docs/api/verify.md §4.4, §4.6 and §5), checked before anything
/// is sent: Twilio would refuse most of these only after the request, and a few (a bidirectional override, a
/// control character) it would pass on to the phone as sent.
/// </summary>
public static class ChallengeRules
{
    public const int MaxMessageLength = 256;
    public const int MaxFields = 20;
    public const int MaxFieldLabelLength = 36;
    public const int MaxFieldValueLength = 128;

    /// <summary>HiddenDetails is one JSON object of at most this many characters.</summary>
    public const int MaxHiddenDetailsLength = 1024;

    /// <summary>Twilio's limit on a challenge's lifetime (its default is five minutes).</summary>
    public static readonly TimeSpan MaxExpiresIn = TimeSpan.FromMinutes(60);

    /// <summary>
    /// -Details as Details.Fields in the dictionary's order (an [ordered] hashtable keeps it; a plain one has none):
    /// at most 20 label/value pairs, labels one line of 1-36 characters, values 1-128 characters.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, string>>? Fields(IDictionary? details, out string? problem) =>
        FlatParameterHash.TryConvertTexts(
            details, "Details", MaxFields, $"Twilio shows at most {MaxFields} fields", "label", MaxFieldLabelLength, MaxFieldValueLength, multilineValues: true, out problem);

    /// <summary>-HiddenDetails as one flat JSON object of text values, at most 1024 characters as sent.</summary>
    public static IReadOnlyDictionary<string, string>? HiddenDetails(IDictionary? hidden, out string? problem)
    {
        problem = null;
        if (hidden == null || hidden.Count == 0)
        {
            return null;
        }

        var pairs = FlatParameterHash.TryConvert(hidden, "HiddenDetails", out problem);
        if (pairs == null)
        {
            return null;
        }

        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            if (result.ContainsKey(pair.Key))
            {
                problem = $"-HiddenDetails has the key '{InputRules.Shorten(pair.Key)}' twice.";
                return null;
            }

            result[pair.Key] = pair.Value;
        }

        // Measured as sent: JSON escaping (quotes, backslashes) counts too.
        var json = VerifyApi.JsonField(result) ?? string.Empty;
        if (json.Length > MaxHiddenDetailsLength)
        {
            problem = $"-HiddenDetails is {json.Length} characters as JSON; Twilio takes at most {MaxHiddenDetailsLength}.";
            return null;
        }

        return result;
    }

    /// <summary>A lifetime of whole seconds from 1 second to 60 minutes; null when usable.</summary>
    public static string? ExpiresIn(TimeSpan value) =>
        InputRules.WholeSeconds(
            "-ExpiresIn", value, TimeSpan.FromSeconds(1), MaxExpiresIn, $"1 second to {MaxExpiresIn.TotalMinutes.ToString(CultureInfo.InvariantCulture)} minutes (Twilio's limit)");
}
