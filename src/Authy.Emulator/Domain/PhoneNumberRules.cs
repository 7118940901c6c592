using LibPhoneNumber = PhoneNumbers.PhoneNumber;
using NumberParseException = PhoneNumbers.NumberParseException;
using PhoneNumberToCarrierMapper = PhoneNumbers.PhoneNumberToCarrierMapper;
using PhoneNumberType = PhoneNumbers.PhoneNumberType;
using PhoneNumberUtil = PhoneNumbers.PhoneNumberUtil;
using PossibleNumberResult = PhoneNumbers.PhoneNumberUtil.ValidationResult;

namespace Authy.Emulator.Domain;

/// <summary>What the emulator pretends a carrier lookup says about a number (README "Test numbers").</summary>
public enum PhoneLineType
{
    Cellphone,
    Landline,
    Voip,
    Unknown,
}

/// <summary>Carrier data for a number; see <see cref="PhoneNumberRules.Lookup"/>.</summary>
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
/// A phone number reduced to what identifies it: the country calling code and the national
/// significant number (digits only, without the trunk prefix: UK "07700 900123" → "7700900123";
/// Italian numbers keep their leading 0, which is part of the number there). Users, phone
/// verifications and outbox messages are keyed by it, so one number written two ways is one number.
/// </summary>
public readonly record struct CanonicalPhone(int CountryCode, string NationalNumber);

/// <summary>Why <see cref="PhoneNumberRules.TryCanonicalize"/> turned a number down, if it did.</summary>
public enum PhoneNumberVerdict
{
    /// <summary>A possible number for its country: it has a canonical form.</summary>
    Possible,

    /// <summary>Something besides digits, dashes, periods and spaces (docs/api/authy.md §1.10), or no digit at all.</summary>
    Malformed,

    /// <summary>The country calling code is assigned to no country or global service.</summary>
    UnknownCountryCode,

    /// <summary>Too short or too long for that country, or only diallable from inside it.</summary>
    NotPossible,
}

/// <summary>
/// Phone-number parsing, masking and formatting rules (docs/api/authy.md §1.10), plus the emulator's
/// carrier database (README "Test numbers"). Parsing and number types come from libphonenumber,
/// the library Twilio's own Lookup is built on; only this class touches it, and its metadata is
/// loaded on the first request that carries a phone number.
/// </summary>
public static class PhoneNumberRules
{
    /// <summary>
    /// A country code used in the wild to provoke 60033 (docs/api/authy.md §2.15 "bogus country code 222").
    /// 222 is in fact Mauritania's, whose 8-digit numbers libphonenumber would accept; the
    /// emulator keeps refusing every number under it, since scripts use it to provoke 60033.
    /// </summary>
    public const int BogusCountryCode = 222;

    // The carrier mapper loads each country's prefix file on first use into a plain Dictionary, with
    // no lock of its own; the emulator answers requests in parallel.
    private static readonly object CarrierGate = new();

    private static readonly string[] TollFreeAreaCodes = { "800", "833", "844", "855", "866", "877", "888" };

    private static readonly string[] MobileCarriers =
    {
        "AT&T Wireless", "Verizon Wireless", "T-Mobile USA, Inc.", "Sprint Spectrum, L.P.",
    };

    /// <summary>
    /// The canonical form of <paramref name="input"/> under <paramref name="countryCode"/>, if it is
    /// a possible number there. Separators: "You can use dashes, periods, spaces or nothing to
    /// separate parts" (docs/api/authy.md §1.10). Possible, not valid: libphonenumber's
    /// IsPossibleNumber checks the length for the country, IsValidNumber also checks that the
    /// number range is assigned, which would refuse the fictional 555 numbers that scripts and
    /// tests use (555-700-0001).
    /// </summary>
    public static PhoneNumberVerdict TryCanonicalize(int countryCode, string? input, out CanonicalPhone phone)
    {
        phone = default;
        if (!TryExtractDigits(input, out var digits))
        {
            return PhoneNumberVerdict.Malformed;
        }

        return ParseDigits(countryCode, digits, out phone);
    }

    /// <summary>Digits with dashes, periods or spaces only, and at least one digit (docs/api/authy.md §1.10).</summary>
    public static bool IsWellFormed(string? input) => TryExtractDigits(input, out _);

