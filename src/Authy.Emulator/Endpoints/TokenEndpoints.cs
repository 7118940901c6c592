using Authy.Emulator.Domain;
using Authy.Emulator.Parameters;
using Authy.Emulator.Pipeline;
using Authy.Emulator.State;

namespace Authy.Emulator.Endpoints;

/// <summary>One-time tokens: send by SMS, call, email; verify (docs/api/authy.md §2.6–§2.9, §1.11).</summary>
internal sealed class TokenEndpoints
{
    /// <summary>A sent token verifies for this long.</summary>
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromMinutes(10);

    public const int TokenLength = 7;

    private const string SmsIgnoredText =
        "Ignored: SMS is not needed for smartphones. Pass force=true if you want to actually send it anyway.";

    // The double space in "using  App" is what the service sends (java and seegno mocks, 2.7).
    private const string CallIgnoredText =
        "Call ignored. User is using  App Tokens and this call is not necessary. Pass force=true if you still want to call users that are using the App.";

    private readonly EmulatorServices _services;

    public TokenEndpoints(EmulatorServices services)
    {
        _services = services;
    }

    public void Map(ApiRouteBuilder routes)
    {
        routes.Get("/protected/{format}/sms/{authy_id}", request => SendPhoneToken(request, OutboxMessage.Sms));
        routes.Get("/protected/{format}/call/{authy_id}", request => SendPhoneToken(request, OutboxMessage.Call));
        routes.Post("/protected/{format}/email/{authy_id}", SendEmailToken);
        routes.Get("/protected/{format}/verify/{token}/{authy_id}", VerifyToken);
    }

    /// <summary>
    /// 2.6/2.7. A user with the app and no force=true is "ignored" (200, ignored:true): the app
    /// shows the token instead, so an outbox entry with channel "app" records that token.
    /// The ignored/device keys are absent when the message was actually sent.
    /// </summary>
    private ApiResponse SendPhoneToken(ApiRequest request, string channel)
    {
        var p = request.Parameters;
        var force = p.GetBool("force");
        var action = NullIfEmpty(p.GetString("action"));
        var actionMessage = NullIfEmpty(p.GetString("action_message"));
        var sms = channel == OutboxMessage.Sms;

        lock (_services.State.Gate)
        {
            var user = FindUser(request);
            if (user is null)
            {
                return Envelopes.UserNotFound();
            }

            var masked = PhoneNumberRules.MaskForDelivery(user.CountryCode, user.Cellphone);
            if (user.Registered && !force)
            {
                var device = user.Devices[^1];
                IssueToken(user, OutboxMessage.App, action, actionMessage, request.Now, device);
                return ApiResponse.Ok(new JsonObject
                {
                    ["message"] = sms ? SmsIgnoredText : CallIgnoredText,
                    ["cellphone"] = masked,
                    ["device"] = device.OsType,
                    ["ignored"] = true,
                    ["success"] = true,
                });
            }

            IssueToken(user, channel, action, actionMessage, request.Now, null);
            var month = _services.State.Month(request.Now);
            if (sms)
            {
                month.SmsCount++;
                return ApiResponse.Ok(new JsonObject
                {
                    ["success"] = true,
                    ["message"] = "SMS token was sent",
                    ["cellphone"] = masked,
                });
            }

            month.CallsCount++;
            return ApiResponse.Ok(new JsonObject
            {
                ["cellphone"] = masked,
                ["message"] = "Call started...",
                ["success"] = true,
            });
        }
    }

    /// <summary>2.8, to the user's primary email.</summary>
    private ApiResponse SendEmailToken(ApiRequest request)
    {
        var action = NullIfEmpty(request.Parameters.GetString("action"));
        var actionMessage = NullIfEmpty(request.Parameters.GetString("action_message"));
        string email;
        lock (_services.State.Gate)
        {
            var user = FindUser(request);
            if (user is null)
            {
                return Envelopes.UserNotFound();
            }

            email = user.Emails[0];
            IssueToken(user, OutboxMessage.EmailChannel, action, actionMessage, request.Now, null);
        }

        return ApiResponse.Ok(new JsonObject
        {
            ["success"] = true,
            ["message"] = "Email token was sent",
            ["email"] = email,
            ["email_id"] = "EM" + Codes.Hex(16),
        });
    }

