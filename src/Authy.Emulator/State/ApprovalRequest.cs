namespace Authy.Emulator.State;

/// <summary>A OneTouch approval request (docs/api/authy.md §2.12/§2.13). Guarded by <see cref="EmulatorState.Gate"/>.</summary>
internal sealed class ApprovalRequest
{
    public const string Pending = "pending";
    public const string Approved = "approved";
    public const string Denied = "denied";
    public const string Expired = "expired";

    public required string Uuid { get; init; }

    /// <summary>24-hex Mongo-style id ("_id").</summary>
    public required string ObjectId { get; init; }

    public required int AuthyId { get; init; }

    public required string UserEmail { get; init; }

    public required string Message { get; init; }

    public JsonObject? Details { get; init; }

    public JsonObject? HiddenDetails { get; init; }

    public JsonArray? Logos { get; init; }

    /// <summary>0 = never expires (docs/api/authy.md §2.12).</summary>
    public required long SecondsToExpire { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? ProcessedAt { get; set; }

    public string Status { get; set; } = Pending;

    /// <summary>True once a callback was delivered with a 2xx answer.</summary>
    public bool Notified { get; set; }

    public EmulatedDevice? AnsweredBy { get; set; }

    public string Reason { get; set; } = "";

    public DateTimeOffset? ExpiresAt => SecondsToExpire == 0 ? null : CreatedAt.AddSeconds(SecondsToExpire);

    /// <summary>Lazy expiry (docs/api/authy.md §2.13): a pending request past its time becomes expired on read.</summary>
    public void ExpireIfDue(DateTimeOffset now)
    {
        if (Status == Pending && ExpiresAt is { } expiresAt && now >= expiresAt)
        {
            Status = Expired;
            ProcessedAt = expiresAt;
            UpdatedAt = expiresAt;
        }
    }
}
