using System;
using System.Collections.Generic;
using System.Management.Automation;
using Authy.Http;
using Authy.Session;
using Authy.Verify;

namespace Authy.Cmdlets.Infrastructure
{
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
        /// Writes a lazily paged list (VerifyApi.List) for the current record, after the outcomes of the records before it:
        /// the next page is asked for only when the pipeline takes the last item, so Select-Object -First stops the paging.
        /// A failed page is the record's error (TargetObject <paramref name="target"/>) and ends its list.
        /// </summary>
        protected void WriteStream<T>(IEnumerable<T> items, object? target)
        {
            WriteQueuedOutcomes();
            using (var enumerator = items.GetEnumerator())
            {
                while (true)
                {
                    T item;
                    try
                    {
                        if (!enumerator.MoveNext())
                        {
                            return;
                        }

                        item = enumerator.Current;
                    }
                    catch (OperationCanceledException) when (CancellationToken.IsCancellationRequested)
                    {
                        throw new PipelineStoppedException();
                    }
                    catch (AuthyException failure)
                    {
                        var record = AuthyErrorRecords.From(failure, target);
                        if (AuthyErrorRecords.IsFatal(failure))
                        {
                            ThrowTerminatingError(record);
                        }

                        WriteError(record);
                        return;
                    }

                    WriteObject(item);
                }
            }
        }

        /// <summary>A record's value as text (a CSV gives strings; another cmdlet's output may give numbers).</summary>
        protected static string Text(object value) =>
            Convert.ToString(value is PSObject wrapped ? wrapped.BaseObject : value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;

        protected override void OpenSession()
        {
            _verifySession = VerifySessionStore.Resolve(out var failure);
            if (_verifySession == null)
            {
                ThrowTerminatingError(failure);
            }
        }
    }
}
