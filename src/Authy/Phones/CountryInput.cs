namespace Authy.Phones;

/// <summary>
/// A country as a CSV column or a person gives it: a calling code (<c>44</c>, <c>+44</c>, <c>0044</c>,
/// <c> 1 </c>), an ISO 3166 code (<c>GB</c>, <c>de</c>, <c>GBR</c>), the everyday <c>UK</c>, or an English
/// country name (<c>Germany</c>). It resolves to the calling code Authy takes and the region whose
/// numbering rules (trunk prefix, lengths) apply.
/// </summary>
public sealed class CountryInput
{
    private static readonly Lazy<Dictionary<string, string>> RegionsByName = new Lazy<Dictionary<string, string>>(BuildNameTable);

    private CountryInput(string text, int callingCode, string region)
    {
        Text = text;
        CallingCode = callingCode;
        Region = region;
    }

    /// <summary>The value as given, trimmed, for messages.</summary>
    public string Text { get; }

    public int CallingCode { get; }

    /// <summary>ISO 3166 alpha-2 code, or <c>001</c> for non-geographic calling codes (+800, +882).</summary>
    public string Region { get; }

    public bool IsNonGeographic => Region == "001";

    /// <summary>
    /// Reads a country. Returns null with a null <paramref name="problem"/> when the value is blank (no
    /// country given), null with a sentence when it is not a country.
    /// </summary>
    public static CountryInput? Parse(object? value, out string? problem)
    {
        problem = null;
        var raw = value is System.Management.Automation.PSObject wrapped ? wrapped.BaseObject : value;
        var text = (raw as string ?? Convert.ToString(raw, CultureInfo.InvariantCulture) ?? string.Empty);
        text = InputRules.TrimBlanks(text);
        if (text.Length == 0)
        {
            return null;
        }

        var shown = InputRules.Shorten(text);
        var digits = text.StartsWith("+", StringComparison.Ordinal) ? text.Substring(1) : text;
        if (digits.Length > 0 && digits.Length <= 6 && IsAsciiDigits(digits))
        {
            // 0044 is how Europe dials +44; the calling code itself never starts with 0.
            var code = digits.TrimStart('0');
            if (code.Length >= 1 && code.Length <= 3)
            {
                var callingCode = int.Parse(code, NumberStyles.None, CultureInfo.InvariantCulture);
                var region = PhoneNumberParser.RegionForCallingCode(callingCode);
                if (region != null)
                {
                    return new CountryInput(text, callingCode, region);
                }
            }

            problem = $"'{shown}' is not a country calling code: use one such as 1 (US, Canada), 44 (UK) or 49 (Germany), or a two-letter ISO code such as US or GB.";
            return null;
        }

        if (text.Length <= 60 && RegionsByName.Value.TryGetValue(text, out var named))
        {
            return new CountryInput(text, PhoneNumberParser.CallingCodeForRegion(named), named);
        }

        problem = $"'{shown}' is not a country: use a calling code such as 1 or 44, or a two-letter ISO 3166 code such as US, GB or DE.";
        return null;
    }

    public override string ToString() => Text;

    private static bool IsAsciiDigits(string text)
    {
        foreach (var character in text)
        {
            if (character < '0' || character > '9')
            {
                return false;
            }
        }

        return true;
    }

    // Alpha-2 codes from libphonenumber; alpha-3 codes and English names from .NET's RegionInfo where the
    // platform has them (a host in invariant-globalization mode has none, and then only codes work).
    private static Dictionary<string, string> BuildNameTable()
    {
        var table = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["UK"] = "GB" };
        foreach (var entry in PhoneNumberParser.Regions())
        {
            table[entry.Key] = entry.Key;
        }

        foreach (var entry in PhoneNumberParser.Regions())
        {
            try
            {
                var info = new RegionInfo(entry.Key);
                if (!table.ContainsKey(info.ThreeLetterISORegionName))
                {
                    table[info.ThreeLetterISORegionName] = entry.Key;
                }

                if (!table.ContainsKey(info.EnglishName))
                {
                    table[info.EnglishName] = entry.Key;
                }
            }
            catch (ArgumentException)
            {
                // Not a region this platform's culture data knows: its ISO code still works.
            }
        }

        // Names exports use that RegionInfo's English names do not: Outlook's "United States of America", ISO 3166's
        // official short names ("Korea, Republic of"), and the everyday ones ("England", "UAE").
        foreach (var alias in CommonNames)
        {
            if (!table.ContainsKey(alias.Key))
            {
                table[alias.Key] = alias.Value;
            }
        }

        return table;
    }

    private static readonly Dictionary<string, string> CommonNames = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["United States of America"] = "US", ["U.S."] = "US", ["U.S.A."] = "US", ["America"] = "US",
        ["Great Britain"] = "GB", ["Britain"] = "GB", ["England"] = "GB", ["Scotland"] = "GB", ["Wales"] = "GB", ["Northern Ireland"] = "GB", ["U.K."] = "GB",
        ["UAE"] = "AE", ["Korea, Republic of"] = "KR", ["Republic of Korea"] = "KR", ["South Korea"] = "KR",
        ["Viet Nam"] = "VN", ["Vietnam"] = "VN", ["Russian Federation"] = "RU", ["Russia"] = "RU", ["Czech Republic"] = "CZ", ["Czechia"] = "CZ",
        ["Türkiye"] = "TR", ["Turkiye"] = "TR", ["Turkey"] = "TR", ["Hong Kong"] = "HK", ["Taiwan"] = "TW", ["Holland"] = "NL",
        ["Iran, Islamic Republic of"] = "IR", ["Tanzania, United Republic of"] = "TZ", ["Bolivia, Plurinational State of"] = "BO",
        ["Venezuela, Bolivarian Republic of"] = "VE", ["Moldova, Republic of"] = "MD",
    };
}
