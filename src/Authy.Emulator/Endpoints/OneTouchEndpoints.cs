using Authy.Emulator.Domain;
using Authy.Emulator.OneTouch;
using Authy.Emulator.Parameters;
using Authy.Emulator.Pipeline;
using Authy.Emulator.State;

namespace Authy.Emulator.Endpoints;

/// <summary>OneTouch approval requests: create, status, and the control hook that answers them (2.12–2.14).</summary>
internal sealed class OneTouchEndpoints
{
    public const long DefaultSecondsToExpire = 86400;

    private readonly EmulatorServices _services;
    private readonly CallbackSender _callbacks;

    public OneTouchEndpoints(EmulatorServices services)
    {
        _services = services;
        _callbacks = new CallbackSender(services);
    }

    public void Map(ApiRouteBuilder routes)
    {
        routes.Post("/onetouch/{format}/users/{authy_id}/approval_requests", CreateApprovalRequest);
        routes.Get("/onetouch/{format}/approval_requests/{uuid}", GetApprovalRequest);
    }

    /// <summary>
    /// 2.12. message is required (400/60004 otherwise); details / hidden_details are hashes,
    /// logos an array of {res,url} (form: logos[][res]/logos[][url]); seconds_to_expire defaults
    /// to 86400, 0 = never; JSON null counts as absent (py sends "seconds_to_expire":null).
    /// </summary>
    private ApiResponse CreateApprovalRequest(ApiRequest request)
    {
        var p = request.Parameters;
        var message = p.GetString("message");
        var secondsText = p.GetString("seconds_to_expire");
        var seconds = DefaultSecondsToExpire;
        if (!string.IsNullOrEmpty(secondsText) &&
            (!ParameterReader.TryParseInteger(secondsText, out seconds) || seconds < 0))
        {
            return Envelopes.ParameterNotInteger("seconds_to_expire", secondsText);
        }

        lock (_services.State.Gate)
        {
            var user = _services.State.FindLiveUser(request.Route("authy_id"), request.Now, _services.Options.DeletionDelay);
            if (user is null)
            {
                return Envelopes.UserNotFound();
            }

            if (string.IsNullOrWhiteSpace(message))
            {
                return Envelopes.ParameterRequired("message");
            }

            var approval = new ApprovalRequest
            {
                Uuid = Codes.Uuid(),
                ObjectId = Codes.ObjectId(),
                AuthyId = user.AuthyId,
                UserEmail = user.Emails[0],
                Message = message,
                Details = p.Get("details") as JsonObject is { } details ? (JsonObject)details.DeepClone() : null,
                HiddenDetails = p.Get("hidden_details") as JsonObject is { } hidden ? (JsonObject)hidden.DeepClone() : null,
                Logos = ReadLogos(p.Get("logos")),
                SecondsToExpire = seconds,
                CreatedAt = request.Now,
                UpdatedAt = request.Now,
            };
            _services.State.ApprovalRequests[approval.Uuid] = approval;
            return ApiResponse.Ok(new JsonObject
            {
                ["approval_request"] = new JsonObject { ["uuid"] = approval.Uuid },
                ["success"] = true,
            });
        }
    }

    /// <summary>Arrays stay as sent; an index-keyed hash (logos[0][res]=...) becomes an array of its values.</summary>
    private static JsonArray? ReadLogos(JsonNode? node)
    {
        switch (node)
        {
            case JsonArray array:
                return (JsonArray)array.DeepClone();
            case JsonObject indexed:
                var result = new JsonArray();
                foreach (var (_, value) in indexed)
                {
                    result.Add(value?.DeepClone());
                }

                return result;
            default:
                return null;
        }
    }

    /// <summary>2.13 with lazy expiry; unknown uuid → 404/60049 with "errors":{}.</summary>
    private ApiResponse GetApprovalRequest(ApiRequest request)
    {
        var uuid = request.Route("uuid") ?? "";
        lock (_services.State.Gate)
        {
            if (!_services.State.ApprovalRequests.TryGetValue(uuid, out var approval))
            {
                return Envelopes.ApprovalRequestNotFound(uuid);
            }

            approval.ExpireIfDue(request.Now);
            return ApiResponse.Ok(new JsonObject
            {
                ["approval_request"] = ApprovalRequestJson.Status(approval),
                ["success"] = true,
            });
        }
    }

    /// <summary>
    /// Control hook: the user answers in the app. A user without the app gets one first (only app
    /// users can answer). The callback (if configured) is sent before this returns, and its
    /// outcome is part of the reply. Returns the HTTP status for the control reply and its body.
    /// </summary>
    public async Task<(int Status, JsonObject Body)> AnswerAsync(
        string uuid, bool approve, string? reason, CancellationToken cancellationToken)
    {
        JsonObject payload;
        ApprovalRequest approval;
        lock (_services.State.Gate)
        {
            var now = _services.Clock.UtcNow;
            if (!_services.State.ApprovalRequests.TryGetValue(uuid, out var found))
            {
                return (404, new JsonObject { ["error"] = $"approval request {uuid} not found" });
            }

            approval = found;
            approval.ExpireIfDue(now);
            if (approval.Status != ApprovalRequest.Pending)
            {
                return (409, new JsonObject
                {
                    ["error"] = $"approval request {uuid} is {approval.Status}, not pending",
                    ["approval_request"] = ApprovalRequestJson.Status(approval),
                });
            }

            var user = _services.State.FindLiveUser(approval.AuthyId, now, _services.Options.DeletionDelay);
            var device = user is null ? new EmulatedDevice(_services.State.NextDeviceId++, "android", now) : EnsureDevice(user, now);
            approval.Status = approve ? ApprovalRequest.Approved : ApprovalRequest.Denied;
            approval.ProcessedAt = now;
            approval.UpdatedAt = now;
            approval.AnsweredBy = device;
            approval.Reason = reason ?? "";
            payload = ApprovalRequestJson.CallbackPayload(approval, device);
        }

        var callback = await _callbacks.SendAsync(payload, cancellationToken).ConfigureAwait(false);
        lock (_services.State.Gate)
        {
            if (callback?["status"] is JsonValue status && status.GetValue<int>() is >= 200 and < 300)
            {
                approval.Notified = true;
            }

            return (200, new JsonObject
            {
                ["approval_request"] = ApprovalRequestJson.Status(approval),
                ["callback"] = callback,
            });
        }
    }

    /// <summary>Caller holds the gate. The user's newest app device, registering one if needed.</summary>
    internal EmulatedDevice EnsureDevice(EmulatedUser user, DateTimeOffset now)
    {
        if (user.Devices.Count > 0)
        {
            return user.Devices[^1];
        }

        var device = new EmulatedDevice(_services.State.NextDeviceId++, "android", now);
        user.Devices.Add(device);
        return device;
    }
}
