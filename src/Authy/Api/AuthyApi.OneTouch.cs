namespace Authy.Api;

/// <summary>OneTouch approval requests: create and read (docs/api/authy.md §2.12–§2.13).</summary>
public sealed partial class AuthyApi
{
    /// <summary>
    /// Sends a push approval request to the user's Authy app (2.12). Never repeated after an unknown
    /// outcome: a repeat would push a second request to the user's phone. <c>secondsToExpire</c> null
    /// leaves Authy's default (86400, one day); 0 means never.
    /// </summary>
    public async Task<AuthyApprovalRequest> CreateApprovalRequestAsync(
        long authyId,
        string message,
        IReadOnlyDictionary<string, string>? details,
        IReadOnlyDictionary<string, string>? hiddenDetails,
        IReadOnlyList<AuthyLogo>? logos,
        long? secondsToExpire,
        IRequestLog? log,
        CancellationToken cancellationToken)
    {
        var request = Post(OneTouch + "users/" + AuthyRequest.Segment(authyId) + "/approval_requests", RepeatSafety.NotRepeatable);
        request.Parameters
            .Add("message", message)
            .AddHash("details", details)
            .AddHash("hidden_details", hiddenDetails)
            .AddHashArray("logos", LogoFields(logos))
            .Add("seconds_to_expire", secondsToExpire);

        // The reply carries only the uuid; the creation time is this computer's clock at sending.
        var sentAt = DateTimeOffset.UtcNow;
        var reply = await SendAsync(request, log, cancellationToken).ConfigureAwait(false);
        var uuid = JsonFields.String(JsonFields.Object(reply, "approval_request"), "uuid");
        if (string.IsNullOrEmpty(uuid))
        {
            throw new AuthyApiException(200, null, "Authy reported the approval request as created but sent no uuid.", malformedReply: true);
        }

        var lifetime = secondsToExpire ?? DefaultApprovalLifetimeSeconds;
        return new AuthyApprovalRequest
        {
            Uuid = uuid!,
            AuthyId = authyId,
            Status = AuthyApprovalRequest.Pending,
            Message = message,
            Details = details,
            HiddenDetails = hiddenDetails,
            Logos = logos == null ? Array.Empty<AuthyLogo>() : new List<AuthyLogo>(logos).ToArray(),
            SecondsToExpire = lifetime,
            CreatedAt = sentAt,
            UpdatedAt = sentAt,
            ExpiresAt = ExpiryOf(sentAt, lifetime),
        };
    }

    /// <summary>Reads an approval request's status (2.13). An unknown uuid is 404/60049 with <c>"errors":{}</c>.</summary>
    public async Task<AuthyApprovalRequest> GetApprovalRequestAsync(string uuid, IRequestLog? log, CancellationToken cancellationToken)
    {
        var request = Get(OneTouch + "approval_requests/" + AuthyRequest.Segment(uuid));
        var reply = await SendAsync(request, log, cancellationToken).ConfigureAwait(false);
        var approval = JsonFields.Object(reply, "approval_request")
            ?? throw new AuthyApiException(200, null, "Authy sent an approval status reply without an approval_request.", malformedReply: true);
        return ReadApprovalRequest(approval, uuid);
    }

    /// <summary>Authy's default lifetime of an approval request: one day (2.12).</summary>
    internal const long DefaultApprovalLifetimeSeconds = 86400;

    internal static AuthyApprovalRequest ReadApprovalRequest(JObject approval, string requestedUuid)
    {
        var createdAt = JsonFields.Time(approval, "created_at");
        var secondsToExpire = JsonFields.Long(approval, "seconds_to_expire");
        var device = JsonFields.Object(approval, "device");
        return new AuthyApprovalRequest
        {
            Uuid = JsonFields.String(approval, "uuid") ?? requestedUuid,
            // Integer in real replies, a string in seegno's mock (2.13): JsonFields reads both.
            AuthyId = JsonFields.Long(approval, "_authy_id") ?? 0,
            Status = JsonFields.String(approval, "status") ?? AuthyApprovalRequest.Pending,
            HiddenDetails = ReadTextHash(JsonFields.Object(approval, "hidden_details")),
            Details = ReadTextHash(JsonFields.Object(approval, "details")),
            SecondsToExpire = secondsToExpire,
            CreatedAt = createdAt,
            UpdatedAt = JsonFields.Time(approval, "updated_at"),
            // Null while pending (2.13; go, seegno and ruby read it as nullable).
            ProcessedAt = JsonFields.Time(approval, "processed_at"),
            ExpiresAt = createdAt.HasValue && secondsToExpire.HasValue ? ExpiryOf(createdAt.Value, secondsToExpire.Value) : null,
            Notified = JsonFields.Bool(approval, "notified"),
            AppName = JsonFields.String(approval, "_app_name"),
            AppSerialId = JsonFields.Long(approval, "_app_serial_id"),
            AppId = JsonFields.String(approval, "app_id"),
            UserId = JsonFields.String(approval, "user_id"),
            UserEmail = JsonFields.String(approval, "_user_email"),
            ObjectId = JsonFields.String(approval, "_id"),
            Device = device == null ? null : ReadDevice(device),
        };
    }

    private static DateTimeOffset? ExpiryOf(DateTimeOffset createdAt, long secondsToExpire) =>
        secondsToExpire <= 0 ? (DateTimeOffset?)null : createdAt.AddSeconds(secondsToExpire);

    private static List<IEnumerable<KeyValuePair<string, string>>>? LogoFields(IReadOnlyList<AuthyLogo>? logos)
    {
        if (logos == null)
        {
            return null;
        }

        var elements = new List<IEnumerable<KeyValuePair<string, string>>>(logos.Count);
        foreach (var logo in logos)
        {
            // res then url, each element's fields together: logos[][res]=..&logos[][url]=.. (1.4).
            elements.Add(new[]
            {
                new KeyValuePair<string, string>("res", logo.Res),
                new KeyValuePair<string, string>("url", logo.Url),
            });
        }

        return elements;
    }

    private static Dictionary<string, string>? ReadTextHash(JObject? hash)
    {
        if (hash == null)
        {
            return null;
        }

        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in hash.Properties())
        {
            result[property.Name] = property.Value.Type == JTokenType.Null
                ? string.Empty
                : JsonFields.String(hash, property.Name) ?? property.Value.ToString(Newtonsoft.Json.Formatting.None);
        }

        return result;
    }
}
