namespace Authy.Http;

/// <summary>No usable answer came back: the connection failed, was reset, or the request timed out.</summary>
public sealed class AuthyConnectionException : AuthyException
{
    private readonly string _prefix;

    public AuthyConnectionException(string message, bool timedOut, bool outcomeUnknown, Exception? innerException, string errorIdPrefix = "Authy")
        : base(outcomeUnknown
                ? message + " The outcome is unknown: the request may have been carried out, so it was not sent again. Check before retrying."
                : message,
            innerException)
    {
        TimedOut = timedOut;
        _prefix = errorIdPrefix;
        OutcomeUnknown = outcomeUnknown;
    }

    /// <summary>The per-request timeout elapsed.</summary>
    public bool TimedOut { get; }

    /// <summary>The request may have reached Authy and been acted on.</summary>
    public bool OutcomeUnknown { get; }

    public override string ErrorId =>
        _prefix + (OutcomeUnknown ? ".OutcomeUnknown" : TimedOut ? ".Timeout" : ".ConnectionFailed");
}
