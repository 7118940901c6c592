using System.Text.RegularExpressions;

namespace Authy.Validation;

/// <summary>What a OneTouch approval request may contain (docs/api/authy.md §2.12), checked before sending.</summary>
public static class OneTouchRules
{
    private static readonly char[] Brackets = { '[', ']' };

    /// <summary>
    /// The official libraries (java, python, ruby) limit the message to 200 characters; seegno's 144 is
    /// one third-party client's stricter choice (docs/api/authy.md §2.12 and §6).
    /// </summary>
    public const int MaxMessageLength = 200;

    /// <summary>Authy's docs: "Max 20 characters for the Key" (docs/api/authy.md §2.12).</summary>
    public const int MaxDetailKeyLength = 20;

    /// <summary>The official libraries' limit on a detail value (docs/api/authy.md §2.12).</summary>
    public const int MaxDetailValueLength = 200;

    /// <summary>java's limit on a logo URL (docs/api/authy.md §2.12).</summary>
    public const int MaxLogoUrlLength = 500;

    public static readonly IReadOnlyList<string> LogoResolutions = new[] { "default", "low", "med", "high" };

    // 8-4-4-4-12 hex digits, any version: Authy's ids are time-based (v1) but any RFC 4122 form is fine (2.12).
    private static readonly Regex UuidShape = new Regex(
        @"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\z", RegexOptions.CultureInvariant);

    public static string? Uuid(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return "The uuid is empty.";
        }

        return UuidShape.IsMatch(value!)
            ? null
            : $"'{InputRules.Shorten(value!)}' is not a uuid like 8d031630-d15b-0134-b0a8-0a77bbe8093e.";
    }

    public static string? Message(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return "The message is empty; Authy requires the text the user sees in the push.";
        }

        return value!.Length > MaxMessageLength
            ? $"The message has {value.Length} characters; Authy accepts at most {MaxMessageLength}."
            : TextRules.Characters("The message", value, multiline: true);
    }

    /// <summary>Checks one entry of -Details or -HiddenDetails; <paramref name="parameter"/> names it in the message.</summary>
    public static string? Detail(string parameter, string? key, string? value)
    {
        if (string.IsNullOrWhiteSpace(key))
        {
            return $"{parameter} has an empty key.";
        }

        if (key!.Length > MaxDetailKeyLength)
        {
            return $"{parameter} key '{InputRules.Shorten(key)}' has {key.Length} characters; Authy accepts at most {MaxDetailKeyLength}.";
        }

        if (key.IndexOfAny(Brackets) >= 0)
        {
            // Rack would read details[a[b]] as a nested hash: a different request from the one shown.
            return $"{parameter} key '{InputRules.Shorten(key)}' contains a square bracket.";
        }

        var keyProblem = TextRules.Characters($"{parameter} key '{InputRules.Shorten(key)}'", key, multiline: false);
        if (keyProblem != null)
        {
            return keyProblem;
        }

        if (value != null && value.Length > MaxDetailValueLength)
        {
            return $"{parameter} value of '{key}' has {value.Length} characters; at most {MaxDetailValueLength} are accepted.";
        }

        return value == null ? null : TextRules.Characters($"{parameter} value of '{InputRules.Shorten(key)}'", value, multiline: true);
    }

    /// <summary>Checks the logos together: each one's resolution and URL, and that a <c>default</c> one is present.</summary>
    public static string? Logos(IReadOnlyList<AuthyLogo>? logos)
    {
        if (logos == null || logos.Count == 0)
        {
            return null;
        }

        var hasDefault = false;
        foreach (var logo in logos)
        {
            if (logo == null)
            {
                return "A logo is null.";
            }

            var res = logo.Res ?? string.Empty;
            if (!Contains(LogoResolutions, res))
            {
                return $"Logo resolution '{InputRules.Shorten(res)}' is not one of {string.Join(", ", LogoResolutions)}.";
            }

            hasDefault |= res == "default";
            var url = logo.Url ?? string.Empty;
            if (url.Length > MaxLogoUrlLength)
            {
                return $"A logo URL has {url.Length} characters; at most {MaxLogoUrlLength} are accepted.";
            }

            if (!Uri.TryCreate(url, UriKind.Absolute, out var parsed) || parsed.Scheme != Uri.UriSchemeHttps || string.IsNullOrEmpty(parsed.Host))
            {
                return $"Logo URL '{InputRules.Shorten(url)}' is not an absolute https:// URL.";
            }

            if (!string.IsNullOrEmpty(parsed.UserInfo))
            {
                // Every user who gets the push would receive the credentials.
                return "A logo URL must not carry a user name or password.";
            }

            var urlProblem = TextRules.Characters("A logo URL", url, multiline: false);
            if (urlProblem != null)
            {
                return urlProblem;
            }
        }

        // The java library insists on it: the app falls back to the default resolution (2.12).
        return hasDefault ? null : "When logos are given, one of them must have the resolution 'default'.";
    }

    private static bool Contains(IReadOnlyList<string> values, string value)
    {
        foreach (var candidate in values)
        {
            if (string.Equals(candidate, value, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>A uuid of the form 8-4-4-4-12 hex digits (OneTouch approval requests, phone verifications).</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class ValidateUuidAttribute : ValidateRuleAttribute
{
    protected override string? Check(string? value) => OneTouchRules.Uuid(value);
}
