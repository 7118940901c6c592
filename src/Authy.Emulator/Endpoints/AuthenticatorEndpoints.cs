using Authy.Emulator.Domain;
using Authy.Emulator.Parameters;
using Authy.Emulator.Pipeline;
using Authy.Emulator.State;

namespace Authy.Emulator.Endpoints;

/// <summary>
/// Generic authenticator QR code, and the two migration exports: TOTP secret and phone number
/// (docs/api/authy.md §2.10, §2.11; docs/api/verify.md §7).
/// </summary>
internal sealed class AuthenticatorEndpoints
{
    private readonly EmulatorServices _services;

    public AuthenticatorEndpoints(EmulatorServices services)
    {
        _services = services;
    }

    public void Map(ApiRouteBuilder routes)
    {
        routes.Post("/protected/{format}/users/{authy_id}/secret", CreateQrCode);

        // JSON only (2.11).
        routes.Get("/protected/json/users/{authy_id}/secret/export", ExportSecret);

        // JSON only, like the seed export (docs/api/verify.md §7.3).
        routes.Get("/protected/json/users/{authy_id}/phone_number", ExportPhoneNumber);
    }

    /// <summary>
    /// 2.10: only "qr_code" (a link to a PNG) and "success" are confirmed. The emulator also gives
    /// the user a TOTP secret, after which 6-digit RFC 6238 codes verify through /verify.
    /// </summary>
    private ApiResponse CreateQrCode(ApiRequest request)
    {
        var sizeText = request.Parameters.GetString("qr_size");
        var size = 300L;
        if (sizeText is not null && (!ParameterReader.TryParseInteger(sizeText, out size) || size < 1 || size > 4096))
        {
            return Envelopes.ParameterNotInteger("qr_size", sizeText);
        }

        lock (_services.State.Gate)
        {
            var user = _services.State.FindLiveUser(request.Route("authy_id"), request.Now, _services.Options.DeletionDelay);
            if (user is null)
            {
                return Envelopes.UserNotFound();
            }

            // Enrolling a third-party authenticator makes the user one whose seed a migration can export.
            user.TotpSecret ??= Codes.TotpSecret();
            user.Kind = AuthenticatorKind.Totp;
        }

        return ApiResponse.Ok(new JsonObject
        {
            ["qr_code"] = $"https://api.authy.com/qr_codes/{Codes.Hex(16)}.png?size={size}",
            ["success"] = true,
        });
    }

    /// <summary>
    /// 2.11: disabled unless --enable-migration-tools; then {"secret","otp","success"} for a user of kind totp.
    /// A user whose codes come from the Authy app, SMS or push has no seed to export (docs/api/verify.md §7.1, §7.6, §7.7).
    /// Twilio documents no error of its own for them, only 60026, 60154 and 60003 with statuses 200/400/404/500,
    /// so the emulator answers them as it answers an unknown user (404/60026, same body) [infer]: a client must
    /// not tell the two apart by this call alone, and the phone-number export (which does know the user) can.
    /// </summary>
    private ApiResponse ExportSecret(ApiRequest request)
    {
        if (!_services.Options.EnableSecretExport)
        {
            return Envelopes.MessageFirst(403, "60154", "Migration tools disabled");
        }

        string secret;
        lock (_services.State.Gate)
        {
            var user = _services.State.FindLiveUser(request.Route("authy_id"), request.Now, _services.Options.DeletionDelay);
            if (user is null || user.Kind != AuthenticatorKind.Totp)
            {
                return Envelopes.UserNotFound();
            }

            // Users created before kinds existed (and default ones) get their seed on first export, as before.
            secret = user.TotpSecret ??= Codes.TotpSecret();
        }

        return ApiResponse.Ok(new JsonObject
        {
            ["secret"] = secret,
            ["otp"] = Codes.Totp(secret, request.Now),
            ["success"] = true,
        });
    }

    /// <summary>
    /// docs/api/verify.md §7.3: {"phone_number":"444-555-6666","country_code":"1","e164":"+14445556666","updated_at":...}
    /// exactly as the recorded body (no "success"); the national number grouped with dashes, country code as a string.
    /// Off with the migration tools (403/60154 "Phone number export disabled"); any kind of user has a number.
    /// </summary>
    private ApiResponse ExportPhoneNumber(ApiRequest request)
    {
        if (!_services.Options.EnableSecretExport)
        {
            return Envelopes.MessageFirst(403, "60154", "Phone number export disabled");
        }

        lock (_services.State.Gate)
        {
            var user = _services.State.FindLiveUser(request.Route("authy_id"), request.Now, _services.Options.DeletionDelay);
            if (user is null)
            {
                return Envelopes.UserNotFound();
            }

            var countryCode = user.CountryCode.ToString(CultureInfo.InvariantCulture);
            return ApiResponse.Ok(new JsonObject
            {
                ["phone_number"] = PhoneNumberRules.GroupNational(user.Cellphone),
                ["country_code"] = countryCode,
                ["e164"] = "+" + countryCode + user.Cellphone,

                // The number cannot change after users/new here, so it was last updated when the user was created.
                ["updated_at"] = CompactJson.IsoTime(user.CreatedAt),
            });
        }
    }
}
