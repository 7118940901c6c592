namespace Authy.Cmdlets.Infrastructure;

/// <summary>
/// Base of Connect-Authy and Connect-TwilioVerify: the transport settings every session takes (timeout,
/// retries, proxy) and -PassThru, declared once so the two connections cannot drift apart.
/// </summary>
public abstract class ConnectCmdlet : PSCmdlet
{
    /// <summary>How long one request may take; a number means seconds.</summary>
    [Parameter]
    [SecondsToTimeSpan]
    public TimeSpan? Timeout { get; set; }

    /// <summary>Retries after the first attempt, for failures that are safe to retry.</summary>
    [Parameter]
    [WholeNumber]
    [ValidateRange(0, 10)]
    public int? MaxRetry { get; set; }

    /// <summary>An explicit proxy; by default the system proxy is used.</summary>
    [Parameter]
    public Uri? Proxy { get; set; }

    /// <summary>Write the connection (its secret masked) to the pipeline.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }
}
