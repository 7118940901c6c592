namespace Authy.Validation;

/// <summary>
/// Free text the API passes on to a person (an SMS action, a OneTouch message, a QR code label, detail
/// keys and values). What reaches a screen must read as what was sent: no control characters that split
/// lines or headers (CR, LF, NUL; a tab or line break only where the text may have several lines), no
/// bidirectional overrides, embeddings or isolates (U+202A-U+202E, U+2066-U+2069) that make a push read
/// differently from its text, no lone surrogates, and not blank. Right-to-left and left-to-right marks
/// (U+200E, U+200F, U+061C) stay allowed: Arabic and Hebrew text needs them.
/// </summary>
public static class TextRules
{
    /// <summary>Null when the text may be sent, else what is wrong with it.</summary>
    public static string? Text(string what, string? value, int maxLength, bool multiline)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return $"{what} is empty or only white space.";
        }

        if (value!.Length > maxLength)
        {
            return $"{what} has {value.Length} characters; at most {maxLength} are accepted.";
        }

        var problem = Characters(what, value, multiline);
        return problem;
    }

    /// <summary>The character check alone (for values that may be empty, such as detail values).</summary>
    public static string? Characters(string what, string value, bool multiline)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var character = value[i];
            if (char.IsHighSurrogate(character) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
                continue;
            }

            if (char.IsSurrogate(character))
            {
                return $"{what} contains a broken Unicode character (a lone surrogate at position {i + 1}).";
            }

            if (multiline && (character == '\n' || character == '\r' || character == '\t'))
            {
                continue;
            }

            if (char.IsControl(character))
            {
                return $"{what} contains the control character U+{(int)character:X4} at position {i + 1}" +
                    (multiline ? "." : "; it must be a single line of text.");
            }

            if (IsBidiControl(character))
            {
                return $"{what} contains the bidirectional control U+{(int)character:X4} at position {i + 1}, which can make the text read differently from what is sent.";
            }
        }

        return null;
    }

    /// <summary>Embeddings, overrides and isolates (not the plain direction marks).</summary>
    public static bool IsBidiControl(char character) =>
        (character >= '\u202A' && character <= '\u202E') || (character >= '\u2066' && character <= '\u2069');
}

/// <summary>One line of text shown to a person: not blank, no control or bidirectional override characters.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class ValidateSingleLineTextAttribute : ValidateRuleAttribute
{
    public ValidateSingleLineTextAttribute(int maxLength)
    {
        MaxLength = maxLength;
    }

    public int MaxLength { get; }

    protected override string? Check(string? value) => TextRules.Text("The text", value, MaxLength, multiline: false);
}

/// <summary>Text shown to a person, line breaks allowed: not blank, no other control or bidirectional override characters.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class ValidateMultiLineTextAttribute : ValidateRuleAttribute
{
    public ValidateMultiLineTextAttribute(int maxLength)
    {
        MaxLength = maxLength;
    }

    public int MaxLength { get; }

    protected override string? Check(string? value) => TextRules.Text("The text", value, MaxLength, multiline: true);
}
