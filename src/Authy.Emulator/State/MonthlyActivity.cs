namespace Authy.Emulator.State;

/// <summary>Per-month counters behind /app/stats (docs/api/authy.md §2.20). Guarded by <see cref="EmulatorState.Gate"/>.</summary>
internal sealed class MonthlyActivity
{
    public int SmsCount { get; set; }

    public int CallsCount { get; set; }

    public int UsersCount { get; set; }

    public int AuthsCount { get; set; }

    public int ApiCallsCount { get; set; }
}
