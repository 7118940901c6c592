using System.Diagnostics.CodeAnalysis;
using System.Net.Http;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Routing;

namespace Authy.Emulator.Verify;

/// <summary>
/// Verify webhooks (docs/api/verify.md §4.7) and the events they carry: factor.created, factor.verified,
/// factor.deleted, challenge.approved, challenge.denied. Each event is POSTed form-encoded to every
/// enabled webhook of the service that subscribed to it (or to "*"), signed with X-Twilio-Signature =
/// Base64(HMAC-SHA1(auth token, URL + each parameter name and value in ordinal order)) (section 6),
/// after the state lock is released and before the triggering request is answered.
/// </summary>
internal sealed class Webhooks
{
    public const string SignatureHeader = "X-Twilio-Signature";

    public static readonly string[] EventTypes = { "*", "factor.created", "factor.verified", "factor.deleted", "challenge.approved", "challenge.denied" };

    private readonly EmulatorServices _services;

    public Webhooks(EmulatorServices services)
    {
        _services = services;
    }

    private VerifyState State => _services.Verify;

    public void Map(IEndpointRouteBuilder routes, VerifyPipeline pipeline)
    {
        const string path = "/v2/Services/{service_sid}/Webhooks";
        pipeline.Post(routes, path, Create);
        pipeline.Get(routes, path, List);
        pipeline.Get(routes, path + "/{sid}", Fetch);
        pipeline.Post(routes, path + "/{sid}", Update);
        pipeline.Delete(routes, path + "/{sid}", Delete);
    }

    /// <summary>Queues the event for every webhook that wants it; caller holds the lock.</summary>
    public static void Raise(
        List<PendingEvent> sink, VerifyService service, VerifyEntity entity, VerifyFactor factor, string type, VerifyChallenge? challenge = null)
    {
        foreach (var webhook in service.Webhooks)
        {
            if (webhook.Status != "enabled" || !(webhook.EventTypes.Contains("*") || webhook.EventTypes.Contains(type)))
            {
                continue;
            }

            var parameters = new SortedDictionary<string, string>(StringComparer.Ordinal)
            {
                ["uuid"] = Guid.NewGuid().ToString("D"),
                ["type"] = type,
                ["account_sid"] = service.AccountSid,
                ["service_sid"] = service.Sid,
                ["entity_identity"] = entity.Identity,
                ["factor_sid"] = factor.Sid,
                ["factor_type"] = factor.FactorType,
                ["factor_friendly_name"] = factor.FriendlyName,
                ["status"] = challenge?.Status ?? factor.Status,
            };
            if (factor.Metadata is not null)
            {
                parameters["factor_metadata"] = factor.Metadata.ToJsonString();
            }

            if (challenge is not null)
            {
                parameters["challenge_sid"] = challenge.Sid;
                parameters["challenge_details"] = new JsonObject { ["message"] = challenge.Message, ["fields"] = challenge.Fields?.DeepClone() }.ToJsonString();
                if (challenge.HiddenDetails is not null)
                {
                    parameters["challenge_hidden_details"] = challenge.HiddenDetails.ToJsonString();
                }

                if (challenge.Metadata is not null)
                {
                    parameters["challenge_metadata"] = challenge.Metadata.ToJsonString();
                }
            }

            sink.Add(new PendingEvent(webhook.Sid, type, webhook.WebhookUrl, parameters));
        }
    }

