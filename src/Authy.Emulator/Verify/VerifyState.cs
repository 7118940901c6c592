namespace Authy.Emulator.Verify;

/// <summary>
/// All Verify v2 state. Guarded by the emulator's one lock (<c>EmulatorState.Gate</c>), which the
/// Verify pipeline holds around every handler, so verifications and the shared outbox stay atomic.
/// Lists keep insertion order, which is the order list endpoints page through.
/// </summary>
internal sealed class VerifyState
{
    public VerifyState(string accountSid, DateTimeOffset now)
    {
        AccountSid = accountSid;
        Reset(now);
    }

    public string AccountSid { get; }

    public List<VerifyService> Services { get; } = new();

    /// <summary>Webhook deliveries, oldest first, at most <see cref="MaxDeliveries"/> (GET /_emulator/verify/events).</summary>
    public List<System.Text.Json.Nodes.JsonObject> Deliveries { get; } = new();

    public const int MaxDeliveries = 10_000;

    public void Reset(DateTimeOffset now)
    {
        Services.Clear();
        Deliveries.Clear();
        Services.Add(new VerifyService(EmulatorOptions.DefaultServiceSid, "Verify Emulator", now) { AccountSid = AccountSid });
    }

    public VerifyService? FindService(string sid) => Services.Find(s => s.Sid == sid);

    /// <summary>A factor of any service and entity (control endpoints address factors by sid alone).</summary>
    public (VerifyService Service, VerifyEntity Entity, VerifyFactor Factor)? FindFactor(string sid)
    {
        foreach (var service in Services)
        {
            foreach (var entity in service.Entities)
            {
                if (entity.Factors.Find(f => f.Sid == sid) is { } factor)
                {
                    return (service, entity, factor);
                }
            }
        }

        return null;
    }

    public (VerifyService Service, VerifyEntity Entity, VerifyChallenge Challenge)? FindChallenge(string sid)
    {
        foreach (var service in Services)
        {
            foreach (var entity in service.Entities)
            {
                if (entity.Challenges.Find(c => c.Sid == sid) is { } challenge)
                {
                    return (service, entity, challenge);
                }
            }
        }

        return null;
    }
}

/// <summary>
/// A record that a Verify list pages through. <see cref="ListKey"/> numbers records in the order they
/// were created, once per process, so it never repeats, even across resets or emulators in one test run.
/// Lists keep insertion order, so it rises along every list; a page token names a record by it and
/// still places the next page correctly after that record is deleted (docs/api/verify.md §3).
/// </summary>
internal abstract class VerifyRecord
{
    private static long lastListKey;

    public long ListKey { get; } = Interlocked.Increment(ref lastListKey);
}

internal sealed class VerifyService : VerifyRecord
{
    public VerifyService(string sid, string friendlyName, DateTimeOffset now)
    {
        Sid = sid;
        FriendlyName = friendlyName;
        DateCreated = now;
        DateUpdated = now;
    }

    public string Sid { get; }

    public string AccountSid { get; init; } = "";

    public string FriendlyName { get; set; }

    public int CodeLength { get; set; } = 6;

    public bool LookupEnabled { get; set; }

    public bool SkipSmsToLandlines { get; set; }

    public bool DtmfInputRequired { get; set; } = true;

    public string? TtsName { get; set; }

    public bool Psd2Enabled { get; set; }

    public bool DoNotShareWarningEnabled { get; set; }

    public bool CustomCodeEnabled { get; set; }

    public bool PushIncludeDate { get; set; }

    public string? PushApnCredentialSid { get; set; }

    public string? PushFcmCredentialSid { get; set; }

    public string? TotpIssuer { get; set; }

    public int? TotpTimeStep { get; set; }

    public int? TotpCodeLength { get; set; }

    public int? TotpSkew { get; set; }

    public string? DefaultTemplateSid { get; set; }

    public string? WhatsappMsgServiceSid { get; set; }

    public string? WhatsappFrom { get; set; }

    public bool VerifyEventSubscriptionEnabled { get; set; }

    public DateTimeOffset DateCreated { get; }

    public DateTimeOffset DateUpdated { get; set; }

    /// <summary>Every verification ever started, by VE sid.</summary>
    public Dictionary<string, Verification> Verifications { get; } = new(StringComparer.Ordinal);

