using System;
using System.Text.Json.Nodes;
using Authy.Emulator.Domain;
using Authy.Emulator.Hosting;
using Authy.Emulator.Json;
using Authy.Emulator.Parameters;
using Authy.Emulator.Pipeline;

namespace Authy.Emulator.Endpoints;

/// <summary>Generic authenticator QR code and TOTP secret export (docs/api/authy.md §2.10, §2.11).</summary>
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

            user.TotpSecret ??= Codes.TotpSecret();
        }

        return ApiResponse.Ok(new JsonObject
        {
            ["qr_code"] = $"https://api.authy.com/qr_codes/{Codes.Hex(16)}.png?size={size}",
            ["success"] = true,
        });
    }

    /// <summary>2.11: disabled unless --enable-secret-export; then {"secret","otp","success"}.</summary>
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
            if (user is null)
            {
                return Envelopes.UserNotFound();
            }

            secret = user.TotpSecret ??= Codes.TotpSecret();
        }

        return ApiResponse.Ok(new JsonObject
        {
            ["secret"] = secret,
            ["otp"] = Codes.Totp(secret, request.Now),
            ["success"] = true,
        });
    }
}
