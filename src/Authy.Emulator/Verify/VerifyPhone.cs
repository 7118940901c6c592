using System.Text.RegularExpressions;
using Authy.Emulator.Domain;
using PhoneNumbers;

namespace Authy.Emulator.Verify;

/// <summary>The <c>To</c> of a verification: an E.164 phone number or an e-mail address (docs/api/verify.md §4.2).</summary>
internal static class VerifyPhone
{
    private static readonly Regex E164 = new(@"^\+[1-9][0-9]{1,14}$", RegexOptions.CultureInvariant);

    private static readonly Regex Email = new(@"^[^@\s]+@[^@\s]+\.[^@\s]+$", RegexOptions.CultureInvariant);

    public static bool IsEmail(string to) => Email.IsMatch(to) && to.Length <= 254;

    /// <summary>An E.164 number that libphonenumber calls possible for its country (the Authy side's rule: fictional 555 numbers work).</summary>
    public static bool TryParse(string to, out CanonicalPhone phone)
    {
        phone = default;
        if (!E164.IsMatch(to))
        {
            return false;
        }

        try
        {
            var util = PhoneNumberUtil.GetInstance();
            var number = util.Parse(to, "ZZ");
            var digits = util.GetNationalSignificantNumber(number);
            return PhoneNumberRules.TryCanonicalize(number.CountryCode, digits, out phone) == PhoneNumberVerdict.Possible &&
                   !PhoneNumberRules.IsInvalidForVerification(number.CountryCode);
        }
        catch (NumberParseException)
        {
            return false;
        }
    }

    /// <summary>One spelling per number, so "+1 501…" written two ways meets one pending verification.</summary>
    public static string Normalize(string to) =>
        TryParse(to, out var phone) ? "+" + phone.CountryCode + phone.NationalNumber : to.ToLowerInvariant();

    public static bool IsDigitsOnly(string value) => value.Length > 0 && value.All(char.IsAsciiDigit);
}
