using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using Authy.Cmdlets.Infrastructure;
using Xunit;

namespace Authy.Tests
{
    /// <summary>TerminalStatusPoller: reads until the status is final, times out with the last status, stops on cancellation.</summary>
    public class TerminalStatusPollerTests
    {
        private static PollTimeoutException Timeout(string last) =>
            new PollTimeoutException("Test.Timeout", "Still " + last + ".", "Wait longer.", last);

        [Fact]
        public async Task Reads_until_the_status_is_terminal_and_returns_it()
        {
            var answers = new Queue<string>(new[] { "pending", "pending", "approved" });
            var reads = 0;
            var result = await TerminalStatusPoller.PollUntilTerminalAsync(
                _ => { reads++; return Task.FromResult(answers.Dequeue()); },
                status => status != "pending",
                DateTimeOffset.UtcNow.AddMinutes(5),
                TimeSpan.FromMilliseconds(1),
                Timeout,
                CancellationToken.None);

            Assert.Equal("approved", result);
            Assert.Equal(3, reads);
        }

        [Fact]
        public async Task A_deadline_already_passed_reads_once_then_throws_with_the_last_status()
        {
            var reads = 0;
            var failure = await Assert.ThrowsAsync<PollTimeoutException>(() => TerminalStatusPoller.PollUntilTerminalAsync(
                _ => { reads++; return Task.FromResult("pending"); },
                status => status != "pending",
                DateTimeOffset.UtcNow.AddSeconds(-1),
                TimeSpan.FromMinutes(1),
                Timeout,
                CancellationToken.None));

            Assert.Equal(1, reads);
            Assert.Equal("pending", failure.LastStatus);
            Assert.Equal("Test.Timeout", failure.ErrorId);
        }

        [Fact]
        public async Task A_terminal_answer_at_the_first_read_wins_over_a_passed_deadline()
        {
            var result = await TerminalStatusPoller.PollUntilTerminalAsync(
                _ => Task.FromResult("denied"),
                status => status != "pending",
                DateTimeOffset.UtcNow.AddSeconds(-1),
                TimeSpan.FromMinutes(1),
                Timeout,
                CancellationToken.None);

            Assert.Equal("denied", result);
        }

        [Fact]
        public async Task Cancellation_ends_the_wait_between_reads()
        {
            using var stop = new CancellationTokenSource();
            var poll = TerminalStatusPoller.PollUntilTerminalAsync(
                _ => { stop.Cancel(); return Task.FromResult("pending"); },
                status => status != "pending",
                DateTimeOffset.UtcNow.AddHours(1),
                TimeSpan.FromHours(1),
                Timeout,
                stop.Token);

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => poll);
        }

        [Fact]
        public void A_timeout_becomes_its_own_error_id_with_category_OperationTimeout_and_the_action()
        {
            var record = AuthyErrorRecords.From(Timeout("pending"), "row");

            Assert.Equal("Test.Timeout", record.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.OperationTimeout, record.CategoryInfo.Category);
            Assert.Equal("row", record.TargetObject);
            Assert.Equal("Wait longer.", record.ErrorDetails.RecommendedAction);
        }
    }
}
