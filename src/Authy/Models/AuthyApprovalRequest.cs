namespace Authy.Models;

/// <summary>
/// A OneTouch approval request (New-AuthyApprovalRequest, Get-AuthyApprovalStatus,
/// Wait-AuthyApprovalRequest; docs/api/authy.md §2.12–§2.13). Pipes into the OneTouch cmdlets by Uuid and
/// into the user cmdlets by AuthyId.
/// </summary>
public sealed class AuthyApprovalRequest
{
    public const string Pending = "pending";
    public const string Approved = "approved";
    public const string Denied = "denied";
    public const string Expired = "expired";

    public string Uuid { get; set; } = string.Empty;

    public long AuthyId { get; set; }

    /// <summary><c>pending</c>, <c>approved</c>, <c>denied</c> or <c>expired</c>.</summary>
    public string Status { get; set; } = Pending;

    /// <summary>The text shown in the push; known only to the command that created the request.</summary>
    public string? Message { get; set; }

    private AuthyDetails? details;
    private AuthyDetails? hiddenDetails;
    private AuthyList<AuthyLogo> logos = AuthyList.Empty<AuthyLogo>();

    /// <summary>Shown to the user with the request; <c>key=value;key=value</c> in a CSV.</summary>
    public IReadOnlyDictionary<string, string>? Details { get => details; set => details = AuthyDetails.From(value); }

    /// <summary>Kept with the request, never shown to the user; <c>key=value;key=value</c> in a CSV.</summary>
    public IReadOnlyDictionary<string, string>? HiddenDetails { get => hiddenDetails; set => hiddenDetails = AuthyDetails.From(value); }

    /// <summary><c>res: url</c> for each logo, joined with <c>;</c> in a CSV.</summary>
    public IReadOnlyList<AuthyLogo> Logos { get => logos; set => logos = AuthyList.From(value); }

    /// <summary>0 means the request never expires.</summary>
    public long? SecondsToExpire { get; set; }

    /// <summary>
    /// From the status reply; for a request just created, the time this computer sent it (Authy's
    /// create reply carries only the uuid, 2.12).
    /// </summary>
    public DateTimeOffset? CreatedAt { get; set; }

    public DateTimeOffset? UpdatedAt { get; set; }

    /// <summary>When the request was approved, denied or expired; null while pending.</summary>
    public DateTimeOffset? ProcessedAt { get; set; }

    /// <summary>CreatedAt plus SecondsToExpire; null for a request that never expires.</summary>
    public DateTimeOffset? ExpiresAt { get; set; }

    /// <summary>Authy delivered the answer to the application's callback URL.</summary>
    public bool Notified { get; set; }

    public string? AppName { get; set; }

    public long? AppSerialId { get; set; }

    public string? AppId { get; set; }

    public string? UserId { get; set; }

    public string? UserEmail { get; set; }

    /// <summary>Authy's internal record id (<c>_id</c>); not named Id so it never binds to an AuthyId parameter.</summary>
    public string? ObjectId { get; set; }

    /// <summary>The device that answered, when Authy reports it.</summary>
    public AuthyDevice? Device { get; set; }

    public bool IsPending => Status == Pending;

    public override string ToString() => Uuid;
}
