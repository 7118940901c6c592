using System.Text.RegularExpressions;

namespace Authy.Validation;

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
    /// <summary>
    /// What a <see cref="LeaveToCmdlet"/> parameter binds instead of a value it would refuse: negative, so never a
    /// usable id or length, and within an int, so an int parameter takes it as a long one does.
    /// </summary>
    public const int NotAWholeNumber = int.MinValue;

    /// <summary>
    /// For a parameter a pipeline cmdlet checks per record (-AuthyId): instead of refusing a value here, where the
    /// binder would drop the row unnumbered and throw off every later record's number, bind
    /// <see cref="NotAWholeNumber"/> and let the cmdlet refuse it as that record's error.
    /// </summary>
    public bool LeaveToCmdlet { get; set; }

    private static readonly Regex Digits = new Regex(@"\A[+-]?[0-9]{1,30}\z", RegexOptions.CultureInvariant);

    public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
    {
        var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
        if (LeaveToCmdlet && !IsWholeNumber(value))
        {
            return NotAWholeNumber;
        }

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

    /// <summary>
    /// Whether the value binds as the whole number it means: digits (a blank is left to mean "none"), or an
    /// integral number. Any other object is left to the binder: a piped record offered by value binds by property
    /// name next.
    /// </summary>
    private static bool IsWholeNumber(object? value) => value switch
    {
        string text => text.Trim(' ').Length == 0 || Digits.IsMatch(text.Trim(' ')),
        bool _ => false,
        float single => single == Math.Floor(single) && !float.IsInfinity(single),
        double number => number == Math.Floor(number) && !double.IsInfinity(number),
        decimal number => number == decimal.Floor(number),
        _ => true,
    };

    private static ArgumentTransformationMetadataException Fraction(string text) =>
        new ArgumentTransformationMetadataException($"{text} is not a whole number.");
}
