using Authy.Emulator.Domain;
using Authy.Emulator.Parameters;

namespace Authy.Emulator.Endpoints;

/// <summary>
/// The country_code + phone_number pair of the Verify-v1 and phone-info endpoints, validated with
/// the observed errors: missing → 400/60004 "... - Parameter is required"; non-integer country code
/// → 400/60004 "... - 'x' is not a valid Integer"; country code 222 or a number that is not a
/// possible number for its country → 400/60033 (docs/api/authy.md §2.15); a country code no country
/// uses → 403/60078 "Invalid country code" (the 2.15 error table).
/// </summary>
internal static class PhoneParameters
{
    public static ApiResponse? TryRead(JsonObject parameters, out CanonicalPhone phone)
    {
        phone = default;
        var countryText = parameters.GetString("country_code");
        if (string.IsNullOrWhiteSpace(countryText))
        {
            return Envelopes.ParameterRequired("country_code");
        }

        if (!ParameterReader.TryParseInteger(countryText, out var number))
        {
            return Envelopes.ParameterNotInteger("country_code", countryText);
        }

        var phoneText = parameters.GetString("phone_number");
        if (string.IsNullOrWhiteSpace(phoneText))
        {
            return Envelopes.ParameterRequired("phone_number");
        }

        if (number is < 1 or > 999)
        {
            return InvalidCountryCode();
        }

        if (PhoneNumberRules.IsInvalidForVerification((int)number))
        {
            return PhoneNumberInvalid();
        }

        return PhoneNumberRules.TryCanonicalize((int)number, phoneText, out phone) switch
        {
            PhoneNumberVerdict.Possible => null,
            PhoneNumberVerdict.UnknownCountryCode => InvalidCountryCode(),
            _ => PhoneNumberInvalid(),
        };
    }

    public static ApiResponse PhoneNumberInvalid() => Envelopes.CodeFirst(400, "60033", "Phone number is invalid");

    private static ApiResponse InvalidCountryCode() => Envelopes.CodeFirst(403, "60078", "Invalid country code");
}
