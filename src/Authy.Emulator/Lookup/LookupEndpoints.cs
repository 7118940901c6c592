using Authy.Emulator.Domain;
using Authy.Emulator.Verify;
using Microsoft.AspNetCore.Routing;
using PhoneNumbers;

namespace Authy.Emulator.Lookup;

/// <summary>
/// Lookup v2, GET /v2/PhoneNumbers/{PhoneNumber} (docs/api/verify.md §4.12), answered by libphonenumber:
/// <c>valid</c> is its IsValidNumber (fictional 555 area codes are possible but not valid), a bad
/// number is 200 with <c>valid:false</c> and <c>validation_errors</c>, never a 404. Every package key
/// is present; the ones not asked for in <c>Fields</c> (and all of them for an invalid number) are null.
/// </summary>
internal static class LookupEndpoints
{
    public static readonly string[] Packages =
    {
        "validation", "caller_name", "sim_swap", "call_forwarding", "line_status", "line_type_intelligence",
        "identity_match", "reassigned_number", "sms_pumping_risk", "phone_number_quality_score", "pre_fill",
    };

    public static void Map(IEndpointRouteBuilder routes, VerifyPipeline pipeline) =>
        pipeline.Get(routes, "/v2/PhoneNumbers/{phone_number}", Fetch);

