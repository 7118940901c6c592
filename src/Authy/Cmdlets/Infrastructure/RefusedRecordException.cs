namespace Authy.Cmdlets.Infrastructure;

/// <summary>
/// A record refused before any request, waiting in the work queue for its turn (<see cref="WorkQueue.AddRefused"/>):
/// carries the error record already made, which is written as it is. Never thrown.
/// </summary>
internal sealed class RefusedRecordException(ErrorRecord record) : Exception(record.Exception.Message)
{
    public ErrorRecord Record { get; } = record;
}
