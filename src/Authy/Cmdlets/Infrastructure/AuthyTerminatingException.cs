namespace Authy.Cmdlets.Infrastructure;

/// <summary>
/// A failure that stops the pipeline (a wrong API key), thrown in place of ThrowTerminatingError so that
/// what -ErrorVariable collects still reads like an ErrorRecord. For a terminating error PowerShell puts
/// the exception, not the record, into -ErrorVariable; with ThrowTerminatingError that is its own wrapper,
/// whose TargetObject and Exception are empty, so the README's failure report
/// (<c>$failed | ForEach-Object { $_.TargetObject ... $_.Exception.Message }</c>) lost the row. This
/// wrapper answers both, and try/catch still sees the record itself.
/// </summary>
public sealed class AuthyTerminatingException : CmdletInvocationException
{
    private readonly ErrorRecord _record;

    internal AuthyTerminatingException(ErrorRecord record)
        : base(record.Exception.Message, record.Exception)
    {
        _record = record;
    }

    public override ErrorRecord ErrorRecord => _record;

    /// <summary>The input record being processed when it stopped (the CSV row), as on an ErrorRecord.</summary>
    public object? TargetObject => _record.TargetObject;

    /// <summary>The failure itself, as on an ErrorRecord.</summary>
    public System.Exception Exception => _record.Exception;
}
