using System.Text.RegularExpressions;

namespace Authy.Validation;

/// <summary>
/// What the API accepts, checked before anything is sent. Each rule returns null when the value is
/// fine, else a sentence saying what is wrong and what is expected.
/// </summary>
public static class InputRules
{
    private static readonly Regex EmailShape = new Regex(@"^[^@\s""<>()\[\],;:\\]+@[^@\s""<>()\[\],;:\\]+\.[^@\s""<>()\[\],;:\\.]{2,}\z", RegexOptions.CultureInvariant);

    // Blanks that spreadsheets and hand typing leave around a value (a space, a tab, a non-breaking space).
    // Line breaks are not among them: in a value they mean a broken cell or an injection, and are refused.
    private static readonly char[] Blanks = { ' ', '\t', '\u00A0', '\u2009', '\u202F' };

    /// <summary>The value without the blanks around it, so <c>' 415 555 0100 '</c> from a CSV cell counts as written.</summary>
    public static string TrimBlanks(string value) => value.Trim(Blanks);

    public static string? Email(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return "The email address is empty.";
        }

        if (value!.Length > 254 || !EmailShape.IsMatch(value))
        {
            return $"'{Shorten(value)}' is not an email address like name@example.com.";
        }

        // \s and the excluded punctuation leave Unicode format and control characters: a mailbox has none. An
        // invisible one (a zero-width space pasted from a web page or chat) would register an address nobody can type.
        for (var i = 0; i < value.Length; i++)
        {
            // ZWNJ and ZWJ are letters' joiners in some scripts (IDNA2008 allows them after a non-ASCII letter).
            var joiner = (value[i] == '\u200C' || value[i] == '\u200D') && i > 0 && value[i - 1] > '\u007F';
            if (char.GetUnicodeCategory(value[i]) == UnicodeCategory.Format && !TextRules.IsBidiControl(value[i]) && !joiner)
            {
                return $"The email address '{Shorten(value)}' contains the invisible character U+{(int)value[i]:X4} at position {i + 1}; retype it.";
            }
        }

        return TextRules.Characters($"The email address '{Shorten(value)}'", value, multiline: false);
    }

    // An IPv4 address is four decimal parts without leading zeros: IPAddress.TryParse also takes '1' (0.0.0.1), '0x7f.1' and
    // '010.0.0.1' (octal), spellings that would send an address other than the one meant.
    private static readonly System.Text.RegularExpressions.Regex DottedQuad = new System.Text.RegularExpressions.Regex(
        @"\A(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}\z",
        System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    private static readonly System.Text.RegularExpressions.Regex Ipv6Characters = new System.Text.RegularExpressions.Regex(
        @"\A[0-9A-Fa-f:.]{2,45}\z", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    public static string? IpAddress(string? value) =>
        value != null && (DottedQuad.IsMatch(value) || (value.IndexOf(':') >= 0 && Ipv6Characters.IsMatch(value) &&
            System.Net.IPAddress.TryParse(value, out var v6) && v6.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6))
            ? null
            : $"'{InputRules.Shorten(value ?? string.Empty)}' is not an IP address such as 203.0.113.7 or 2001:db8::7.";

    /// <summary>The kinds of activity users/{id}/register_activity accepts (docs/api/authy.md §2.5).</summary>
    public static readonly IReadOnlyList<string> ActivityTypes = new[] { "password_reset", "banned", "unbanned", "cookie_login" };

    /// <summary>
    /// One of <paramref name="choices"/>, in any case (as ValidateSet matched); null when it is, else a message
    /// saying the value is not <paramref name="what"/> and listing the choices.
    /// </summary>
    public static string? OneOf(string what, string value, IReadOnlyList<string> choices) =>
        choices.Any(choice => string.Equals(choice, value, StringComparison.OrdinalIgnoreCase))
            ? null
            : $"'{Shorten(value)}' is not {what}: use {string.Join(", ", choices.Take(choices.Count - 1))} or {choices[choices.Count - 1]}.";

    /// <summary>Shortens a value for an error message, so a huge input cannot flood the screen.</summary>
    public static string Shorten(string value)
    {
        const int MaxShown = 40;
        // Control and bidirectional characters are shown as escapes, so the message reads as it is.
        var flat = new System.Text.StringBuilder(Math.Min(value.Length, MaxShown) + 8);
        foreach (var character in value)
        {
            if (flat.Length >= MaxShown)
            {
                return flat.ToString(0, MaxShown) + "...";
            }

            switch (character)
            {
                case '\r': flat.Append("\\r"); break;
                case '\n': flat.Append("\\n"); break;
                default:
                    if (char.IsControl(character) || TextRules.IsBidiControl(character) || char.IsSurrogate(character))
                    {
                        flat.Append("\\u").Append(((int)character).ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        flat.Append(character);
                    }

                    break;
            }
        }

        return flat.Length <= MaxShown ? flat.ToString() : flat.ToString(0, MaxShown) + "...";
    }

    /// <summary>
    /// A lifetime sent as a whole number of seconds (the APIs take no fraction) from <paramref name="min"/> to
    /// <paramref name="max"/>; null when usable, else a message naming <paramref name="parameter"/> and the range
    /// as <paramref name="range"/> words it.
    /// </summary>
    public static string? WholeSeconds(string parameter, TimeSpan value, TimeSpan min, TimeSpan max, string range) =>
        value < min || value > max || value.Ticks % TimeSpan.TicksPerSecond != 0
            ? $"{parameter} must be whole seconds from {range}; got {value}."
            : null;
}
