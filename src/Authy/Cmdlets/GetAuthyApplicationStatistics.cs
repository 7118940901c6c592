namespace Authy.Cmdlets;

/// <summary>
/// Get-AuthyApplicationStatistics: the application's usage over the last 12 months (app/stats, docs/api/authy.md §2.20),
/// written as one flat AuthyMonthlyStatistics per month, oldest first as Authy sends them. The application-wide
/// AppId and TotalUsers are repeated on each month, so the output goes straight to Export-Csv, and
/// <c>Measure-Object -Sum SmsCount, CallsCount</c> gives the year's totals.
/// </summary>
[Cmdlet(VerbsCommon.Get, "AuthyApplicationStatistics")]
[OutputType(typeof(AuthyMonthlyStatistics))]
public sealed class GetAuthyApplicationStatisticsCommand : AuthyApplicationCmdlet<IReadOnlyList<AuthyMonthlyStatistics>>
{
    // A list result is written one month per object, so the rows go straight to Export-Csv.
    private protected override Task<IReadOnlyList<AuthyMonthlyStatistics>> ReadAsync(string? userIp, IRequestLog log, CancellationToken cancellationToken) =>
        Api.GetApplicationStatisticsAsync(userIp, log, cancellationToken);
}
