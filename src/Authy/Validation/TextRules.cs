using System;
using System.Globalization;
using System.Management.Automation;
using System.Text.RegularExpressions;

namespace Authy.Validation
{
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

    /// <summary>
    /// Refuses, before PowerShell converts it, a value that would silently become a different whole number:
    /// a fraction (1.5 would round to 2, another user), a boolean ($true would be 1), or text other than
    /// ASCII digits with an optional sign ('0x10', '1e3', '1kb' and '1,000' are PowerShell spellings of
    /// numbers, never an id in a CSV file). Leading zeros and surrounding spaces are fine: '007' is 7.
    /// Anything else (text that is no number at all, an object piped by property name) is left for
    /// PowerShell's own binding, which refuses it as before (CannotConvertArgumentNoMessage).
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class WholeNumberAttribute : ArgumentTransformationAttribute
    {
        private static readonly Regex Digits = new Regex(@"\A[+-]?[0-9]{1,30}\z", RegexOptions.CultureInvariant);

        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            switch (value)
            {
                case bool _:
                    throw new ArgumentTransformationMetadataException($"'{value}' is a boolean, not a whole number.");
                case float single when single != Math.Floor(single) || float.IsInfinity(single):
                    throw Fraction(single.ToString(CultureInfo.InvariantCulture));
                case double fraction when fraction != Math.Floor(fraction) || double.IsInfinity(fraction):
                    throw Fraction(fraction.ToString(CultureInfo.InvariantCulture));
                case decimal fraction when fraction != decimal.Floor(fraction):
                    throw Fraction(fraction.ToString(CultureInfo.InvariantCulture));
                case string text:
                    // Only spaces are trimmed: a tab, CR or LF in an id is damage, not layout.
                    var trimmed = text.Trim(' ');
                    if (Digits.IsMatch(trimmed))
                    {
                        return trimmed;
                    }

                    // Text PowerShell would read as some number ('1.5', '0x10', '1e3', '1kb') is refused here;
                    // other text ('abc', '../1') is left to PowerShell, which refuses it with its usual error.
                    if (trimmed.Length > 0 && LanguagePrimitives.TryConvertTo<double>(trimmed, CultureInfo.InvariantCulture, out _))
                    {
                        throw new ArgumentTransformationMetadataException(
                            $"'{InputRules.Shorten(text)}' is not a whole number written in digits: use only the digits 0-9.");
                    }

                    return inputData;
                default:
                    return inputData;
            }
        }

        private static ArgumentTransformationMetadataException Fraction(string text) =>
            new ArgumentTransformationMetadataException($"{text} is not a whole number.");
    }
}
