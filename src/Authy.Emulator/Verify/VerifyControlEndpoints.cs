using Authy.Emulator.Pipeline;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Authy.Emulator.Verify;

/// <summary>
/// Control endpoints of the Verify side (README "Control API"): what a mobile device would do
/// (enrol a push factor, answer a push challenge) and the current code of a TOTP factor, so demos
/// need no authenticator app. No credentials; never logged or counted as API requests.
/// </summary>
internal sealed class VerifyControlEndpoints
{
    private readonly EmulatorServices _services;

    public VerifyControlEndpoints(EmulatorServices services)
    {
        _services = services;
    }

    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapPost("/_emulator/verify/push_factors", CreatePushFactor);
        routes.MapPost("/_emulator/verify/challenges/{sid}/approve", context => Answer(context, approve: true));
        routes.MapPost("/_emulator/verify/challenges/{sid}/deny", context => Answer(context, approve: false));
        routes.MapGet("/_emulator/verify/factors/{sid}/code", Code);
        routes.MapGet("/_emulator/verify/events", Events);
    }

    private static string BaseUrl(HttpContext context) => context.Request.Scheme + "://" + context.Request.Host.Value;

    /// <summary>?identity=…[&amp;service_sid=VA…][&amp;friendly_name=…][&amp;notification_platform=apn|fcm|none]: a verified push factor.</summary>
    private async Task CreatePushFactor(HttpContext context)
    {
        var query = context.Request.Query;
        var identity = query["identity"].ToString();
        var serviceSid = query["service_sid"].ToString();
        var friendlyName = query["friendly_name"].ToString();
        var platform = query["notification_platform"].ToString();
        if (platform.Length == 0)
        {
            platform = "none";
        }

        if (!FactorEndpoints.IsValidIdentity(identity) || platform is not ("apn" or "fcm" or "none") || friendlyName.Length > 64)
        {
            await Reply(context, 400, new JsonObject
            {
                ["error"] = "identity (8-64 dash-separated alphanumerics) is required; notification_platform is apn, fcm or none; friendly_name up to 64 characters",
            }).ConfigureAwait(false);
            return;
        }

        var now = _services.Clock.UtcNow;
        var events = new List<PendingEvent>();
        int status;
        JsonObject body;
        lock (_services.State.Gate)
        {
            var service = _services.Verify.FindService(serviceSid.Length == 0 ? EmulatorOptions.DefaultServiceSid : serviceSid);
            if (service is null)
            {
                status = 404;
                body = new JsonObject { ["error"] = $"service {serviceSid} not found" };
                goto reply;
            }

            var entity = FactorEndpoints.Entity(service, identity, now, create: true)!;
            var factor = new VerifyFactor
            {
                Sid = Sids.New("YF"),
                FactorType = "push",
                DateCreated = now,
                DateUpdated = now,
                FriendlyName = friendlyName.Length == 0 ? "Emulated device" : friendlyName,
                Status = "verified",
                AppId = "com.example.emulator",
                NotificationPlatform = platform,
                NotificationToken = platform == "none" ? null : Sids.New("NT"),
                SdkVersion = "1.0.0",
            };
            entity.Factors.Add(factor);
            var binding = new JsonObject
            {
                ["alg"] = "ES256",
                ["public_key"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(91)),
            };
            Webhooks.Raise(events, service, entity, factor, "factor.created");
            Webhooks.Raise(events, service, entity, factor, "factor.verified");
            status = 201;
            body = FactorEndpoints.FactorJson(service, entity, factor, BaseUrl(context), binding);
        }

    reply:
        await new Webhooks(_services).DeliverAsync(events, context.RequestAborted).ConfigureAwait(false);
        await Reply(context, status, body).ConfigureAwait(false);
    }

    /// <summary>The device answers a pending push challenge: 200 with the challenge; 404 unknown; 409 not pending (expired or answered).</summary>
    private async Task Answer(HttpContext context, bool approve)
    {
        var sid = context.GetRouteValue("sid")?.ToString() ?? "";
        var now = _services.Clock.UtcNow;
        var events = new List<PendingEvent>();
        int code;
        JsonObject body;
        lock (_services.State.Gate)
        {
            if (_services.Verify.FindChallenge(sid) is not var (service, entity, challenge))
            {
                code = 404;
                body = new JsonObject { ["error"] = $"challenge {sid} not found" };
            }
            else if (challenge.StatusAt(now) is var status && status != "pending")
            {
                code = 409;
                body = new JsonObject
                {
                    ["error"] = $"challenge {sid} is {status}",
                    ["challenge"] = FactorEndpoints.ChallengeJson(service, entity, challenge, BaseUrl(context), now),
                };
            }
            else
            {
                challenge.Status = approve ? "approved" : "denied";
                challenge.DateResponded = now;
                challenge.DateUpdated = now;
                if (entity.Factors.Find(f => f.Sid == challenge.FactorSid) is { } factor)
                {
                    Webhooks.Raise(events, service, entity, factor, "challenge." + challenge.Status, challenge);
                }

                code = 200;
                body = FactorEndpoints.ChallengeJson(service, entity, challenge, BaseUrl(context), now);
            }
        }

        await new Webhooks(_services).DeliverAsync(events, context.RequestAborted).ConfigureAwait(false);
        await Reply(context, code, body).ConfigureAwait(false);
    }

    /// <summary>The code a TOTP factor's authenticator shows now (on the emulator clock); never the seed.</summary>
    private Task Code(HttpContext context)
    {
        var sid = context.GetRouteValue("sid")?.ToString() ?? "";
        var now = _services.Clock.UtcNow;
        lock (_services.State.Gate)
        {
            if (_services.Verify.FindFactor(sid) is not var (_, _, factor) || factor.FactorType != "totp")
            {
                return Reply(context, 404, new JsonObject { ["error"] = $"TOTP factor {sid} not found" });
            }

            return Reply(context, 200, new JsonObject
            {
                ["factor_sid"] = factor.Sid,
                ["code"] = TotpCodes.Compute(factor, now),
                ["time"] = CompactJson.IsoTime(now),
            });
        }
    }

    /// <summary>Webhook deliveries, oldest first: {"events":[{"id","webhook_sid","type","url","parameters","status","error"}]}.</summary>
    private Task Events(HttpContext context)
    {
        var events = new JsonArray();
        lock (_services.State.Gate)
        {
            foreach (var delivery in _services.Verify.Deliveries)
            {
                events.Add(delivery.DeepClone());
            }
        }

        return Reply(context, 200, new JsonObject { ["events"] = events });
    }

    private static Task Reply(HttpContext context, int status, JsonObject body)
    {
        context.Response.StatusCode = status;
        return ResponseWriter.WriteTextAsync(context, CompactJson.Serialize(body), ResponseWriter.JsonContentType);
    }
}
