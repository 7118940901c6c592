using Authy.Emulator.Domain;
using Authy.Emulator.Parameters;
using Authy.Emulator.Pipeline;
using Authy.Emulator.State;

namespace Authy.Emulator.Endpoints;

/// <summary>Verify v1 phone verification: start, check, status (docs/api/authy.md §2.15–§2.17).</summary>
internal sealed class PhoneVerificationEndpoints
{
    public const int DefaultCodeLength = 4;

    private readonly EmulatorServices _services;

    public PhoneVerificationEndpoints(EmulatorServices services)
    {
        _services = services;
    }

    public void Map(ApiRouteBuilder routes)
    {
        routes.Post("/protected/{format}/phones/verification/start", Start);
        routes.Get("/protected/{format}/phones/verification/check", Check);
        routes.Get("/protected/{format}/phones/verification/status", Status);
    }

    /// <summary>
    /// 2.15. A start inside the 10-minute window of a pending verification resends the SAME code
    /// (and keeps its uuid and expiry). Carrier facts as phones/info gives them (README "Test
    /// numbers"): not provisioned (toll-free, line 0003) → 403/60083; a landline (libphonenumber's
    /// FIXED_LINE, or line 0001) via sms → 403/60082; country code 222 or a number impossible for
    /// its country → 400/60033.
    /// custom_code needs --allow-custom-codes, custom_message is allowed unless
    /// --deny-custom-messages; otherwise 403/60021.
    /// </summary>
    private ApiResponse Start(ApiRequest request)
    {
        var p = request.Parameters;
        if (PhoneParameters.TryRead(p, out var phone) is { } invalid)
        {
            return invalid;
        }

        var via = p.GetString("via");
        if (string.IsNullOrWhiteSpace(via))
        {
            return Envelopes.ParameterRequired("via");
        }

        via = via.Trim().ToLowerInvariant();
        if (via is not ("sms" or "call"))
        {
            return Envelopes.ParameterInvalid("via", $"'{via}' is not a valid value (sms, call)");
        }

        var codeLength = (long)DefaultCodeLength;
        var codeLengthText = p.GetString("code_length");
        if (!string.IsNullOrEmpty(codeLengthText))
        {
            if (!ParameterReader.TryParseInteger(codeLengthText, out codeLength))
            {
                return Envelopes.ParameterNotInteger("code_length", codeLengthText);
            }

            if (codeLength is < 4 or > 10)
            {
                return Envelopes.ParameterInvalid("code_length", "Must be between 4 and 10");
            }
        }

        var customCode = p.GetString("custom_code");
        if (!string.IsNullOrEmpty(customCode))
        {
            if (!_services.Options.AllowCustomCodes)
            {
                return NotCreated("custom codes are not allowed.");
            }

            if (customCode.Length is < 4 or > 10)
            {
                return Envelopes.ParameterInvalid("custom_code", "Must be between 4 and 10 characters");
            }
        }

        var customMessage = p.GetString("custom_message");
        if (!string.IsNullOrEmpty(customMessage) && _services.Options.DenyCustomMessages)
        {
            return NotCreated("custom messages are not allowed.");
        }

        var lookup = PhoneNumberRules.Lookup(phone);
        if (!lookup.Provisioned)
        {
            return Envelopes.CodeFirst(403, "60083", "Phone number not provisioned with any carrier");
        }

        if (lookup.Type == PhoneLineType.Landline && via == "sms")
        {
            return Envelopes.CodeFirst(403, "60082", "Can not send SMS to landline phone numbers");
        }

        var locale = p.GetString("locale");
        var formatted = PhoneNumberRules.FormatInternational(phone);
        PhoneVerification verification;
        lock (_services.State.Gate)
        {
            var state = _services.State;
            if (!state.VerificationsByPhone.TryGetValue(phone, out var existing) ||
                existing.StatusAt(request.Now) != "pending")
            {
                if (existing is not null)
                {
                    state.VerificationsByUuid.Remove(existing.Uuid);
                }

                existing = new PhoneVerification
                {
                    Uuid = Codes.Uuid(),
                    CountryCode = phone.CountryCode,
                    PhoneNumber = phone.NationalNumber,
                    Code = string.IsNullOrEmpty(customCode) ? Codes.Digits((int)codeLength) : customCode,
                    CreatedAt = request.Now,
                };
                state.VerificationsByPhone[phone] = existing;
                state.VerificationsByUuid[existing.Uuid] = existing;
            }

            verification = existing;
            verification.Via = via;
            verification.Locale = string.IsNullOrWhiteSpace(locale) ? "en" : locale;
            var body = string.IsNullOrEmpty(customMessage)
                ? $"Your {EmulatorServices.AppName} verification code is: {verification.Code}"
                : customMessage.Replace("{{code}}", verification.Code, StringComparison.Ordinal);
            state.AddMessage(
                via == "sms" ? OutboxMessage.VerificationSms : OutboxMessage.VerificationCall,
                null, phone.CountryCode, phone.NationalNumber, null, verification.Code, body, null, request.Now);
        }

        return ApiResponse.Ok(new JsonObject
        {
            ["carrier"] = lookup.Provider,
            ["is_cellphone"] = lookup.Type == PhoneLineType.Cellphone,
            ["message"] = via == "sms" ? $"Text message sent to {formatted}." : $"Call to {formatted} initiated",
            ["seconds_to_expire"] = verification.SecondsToExpire(request.Now),
            ["uuid"] = verification.Uuid,
            ["success"] = true,
        });
    }

