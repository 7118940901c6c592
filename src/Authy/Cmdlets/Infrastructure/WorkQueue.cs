namespace Authy.Cmdlets.Infrastructure;

/// <summary>
/// Runs the calls of one cmdlet invocation with at most <c>concurrency</c> requests in flight, and
/// hands back finished calls in input order (or completion order when unordered). The queue is
/// bounded, so streaming any number of records holds only a few at a time. Only the pipeline
/// thread touches the queue itself; workers touch only their own <see cref="PendingCall"/>.
/// </summary>
internal sealed class WorkQueue : IDisposable
{
    private readonly LinkedList<PendingCall> _pending = new LinkedList<PendingCall>();
    private readonly SemaphoreSlim _slots;
    private readonly bool _ordered;
    private readonly int _capacity;
    private readonly CancellationToken _stopping;
    private int _inFlight;

    public WorkQueue(int concurrency, bool ordered, CancellationToken stopping)
    {
        _slots = new SemaphoreSlim(concurrency, concurrency);
        _ordered = ordered;
        _stopping = stopping;

        // Room for finished calls waiting behind a slow one, so a single slow reply does not stall
        // the other workers, yet memory stays bounded.
        _capacity = concurrency * 4;
    }

    public int Count => _pending.Count;

    /// <summary>Requests actually running now: never more than the concurrency (those queued behind wait for a slot).</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>
    /// Calls whose request had been sent, or may have been, and whose outcome has not been taken for writing:
    /// what a stopped pipeline leaves unreported.
    /// </summary>
    public int SentNotTaken
    {
        get
        {
            var count = 0;
            foreach (var pending in _pending)
            {
                if (pending.Sent)
                {
                    count++;
                }
            }

            return count;
        }
    }

    public bool IsFull => _pending.Count >= _capacity;

    public void Start(object? target, bool logging, Func<IRequestLog, CancellationToken, Task<object?>> call)
    {
        var pending = new PendingCall(target, logging);
        // Task.Run: building and sending happen on a worker, never on the pipeline thread, and no
        // host SynchronizationContext is captured that the blocked pipeline thread would have to serve.
        pending.Task = Task.Run(() => RunAsync(pending, call));
        _pending.AddLast(pending);
    }

    /// <summary>
    /// Queues a record refused before any request, as an outcome already known: written in its turn, after the
    /// records before it, and never counted as sent.
    /// </summary>
    public void AddRefused(object? target, RefusedRecordException refusal) =>
        _pending.AddLast(new PendingCall(target, logging: false) { Task = Task.FromException<object?>(refusal) });

    /// <summary>The next call whose outcome may be written now, or null.</summary>
    public PendingCall? TakeFinished()
    {
        if (_ordered)
        {
            var first = _pending.First;
            if (first != null && first.Value.Task.IsCompleted)
            {
                _pending.RemoveFirst();
                return first.Value;
            }

            return null;
        }

        for (var node = _pending.First; node != null; node = node.Next)
        {
            if (node.Value.Task.IsCompleted)
            {
                _pending.Remove(node);
                return node.Value;
            }
        }

        return null;
    }

    /// <summary>Blocks up to <paramref name="timeout"/> for a call to become writable.</summary>
    public void WaitForProgress(TimeSpan timeout)
    {
        if (_pending.Count == 0)
        {
            return;
        }

        if (_ordered)
        {
            // WaitAny, unlike Wait, does not throw for a faulted task: faults are reported when written.
            Task.WaitAny(new Task[] { _pending.First!.Value.Task }, timeout);
            return;
        }

        var tasks = new Task[_pending.Count];
        var index = 0;
        foreach (var pending in _pending)
        {
            tasks[index++] = pending.Task;
        }

        Task.WaitAny(tasks, timeout);
    }

    /// <summary>Calls whose log lines may be shown while waiting: the front one when ordered (its output comes next), else all.</summary>
    public IEnumerable<PendingCall> Visible()
    {
        if (_ordered)
        {
            if (_pending.First != null)
            {
                yield return _pending.First.Value;
            }

            yield break;
        }

        foreach (var pending in _pending)
        {
            yield return pending;
        }
    }

    /// <summary>
    /// Frees the slots once every call has been taken (after a drain). A queue left with calls pending (a stop,
    /// a terminating error) keeps them: an abandoned worker may still release its slot, and a disposed semaphore
    /// would fault it. Nothing is lost then, since the slots hold no OS handle (AvailableWaitHandle is never read).
    /// </summary>
    public void Dispose()
    {
        if (_pending.Count == 0)
        {
            _slots.Dispose();
        }
    }

    private async Task<object?> RunAsync(PendingCall pending, Func<IRequestLog, CancellationToken, Task<object?>> call)
    {
        await _slots.WaitAsync(_stopping).ConfigureAwait(false);
        try
        {
            // A call that gets its slot after a stop sends nothing; any other counts as sent from here on,
            // erring towards "may have been sent" for the instant before its bytes leave.
            _stopping.ThrowIfCancellationRequested();
            pending.Sent = true;
            Interlocked.Increment(ref _inFlight);
            try
            {
                return await call(pending, _stopping).ConfigureAwait(false);
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
            }
        }
        finally
        {
            _slots.Release();
        }
    }
}
