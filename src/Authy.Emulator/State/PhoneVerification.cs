namespace Authy.Emulator.State;

/// <summary>A Verify-v1 phone verification (docs/api/authy.md §2.15–§2.17). Guarded by <see cref="EmulatorState.Gate"/>.</summary>
internal sealed class PhoneVerification
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(600);

    public required string Uuid { get; init; }

    public required int CountryCode { get; init; }

    /// <summary>The national significant number (see <see cref="Domain.CanonicalPhone"/>).</summary>
    public required string PhoneNumber { get; init; }

    public required string Code { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public string Via { get; set; } = "sms";

    public string Locale { get; set; } = "en";

    public DateTimeOffset ExpiresAt => CreatedAt + Lifetime;

    public bool Verified { get; set; }

    public string StatusAt(DateTimeOffset now) => Verified ? "verified" : now >= ExpiresAt ? "expired" : "pending";

    public int SecondsToExpire(DateTimeOffset now) =>
        (int)Math.Max(0, Math.Floor((ExpiresAt - now).TotalSeconds - 0.001));
}
