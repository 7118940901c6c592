using Authy.Session;
using Authy.Verify;

namespace Authy.Cmdlets.Infrastructure;

/// <summary>
/// Base of the Twilio Verify cmdlets that take pipeline input: the same work queue, -ThrottleLimit, record
/// resolution, ShouldProcess and error mapping as the Authy cmdlets, over the runspace's Verify session
/// (Connect-TwilioVerify, else the TWILIO_* environment variables).
/// </summary>
public abstract class VerifyPipelineCmdlet : AuthyPipelineCmdlet
{
    private VerifySession? _verifySession;

    protected VerifySession VerifySession => _verifySession ?? throw new InvalidOperationException("BeginProcessing has not run.");

    protected VerifyApi Verify => VerifySession.Api;

    /// <summary>
    /// A PSD2 amount or payee, checked here rather than by an attribute: a piped verification carries them as
    /// null, which a validation attribute would refuse. Blank is absent; false (with the record's error written)
    /// when the text cannot be sent.
    /// </summary>
    protected bool TryReadPsd2(string? amount, string? payee, out string? amountText, out string? payeeText)
    {
        amountText = string.IsNullOrWhiteSpace(amount) ? null : amount;
        payeeText = string.IsNullOrWhiteSpace(payee) ? null : payee;
        var problem = (amountText == null ? null : Validation.TextRules.Text("-Amount", amountText, 64, multiline: false))
            ?? (payeeText == null ? null : Validation.TextRules.Text("-Payee", payeeText, 128, multiline: false));
        if (problem != null)
        {
            WriteInvalidValue("InvalidText", problem, amountText ?? payeeText);
            return false;
        }

        return true;
    }

    /// <summary>
    /// Writes a list as its pages arrive (VerifyApi.List): the next page is asked for only when the pipeline takes
    /// the last record, so Select-Object -First stops the paging. Runs on the pipeline thread; each page's request
    /// log lines (-Verbose) are written as soon as that page is read, so a person sees one line per page fetched.
    /// A failure ends the list with the error against <paramref name="target"/> (a fatal one stops the command).
    /// </summary>
    protected void WriteList<T>(object? target, Func<IRequestLog, IEnumerable<T>> list)
    {
        // Outcomes of earlier records first: the list is written here, not through the queue.
        WriteQueued();
        var log = new PendingCall(target, logging: true);
        using (var records = list(log).GetEnumerator())
        {
            while (true)
            {
                T record;
                try
                {
                    var more = records.MoveNext();
                    WriteLogged(log);
                    if (!more)
                    {
                        return;
                    }

                    record = records.Current;
                }
                catch (OperationCanceledException) when (CancellationToken.IsCancellationRequested)
                {
                    return;
                }
                catch (AuthyException failure)
                {
                    WriteLogged(log);
                    var error = AuthyErrorRecords.From(failure, target);
                    if (AuthyErrorRecords.IsFatal(failure))
                    {
                        ThrowTerminatingError(error);
                    }

                    WriteError(error);
                    return;
                }

                WriteObject(record);
            }
        }
    }

    private void WriteLogged(PendingCall log)
    {
        while (log.TryTakeMessage(out var message))
        {
            WriteVerbose(message);
        }
    }

    protected override string ErrorIdPrefix => "TwilioVerify.";

    private protected override (string Effects, string WhereToCheck) UnwrittenAdvice =>
        ("codes sent, entities, factors or challenges created or removed",
         "Get-TwilioVerification, Get-TwilioVerifyFactor or Get-TwilioVerifyChallenge, the Twilio console, or the emulator's /_emulator/messages");

    protected override void OpenSession()
    {
        _verifySession = VerifySessionStore.Resolve(out var failure);
        if (_verifySession == null)
        {
            ThrowTerminatingError(failure);
        }
    }
}
