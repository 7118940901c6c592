namespace Authy.Emulator.Hosting;

/// <summary>
/// The emulator's notion of "now". Every time-dependent rule (token windows, deletion delay,
/// OneTouch expiry, verification expiry, rate-limit windows) reads this clock, so tests can
/// move time forward instead of sleeping.
/// </summary>
public interface IEmulatorClock
{
    DateTimeOffset UtcNow { get; }
}

/// <summary>The wall clock, used when the emulator runs as a program.</summary>
public sealed class SystemClock : IEmulatorClock
{
    public static readonly SystemClock Instance = new();

    public DateTimeOffset UtcNow => DateTimeOffset.UtcNow;
}

/// <summary>A clock that only moves when told to; for tests.</summary>
public sealed class ManualClock : IEmulatorClock
{
    private long _ticks;

    public ManualClock(DateTimeOffset start)
    {
        _ticks = start.UtcTicks;
    }

    public ManualClock() : this(new DateTimeOffset(2024, 1, 15, 12, 0, 0, TimeSpan.Zero))
    {
    }

    public DateTimeOffset UtcNow => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}

/// <summary>
/// The clock every rule reads: the configured clock plus an offset that POST /_emulator/clock moves
/// forward, so a running emulator (the program, not only a test) can be sent into the future.
/// </summary>
public sealed class AdjustableClock : IEmulatorClock
{
    private readonly IEmulatorClock _inner;
    private long _offsetTicks;

    public AdjustableClock(IEmulatorClock inner)
    {
        _inner = inner;
    }

    public DateTimeOffset UtcNow => _inner.UtcNow + Offset;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);
}