    /// <summary>2.16: 200 / 401-60022 wrong code / 404-60023 nothing pending (none, expired or already verified).</summary>
    private ApiResponse Check(ApiRequest request)
    {
        var p = request.Parameters;
        if (PhoneParameters.TryRead(p, out var phone) is { } invalid)
        {
            return invalid;
        }

        var code = p.GetString("verification_code");
        if (string.IsNullOrWhiteSpace(code))
        {
            return Envelopes.ParameterRequired("verification_code");
        }

        lock (_services.State.Gate)
        {
            if (!_services.State.VerificationsByPhone.TryGetValue(phone, out var verification) ||
                verification.StatusAt(request.Now) != "pending")
            {
                return Envelopes.CodeFirst(
                    404, "60023",
                    $"No pending verifications for {PhoneNumberRules.FormatInternational(phone)} found.");
            }

            if (!string.Equals(verification.Code, code.Trim(), StringComparison.Ordinal))
            {
                return Envelopes.CodeFirst(401, "60022", "Verification code is incorrect");
            }

            verification.Verified = true;
        }

        return ApiResponse.Ok(new JsonObject
        {
            ["message"] = "Verification code is correct.",
            ["success"] = true,
        });
    }

    /// <summary>2.17, by uuid or by country_code + phone_number.</summary>
    private ApiResponse Status(ApiRequest request)
    {
        var p = request.Parameters;
        var uuid = p.GetString("uuid");
        PhoneVerification? verification;
        lock (_services.State.Gate)
        {
            if (!string.IsNullOrWhiteSpace(uuid))
            {
                _services.State.VerificationsByUuid.TryGetValue(uuid.Trim(), out verification);
            }
            else if (string.IsNullOrWhiteSpace(p.GetString("country_code")) || string.IsNullOrWhiteSpace(p.GetString("phone_number")))
            {
                return Envelopes.CodeFirst(400, "60042", "Either uuid or country_code and phone number are required");
            }
            else
            {
                if (PhoneParameters.TryRead(p, out var phone) is { } invalid)
                {
                    return invalid;
                }

                _services.State.VerificationsByPhone.TryGetValue(phone, out verification);
            }

            if (verification is null)
            {
                return Envelopes.CodeFirst(404, "60023", "Phone verification not found");
            }

            return ApiResponse.Ok(new JsonObject
            {
                ["message"] = "Phone Verification status.",
                ["status"] = verification.StatusAt(request.Now),
                ["seconds_to_expire"] = verification.SecondsToExpire(request.Now),
                ["success"] = true,
            });
        }
    }

    private static ApiResponse NotCreated(string reason) =>
        Envelopes.CodeFirst(403, "60021", "Phone verification couldn't be created: " + reason);
}
