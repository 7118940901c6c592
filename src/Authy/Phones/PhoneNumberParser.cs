using PhoneNumbers;

namespace Authy.Phones;

/// <summary>
/// Turns a phone number as people write it (<c>(415) 555-0100</c>, <c>+44 (0)7700 900123</c>,
/// <c>1-555-879-1790</c>) and a country (<c>44</c>, <c>+1</c>, <c>GB</c>) into the one form the module sends,
/// using libphonenumber's knowledge of every country's calling code, trunk prefix and lengths.
/// Only the length is checked, not whether the range is assigned: fictional 555 numbers and test ranges
/// are legitimate in scripts, and Authy itself decides what it can reach.
/// </summary>
/// <remarks>
/// This class is the only one that touches libphonenumber, so PhoneNumbers.dll loads on the first number
/// parsed, never at Import-Module (the cmdlets and <see cref="CountryInput"/> do not name its types).
/// </remarks>
public static class PhoneNumberParser
{
    // libphonenumber's region for "no default region": the number must carry its own +country code.
    private const string UnknownRegion = "ZZ";

    // Longer than any phone number written with generous grouping; refuses huge values before parsing.
    private const int MaxLength = 40;

    private static readonly Lazy<PhoneNumberUtil> Util = new Lazy<PhoneNumberUtil>(PhoneNumberUtil.GetInstance);

    /// <summary>
    /// Parses <paramref name="phone"/> for the country <paramref name="country"/> (null when none was given).
    /// Returns the number, or null with <paramref name="problem"/> and a <paramref name="message"/> that quotes
    /// the value and says what is expected.
    /// </summary>
    public static NormalizedPhoneNumber? Normalize(string phone, CountryInput? country, out PhoneProblem problem, out string message)
    {
        problem = PhoneProblem.InvalidPhoneNumber;
        var text = InputRules.TrimBlanks(phone);
        var shown = InputRules.Shorten(phone);
        if (text.Length == 0)
        {
            message = "The phone number is empty.";
            return null;
        }

        // "(+44) 7700 900123": the country code in parentheses, as UK and European business cards print it.
        if (text.StartsWith("(+", StringComparison.Ordinal) && text.IndexOf(')') is var close and > 2)
        {
            text = "+" + text.Substring(2, close - 2) + " " + text.Substring(close + 1);
        }

        // A spreadsheet's damage or an extension: what to do is said there, not the usual "write digits" advice.
        var damage = SpreadsheetOrExtension(text);
        if (damage != null)
        {
            message = $"'{shown}' is not a phone number: {damage}.";
            return null;
        }

        var characterProblem = CheckCharacters(text);
        if (characterProblem != null)
        {
            message = $"'{shown}' is not a phone number: {characterProblem}. Write digits, grouped by spaces, dashes, dots or parentheses if you like, with or without a leading + and the country code.";
            return null;
        }

        // 00 is the international call prefix of most of the world (0044 7700 900123 is +44 7700 900123), and no
        // country's national numbers begin with it: without a country it can mean nothing else. With a country,
        // libphonenumber reads that country's own prefix (00 in GB, 011 in the US) itself.
        if (country == null && text.StartsWith("00", StringComparison.Ordinal))
        {
            text = "+" + text.Substring(2).TrimStart(' ', '-', '.');
        }

        var international = text[0] == '+';
        if (!international && country == null)
        {
            problem = PhoneProblem.MissingCountry;
            message = $"'{shown}' has no country: give the country (a calling code such as 1 or 44, or an ISO code such as US or GB), or write the number with + and its country code.";
            return null;
        }

        PhoneNumber parsed;
        try
        {
            parsed = international || country!.IsNonGeographic
                ? Util.Value.Parse(international ? text : "+" + country!.CallingCode.ToString(CultureInfo.InvariantCulture) + " " + text, UnknownRegion)
                : Util.Value.Parse(text, country!.Region);
        }
        catch (NumberParseException failure)
        {
            message = ParseFailure(shown, failure.ErrorType, country);
            if (failure.ErrorType == ErrorType.INVALID_COUNTRY_CODE && country != null && !international)
            {
                problem = PhoneProblem.InvalidCountryCode;
            }

            return null;
        }

        if (international && country != null && parsed.CountryCode != country.CallingCode)
        {
            problem = PhoneProblem.InvalidCountryCode;
            message = $"'{shown}' is a +{parsed.CountryCode} number, but the country is given as '{country.Text}' (+{country.CallingCode}). Leave the country out, or make the two agree.";
            return null;
        }

        var lengthProblem = CheckLength(parsed);
        if (lengthProblem != null)
        {
            message = $"'{shown}' {lengthProblem}";
            return null;
        }

        problem = PhoneProblem.None;
        message = string.Empty;
        return new NormalizedPhoneNumber(parsed.CountryCode, Util.Value.GetNationalSignificantNumber(parsed));
    }

