using System.Collections.Generic;
using System.Management.Automation;
using Authy.Cmdlets.Infrastructure;
using Authy.Models;
using Authy.Validation;

namespace Authy.Cmdlets
{
    /// <summary>
    /// Get-AuthyApplicationStatistics: the application's usage over the last 12 months (app/stats, authy-api.md 2.20),
    /// written as one flat AuthyMonthlyStatistics per month, oldest first as Authy sends them. The application-wide
    /// AppId and TotalUsers are repeated on each month, so the output goes straight to Export-Csv, and
    /// <c>Measure-Object -Sum SmsCount, CallsCount</c> gives the year's totals.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "AuthyApplicationStatistics")]
    [OutputType(typeof(AuthyMonthlyStatistics))]
    public sealed class GetAuthyApplicationStatisticsCommand : AuthyCmdlet
    {
        // Set by the worker when the call succeeds, read on the pipeline thread after the queue has drained.
        private IReadOnlyList<AuthyMonthlyStatistics>? _months;

        /// <summary>The IP address of the person the request is made for, passed on to Authy.</summary>
        [Parameter]
        [Alias("user_ip", "IpAddress")]
        [ValidateIpAddress]
        public string? UserIp { get; set; }

        protected override void ProcessRecord()
        {
            var userIp = UserIp;

            // The base writes a call's result as one object; the months must go out one by one, so the call
            // keeps them and EndProcessing enumerates them once the base has written any error.
            Enqueue<object?>(null, async (log, cancellationToken) =>
            {
                _months = await Api.GetApplicationStatisticsAsync(userIp, log, cancellationToken).ConfigureAwait(false);
                return null;
            });
        }

        protected override void EndProcessing()
        {
            base.EndProcessing();
            if (_months != null)
            {
                WriteObject(_months, enumerateCollection: true);
            }
        }
    }
}
