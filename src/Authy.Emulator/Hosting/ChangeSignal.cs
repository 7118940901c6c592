namespace Authy.Emulator.Hosting;

/// <summary>
/// Completes a task each time the emulator's observable state may have changed (an API request arrived or
/// finished). The control API's long polls (<c>?wait_for=N</c>) wait on it, so a test waits for the
/// condition it needs instead of asking again and again on a timer.
/// </summary>
internal sealed class ChangeSignal
{
    private TaskCompletionSource _next = NewSource();

    /// <summary>Completes at the next <see cref="Pulse"/>. Take it before reading the state, so no change is missed.</summary>
    public Task Next => Volatile.Read(ref _next).Task;

    public void Pulse() => Interlocked.Exchange(ref _next, NewSource()).TrySetResult();

    // Continuations run elsewhere: a pulse from a request thread never runs a waiting poll's reply inline.
    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
