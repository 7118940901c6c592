using System;
using System.Globalization;
using System.Management.Automation;
using Authy.Cmdlets.Infrastructure;
using Xunit;

namespace Authy.Tests;

/// <summary>The texts the cmdlet base writes: the progress status, the early-stop warning, the terminating error.</summary>
public class CmdletTextTests
{
    [Fact]
    public void Progress_status_gives_done_failed_in_flight_and_rate()
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        try
        {
            Assert.Equal("40 done, 8 failed, 2 in progress, 3.5/s", AuthyCmdlet.ProgressStatus(40, 8, 2, 3.48));
            Assert.Equal("0 done, 0 failed, 0 in progress, 0.0/s", AuthyCmdlet.ProgressStatus(0, 0, 0, 0));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void The_early_stop_warning_gives_the_count_and_what_to_check()
    {
        var advice = ("messages sent", "Get-AuthyUser or /_emulator/messages");
        var many = AuthyCmdlet.UnwrittenWarning("Send-AuthySms", 7, advice);
        var one = AuthyCmdlet.UnwrittenWarning("Remove-AuthyUser", 1, advice);

        Assert.StartsWith("Send-AuthySms stopped with 7 requests sent, or possibly sent, whose results were not written", many, StringComparison.Ordinal);
        Assert.Contains("(messages sent)", many, StringComparison.Ordinal);
        Assert.EndsWith("e.g. with Get-AuthyUser or /_emulator/messages.", many, StringComparison.Ordinal);
        Assert.StartsWith("Remove-AuthyUser stopped with 1 request sent, or possibly sent, whose result was not written", one, StringComparison.Ordinal);
    }

    [Fact]
    public void A_terminating_error_reads_like_its_record_in_error_variable()
    {
        var row = new PSObject();
        row.Properties.Add(new PSNoteProperty("email", "a@example.com"));
        var record = AuthyErrorRecords.From(new Authy.Http.AuthyApiException(401, "60001", "Invalid API key"), row);

        var stop = AuthyErrorRecords.Terminating(record, typeof(Authy.Cmdlets.NewAuthyUserCommand));

        Assert.Same(row, stop.TargetObject);
        Assert.Same(record.Exception, stop.Exception);
        Assert.Same(row, stop.ErrorRecord.TargetObject);
        Assert.Equal("Authy.60001,Authy.Cmdlets.NewAuthyUserCommand", stop.ErrorRecord.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.AuthenticationError, stop.ErrorRecord.CategoryInfo.Category);
        Assert.NotNull(stop.ErrorRecord.ErrorDetails?.RecommendedAction);
    }
}
