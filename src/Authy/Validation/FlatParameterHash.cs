using System.Collections;

namespace Authy.Validation;

/// <summary>
/// Turns a PowerShell hashtable into the flat key/value pairs of a Rack hash parameter
/// (<c>data[reason]=...</c>, docs/api/authy.md §1.4), refusing what the API cannot read back as one level:
/// brackets in keys (they would nest), and nested dictionaries or lists as values.
/// </summary>
public static class FlatParameterHash
{
    private static readonly char[] Brackets = { '[', ']' };

    public const int MaxKeyLength = 255;
    public const int MaxValueLength = 1024;

    /// <summary>
    /// A hashtable of short texts Twilio shows or keeps (a challenge's -Details, a verification's -Tags): the pairs in the
    /// dictionary's order, or null, with <paramref name="problem"/> set when it has more than <paramref name="maxCount"/>
    /// entries (the message ends with <paramref name="countLimit"/>), a key or value that is not flat text, a key that is
    /// not one line of at most <paramref name="maxKeyLength"/> characters, or a value over <paramref name="maxValueLength"/>
    /// (one line unless <paramref name="multilineValues"/>). Null with no problem when it is empty.
    /// </summary>
    public static List<KeyValuePair<string, string>>? TryConvertTexts(
        IDictionary? dictionary,
        string parameterName,
        int maxCount,
        string countLimit,
        string keyWord,
        int maxKeyLength,
        int maxValueLength,
        bool multilineValues,
        out string? problem)
    {
        problem = null;
        if (dictionary == null || dictionary.Count == 0)
        {
            return null;
        }

        if (dictionary.Count > maxCount)
        {
            problem = $"-{parameterName} has {dictionary.Count} entries; {countLimit}.";
            return null;
        }

        var pairs = TryConvert(dictionary, parameterName, out problem);
        if (pairs == null)
        {
            return null;
        }

        foreach (var pair in pairs)
        {
            problem = TextRules.Text($"-{parameterName} {keyWord} '{InputRules.Shorten(pair.Key)}'", pair.Key, maxKeyLength, multiline: false)
                ?? TextRules.Text($"-{parameterName} value of '{InputRules.Shorten(pair.Key)}'", pair.Value, maxValueLength, multilineValues);
            if (problem != null)
            {
                return null;
            }
        }

        return pairs;
    }

    /// <summary>Returns the pairs in the dictionary's order, or null with <paramref name="problem"/> set.</summary>
    public static List<KeyValuePair<string, string>>? TryConvert(IDictionary? dictionary, string parameterName, out string? problem)
    {
        problem = null;
        var pairs = new List<KeyValuePair<string, string>>();
        if (dictionary == null)
        {
            return pairs;
        }

        foreach (DictionaryEntry entry in dictionary)
        {
            var key = Convert.ToString(Unwrap(entry.Key), CultureInfo.InvariantCulture) ?? string.Empty;
            if (key.Trim().Length == 0 || key.Length > MaxKeyLength || key.IndexOfAny(Brackets) >= 0)
            {
                problem = $"-{parameterName} key '{InputRules.Shorten(key)}' is not usable: a key has 1 to {MaxKeyLength} characters and no square brackets.";
                return null;
            }

            var value = Unwrap(entry.Value);
            string text;
            switch (value)
            {
                case null:
                    // Rack reads "data[key]=" as an empty string; null has no other spelling in a form.
                    text = string.Empty;
                    break;
                case bool flag:
                    text = flag ? "true" : "false";
                    break;
                case string plain:
                    text = plain;
                    break;
                case IDictionary _:
                case IEnumerable _:
                    problem = $"-{parameterName} value of '{InputRules.Shorten(key)}' is a collection; only text, numbers and booleans can be sent.";
                    return null;
                case IFormattable formattable:
                    text = formattable.ToString(null, CultureInfo.InvariantCulture);
                    break;
                default:
                    text = value.ToString() ?? string.Empty;
                    break;
            }

            if (text.Length > MaxValueLength)
            {
                problem = $"-{parameterName} value of '{InputRules.Shorten(key)}' has {text.Length} characters; at most {MaxValueLength} can be sent.";
                return null;
            }

            problem = TextRules.Characters($"-{parameterName} key '{InputRules.Shorten(key)}'", key, multiline: false)
                ?? TextRules.Characters($"-{parameterName} value of '{InputRules.Shorten(key)}'", text, multiline: true);
            if (problem != null)
            {
                return null;
            }

            pairs.Add(new KeyValuePair<string, string>(key, text));
        }

        return pairs;
    }

    private static object? Unwrap(object? value) => value is PSObject wrapped ? wrapped.BaseObject : value;
}