    /// <summary>Country calling codes are 1–999; accepted as "1" or 1 (docs/api/authy.md §1.10).</summary>
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

    /// <summary>
    /// The digits of <paramref name="input"/> (anything else dropped) in canonical form under
    /// <paramref name="countryCode"/> when they are a possible number there, else as they are: the
    /// outbox filter of the control API, so "07700 900123" finds what was sent to 7700900123 under 44.
    /// </summary>
    public static string NationalNumberOrDigits(int countryCode, string input)
    {
        var digits = new string(input.Where(char.IsAsciiDigit).ToArray());
        return ParseDigits(countryCode, digits, out var phone) == PhoneNumberVerdict.Possible ? phone.NationalNumber : digits;
    }

    /// <summary>SMS/call replies: "+{cc}-XXX-XXX-XX{last 2}" whatever the national length (2.6).</summary>
    public static string MaskForDelivery(int countryCode, string nationalNumber) =>
        $"+{countryCode}-XXX-XXX-XX{LastDigits(nationalNumber, 2)}";

    /// <summary>User status: "XXX-XXX-{last 4}" (2.3).</summary>
    public static string MaskForStatus(string nationalNumber) => $"XXX-XXX-{LastDigits(nationalNumber, 4)}";

    /// <summary>
    /// Verify-v1 messages: "+{cc} {national significant number grouped with dashes}", e.g.
    /// "+1 987-654-3210", "+84 86-674-2932" for 0866742932 (the trunk prefix is not part of the
    /// national significant number) — docs/api/authy.md §2.15.
    /// </summary>
    public static string FormatInternational(CanonicalPhone phone) => $"+{phone.CountryCode} {GroupNational(phone.NationalNumber)}";

    /// <summary>The national significant number grouped with dashes from the right (4, 3, rest): "444-555-6666".</summary>
    public static string GroupNational(string national)
    {
        if (national.Length <= 4)
        {
            return national;
        }

        if (national.Length <= 7)
        {
            return national[..^4] + "-" + national[^4..];
        }

        return national[..^7] + "-" + national[^7..^4] + "-" + national[^4..];
    }

    /// <summary>Verify v1 and phone info reject these with 400/60033 "Phone number is invalid".</summary>
    public static bool IsInvalidForVerification(int countryCode) => countryCode == BogusCountryCode;

    /// <summary>
    /// The emulator's carrier database (README "Test numbers"). Where libphonenumber knows the
    /// number's type, that type decides:
    /// <list type="bullet">
    /// <item>MOBILE and FIXED_LINE_OR_MOBILE: cellphone, provider = the carrier libphonenumber
    /// names for the prefix, or for country code 1 (no carrier data: numbers port freely) a US
    /// mobile carrier picked by the digit sum, or none; not ported;</item>
    /// <item>FIXED_LINE: landline, no provider (Verify SMS → 403/60082);</item>
    /// <item>VOIP: voip, no provider;</item>
    /// <item>TOLL_FREE: unknown, not provisioned with any carrier (Verify start → 403/60083).</item>
    /// </list>
    /// Any other type, including numbers libphonenumber cannot classify (fictional 555 numbers,
    /// unassigned ranges), gets the deterministic test-number rules of <see cref="TestNumberLookup"/>.
    /// </summary>
    public static PhoneLookup Lookup(CanonicalPhone phone)
    {
        var number = ParseCanonical(phone);
        switch (Util.GetNumberType(number))
        {
            // FIXED_LINE_OR_MOBILE is libphonenumber's answer wherever the numbering plan does not
            // tell mobiles from landlines: the whole of country code 1, parts of India and others.
            // Authy's carrier lookup knew the line; a number someone registers for SMS codes is
            // most likely a mobile, and calling it a landline would refuse SMS (60082) to every
            // real US number.
            case PhoneNumberType.MOBILE:
            case PhoneNumberType.FIXED_LINE_OR_MOBILE:
                return new PhoneLookup(PhoneLineType.Cellphone, CarrierName(number) ?? NanpCarrier(phone), false, true);
            case PhoneNumberType.FIXED_LINE:
                return new PhoneLookup(PhoneLineType.Landline, null, false, true);
            case PhoneNumberType.VOIP:
                return new PhoneLookup(PhoneLineType.Voip, CarrierName(number), false, true);
            case PhoneNumberType.TOLL_FREE:
                return new PhoneLookup(PhoneLineType.Unknown, null, false, false);
            default:
                return TestNumberLookup(phone);
        }
    }

