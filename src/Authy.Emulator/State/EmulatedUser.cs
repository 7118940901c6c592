using Authy.Emulator.Domain;

namespace Authy.Emulator.State;

/// <summary>An Authy user of the emulated application (docs/api/authy.md §5). Guarded by <see cref="EmulatorState.Gate"/>.</summary>
internal sealed class EmulatedUser
{
    public EmulatedUser(int authyId, CanonicalPhone phone, string email, DateTimeOffset createdAt)
    {
        AuthyId = authyId;
        Phone = phone;
        Emails.Add(email);
        CreatedAt = createdAt;
    }

    public int AuthyId { get; }

    /// <summary>Country calling code + national significant number, as given on creation in whatever spelling.</summary>
    public CanonicalPhone Phone { get; }

    public int CountryCode => Phone.CountryCode;

    /// <summary>The national significant number: digits only, no trunk prefix (UK 0), Italian leading 0 kept.</summary>
    public string Cellphone => Phone.NationalNumber;

    /// <summary>First is the primary address; users/new with the same phone adds more (docs/api/authy.md §1.10).</summary>
    public List<string> Emails { get; } = new();

    public DateTimeOffset CreatedAt { get; }

    /// <summary>Has logged in once with a valid token (status "confirmed", docs/api/authy.md §2.3).</summary>
    public bool Confirmed { get; set; }

    /// <summary>Has the Authy app (status "registered").</summary>
    public bool Registered => Devices.Count > 0;

    public List<EmulatedDevice> Devices { get; } = new();

    public bool HasHardToken { get; set; }

    /// <summary>When users/remove was called; the user disappears <c>--deletion-delay</c> later.</summary>
    public DateTimeOffset? RemovedAt { get; set; }

    /// <summary>Status "account_disabled" = marked for deletion (docs/api/authy.md §2.3).</summary>
    public bool AccountDisabled => RemovedAt is not null;

    public List<IssuedToken> Tokens { get; } = new();

    /// <summary>Base32 TOTP secret, created by the generic-authenticator endpoint (2.10).</summary>
    public string? TotpSecret { get; set; }

    /// <summary>
    /// How the user authenticates, which decides what a migration can export (docs/api/verify.md §7): only
    /// <see cref="AuthenticatorKind.Totp"/> has a seed. Totp by default, so users created before this
    /// existed keep exporting a seed as they always did.
    /// </summary>
    public AuthenticatorKind Kind { get; set; } = AuthenticatorKind.Totp;
}

/// <summary>What a migration meets in the wild (POST /_emulator/users/{id}/authenticator, kind=...).</summary>
internal enum AuthenticatorKind
{
    /// <summary>A third-party authenticator enrolled through Authy (2.10): the only kind whose seed can be exported.</summary>
    Totp,

    /// <summary>Authy-app-native codes (7 digits, 10/20 s): no exportable seed.</summary>
    App,

    /// <summary>SMS or voice codes only.</summary>
    Sms,

    /// <summary>OneTouch push on the Authy app: the device's keys never leave it.</summary>
    Push,
}

/// <summary>An installed Authy app.</summary>
internal sealed record EmulatedDevice(int Id, string OsType, DateTimeOffset RegisteredAt);

/// <summary>A one-time token handed to the user through SMS, call, email or the app.</summary>
internal sealed class IssuedToken
{
    public IssuedToken(string code, string channel, string? action, DateTimeOffset issuedAt, EmulatedDevice? device)
    {
        Code = code;
        Channel = channel;
        Action = action;
        IssuedAt = issuedAt;
        Device = device;
    }

    public string Code { get; }

    public string Channel { get; }

    /// <summary>When set at send time, verification must name the same action (docs/api/authy.md §2.6).</summary>
    public string? Action { get; }

    public DateTimeOffset IssuedAt { get; }

    /// <summary>The app device that shows the token; null for SMS/call/email.</summary>
    public EmulatedDevice? Device { get; }

    public DateTimeOffset? UsedAt { get; set; }
}
