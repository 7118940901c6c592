using System;
using System.Threading;
using System.Threading.Tasks;

namespace Authy.Cmdlets.Infrastructure
{
    /// <summary>
    /// "Poll until terminal status" for the Wait-* cmdlets, run inside a <see cref="WorkQueue"/> call so that many
    /// waits share -ThrottleLimit, per-row errors, input order and Ctrl+C with every other cmdlet. It reads the status
    /// until <c>isTerminal</c> says the answer is final, or throws <see cref="PollTimeoutException"/> once the deadline
    /// has passed with the last status read. Sleeps between reads are cancellable waits, never Thread.Sleep, so a
    /// stop ends the wait at once.
    /// </summary>
    /// <remarks>
    /// Written for Wait-TwilioVerifyChallenge; generic so Wait-AuthyApprovalRequest can use it too once it runs on
    /// the work queue (the read, the terminal test and the timeout's ErrorId are the only differences).
    /// </remarks>
    internal static class TerminalStatusPoller
    {
        /// <summary>
        /// Reads at once, then every <paramref name="interval"/> until terminal. A read that fails ends the poll with
        /// that failure (the queue writes it as the record's error): transient ones were already retried by the HTTP core.
        /// </summary>
        public static async Task<T> PollUntilTerminalAsync<T>(
            Func<CancellationToken, Task<T>> read,
            Func<T, bool> isTerminal,
            DateTimeOffset deadline,
            TimeSpan interval,
            Func<T, PollTimeoutException> timedOut,
            CancellationToken cancellationToken)
        {
            while (true)
            {
                var status = await read(cancellationToken).ConfigureAwait(false);
                if (isTerminal(status))
                {
                    return status;
                }

                var left = deadline - DateTimeOffset.UtcNow;
                if (left <= TimeSpan.Zero)
                {
                    throw timedOut(status);
                }

                // Never past the deadline: the last read happens at it, so a late answer still counts.
                await Task.Delay(left < interval ? left : interval, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// A wait that ended before the answer was final: written as a non-terminating error with its own ErrorId,
    /// category OperationTimeout, the input record as TargetObject, and the last status read in <see cref="LastStatus"/>.
    /// </summary>
    public sealed class PollTimeoutException : TimeoutException
    {
        public PollTimeoutException(string errorId, string message, string recommendedAction, object? lastStatus)
            : base(message)
        {
            ErrorId = errorId;
            RecommendedAction = recommendedAction;
            LastStatus = lastStatus;
        }

        /// <summary>The full ErrorId, e.g. <c>TwilioVerify.ChallengeTimeout</c>.</summary>
        public string ErrorId { get; }

        public string RecommendedAction { get; }

        /// <summary>What the last read returned (still pending), for a script that wants its fields.</summary>
        public object? LastStatus { get; }
    }
}
