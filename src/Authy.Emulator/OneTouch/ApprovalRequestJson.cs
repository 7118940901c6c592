using Authy.Emulator.Endpoints;
using Authy.Emulator.State;

namespace Authy.Emulator.OneTouch;

/// <summary>The two JSON views of an approval request: the status body (2.13) and the callback payload (2.14).</summary>
internal static class ApprovalRequestJson
{
    /// <summary>
    /// 2.13, keys in the fixture's (alphabetical) order. After an answer the real service also
    /// returns "device" and "hidden_details" (gostruct, medium confidence); they slot in alphabetically.
    /// </summary>
    public static JsonObject Status(ApprovalRequest request)
    {
        var body = new JsonObject
        {
            ["_app_name"] = EmulatorServices.AppName,
            ["_app_serial_id"] = EmulatorServices.AppId,
            ["_authy_id"] = request.AuthyId,
            ["_id"] = request.ObjectId,
            ["_user_email"] = request.UserEmail,
            ["app_id"] = EmulatorServices.AppObjectId,
            ["created_at"] = CompactJson.IsoTime(request.CreatedAt),
        };
        if (request.AnsweredBy is { } device)
        {
            body["device"] = TokenEndpoints.AppDevice(device);
            body["hidden_details"] = request.HiddenDetails?.DeepClone() ?? new JsonObject();
        }

        body["notified"] = request.Notified;
        body["processed_at"] = request.ProcessedAt is { } processed ? CompactJson.IsoTime(processed) : null;
        body["seconds_to_expire"] = request.SecondsToExpire;
        body["status"] = request.Status;
        body["updated_at"] = CompactJson.IsoTime(request.UpdatedAt);
        body["user_id"] = Domain.Codes.ObjectIdFor("user", request.AuthyId);
        body["uuid"] = request.Uuid;
        return body;
    }

    /// <summary>
    /// 2.14 POST body (2017 layout, java's recorded callback): the request's message, details,
    /// hidden_details and logos travel inside approval_request.transaction / approval_request.
    /// </summary>
    public static JsonObject CallbackPayload(ApprovalRequest request, EmulatedDevice device)
    {
        var answeredAt = CompactJson.UnixSeconds(request.ProcessedAt ?? request.UpdatedAt);
        var transaction = new JsonObject
        {
            ["details"] = request.Details is { Count: > 0 } details ? details.DeepClone() : null,
            ["device_details"] = new JsonObject(),
            ["device_geolocation"] = "",
            ["device_signing_time"] = answeredAt,
            ["encrypted"] = false,
            ["flagged"] = false,
            ["hidden_details"] = request.HiddenDetails is { Count: > 0 } hidden ? hidden.DeepClone() : null,
            ["message"] = request.Message,
            ["reason"] = request.Reason,
            ["requester_details"] = null,
            ["status"] = request.Status,
            ["uuid"] = request.Uuid,
            ["created_at_time"] = CompactJson.UnixSeconds(request.CreatedAt),
            ["customer_uuid"] = EmulatorServices.AppId,
        };
        var deviceJson = TokenEndpoints.AppDevice(device);
        return new JsonObject
        {
            ["authy_id"] = request.AuthyId,
            ["device_uuid"] = device.Id,
            ["callback_action"] = "approval_request_status",
            ["uuid"] = request.Uuid,
            ["status"] = request.Status,
            ["approval_request"] = new JsonObject
            {
                ["transaction"] = transaction,
                ["expiration_timestamp"] = request.ExpiresAt is { } expires ? CompactJson.UnixSeconds(expires) : null,
                ["logos"] = request.Logos is { Count: > 0 } logos ? logos.DeepClone() : null,
                ["app_id"] = EmulatorServices.AppObjectId,
            },
            // Authy's own RSA signature of the transaction (344 Base64 chars); no client checks it.
            ["signature"] = System.Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(256)),
            ["device"] = new JsonObject
            {
                ["city"] = deviceJson["city"]?.DeepClone(),
                ["country"] = deviceJson["country"]?.DeepClone(),
                ["ip"] = deviceJson["ip"]?.DeepClone(),
                ["region"] = null,
                ["registration_city"] = null,
                ["registration_country"] = deviceJson["registration_country"]?.DeepClone(),
                ["registration_ip"] = "127.0.0.1",
                ["registration_method"] = "sms",
                ["registration_region"] = null,
                ["os_type"] = device.OsType,
                ["last_account_recovery_at"] = null,
                ["id"] = device.Id,
                ["registration_date"] = CompactJson.UnixSeconds(device.RegisteredAt),
                ["last_sync_date"] = CompactJson.UnixSeconds(device.RegisteredAt),
            },
        };
    }
}
