using System;
using System.Threading;
using System.Threading.Tasks;
using Authy.Migration;
using Xunit;

namespace Authy.Tests.Migration;

/// <summary>IdentityTurns: rows naming one identity take turns, other identities do not wait, and no gate outlives its rows.</summary>
public sealed class IdentityTurnsTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_second_row_for_the_same_identity_waits_for_the_first_ignoring_case()
    {
        var turns = new IdentityTurns();
        var first = await turns.TakeAsync("authy-0000000001", CancellationToken.None);
        var second = turns.TakeAsync("AUTHY-0000000001", CancellationToken.None);

        Assert.False(second.IsCompleted);
        Assert.Equal(1, turns.Count);

        first.Dispose();
        (await second.WaitAsync(Patience)).Dispose();
        Assert.Equal(0, turns.Count);
    }

    [Fact]
    public async Task Rows_for_other_identities_do_not_wait()
    {
        var turns = new IdentityTurns();
        using var first = await turns.TakeAsync("authy-0000000001", CancellationToken.None);
        var other = turns.TakeAsync("authy-0000000002", CancellationToken.None);

        Assert.True(other.IsCompletedSuccessfully);
        Assert.Equal(2, turns.Count);
        (await other).Dispose();
        Assert.Equal(1, turns.Count);
    }

    [Fact]
    public async Task A_turn_disposed_twice_lets_only_the_next_row_in()
    {
        var turns = new IdentityTurns();
        var first = await turns.TakeAsync("authy-0000000001", CancellationToken.None);
        var second = turns.TakeAsync("authy-0000000001", CancellationToken.None);
        var third = turns.TakeAsync("authy-0000000001", CancellationToken.None);

        first.Dispose();
        first.Dispose();
        var held = await second.WaitAsync(Patience);
        Assert.False(third.IsCompleted);
        Assert.Equal(1, turns.Count);

        held.Dispose();
        (await third.WaitAsync(Patience)).Dispose();
        Assert.Equal(0, turns.Count);
    }

    [Fact]
    public async Task A_cancelled_wait_leaves_no_gate_behind()
    {
        var turns = new IdentityTurns();
        var first = await turns.TakeAsync("authy-0000000001", CancellationToken.None);
        using var stop = new CancellationTokenSource();
        var waiting = turns.TakeAsync("authy-0000000001", stop.Token);

        stop.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(Patience));
        first.Dispose();
        Assert.Equal(0, turns.Count);

        // The identity's next row gets a fresh turn at once.
        (await turns.TakeAsync("authy-0000000001", CancellationToken.None).WaitAsync(Patience)).Dispose();
        Assert.Equal(0, turns.Count);
    }
}