    /// <summary>The calling code of an ISO 3166 alpha-2 region (0 when libphonenumber does not know it).</summary>
    internal static int CallingCodeForRegion(string region) => Util.Value.GetCountryCodeForRegion(region);

    /// <summary>The main region of a calling code (<c>US</c> for 1), <c>001</c> for non-geographic codes, or null if no country has it.</summary>
    internal static string? RegionForCallingCode(int callingCode)
    {
        var region = Util.Value.GetRegionCodeForCountryCode(callingCode);
        return region == UnknownRegion ? null : region;
    }

    /// <summary>Every region with a calling code, for completion: ISO code and calling code.</summary>
    internal static IEnumerable<KeyValuePair<string, int>> Regions() =>
        Util.Value.GetSupportedRegions().OrderBy(region => region, StringComparer.Ordinal)
            .Select(region => new KeyValuePair<string, int>(region, Util.Value.GetCountryCodeForRegion(region)));

    // Refused before parsing: libphonenumber would read letters as a keypad (1-800-FLOWERS) and
    // Arabic-Indic digits as digits, neither of which a spreadsheet column of numbers means.
    private static string? SpreadsheetOrExtension(string text)
    {
        if (ScientificNotation.IsMatch(text))
        {
            return "a spreadsheet wrote it in scientific notation, which has lost its last digits; format the column as text and export it again";
        }

        var extension = Extension.Match(text);

        // A code by SMS or voice goes to the line itself: an extension cannot be dialled, so say what to drop.
        return extension.Success
            ? $"'{InputRules.Shorten(extension.Value.Trim())}' is an extension, which SMS and voice codes cannot reach; give the number without it"
            : null;
    }

    private static string? CheckCharacters(string text)
    {
        for (var index = 0; index < text.Length; index++)
        {
            var character = text[index];
            if ((character >= '0' && character <= '9') || IsSeparator(character))
            {
                continue;
            }

            if (character == '+' && index == 0)
            {
                continue;
            }

            if (char.IsLetter(character))
            {
                return "it contains letters";
            }

            // Named by code point where the character itself would not show (a left-to-right mark, a soft hyphen).
            return char.IsControl(character) || char.IsWhiteSpace(character) || TextRules.IsBidiControl(character) || char.IsSurrogate(character) || char.IsDigit(character)
                || char.GetUnicodeCategory(character) == UnicodeCategory.Format
                ? $"it contains the character U+{(int)character:X4}"
                : $"'{character}' is not allowed in it";
        }

        return null;
    }

