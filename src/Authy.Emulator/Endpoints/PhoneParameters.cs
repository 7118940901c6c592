using System.Text.Json.Nodes;
using Authy.Emulator.Domain;
using Authy.Emulator.Json;
using Authy.Emulator.Parameters;

namespace Authy.Emulator.Endpoints;

/// <summary>
/// The country_code + phone_number pair of the Verify-v1 and phone-info endpoints, validated with
/// the observed errors: missing → 400/60004 "... - Parameter is required"; non-integer country code
/// → 400/60004 "... - 'x' is not a valid Integer"; impossible number → 400/60033 (authy-api.md 2.15).
/// </summary>
internal static class PhoneParameters
{
    public static ApiResponse? TryRead(JsonObject parameters, out int countryCode, out string digits)
    {
        countryCode = 0;
        digits = "";
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

        if (number is < 1 or > 999 || PhoneNumbers.IsInvalidForVerification((int)number) ||
            !PhoneNumbers.TryNormalize(phoneText, out digits))
        {
            return PhoneNumberInvalid();
        }

        countryCode = (int)number;
        return null;
    }

    public static ApiResponse PhoneNumberInvalid() => Envelopes.CodeFirst(400, "60033", "Phone number is invalid");
}
