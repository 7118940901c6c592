using System;
using System.Linq;
using System.Text;

namespace Authy.Emulator.Domain;

/// <summary>What the emulator pretends a carrier lookup says about a number (README "Test numbers").</summary>
public enum PhoneLineType
{
    Cellphone,
    Landline,
    Voip,
    Unknown,
}

/// <summary>Deterministic carrier data for a number; see <see cref="PhoneNumbers.Lookup"/>.</summary>
public sealed record PhoneLookup(PhoneLineType Type, string? Provider, bool Ported, bool Provisioned)
{
    public string TypeName => Type switch
    {
        PhoneLineType.Cellphone => "cellphone",
        PhoneLineType.Landline => "landline",
        PhoneLineType.Voip => "voip",
        _ => "unknown",
    };
}

/// <summary>
/// Phone-number parsing, masking and formatting rules (authy-api.md 1.10), plus the emulator's
/// documented "test numbers": carrier facts derived from the digits, so that scripts can provoke
/// landline / not-provisioned / invalid outcomes on purpose.
/// </summary>
public static class PhoneNumbers
{
    public const int MinDigits = 7;
    public const int MaxDigits = 15;

    /// <summary>A country code used in the wild to provoke 60033 (authy-api.md 2.15 "bogus country code 222").</summary>
    public const int BogusCountryCode = 222;

    private static readonly string[] TollFreeAreaCodes = { "800", "833", "844", "855", "866", "877", "888" };

    private static readonly string[] MobileCarriers =
    {
        "AT&T Wireless", "Verizon Wireless", "T-Mobile USA, Inc.", "Sprint Spectrum, L.P.",
    };

    /// <summary>
    /// "You can use dashes, periods, spaces or nothing to separate parts" (authy-api.md 1.10):
    /// digits plus those separators only, 7–15 digits.
    /// </summary>
    public static bool TryNormalize(string? input, out string digits)
    {
        digits = "";
        if (string.IsNullOrWhiteSpace(input))
        {
            return false;
        }

        var builder = new StringBuilder(input.Length);
        foreach (var c in input.Trim())
        {
            if (char.IsAsciiDigit(c))
            {
                builder.Append(c);
            }
            else if (c is not ('-' or '.' or ' '))
            {
                return false;
            }
        }

        digits = builder.ToString();
        return digits.Length is >= MinDigits and <= MaxDigits;
    }

    /// <summary>Country calling codes are 1–999; accepted as "1" or 1 (authy-api.md 1.10).</summary>
    public static bool TryParseCountryCode(string? text, out int countryCode)
    {
        countryCode = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var trimmed = text.Trim().TrimStart('+');
        return trimmed.Length is >= 1 and <= 3 && trimmed.All(char.IsAsciiDigit) &&
               int.TryParse(trimmed, out countryCode) && countryCode is >= 1 and <= 999;
    }

    /// <summary>SMS/call replies: "+{cc}-XXX-XXX-XX{last 2}" whatever the national length (2.6).</summary>
    public static string MaskForDelivery(int countryCode, string digits) =>
        $"+{countryCode}-XXX-XXX-XX{digits[^2..]}";

    /// <summary>User status: "XXX-XXX-{last 4}" (2.3).</summary>
    public static string MaskForStatus(string digits) => $"XXX-XXX-{digits[^4..]}";

    /// <summary>
    /// Verify-v1 messages: "+{cc} {national grouped with dashes}", e.g. "+1 987-654-3210",
    /// "+84 86-674-2932" (leading national 0 dropped) — authy-api.md 2.15.
    /// </summary>
    public static string FormatInternational(int countryCode, string digits)
    {
        var national = digits.TrimStart('0');
        if (national.Length == 0)
        {
            national = digits;
        }

        string grouped;
        if (national.Length <= 4)
        {
            grouped = national;
        }
        else if (national.Length <= 7)
        {
            grouped = national[..^4] + "-" + national[^4..];
        }
        else
        {
            grouped = national[..^7] + "-" + national[^7..^4] + "-" + national[^4..];
        }

        return $"+{countryCode} {grouped}";
    }

    /// <summary>Verify v1 rejects these with 400/60033 "Phone number is invalid".</summary>
    public static bool IsInvalidForVerification(int countryCode) => countryCode == BogusCountryCode;

    /// <summary>
    /// The emulator's carrier database, a pure function of the digits (README "Test numbers"):
    /// <list type="bullet">
    /// <item>country code 1 with a toll-free area code (800, 833, 844, 855, 866, 877, 888): unknown type,
    /// no provider, not provisioned with any carrier (Verify start → 403/60083);</item>
    /// <item>line number (last four digits) 0001: landline, "Level 3 Communications, LLC" (Verify SMS → 403/60082);</item>
    /// <item>line number 0002: voip, "Pinger";</item>
    /// <item>line number 0003: unknown type, no provider, not provisioned (→ 403/60083);</item>
    /// <item>line number 0004: cellphone that was ported;</item>
    /// <item>anything else: cellphone, a US mobile carrier picked by the digit sum, not ported.</item>
    /// </list>
    /// </summary>
    public static PhoneLookup Lookup(int countryCode, string digits)
    {
        var national = digits.TrimStart('0');
        if (countryCode == 1 && national.Length >= 10 && TollFreeAreaCodes.Contains(national[^10..^7]))
        {
            return new PhoneLookup(PhoneLineType.Unknown, null, false, false);
        }

        var line = digits[^4..];
        var digitSum = digits.Sum(c => c - '0');
        return line switch
        {
            "0001" => new PhoneLookup(PhoneLineType.Landline, "Level 3 Communications, LLC", false, true),
            "0002" => new PhoneLookup(PhoneLineType.Voip, "Pinger", false, true),
            "0003" => new PhoneLookup(PhoneLineType.Unknown, null, false, false),
            "0004" => new PhoneLookup(PhoneLineType.Cellphone, MobileCarriers[digitSum % MobileCarriers.Length], true, true),
            _ => new PhoneLookup(PhoneLineType.Cellphone, MobileCarriers[digitSum % MobileCarriers.Length], false, true),
        };
    }
}