    // 4.15555E+09: what a spreadsheet makes of a long number in a column not formatted as text.
    private static readonly System.Text.RegularExpressions.Regex ScientificNotation = new System.Text.RegularExpressions.Regex(
        @"\A\+?[0-9]+([.,][0-9]+)?[eE]\+?[0-9]+\z", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    // How exports and people write an extension after a number: "ext. 12", "extension 12", "x123", "#12", ";ext=12".
    private static readonly System.Text.RegularExpressions.Regex Extension = new System.Text.RegularExpressions.Regex(
        @"((?<=[0-9)]\s*)(;\s*ext=|e?xt(ension|n)?\.?|x)|(?<=[0-9)]\s+)#)\s*[0-9]{1,7}\s*\z",
        System.Text.RegularExpressions.RegexOptions.CultureInvariant | System.Text.RegularExpressions.RegexOptions.IgnoreCase);

    // Separators seen in exported and hand-typed numbers: spaces (also non-breaking and thin ones from
    // word processors), dashes (also the typographic ones), dots, slashes and parentheses.
    private static bool IsSeparator(char character) =>
        character == ' ' || character == '-' || character == '.' || character == '(' || character == ')' || character == '/'
        || character == '\u00A0' || character == '\u2009' || character == '\u202F'
        || (character >= '\u2010' && character <= '\u2015') || character == '\u2212';

    private static string? CheckLength(PhoneNumber parsed)
    {
        var reason = Util.Value.IsPossibleNumberWithReason(parsed);
        if (reason == PhoneNumberUtil.ValidationResult.IS_POSSIBLE)
        {
            return null;
        }

        var digits = Util.Value.GetNationalSignificantNumber(parsed).Length;
        var where = Describe(parsed.CountryCode);
        var expected = ExpectedLengths(parsed.CountryCode);
        switch (reason)
        {
            case PhoneNumberUtil.ValidationResult.TOO_SHORT:
            case PhoneNumberUtil.ValidationResult.IS_POSSIBLE_LOCAL_ONLY:
                return $"is too short for a phone number in {where}: it has {digits} digits without the country code, and a number there has {expected}.";
            case PhoneNumberUtil.ValidationResult.TOO_LONG:
                return $"is too long for a phone number in {where}: it has {digits} digits without the country code, and a number there has {expected}.";
            default:
                return $"is not a phone number in {where}: it has {digits} digits without the country code, and a number there has {expected}.";
        }
    }

    private static string ParseFailure(string shown, ErrorType error, CountryInput? country)
    {
        switch (error)
        {
            case ErrorType.INVALID_COUNTRY_CODE:
                return country == null
                    ? $"'{shown}' does not start with a country calling code: after the + comes the code of a country, such as +1 or +44."
                    : $"'{shown}' cannot be read as a number of {Describe(country.CallingCode)}.";
            case ErrorType.TOO_SHORT_NSN:
            case ErrorType.TOO_SHORT_AFTER_IDD:
                return $"'{shown}' is too short to be a phone number.";
            case ErrorType.TOO_LONG:
                return $"'{shown}' is too long to be a phone number.";
            default:
                return $"'{shown}' is not a phone number: write digits, grouped by spaces, dashes, dots or parentheses if you like.";
        }
    }

    /// <summary>"the United Kingdom (+44)" style text: the main region's ISO code and the calling code.</summary>
    private static string Describe(int callingCode)
    {
        var region = RegionForCallingCode(callingCode);
        return region == null || region == "001"
            ? "+" + callingCode.ToString(CultureInfo.InvariantCulture)
            : $"{region} (+{callingCode.ToString(CultureInfo.InvariantCulture)})";
    }

    private static string ExpectedLengths(int callingCode)
    {
        var region = Util.Value.GetRegionCodeForCountryCode(callingCode);
        var metadata = region == "001" ? Util.Value.GetMetadataForNonGeographicalRegion(callingCode) : Util.Value.GetMetadataForRegion(region);
        var lengths = metadata?.GeneralDesc?.PossibleLengthList?.Distinct().OrderBy(length => length).ToList();
        if (lengths == null || lengths.Count == 0)
        {
            return "a different number of digits";
        }

        var names = lengths.Select(length => length.ToString(CultureInfo.InvariantCulture)).ToList();
        var text = names.Count == 1 ? names[0] : string.Join(", ", names.Take(names.Count - 1)) + " or " + names[names.Count - 1];
        return text + " digits";
    }
}
