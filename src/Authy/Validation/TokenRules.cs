namespace Authy.Validation;

/// <summary>
/// One-time tokens are text of 6 to 10 digits: 7 for SMS, call and the Authy app, 6 for generic
/// authenticators. Kept as text because a leading zero is part of the token (docs/api/authy.md §1.11, §4.5).
/// </summary>
public static class TokenRules
{
    public const int MinLength = 6;
    public const int MaxLength = 10;

    /// <summary>Null when the token has the shape the API accepts, else what is wrong.</summary>
    public static string? Token(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "The token is empty.";
        }

        foreach (var character in value!)
        {
            if (character < '0' || character > '9')
            {
                return $"'{InputRules.Shorten(value)}' is not a token: a token has only digits.";
            }
        }

        if (value.Length < MinLength || value.Length > MaxLength)
        {
            return $"'{InputRules.Shorten(value)}' has {value.Length} digits; a token has {MinLength} to {MaxLength}.";
        }

        return null;
    }

    private static readonly System.Text.RegularExpressions.Regex LocaleShape = new System.Text.RegularExpressions.Regex(
        @"\A[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})?\z", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    /// <summary>The locale of an SMS or call token (<c>es</c>, <c>pt-BR</c>, <c>pt_BR</c>); Authy falls back to English for one it does not know.</summary>
    public static string? Locale(string? value) =>
        value != null && LocaleShape.IsMatch(value) ? null : $"'{InputRules.Shorten(value ?? string.Empty)}' is not a locale such as es or pt-BR.";

    /// <summary>Throws the rule's message for API callers that bypass parameter binding.</summary>
    internal static void EnsureToken(string? value, string parameterName)
    {
        var problem = Token(value);
        if (problem != null)
        {
            throw new ArgumentException(problem, parameterName);
        }
    }
}
