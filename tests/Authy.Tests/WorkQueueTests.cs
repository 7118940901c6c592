using System;
using System.Threading;
using System.Threading.Tasks;
using Authy.Cmdlets.Infrastructure;
using Xunit;

namespace Authy.Tests;

/// <summary>
/// When the queue frees its slots (CA1001): only once drained. A cmdlet stopped early leaves calls running,
/// and each still releases its slot when it ends; a disposed semaphore would fault it instead.
/// </summary>
public class WorkQueueTests
{
    [Fact]
    public async Task Dispose_with_a_call_still_running_leaves_it_its_slot()
    {
        var reply = new TaskCompletionSource<object?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = new ManualResetEventSlim();
        var queue = new WorkQueue(1, ordered: true, CancellationToken.None);
        queue.Start(null, logging: false, (log, cancellationToken) =>
        {
            started.Set();
            return reply.Task;
        });
        Assert.True(started.Wait(TimeSpan.FromSeconds(30)), "The call never started.");

        queue.Dispose();
        reply.SetResult("done");

        var finished = TakeWhenDone(queue);
        Assert.Equal(TaskStatus.RanToCompletion, finished.Task.Status);
        Assert.Equal("done", await finished.Task);
    }

    [Fact]
    public void A_drained_queue_disposes_and_its_counts_stay_readable()
    {
        var queue = new WorkQueue(2, ordered: false, CancellationToken.None);
        queue.Start(null, logging: false, (log, cancellationToken) => Task.FromResult<object?>(1));
        TakeWhenDone(queue);

        queue.Dispose();

        Assert.Equal(0, queue.Count);
        Assert.Equal(0, queue.InFlight);
        Assert.Equal(0, queue.SentNotTaken);
    }

    private static PendingCall TakeWhenDone(WorkQueue queue)
    {
        PendingCall? finished;
        while ((finished = queue.TakeFinished()) == null)
        {
            // Returns as soon as the call ends; the bound only keeps a broken queue from hanging the run.
            queue.WaitForProgress(TimeSpan.FromSeconds(30));
        }

        return finished;
    }
}
