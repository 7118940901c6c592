namespace Authy.Emulator.Pipeline;

/// <summary>
/// <c>--rate-limit n</c>: more than n API requests within one clock second for the same key are
/// answered 429/60003 "DoS protection" (docs/api/authy.md §1.8). Fixed one-second windows on the
/// emulator clock, so tests control them.
/// </summary>
internal sealed class RateLimiter
{
    private readonly object _gate = new();
    private readonly int? _limit;
    private readonly IEmulatorClock _clock;
    private readonly Dictionary<string, (long Second, int Count)> _windows = new();

    public RateLimiter(EmulatorOptions options, IEmulatorClock clock)
    {
        _limit = options.RateLimitPerSecond;
        _clock = clock;
    }

    /// <summary>Counts the request; true when it is over the limit.</summary>
    public bool IsOverLimit(string key)
    {
        if (_limit is not { } limit)
        {
            return false;
        }

        var second = _clock.UtcNow.ToUnixTimeSeconds();
        lock (_gate)
        {
            var window = _windows.TryGetValue(key, out var current) && current.Second == second
                ? (second, current.Count + 1)
                : (second, 1);
            _windows[key] = window;
            if (_windows.Count > 10_000)
            {
                // Keys are few in practice; a flood of random keys must not grow memory forever.
                _windows.Clear();
                _windows[key] = window;
            }

            return window.Item2 > limit;
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _windows.Clear();
        }
    }
}
