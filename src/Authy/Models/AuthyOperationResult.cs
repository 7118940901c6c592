namespace Authy.Models;

/// <summary>The outcome of an operation that returns only a message (remove, update, register activity).</summary>
public sealed class AuthyOperationResult
{
    public long AuthyId { get; set; }

    /// <summary>What was done, e.g. <c>Remove</c>.</summary>
    public string Operation { get; set; } = string.Empty;

    public bool Success { get; set; }

    public string? Message { get; set; }

    public override string ToString() => $"{Operation} {AuthyId}: {Message}";
}
