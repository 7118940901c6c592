namespace Authy.Migration;

/// <summary>
/// One turn at a time per identity (compared ignoring case, as Verify does), for the rows of one migration run
/// that name the same identity: two workers must never both find it empty and both create a factor. A gate
/// lives only while some row holds or awaits it, so a run of a million distinct users keeps none of them.
/// </summary>
internal sealed class IdentityTurns
{
    private readonly Dictionary<string, Gate> _gates = new Dictionary<string, Gate>(StringComparer.OrdinalIgnoreCase);

    /// <summary>How many identities have a row holding or awaiting their turn now.</summary>
    public int Count
    {
        get
        {
            lock (_gates)
            {
                return _gates.Count;
            }
        }
    }

    /// <summary>Waits for <paramref name="identity"/>'s turn; dispose the result to end it.</summary>
    public async Task<IDisposable> TakeAsync(string identity, CancellationToken cancellationToken)
    {
        Gate gate;
        lock (_gates)
        {
            if (!_gates.TryGetValue(identity, out gate!))
            {
                gate = new Gate(this, identity);
                _gates.Add(identity, gate);
            }

            gate.Users++;
        }

        try
        {
            await gate.Semaphore.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Leave(gate);
            throw;
        }

        return new Turn(gate);
    }

    private void Leave(Gate gate)
    {
        lock (_gates)
        {
            if (--gate.Users == 0)
            {
                _gates.Remove(gate.Identity);
            }
        }
    }

    /// <summary>One row's turn: ended once, however often it is disposed.</summary>
    private sealed class Turn(Gate gate) : IDisposable
    {
        private int _ended;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _ended, 1) == 0)
            {
                gate.End();
            }
        }
    }

    private sealed class Gate(IdentityTurns owner, string identity)
    {
        public string Identity { get; } = identity;

        // Never disposed: a SemaphoreSlim holds no OS handle unless AvailableWaitHandle is read, which it is not.
        public SemaphoreSlim Semaphore { get; } = new SemaphoreSlim(1, 1);

        /// <summary>Rows holding or awaiting this turn; guarded by the owner's lock.</summary>
        public int Users { get; set; }

        /// <summary>Ends the holder's turn: the next waiter goes on, or the gate is dropped when none waits.</summary>
        public void End()
        {
            Semaphore.Release();
            owner.Leave(this);
        }
    }
}