    private static ApiResponse Fetch(VerifyRequest request)
    {
        var input = request.Route("phone_number");
        var fields = (request.Get("Fields") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (fields.Any(f => Array.IndexOf(Packages, f) < 0))
        {
            throw new TwilioErrorException(TwilioJson.InvalidParameter("Fields"));
        }

        var region = request.Get("CountryCode") ?? "US";
        if (region.Length != 2 || !region.All(char.IsAsciiLetter))
        {
            throw new TwilioErrorException(TwilioJson.InvalidParameter("CountryCode"));
        }

        var util = PhoneNumberUtil.GetInstance();
        PhoneNumber? number = null;
        string? error = null;
        if (input.Length == 0 || input.Any(c => !(char.IsAsciiDigit(c) || c is '+' or '-' or '.' or ' ' or '(' or ')')))
        {
            error = "NOT_A_NUMBER";
        }
        else
        {
            try
            {
                number = util.Parse(input, region.ToUpperInvariant());
                error = util.IsPossibleNumberWithReason(number) switch
                {
                    PhoneNumberUtil.ValidationResult.IS_POSSIBLE => util.IsValidNumber(number) ? null : "INVALID_BUT_POSSIBLE",
                    PhoneNumberUtil.ValidationResult.TOO_SHORT => "TOO_SHORT",
                    PhoneNumberUtil.ValidationResult.TOO_LONG => "TOO_LONG",
                    PhoneNumberUtil.ValidationResult.INVALID_COUNTRY_CODE => "INVALID_COUNTRY_CODE",
                    _ => "INVALID_LENGTH",
                };
            }
            catch (NumberParseException e)
            {
                error = e.ErrorType switch
                {
                    ErrorType.INVALID_COUNTRY_CODE => "INVALID_COUNTRY_CODE",
                    ErrorType.TOO_SHORT_NSN or ErrorType.TOO_SHORT_AFTER_IDD => "TOO_SHORT",
                    ErrorType.TOO_LONG => "TOO_LONG",
                    _ => "NOT_A_NUMBER",
                };
            }
        }

        var valid = error is null && number is not null;
        var e164 = valid ? util.Format(number!, PhoneNumberFormat.E164) : input;
        var body = new JsonObject
        {
            ["calling_country_code"] = number is not null && error is not "INVALID_COUNTRY_CODE" ? number.CountryCode.ToString(CultureInfo.InvariantCulture) : null,
            ["country_code"] = valid ? util.GetRegionCodeForNumber(number) : null,
            ["phone_number"] = e164,
            ["national_format"] = valid ? util.Format(number!, PhoneNumberFormat.NATIONAL) : null,
            ["valid"] = valid,
            ["validation_errors"] = valid ? null : new JsonArray(error),
        };
        foreach (var package in Packages.Skip(1))
        {
            body[package] = valid && fields.Contains(package) ? Package(package, number!, request) : null;
        }

        body["url"] = request.BaseUrl + "/v2/PhoneNumbers/" + e164;
        return ApiResponse.Ok(body);
    }

    private static JsonObject Package(string name, PhoneNumber number, VerifyRequest request)
    {
        var util = PhoneNumberUtil.GetInstance();
        var national = util.GetNationalSignificantNumber(number);
        var facts = PhoneNumberRules.Lookup(new CanonicalPhone(number.CountryCode, national));
        var type = util.GetNumberType(number) switch
        {
            PhoneNumberType.MOBILE or PhoneNumberType.FIXED_LINE_OR_MOBILE => "mobile",
            PhoneNumberType.FIXED_LINE => "landline",
            PhoneNumberType.VOIP => "nonFixedVoip",
            PhoneNumberType.TOLL_FREE => "tollFree",
            PhoneNumberType.PREMIUM_RATE => "premium",
            PhoneNumberType.SHARED_COST => "sharedCost",
            PhoneNumberType.UAN => "uan",
            PhoneNumberType.VOICEMAIL => "voicemail",
            PhoneNumberType.PAGER => "pager",
            PhoneNumberType.PERSONAL_NUMBER => "personal",
            _ => "unknown",
        };
        var carrier = type is "mobile" or "landline" or "nonFixedVoip" ? facts.Provider : null;
        return name switch
        {
            "caller_name" => number.CountryCode == 1
                ? new JsonObject { ["caller_name"] = "EMULATED CALLER", ["caller_type"] = "CONSUMER", ["error_code"] = null }
                : new JsonObject { ["caller_name"] = null, ["caller_type"] = null, ["error_code"] = 60600 },
            "sim_swap" => new JsonObject
            {
                ["last_sim_swap"] = new JsonObject
                {
                    ["last_sim_swap_date"] = null, ["swapped_period"] = "PT48H", ["swapped_in_period"] = false,
                },
                ["carrier_name"] = carrier,
                ["mobile_country_code"] = null,
                ["mobile_network_code"] = null,
                ["error_code"] = null,
            },
            "call_forwarding" => new JsonObject { ["call_forwarding_enabled"] = false, ["error_code"] = null },
            "line_status" => new JsonObject { ["status"] = "active", ["error_code"] = null },
            "line_type_intelligence" => new JsonObject
            {
                ["error_code"] = null,
                ["mobile_country_code"] = null,
                ["mobile_network_code"] = null,
                ["carrier_name"] = carrier,
                ["type"] = type,
            },
            "identity_match" => new JsonObject
            {
                ["first_name_match"] = null, ["last_name_match"] = null, ["address_lines_match"] = null,
                ["city_match"] = null, ["state_match"] = null, ["postal_code_match"] = null,
                ["address_country_match"] = null, ["national_id_match"] = null, ["date_of_birth_match"] = null,
                ["summary_score"] = 0, ["error_code"] = null, ["error_message"] = null,
            },
            "reassigned_number" => new JsonObject
            {
                ["last_verified_date"] = request.Get("LastVerifiedDate"),
                ["is_number_reassigned"] = "no_data_available",
                ["error_code"] = null,
            },
            "sms_pumping_risk" => new JsonObject
            {
                ["carrier_risk_category"] = "low", ["number_blocked"] = false, ["number_blocked_date"] = null,
                ["number_blocked_last_3_months"] = null, ["sms_pumping_risk_score"] = 0, ["error_code"] = null,
            },
            "pre_fill" => new JsonObject
            {
                ["first_name"] = null, ["last_name"] = null, ["address_line"] = null, ["country_code"] = null,
                ["state"] = null, ["postal_code"] = null, ["error_code"] = null,
            },
            _ => new JsonObject { ["error_code"] = null },
        };
    }
}
