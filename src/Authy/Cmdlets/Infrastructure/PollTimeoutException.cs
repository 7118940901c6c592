using System;
using System.Management.Automation;

namespace Authy.Cmdlets.Infrastructure
{
    /// <summary>
    /// A record still not done when a Wait-* cmdlet's time ran out. Like Wait-Process, that is a non-terminating
    /// error, written (by <see cref="AuthyCmdlet"/>) after the record's last status, which is also its TargetObject:
    /// a script can read the status and still stop on the error with <c>-ErrorAction Stop</c>.
    /// </summary>
    internal sealed class PollTimeoutException : TimeoutException
    {
        /// <param name="errorId">E.g. <c>Authy.ApprovalTimeout</c>.</param>
        /// <param name="message">What was still not done, and after how long.</param>
        /// <param name="lastResult">The last status read, still not terminal: written as output before the error.</param>
        /// <param name="recommendedAction">What to do next, e.g. wait again or read the answer later.</param>
        public PollTimeoutException(string errorId, string message, object lastResult, string recommendedAction)
            : base(message)
        {
            LastResult = lastResult;
            Record = new ErrorRecord(this, errorId, ErrorCategory.OperationTimeout, lastResult)
            {
                ErrorDetails = new ErrorDetails(message) { RecommendedAction = recommendedAction },
            };
        }

        public object LastResult { get; }

        /// <summary>The error to write, complete: category OperationTimeout, the last status as its target.</summary>
        public ErrorRecord Record { get; }
    }
}