    /// <summary>The X-Twilio-Signature of a form POST (docs/api/verify.md §6, step 2–3).</summary>
    [SuppressMessage("Security", "CA5350:Do Not Use Weak Cryptographic Algorithms", Justification = "Twilio signs X-Twilio-Signature with HMAC-SHA1; the emulator signs as Twilio does so clients can check it.")]
    public static string Sign(string authToken, string url, IEnumerable<KeyValuePair<string, string>> parameters)
    {
        var data = new StringBuilder(url);
        foreach (var (name, value) in parameters.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            data.Append(name).Append(value);
        }

        return Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(authToken), Encoding.UTF8.GetBytes(data.ToString())));
    }

    /// <summary>Sends the queued events one by one; never holds the lock while waiting on the network.</summary>
    public async Task DeliverAsync(IReadOnlyList<PendingEvent> events, CancellationToken cancellationToken)
    {
        foreach (var pending in events)
        {
            var record = new JsonObject
            {
                ["webhook_sid"] = pending.WebhookSid,
                ["type"] = pending.Type,
                ["url"] = pending.Url.AbsoluteUri,
                ["parameters"] = new JsonObject(pending.Parameters.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)JsonValue.Create(p.Value)))),
            };
            try
            {
                using var message = new HttpRequestMessage(HttpMethod.Post, pending.Url)
                {
                    Content = new FormUrlEncodedContent(pending.Parameters),
                };
                message.Headers.TryAddWithoutValidation(SignatureHeader, Sign(_services.Options.AuthToken, pending.Url.AbsoluteUri, pending.Parameters));
                using var response = await _services.CallbackClient.SendAsync(message, cancellationToken).ConfigureAwait(false);
                record["status"] = (int)response.StatusCode;
                record["error"] = null;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                record["status"] = null;
                record["error"] = e.Message;
            }

            lock (_services.State.Gate)
            {
                record["id"] = State.Deliveries.Count == 0 ? 1 : State.Deliveries[^1]["id"]!.GetValue<long>() + 1;
                State.Deliveries.Add(record);
                if (State.Deliveries.Count > VerifyState.MaxDeliveries)
                {
                    State.Deliveries.RemoveAt(0);
                }
            }
        }
    }

    private ApiResponse Create(VerifyRequest request)
    {
        var service = ServiceEndpoints.Require(State, request, "service_sid");
        var webhook = new VerifyWebhook { Sid = Sids.New("YW"), DateCreated = request.Now, DateUpdated = request.Now };
        request.Required("FriendlyName", TwilioJson.InvalidParameter);
        request.Required("EventTypes", TwilioJson.InvalidParameter);
        request.Required("WebhookUrl", TwilioJson.InvalidParameter);
        Apply(webhook, request);
        service.Webhooks.Add(webhook);
        return TwilioJson.Created(ToJson(service, webhook, request.BaseUrl));
    }

    private ApiResponse List(VerifyRequest request)
    {
        var service = ServiceEndpoints.Require(State, request, "service_sid");
        return Paging.List(request, $"/v2/Services/{service.Sid}/Webhooks", "webhooks",
            service.Webhooks, w => ToJson(service, w, request.BaseUrl));
    }

    private (VerifyService, VerifyWebhook) Require(VerifyRequest request)
    {
        var service = ServiceEndpoints.Require(State, request, "service_sid");
        var sid = request.Route("sid");
        return (service, service.Webhooks.Find(w => w.Sid == sid) ?? throw new TwilioErrorException(TwilioJson.NotFound(request.Path)));
    }

    private ApiResponse Fetch(VerifyRequest request)
    {
        var (service, webhook) = Require(request);
        return ApiResponse.Ok(ToJson(service, webhook, request.BaseUrl));
    }

    private ApiResponse Update(VerifyRequest request)
    {
        var (service, webhook) = Require(request);
        Apply(webhook, request);
        webhook.DateUpdated = request.Now;
        return ApiResponse.Ok(ToJson(service, webhook, request.BaseUrl));
    }

    private ApiResponse Delete(VerifyRequest request)
    {
        var (service, webhook) = Require(request);
        service.Webhooks.Remove(webhook);
        return TwilioJson.NoContent();
    }

    /// <summary>Validates everything first, then changes the webhook.</summary>
    private static void Apply(VerifyWebhook webhook, VerifyRequest request)
    {
        var name = request.Get("FriendlyName");
        if (name is { Length: 0 or > 64 })
        {
            throw new TwilioErrorException(TwilioJson.InvalidParameter("FriendlyName"));
        }

        var types = request.GetAll("EventTypes");
        if (types.Any(t => Array.IndexOf(EventTypes, t) < 0))
        {
            throw new TwilioErrorException(TwilioJson.InvalidParameter("EventTypes"));
        }

        Uri? url = null;
        if (request.Get("WebhookUrl") is { } text &&
            (!Uri.TryCreate(text, UriKind.Absolute, out url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)))
        {
            throw new TwilioErrorException(TwilioJson.InvalidParameter("WebhookUrl"));
        }

        var status = request.Get("Status");
        if (status is not null and not ("enabled" or "disabled"))
        {
            throw new TwilioErrorException(TwilioJson.InvalidParameter("Status"));
        }

        var version = request.Get("Version");
        if (version is not null and not ("v1" or "v2"))
        {
            throw new TwilioErrorException(TwilioJson.InvalidParameter("Version"));
        }

        webhook.FriendlyName = name ?? webhook.FriendlyName;
        webhook.EventTypes = types.Count > 0 ? types.Distinct().ToList() : webhook.EventTypes;
        webhook.WebhookUrl = url ?? webhook.WebhookUrl;
        webhook.Status = status ?? webhook.Status;
        webhook.Version = version ?? webhook.Version;
    }

    private static JsonObject ToJson(VerifyService service, VerifyWebhook webhook, string baseUrl) => new()
    {
        ["sid"] = webhook.Sid,
        ["service_sid"] = service.Sid,
        ["account_sid"] = service.AccountSid,
        ["friendly_name"] = webhook.FriendlyName,
        ["event_types"] = new JsonArray(webhook.EventTypes.Select(t => (JsonNode?)JsonValue.Create(t)).ToArray()),
        ["status"] = webhook.Status,
        ["version"] = webhook.Version,
        ["webhook_url"] = webhook.WebhookUrl.AbsoluteUri,
        ["webhook_method"] = "POST",
        ["date_created"] = TwilioJson.Date(webhook.DateCreated),
        ["date_updated"] = TwilioJson.Date(webhook.DateUpdated),
        ["url"] = baseUrl + "/v2/Services/" + service.Sid + "/Webhooks/" + webhook.Sid,
    };
}

/// <summary>An event waiting to be delivered once the state lock is released.</summary>
internal sealed record PendingEvent(string WebhookSid, string Type, Uri Url, SortedDictionary<string, string> Parameters);
