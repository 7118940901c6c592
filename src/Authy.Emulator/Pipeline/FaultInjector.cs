namespace Authy.Emulator.Pipeline;

/// <summary>One injected fault: its kind, and for 500/reset/timeout whether the request was processed first.</summary>
internal sealed record FaultDecision(FaultKind Kind, bool AfterProcessing)
{
    /// <summary>The name used in /_emulator/stats and /_emulator/requests.</summary>
    public string Name => Kind switch
    {
        FaultKind.TooManyRequests429 => "429",
        FaultKind.ServerError500 => "500",
        FaultKind.ServiceUnavailable503 => "503",
        FaultKind.ConnectionReset => "reset",
        _ => "timeout",
    };
}

/// <summary>
/// Rolls the dice for <c>--fault-rate</c> / <c>--fault-kinds</c> with one Random seeded by
/// <c>--seed</c>, so a sequential client sees the same faults on every run. For 500, reset and
/// timeout it also decides whether the fault strikes before or after the request was processed:
/// after = the state changed but the reply is lost, the case a client cannot tell apart.
/// </summary>
internal sealed class FaultInjector
{
    private readonly object _gate = new();
    private double _rate;
    private readonly double _startRate;
    private readonly FaultKind[] _kinds;
    private readonly int? _seed;
    private Random _random;

    public FaultInjector(EmulatorOptions options)
    {
        _rate = _startRate = options.FaultRate;
        _kinds = new FaultKind[options.FaultKinds.Count];
        for (var i = 0; i < _kinds.Length; i++)
        {
            _kinds[i] = options.FaultKinds[i];
        }

        _seed = options.Seed;
        _random = NewRandom();
    }

    /// <summary>The probability in force now: <c>--fault-rate</c>, until POST /_emulator/faults changes it.</summary>
    public double Rate => Volatile.Read(ref _rate);

    /// <summary>
    /// POST /_emulator/faults?rate=R: a test that injected faults into a run can end them for the next run against the
    /// same state (a rerun that must succeed), without a restart that would forget every user.
    /// </summary>
    public void SetRate(double rate)
    {
        lock (_gate)
        {
            Volatile.Write(ref _rate, rate);
        }
    }

    public FaultDecision? Roll()
    {
        if (Rate <= 0 || _kinds.Length == 0)
        {
            return null;
        }

        lock (_gate)
        {
            if (_random.NextDouble() >= _rate)
            {
                return null;
            }

            var kind = _kinds[_random.Next(_kinds.Length)];
            var canStrikeAfter = kind is FaultKind.ServerError500 or FaultKind.ConnectionReset or FaultKind.Timeout;
            var after = canStrikeAfter && _random.Next(2) == 1;
            return new FaultDecision(kind, after);
        }
    }

    /// <summary>
    /// POST /_emulator/reset restarts the sequence and puts back the --fault-rate the emulator started with, so a
    /// reset + replay is repeatable and a test that changed the rate and failed before changing it back does not
    /// leave its faults to the tests after it.
    /// </summary>
    public void Reset()
    {
        lock (_gate)
        {
            _random = NewRandom();
            Volatile.Write(ref _rate, _startRate);
        }
    }

    private Random NewRandom() => _seed is { } seed ? new Random(seed) : new Random();
}
