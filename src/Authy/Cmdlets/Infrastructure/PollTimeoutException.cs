using System;

namespace Authy.Cmdlets.Infrastructure
{
    /// <summary>
    /// A record still not done when a Wait-* cmdlet's time ran out. Like Wait-Process, that is a non-terminating
    /// error, written (by <see cref="AuthyCmdlet"/>) after the record's last status, which is also its TargetObject:
    /// a script can read the status and still stop on the error with <c>-ErrorAction Stop</c>.
    /// </summary>
    internal sealed class PollTimeoutException : TimeoutException
    {
        public PollTimeoutException(string errorId, string message, object lastResult, string recommendedAction)
            : base(message)
        {
            ErrorId = errorId;
            LastResult = lastResult;
            RecommendedAction = recommendedAction;
        }

        /// <summary>E.g. <c>Authy.ApprovalTimeout</c>.</summary>
        public string ErrorId { get; }

        /// <summary>The last status read, still not terminal: written as output before the error.</summary>
        public object LastResult { get; }

        public string RecommendedAction { get; }
    }
}
