using System.Collections;
using System.Text.RegularExpressions;

namespace Authy.Validation;

/// <summary>Inputs of Twilio Verify (docs/api/verify.md §4.2, §4.3, §5), checked before anything is sent.</summary>
public static class VerifyRules
{
    public const int MaxTags = 10;
    public const int MaxTagLength = 128;

    private static readonly Regex LocaleShape = new Regex(@"\A[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})?\z", RegexOptions.CultureInvariant);
    private static readonly Regex AppHashShape = new Regex(@"\A[A-Za-z0-9+/]{11}\z", RegexOptions.CultureInvariant);

    /// <summary>The channels a verification is sent by (§4.2); sms when not given.</summary>
    public static readonly IReadOnlyList<string> Channels = new[] { "sms", "call", "email", "whatsapp" };

    /// <summary>The code a person received: 4-10 letters or digits (a service's custom codes may have letters).</summary>
    public static string? VerificationCode(string? value) => PhoneVerificationRules.LetterOrDigitCode(value, "verification code");

    /// <summary>
    /// A locale as Twilio spells it: the language in lower case, a region in upper case, a dash (<c>EN</c> is
    /// <c>en</c>, <c>pt_br</c> is <c>pt-BR</c>), since HR exports and people write them every way and Verify refuses
    /// the other spellings with a bare 60200.
    /// </summary>
    public static string CanonicalLocale(string value)
    {
        var parts = value.Split('-', '_');
        var language = parts[0].ToLowerInvariant();
        if (parts.Length == 1)
        {
            return language;
        }

        var subtag = parts[1];
        subtag = subtag.Length == 2 ? subtag.ToUpperInvariant()
            : subtag.Length == 4 ? char.ToUpperInvariant(subtag[0]) + subtag.Substring(1).ToLowerInvariant()
            : subtag;
        return language + "-" + subtag;
    }

    /// <summary>A locale such as <c>en</c>, <c>pt-BR</c>, <c>zh-HK</c> (Twilio refuses unknown ones with 60200), in any case, with - or _.</summary>
    public static string? Locale(string? value) =>
        value != null && LocaleShape.IsMatch(value) ? null : $"'{InputRules.Shorten(value ?? string.Empty)}' is not a locale such as en, fr or pt-BR.";

    /// <summary>The 11-character Android SMS Retriever hash.</summary>
    public static string? AppHash(string? value) =>
        value != null && AppHashShape.IsMatch(value) ? null : $"'{InputRules.Shorten(value ?? string.Empty)}' is not an Android app hash: 11 letters, digits, '+' or '/'.";

    /// <summary>Tags: at most 10, keys and values one line of at most 128 characters (sent as one JSON object).</summary>
    public static IReadOnlyDictionary<string, string>? Tags(IDictionary? tags, out string? problem)
    {
        var pairs = FlatParameterHash.TryConvertTexts(
            tags, "Tags", MaxTags, $"Twilio takes at most {MaxTags}", "key", MaxTagLength, MaxTagLength, multilineValues: false, out problem);
        if (pairs == null)
        {
            return null;
        }

        // The Tags form field is one JSON object (VerifyApi.JsonField), so a dictionary rather than the ordered pairs.
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            result[pair.Key] = pair.Value;
        }

        return result;
    }
}

/// <summary>An Android SMS Retriever app hash.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class ValidateAppHashAttribute : ValidateRuleAttribute
{
    protected override string? Check(string? value) => VerifyRules.AppHash(value);
}
