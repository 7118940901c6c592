namespace Authy.Http;

/// <summary>Base of every error the module raises about talking to Authy, so callers can catch one type.</summary>
public abstract class AuthyException : Exception
{
    protected AuthyException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    /// <summary>The PowerShell ErrorId this failure is reported under, e.g. <c>Authy.60026</c>.</summary>
    public abstract string ErrorId { get; }
}
