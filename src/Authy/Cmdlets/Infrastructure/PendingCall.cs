using System.Collections.Concurrent;

namespace Authy.Cmdlets.Infrastructure;

/// <summary>
/// One input record's API call in flight: the record it answers for, its task, and the log lines it
/// produced on a worker thread, which are written on the pipeline thread when its turn comes.
/// </summary>
internal sealed class PendingCall : IRequestLog
{
    private readonly ConcurrentQueue<string> _messages = new ConcurrentQueue<string>();
    private readonly bool _logging;
    private bool _sent;

    public PendingCall(object? target, bool logging)
    {
        Target = target;
        _logging = logging;
    }

    public object? Target { get; }

    public Task<object?> Task { get; set; } = System.Threading.Tasks.Task.FromResult<object?>(null);

    /// <summary>Set by the worker once the call holds a slot and goes to Authy; read on the pipeline thread.</summary>
    public bool Sent
    {
        get => Volatile.Read(ref _sent);
        set => Volatile.Write(ref _sent, value);
    }

    public void Verbose(string message)
    {
        if (_logging)
        {
            _messages.Enqueue(message);
        }
    }

    public bool TryTakeMessage(out string message) => _messages.TryDequeue(out message!);
}
