using System;
using System.Threading;
using System.Threading.Tasks;
using Authy.Cmdlets.Infrastructure;
using Xunit;

namespace Authy.Tests.Cmdlets;

/// <summary>StatusPoll: the poll-until-terminal loop every Wait-* cmdlet runs on its work queue.</summary>
public class StatusPollTests
{
    [Fact]
    public async Task A_terminal_status_is_returned_after_one_read()
    {
        var reads = 0;
        var poll = new StatusPoll(TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(30), "Waiting");
        var call = poll.Until("Request a", (_, _) => Task.FromResult(++reads), _ => true, Timeout);

        Assert.Equal(1, await call(null!, CancellationToken.None));
        Assert.Equal(1, reads);
    }

    [Fact]
    public async Task Past_the_deadline_the_last_status_comes_back_in_the_timeout()
    {
        var poll = new StatusPoll(TimeSpan.FromTicks(1), TimeSpan.FromSeconds(30), "Waiting");
        var call = poll.Until("Request a", (_, _) => Task.FromResult(7), _ => false, Timeout);

        var timedOut = await Assert.ThrowsAsync<PollTimeoutException>(() => call(null!, CancellationToken.None));
        Assert.Equal(7, timedOut.LastStatus);

        // Written for the record piped in, not for the status: one error per record, nothing else.
        var record = AuthyErrorRecords.From(timedOut, "record a");
        Assert.Equal("Test.Timeout", record.FullyQualifiedErrorId);
        Assert.Equal(System.Management.Automation.ErrorCategory.OperationTimeout, record.CategoryInfo.Category);
        Assert.Equal("record a", record.TargetObject);
        Assert.Equal("Wait longer.", record.ErrorDetails.RecommendedAction);
    }

    [Fact]
    public async Task The_bar_names_the_record_being_polled()
    {
        var answer = new TaskCompletionSource<int>();
        var reading = new TaskCompletionSource<bool>();
        var poll = new StatusPoll(TimeSpan.FromMinutes(2), TimeSpan.FromSeconds(30), "Waiting for an answer");
        var call = poll.Until(
            "Request a",
            (_, _) =>
            {
                reading.TrySetResult(true);
                return answer.Task;
            },
            _ => true,
            Timeout);

        var running = Task.Run(() => call(null!, CancellationToken.None));
        await reading.Task;
        var bar = poll.Progress(5);
        Assert.Equal("Waiting for an answer", bar.Activity);
        Assert.StartsWith("Request a is pending; ", bar.StatusDescription);
        Assert.InRange(bar.SecondsRemaining, 100, 120);

        answer.SetResult(1);
        await running;
        Assert.StartsWith("Waiting; ", poll.Progress(5).StatusDescription);
    }

    [Theory]
    [InlineData(0, 2, "Authy.InvalidTimeout")]
    [InlineData(367 * 86400, 2, "Authy.InvalidTimeout")]
    [InlineData(60, 0.05, "Authy.InvalidPollInterval")]
    [InlineData(60, 601, "Authy.InvalidPollInterval")]
    public void Out_of_range_settings_are_refused(double timeoutSeconds, double intervalSeconds, string errorId)
    {
        Assert.Equal(errorId, StatusPoll.Check(TimeSpan.FromSeconds(timeoutSeconds), TimeSpan.FromSeconds(intervalSeconds), "Authy.")!.FullyQualifiedErrorId);
    }

    [Fact]
    public void Settings_in_range_are_accepted() =>
        Assert.Null(StatusPoll.Check(TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(2), "Authy."));

    private static PollTimeoutException Timeout(int last) => new PollTimeoutException("Test.Timeout", "Still pending.", last, "Wait longer.");
}
