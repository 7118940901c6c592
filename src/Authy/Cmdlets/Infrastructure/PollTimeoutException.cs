namespace Authy.Cmdlets.Infrastructure;

/// <summary>
/// A record still not done when a Wait-* cmdlet's time ran out: one non-terminating error for that record
/// (its own ErrorId, category OperationTimeout, the input record as TargetObject), so each record still gives
/// one output or one error. The last status read, still not final, is in <see cref="LastStatus"/> for a script
/// that wants it (<c>$_.Exception.LastStatus</c>).
/// </summary>
/// <param name="errorId">E.g. <c>Authy.ApprovalTimeout</c>.</param>
/// <param name="message">What was still not done, and after how long.</param>
/// <param name="lastStatus">The last status read, still not terminal.</param>
/// <param name="recommendedAction">What to do next, e.g. wait again or read the answer later.</param>
public sealed class PollTimeoutException(string errorId, string message, object lastStatus, string recommendedAction)
    : TimeoutException(message)
{
    public string ErrorId { get; } = errorId;

    public object LastStatus { get; } = lastStatus;

    public string RecommendedAction { get; } = recommendedAction;
}
