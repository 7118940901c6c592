using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;

namespace Authy.Session;

/// <summary>
/// One value of <typeparamref name="T"/> per runspace: two runspaces (ForEach-Object -Parallel, jobs, hosted
/// apps) never see each other's session, and a runspace's session goes away with it. One store per kind of
/// value, so the Authy session, the Verify session and the started emulator live side by side.
/// </summary>
public sealed class RunspaceStore<T>
    where T : class
{
    private readonly ConditionalWeakTable<Runspace, T> _values = new ConditionalWeakTable<Runspace, T>();
    private readonly object _gate = new object();

    public T? Current
    {
        get
        {
            var runspace = Runspace.DefaultRunspace;
            return runspace != null && _values.TryGetValue(runspace, out var value) ? value : null;
        }
    }

    public void Set(T value)
    {
        var runspace = Runspace.DefaultRunspace;
        lock (_gate)
        {
            _values.Remove(runspace);
            _values.Add(runspace, value);
        }
    }

    public bool Clear() => Take() != null;

    /// <summary>Removes this runspace's value and returns it; null when there was none.</summary>
    public T? Take()
    {
        var runspace = Runspace.DefaultRunspace;
        lock (_gate)
        {
            if (runspace == null || !_values.TryGetValue(runspace, out var value))
            {
                return null;
            }

            _values.Remove(runspace);
            return value;
        }
    }

    /// <summary>
    /// The session a cmdlet uses, found the same way for every cmdlet of one side: this runspace's (Connect-*),
    /// else the one the environment describes. When there is neither, or the environment's is malformed, null
    /// and <paramref name="failure"/> says why, with the side's one message, as <c>{prefix}.NotConnected</c>
    /// or <c>{prefix}.InvalidConnection</c>; the caller decides whether that ends the command.
    /// </summary>
    internal T? Resolve(Func<T?> fromEnvironment, string errorIdPrefix, string notConnectedMessage, out ErrorRecord? failure)
    {
        failure = null;
        try
        {
            var value = Current ?? fromEnvironment();
            if (value != null)
            {
                return value;
            }
        }
        catch (ArgumentException invalid)
        {
            failure = new ErrorRecord(invalid, errorIdPrefix + ".InvalidConnection", ErrorCategory.InvalidArgument, null);
            return null;
        }

        failure = new ErrorRecord(
            new InvalidOperationException(notConnectedMessage), errorIdPrefix + ".NotConnected", ErrorCategory.InvalidOperation, null);
        return null;
    }
}
