using System;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using Authy.Session;
using Xunit;

namespace Authy.Tests.Session;

/// <summary>RunspaceStore: one value per runspace, and the one way a cmdlet resolves its session.</summary>
public class RunspaceStoreTests
{
    [Fact]
    public void Resolve_prefers_the_runspace_value_over_the_environment()
    {
        var store = new RunspaceStore<string>();
        InRunspace(() =>
        {
            store.Set("connected");
            Assert.Equal("connected", store.Resolve(() => "environment", "Side", "Not connected.", out var failure));
            Assert.Null(failure);
        });
    }

    [Fact]
    public void Resolve_falls_back_to_the_environment()
    {
        var store = new RunspaceStore<string>();
        Assert.Equal("environment", store.Resolve(() => "environment", "Side", "Not connected.", out var failure));
        Assert.Null(failure);
    }

    [Fact]
    public void Resolve_without_a_session_says_why_with_the_side_prefix()
    {
        var store = new RunspaceStore<string>();
        Assert.Null(store.Resolve(() => null, "Side", "Not connected to Side.", out var missing));
        Assert.Equal("Side.NotConnected", missing!.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidOperation, missing.CategoryInfo.Category);
        Assert.Equal("Not connected to Side.", missing.Exception.Message);

        // A malformed environment (AUTHY_API_URL that is no URL) is not "not connected".
        Assert.Null(store.Resolve(() => throw new ArgumentException("Bad URL."), "Side", "Not connected.", out var invalid));
        Assert.Equal("Side.InvalidConnection", invalid!.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, invalid.CategoryInfo.Category);
        Assert.Equal("Bad URL.", invalid.Exception.Message);
    }

    [Fact]
    public void Take_removes_and_returns_the_runspace_value_once()
    {
        var store = new RunspaceStore<string>();
        InRunspace(() =>
        {
            store.Set("first");
            store.Set("second");
            Assert.Equal("second", store.Take());
            Assert.Null(store.Current);
            Assert.Null(store.Take());
            Assert.False(store.Clear());
        });
    }

    [Fact]
    public void Each_runspace_sees_only_its_own_value()
    {
        var store = new RunspaceStore<string>();
        InRunspace(() => store.Set("one"));
        InRunspace(() =>
        {
            Assert.Null(store.Current);
            store.Set("two");
            Assert.True(store.Clear());
            Assert.Null(store.Current);
        });
    }

    // DefaultRunspace is per thread: set for the action, then put back. An empty session state, never opened:
    // the store only needs the runspace as a key.
    private static void InRunspace(Action action)
    {
        var previous = Runspace.DefaultRunspace;
        using (var runspace = RunspaceFactory.CreateRunspace(InitialSessionState.Create()))
        {
            Runspace.DefaultRunspace = runspace;
            try
            {
                action();
            }
            finally
            {
                Runspace.DefaultRunspace = previous;
            }
        }
    }
}