    /// <summary>
    /// 2.9. Verification is enforced when force=true or the user has completed registration
    /// (confirmed, or has the app); otherwise any all-digit token is "valid" — the documented
    /// legacy behaviour that made the official libraries send force=true by default.
    /// A token verifies once if it was sent to this user in the last 10 minutes (and, when an
    /// action was given on send, the same action is given now); reuse → 401/60019.
    /// 0000000 is not special (that was the retired sandbox).
    /// </summary>
    private ApiResponse VerifyToken(ApiRequest request)
    {
        var token = request.Route("token") ?? "";
        var force = request.Parameters.GetBool("force");
        var action = NullIfEmpty(request.Parameters.GetString("action"));

        lock (_services.State.Gate)
        {
            var user = FindUser(request);
            if (user is null)
            {
                // Conflict in the sources (404 vs 401, two texts); docs/api/authy.md §2.9 recommends 404 + 60026.
                return Envelopes.UserNotFound();
            }

            if (token.Length == 0 || !token.All(char.IsAsciiDigit))
            {
                return Envelopes.TokenInvalid("60020", Envelopes.TokenInvalidText);
            }

            var enforced = force || user.Confirmed || user.Registered;
            if (!enforced)
            {
                return TokenValid(SmsDevice(user));
            }

            var oldest = request.Now - TokenLifetime;
            var candidates = user.Tokens
                .Where(t => t.Code == token && t.IssuedAt > oldest && (t.Action is null || t.Action == action))
                .ToList();
            var fresh = candidates.FirstOrDefault(t => t.UsedAt is null);
            if (fresh is not null)
            {
                fresh.UsedAt = request.Now;
                return Accept(user, request.Now, fresh.Device is { } device ? AppDevice(device) : SmsDevice(user));
            }

            if (candidates.Count > 0)
            {
                return Envelopes.TokenInvalid("60019", Envelopes.TokenReusedText);
            }

            // Generic-authenticator TOTP (2.10): 6 digits, 30 s steps, one step of skew either way.
            if (user.TotpSecret is { } secret && token.Length == 6)
            {
                for (var step = -1; step <= 1; step++)
                {
                    if (Codes.Totp(secret, request.Now.AddSeconds(30 * step)) != token)
                    {
                        continue;
                    }

                    var usedKey = "totp:" + token;
                    if (user.Tokens.Any(t => t.Code == usedKey && t.IssuedAt > request.Now.AddSeconds(-90)))
                    {
                        return Envelopes.TokenInvalid("60019", Envelopes.TokenReusedText);
                    }

                    user.Tokens.Add(new IssuedToken(usedKey, "totp", null, request.Now, null) { UsedAt = request.Now });
                    return Accept(user, request.Now, SmsDevice(user));
                }
            }

            return Envelopes.TokenInvalid("60020", Envelopes.TokenInvalidText);
        }
    }

    /// <summary>Caller holds the gate. A successful real verification makes the user "confirmed".</summary>
    private ApiResponse Accept(EmulatedUser user, DateTimeOffset now, JsonObject device)
    {
        user.Confirmed = true;
        _services.State.Month(now).AuthsCount++;
        return TokenValid(device);
    }

    /// <summary>The 2.9 success body; "success" is the STRING "true" here and nowhere else.</summary>
    private static ApiResponse TokenValid(JsonObject device) =>
        ApiResponse.Ok(new JsonObject
        {
            ["message"] = "Token is valid.",
            ["token"] = "is valid",
            ["success"] = "true",
            ["device"] = device,
        });

    private static JsonObject SmsDevice(EmulatedUser user) => new()
    {
        ["id"] = null,
        ["os_type"] = "sms",
        ["registration_date"] = CompactJson.UnixSeconds(user.CreatedAt),
        ["registration_method"] = null,
        ["registration_country"] = null,
        ["registration_region"] = null,
        ["registration_city"] = null,
        ["country"] = null,
        ["region"] = null,
        ["city"] = null,
        ["ip"] = null,
        ["last_account_recovery_at"] = null,
        ["last_sync_date"] = null,
    };

    internal static JsonObject AppDevice(EmulatedDevice device) => new()
    {
        ["id"] = device.Id,
        ["os_type"] = device.OsType,
        ["registration_date"] = CompactJson.UnixSeconds(device.RegisteredAt),
        ["registration_method"] = "sms",
        ["registration_country"] = "United States",
        ["registration_region"] = null,
        ["registration_city"] = null,
        ["country"] = "United States",
        ["region"] = null,
        ["city"] = null,
        ["ip"] = "127.0.0.1",
        ["last_account_recovery_at"] = null,
        ["last_sync_date"] = CompactJson.UnixSeconds(device.RegisteredAt),
    };

    /// <summary>Caller holds the gate. Creates a token, remembers it on the user and puts it in the outbox.</summary>
    internal static IssuedToken IssueToken(
        EmulatorState state, EmulatedUser user, string channel, string? action, string? actionMessage,
        DateTimeOffset now, EmulatedDevice? device)
    {
        var code = Codes.Digits(TokenLength);
        var token = new IssuedToken(code, channel, action, now, device);
        user.Tokens.RemoveAll(t => t.IssuedAt <= now - TokenLifetime);
        user.Tokens.Add(token);
        var intro = actionMessage is null ? "" : actionMessage + " ";
        var body = channel switch
        {
            OutboxMessage.Call => $"{intro}Your {EmulatorServices.AppName} token is {string.Join(", ", code.ToCharArray())}.",
            OutboxMessage.App => $"{intro}{EmulatorServices.AppName} token shown in the Authy app: {code}",
            _ => $"{intro}Your {EmulatorServices.AppName} token is {code}",
        };
        state.AddMessage(
            channel, user.AuthyId, user.CountryCode, user.Cellphone,
            channel == OutboxMessage.EmailChannel ? user.Emails[0] : null, code, body, action, now);
        return token;
    }

    private IssuedToken IssueToken(
        EmulatedUser user, string channel, string? action, string? actionMessage, DateTimeOffset now, EmulatedDevice? device) =>
        IssueToken(_services.State, user, channel, action, actionMessage, now, device);

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;

    /// <summary>Caller holds the gate.</summary>
    private EmulatedUser? FindUser(ApiRequest request) =>
        _services.State.FindLiveUser(request.Route("authy_id"), request.Now, _services.Options.DeletionDelay);
}