    /// <summary>
    /// Deterministic carrier facts from the digits, for numbers libphonenumber cannot classify, so
    /// that scripts can provoke landline / not-provisioned outcomes on purpose with fictional numbers:
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
    private static PhoneLookup TestNumberLookup(CanonicalPhone phone)
    {
        var digits = phone.NationalNumber;
        if (phone.CountryCode == 1 && digits.Length == 10 && TollFreeAreaCodes.Contains(digits[..3]))
        {
            return new PhoneLookup(PhoneLineType.Unknown, null, false, false);
        }

        var line = LastDigits(digits, 4);
        var carrier = MobileCarriers[DigitSum(digits) % MobileCarriers.Length];
        return line switch
        {
            "0001" => new PhoneLookup(PhoneLineType.Landline, "Level 3 Communications, LLC", false, true),
            "0002" => new PhoneLookup(PhoneLineType.Voip, "Pinger", false, true),
            "0003" => new PhoneLookup(PhoneLineType.Unknown, null, false, false),
            "0004" => new PhoneLookup(PhoneLineType.Cellphone, carrier, true, true),
            _ => new PhoneLookup(PhoneLineType.Cellphone, carrier, false, true),
        };
    }

    // The library's singletons load their metadata on first use; reaching them through these
    // properties keeps that off the emulator's start-up path.
    private static PhoneNumberUtil Util => PhoneNumberUtil.GetInstance();

    private static PhoneNumberToCarrierMapper Carriers => PhoneNumberToCarrierMapper.GetInstance();

    private static bool TryExtractDigits(string? input, out string digits)
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
        return digits.Length > 0;
    }

    private static PhoneNumberVerdict ParseDigits(int countryCode, string digits, out CanonicalPhone phone)
    {
        phone = default;
        if (digits.Length == 0)
        {
            return PhoneNumberVerdict.Malformed;
        }

        // "ZZ" is libphonenumber's unknown region: a calling code no country or global service uses.
        if (countryCode is < 1 or > 999 || Util.GetRegionCodeForCountryCode(countryCode) == "ZZ")
        {
            return PhoneNumberVerdict.UnknownCountryCode;
        }

        LibPhoneNumber number;
        try
        {
            // Written in international form, so the country code is given, not guessed; the parser
            // still strips a trunk prefix the national digits carry (UK 0, NANP 1).
            number = Util.Parse("+" + countryCode + digits, null);
        }
        catch (NumberParseException)
        {
            return PhoneNumberVerdict.NotPossible;
        }

        // IS_POSSIBLE_LOCAL_ONLY (e.g. 7 digits under country code 1) is refused too: such a
        // number cannot be dialled from abroad, so Authy could not reach it with a code.
        if (number.CountryCode != countryCode || Util.IsPossibleNumberWithReason(number) != PossibleNumberResult.IS_POSSIBLE)
        {
            return PhoneNumberVerdict.NotPossible;
        }

        phone = new CanonicalPhone(countryCode, Util.GetNationalSignificantNumber(number));
        return PhoneNumberVerdict.Possible;
    }

    private static LibPhoneNumber ParseCanonical(CanonicalPhone phone) =>
        Util.Parse("+" + phone.CountryCode + phone.NationalNumber, null);

    private static string? CarrierName(LibPhoneNumber number)
    {
        string name;
        lock (CarrierGate)
        {
            name = Carriers.GetNameForNumber(number, PhoneNumbers.Locale.English);
        }

        return string.IsNullOrEmpty(name) ? null : name;
    }

    private static string? NanpCarrier(CanonicalPhone phone) =>
        phone.CountryCode == 1 ? MobileCarriers[DigitSum(phone.NationalNumber) % MobileCarriers.Length] : null;

    private static int DigitSum(string digits) => digits.Sum(c => c - '0');

    private static string LastDigits(string digits, int count) => digits.Length <= count ? digits : digits[^count..];
}
