using Authy.Emulator.Domain;

namespace Authy.Emulator.State;

/// <summary>
/// All domain state of one emulated Authy application. One lock (<see cref="Gate"/>) guards
/// everything here: each API operation holds it for microseconds, which sustains thousands of
/// requests per second on two cores and keeps multi-object rules (tokens + users + outbox) atomic.
/// Nothing slow (HTTP callbacks, delays) may run while holding it.
/// </summary>
internal sealed class EmulatorState
{
    public object Gate { get; } = new();

    public Dictionary<int, EmulatedUser> Users { get; } = new();

    /// <summary>By canonical phone, so one number written two ways is one user (docs/api/authy.md §1.10).</summary>
    public Dictionary<CanonicalPhone, EmulatedUser> UsersByPhone { get; } = new();

    public Dictionary<string, ApprovalRequest> ApprovalRequests { get; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<CanonicalPhone, PhoneVerification> VerificationsByPhone { get; } = new();

    public Dictionary<string, PhoneVerification> VerificationsByUuid { get; } = new(StringComparer.OrdinalIgnoreCase);

    public List<OutboxMessage> Outbox { get; } = new();

    public Dictionary<(int Year, int Month), MonthlyActivity> Months { get; } = new();

    public int NextUserId { get; set; } = 1;

    public int NextDeviceId { get; set; } = 1001;

    private long _nextMessageId = 1;

    /// <summary>Forget everything (POST /_emulator/reset). Caller holds no lock.</summary>
    public void Reset()
    {
        lock (Gate)
        {
            Users.Clear();
            UsersByPhone.Clear();
            ApprovalRequests.Clear();
            VerificationsByPhone.Clear();
            VerificationsByUuid.Clear();
            Outbox.Clear();
            Months.Clear();
            NextUserId = 1;
            NextDeviceId = 1001;
            _nextMessageId = 1;
        }
    }

    /// <summary>
    /// The user, or null when unknown or when its removal delay has passed (then it is purged).
    /// Caller holds <see cref="Gate"/>.
    /// </summary>
    public EmulatedUser? FindLiveUser(int authyId, DateTimeOffset now, TimeSpan deletionDelay)
    {
        if (!Users.TryGetValue(authyId, out var user))
        {
            return null;
        }

        if (user.RemovedAt is { } removedAt && now >= removedAt + deletionDelay)
        {
            Purge(user);
            return null;
        }

        return user;
    }

    /// <summary>Same as <see cref="FindLiveUser(int,DateTimeOffset,TimeSpan)"/> for the decimal text of a path segment.</summary>
    public EmulatedUser? FindLiveUser(string? authyIdText, DateTimeOffset now, TimeSpan deletionDelay)
    {
        if (authyIdText is null || authyIdText.Length is 0 or > 9 || !authyIdText.All(char.IsAsciiDigit))
        {
            return null;
        }

        return FindLiveUser(int.Parse(authyIdText, System.Globalization.CultureInfo.InvariantCulture), now, deletionDelay);
    }

    /// <summary>Caller holds <see cref="Gate"/>.</summary>
    public EmulatedUser? FindLiveUserByPhone(CanonicalPhone phone, DateTimeOffset now, TimeSpan deletionDelay) =>
        UsersByPhone.TryGetValue(phone, out var user)
            ? FindLiveUser(user.AuthyId, now, deletionDelay)
            : null;

    private void Purge(EmulatedUser user)
    {
        Users.Remove(user.AuthyId);
        if (UsersByPhone.TryGetValue(user.Phone, out var indexed) && indexed == user)
        {
            UsersByPhone.Remove(user.Phone);
        }
    }

    /// <summary>Caller holds <see cref="Gate"/>.</summary>
    public OutboxMessage AddMessage(
        string channel, int? authyId, int countryCode, string phoneNumber, string? email, string code, string body,
        string? action, DateTimeOffset now)
    {
        var message = new OutboxMessage(_nextMessageId++, channel, authyId, countryCode, phoneNumber, email, code, body, action, now);
        Outbox.Add(message);
        return message;
    }

    /// <summary>Caller holds <see cref="Gate"/>.</summary>
    public MonthlyActivity Month(DateTimeOffset now)
    {
        var key = (now.UtcDateTime.Year, now.UtcDateTime.Month);
        if (!Months.TryGetValue(key, out var activity))
        {
            activity = new MonthlyActivity();
            Months[key] = activity;
        }

        return activity;
    }

    /// <summary>Number of users not yet purged. Caller holds <see cref="Gate"/>.</summary>
    public int CountLiveUsers(DateTimeOffset now, TimeSpan deletionDelay)
    {
        foreach (var id in Users.Keys.ToList())
        {
            FindLiveUser(id, now, deletionDelay);
        }

        return Users.Count;
    }
}