    /// <summary>The newest verification per normalized To: lookups stay O(1) when a bulk run starts thousands.</summary>
    public Dictionary<string, Verification> LatestByTo { get; } = new(StringComparer.Ordinal);

    public List<VerifyEntity> Entities { get; } = new();

    public List<VerifyWebhook> Webhooks { get; } = new();

    public VerifyEntity? FindEntity(string identity) =>
        Entities.Find(e => string.Equals(e.Identity, identity, StringComparison.OrdinalIgnoreCase));
}

internal sealed class Verification
{
    public required string Sid { get; init; }

    public required string To { get; init; }

    /// <summary>The To in one spelling per number (<see cref="VerifyPhone.Normalize"/>).</summary>
    public required string Key { get; init; }

    public required string Code { get; init; }

    public required DateTimeOffset DateCreated { get; init; }

    public required DateTimeOffset ExpiresAt { get; init; }

    public string Channel { get; set; } = "sms";

    /// <summary>pending, approved, canceled, max_attempts_reached.</summary>
    public string Status { get; set; } = "pending";

    public DateTimeOffset DateUpdated { get; set; }

    public string? Amount { get; set; }

    public string? Payee { get; set; }

    public string? Locale { get; set; }

    public int WrongChecks { get; set; }

    public List<(DateTimeOffset Time, string Channel, string AttemptSid)> SendAttempts { get; } = new();

    /// <summary>Approved or expired verifications are gone for fetch, update and check (docs/api/verify.md §4.2).</summary>
    public bool IsGone(DateTimeOffset now) => Status == "approved" || now >= ExpiresAt;
}

internal sealed class VerifyEntity : VerifyRecord
{
    public required string Sid { get; init; }

    public required string Identity { get; init; }

    public required DateTimeOffset DateCreated { get; init; }

    public List<VerifyFactor> Factors { get; } = new();

    public List<VerifyChallenge> Challenges { get; } = new();
}

internal sealed class VerifyFactor : VerifyRecord
{
    public required string Sid { get; init; }

    public required string FactorType { get; init; }

    public required DateTimeOffset DateCreated { get; init; }

    public DateTimeOffset DateUpdated { get; set; }

    public string FriendlyName { get; set; } = "";

    /// <summary>unverified or verified.</summary>
    public string Status { get; set; } = "unverified";

    /// <summary>TOTP: the Base32 seed. Never written to any reply after create, nor to the request log.</summary>
    public string? Secret { get; set; }

    public string Alg { get; set; } = "sha1";

    public int TimeStep { get; set; } = 30;

    public int CodeLength { get; set; } = 6;

    public int Skew { get; set; } = 1;

    /// <summary>Push: the config the SDK would have sent.</summary>
    public string? AppId { get; set; }

    public string? NotificationPlatform { get; set; }

    public string? NotificationToken { get; set; }

    public string? SdkVersion { get; set; }

    public JsonObject? Metadata { get; set; }

    public int WrongAttempts { get; set; }
}

internal sealed class VerifyChallenge : VerifyRecord
{
    public required string Sid { get; init; }

    public required string FactorSid { get; init; }

    public required string FactorType { get; init; }

    public required DateTimeOffset DateCreated { get; init; }

    public required DateTimeOffset ExpirationDate { get; init; }

    public DateTimeOffset DateUpdated { get; set; }

    public DateTimeOffset? DateResponded { get; set; }

    /// <summary>pending, approved, denied; "expired" is computed on read.</summary>
    public string Status { get; set; } = "pending";

    public string RespondedReason { get; set; } = "none";

    public string? Message { get; set; }

    public JsonArray? Fields { get; set; }

    public JsonObject? HiddenDetails { get; set; }

    public JsonObject? Metadata { get; set; }

    public int WrongAttempts { get; set; }

    public string StatusAt(DateTimeOffset now) => Status == "pending" && now >= ExpirationDate ? "expired" : Status;
}

internal sealed class VerifyWebhook : VerifyRecord
{
    public required string Sid { get; init; }

    public required DateTimeOffset DateCreated { get; init; }

    public DateTimeOffset DateUpdated { get; set; }

    public string FriendlyName { get; set; } = "";

    public List<string> EventTypes { get; set; } = new();

    public Uri WebhookUrl { get; set; } = null!;

    /// <summary>enabled or disabled.</summary>
    public string Status { get; set; } = "enabled";

    /// <summary>v2 (default) or v1.</summary>
    public string Version { get; set; } = "v2";
}
