namespace Authy.Models;

/// <summary>
/// One month of an application's usage (Get-AuthyApplicationStatistics; docs/api/authy.md §2.20). The
/// application-wide figures (AppId, TotalUsers) are repeated on every month, so each object is a
/// complete flat row for Export-Csv, and Measure-Object -Sum SmsCount totals the year.
/// </summary>
public sealed class AuthyMonthlyStatistics
{
    public long AppId { get; set; }

    public int Year { get; set; }

    /// <summary>The English month name as Authy sends it, e.g. <c>August</c>.</summary>
    public string Month { get; set; } = string.Empty;

    /// <summary>1-12 from <see cref="Month"/>, for sorting; 0 when the name is not an English month.</summary>
    public int MonthNumber { get; set; }

    public long SmsCount { get; set; }

    public long CallsCount { get; set; }

    public long UsersCount { get; set; }

    public long AuthsCount { get; set; }

    public long ApiCallsCount { get; set; }

    /// <summary>Users of the application now (the reply's <c>total_users</c>), the same on every month.</summary>
    public long TotalUsers { get; set; }

    public override string ToString() => Month + " " + Year.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
