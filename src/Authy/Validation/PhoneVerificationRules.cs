namespace Authy.Validation;

/// <summary>Inputs of phone verification (docs/api/authy.md §2.15, §2.16), checked before anything is sent.</summary>
public static class PhoneVerificationRules
{
    /// <summary>The locales Verify v1 documents for <c>locale</c> (2.15), in the API's spelling.</summary>
    public static readonly IReadOnlyList<string> Locales = new[]
    {
        "af", "ar", "ca", "zh", "zh-CN", "zh-HK", "hr", "cs", "da", "nl", "en", "fi", "fr", "de", "el", "he", "hi",
        "hu", "id", "it", "ja", "ko", "ms", "nb", "pl", "pt-BR", "pt", "ro", "ru", "es", "sv", "tl", "th", "tr", "vi",
    };

    public const int MinCodeLength = 4;
    public const int MaxCodeLength = 10;

    /// <summary>A verification code: 4-10 digits as text, so leading zeros survive (1.11).</summary>
    public static string? VerificationCode(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "The verification code is empty.";
        }

        foreach (var character in value!)
        {
            if (character < '0' || character > '9')
            {
                return $"'{InputRules.Shorten(value)}' is not a verification code: use only digits, as received (leading zeros count).";
            }
        }

        return value.Length < MinCodeLength || value.Length > MaxCodeLength
            ? $"'{InputRules.Shorten(value)}' has {value.Length} digits; a verification code has {MinCodeLength} to {MaxCodeLength}."
            : null;
    }

    /// <summary>The methods phones/verification/start delivers a code by (2.15).</summary>
    public static readonly IReadOnlyList<string> Vias = new[] { "sms", "call" };

    /// <summary>A code of your own: 4-10 ASCII letters or digits (what a person can read out and type back).</summary>
    public static string? CustomCode(string? value) => LetterOrDigitCode(value, "custom code");

    /// <summary>
    /// A code of 4-10 ASCII letters or digits, named <paramref name="what"/> in the message: a custom code, or a
    /// Twilio Verify verification code (which is one when the service sends custom codes).
    /// </summary>
    public static string? LetterOrDigitCode(string? value, string what)
    {
        if (string.IsNullOrEmpty(value))
        {
            return $"The {what} is empty.";
        }

        foreach (var character in value!)
        {
            if (!((character >= '0' && character <= '9') || (character >= 'A' && character <= 'Z') || (character >= 'a' && character <= 'z')))
            {
                return $"'{InputRules.Shorten(value)}' is not a {what}: use only the letters A-Z and the digits 0-9.";
            }
        }

        return value.Length < MinCodeLength || value.Length > MaxCodeLength
            ? $"'{InputRules.Shorten(value)}' has {value.Length} characters; a {what} has {MinCodeLength} to {MaxCodeLength}."
            : null;
    }

    /// <summary>The digits of a code Authy generates, <see cref="MinCodeLength"/> to <see cref="MaxCodeLength"/>.</summary>
    public static string? CodeLength(int value) =>
        value < MinCodeLength || value > MaxCodeLength
            ? $"-CodeLength must be {MinCodeLength} to {MaxCodeLength} digits; got {value.ToString(CultureInfo.InvariantCulture)}."
            : null;

    public static string? Locale(string? value) =>
        CanonicalLocale(value) != null
            ? null
            : $"'{InputRules.Shorten(value ?? string.Empty)}' is not a locale Authy verification supports: use one of {string.Join(", ", Locales)}.";

    /// <summary>The API's spelling of a supported locale given in any case (<c>pt-br</c> gives <c>pt-BR</c>), else null.</summary>
    public static string? CanonicalLocale(string? value)
    {
        if (value == null)
        {
            return null;
        }

        var trimmed = value.Trim();
        foreach (var locale in Locales)
        {
            if (string.Equals(locale, trimmed, StringComparison.OrdinalIgnoreCase))
            {
                return locale;
            }
        }

        return null;
    }
}

/// <summary>A custom phone verification code: 4-10 ASCII letters or digits.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class ValidateCustomCodeAttribute : ValidateRuleAttribute
{
    protected override string? Check(string? value) => PhoneVerificationRules.CustomCode(value);
}
