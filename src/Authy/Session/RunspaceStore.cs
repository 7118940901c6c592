using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;

namespace Authy.Session
{
    /// <summary>
    /// One value of <typeparamref name="T"/> per runspace: two runspaces (ForEach-Object -Parallel, jobs, hosted
    /// apps) never see each other's session, and a runspace's session goes away with it. One store per kind of
    /// session, so the Authy and the Verify sessions live side by side.
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

        public bool Clear()
        {
            var runspace = Runspace.DefaultRunspace;
            lock (_gate)
            {
                return runspace != null && _values.Remove(runspace);
            }
        }
    }
}
