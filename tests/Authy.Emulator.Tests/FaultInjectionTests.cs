using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Authy.Emulator.Hosting;

namespace Authy.Emulator.Tests;

/// <summary>--fault-rate/--fault-kinds/--seed, --rate-limit and --latency-ms.</summary>
public class FaultInjectionTests
{
    [Fact]
    public async Task Same_seed_gives_the_same_fault_sequence_and_stats_count_them()
    {
        var first = await RunSequenceAsync(seed: 7);
        var second = await RunSequenceAsync(seed: 7);
        var other = await RunSequenceAsync(seed: 8);

        Assert.Equal(first.Outcomes, second.Outcomes);
        Assert.NotEqual(first.Outcomes, other.Outcomes);
        foreach (var kind in new[] { "200", "429", "500", "503", "dropped" })
        {
            Assert.Contains(kind, first.Outcomes);
        }

        var faults = first.Stats["faults"]!;
        Assert.Equal(first.Outcomes.Count(o => o == "429"), faults["429"]!.GetValue<int>());
        Assert.Equal(first.Outcomes.Count(o => o == "503"), faults["503"]!.GetValue<int>());
        Assert.Equal(first.Outcomes.Count(o => o == "dropped"), faults["reset"]!.GetValue<int>() + faults["timeout"]!.GetValue<int>());
        Assert.Equal(40, first.Stats["requests_total"]!.GetValue<int>());
    }

    [Fact]
    public async Task Fault_bodies_429_json_503_html_500_json()
    {
        await using var emulator = await RunningEmulator.StartAsync(o =>
        {
            o.FaultRate = 1;
            o.FaultKinds = new[] { FaultKind.TooManyRequests429, FaultKind.ServiceUnavailable503, FaultKind.ServerError500 };
            o.Seed = 3;
        });
        var seen = new Dictionary<int, Reply>();
        for (var i = 0; i < 30 && seen.Count < 3; i++)
        {
            var reply = await emulator.GetAsync("/protected/json/app/details");
            seen.TryAdd(reply.Status, reply);
        }

        Assert.Equal(
            """{"error_code":"60003","message":"DoS protection","errors":{"message":"DoS protection"},"success":false}""",
            seen[429].Body);
        Assert.StartsWith("<html>", seen[503].Body, StringComparison.Ordinal);
        Assert.Equal("text/html", seen[503].ContentType);
        Assert.Equal(
            """{"error_code":"60000","message":"An error occurred","errors":{"message":"An error occurred"},"success":false}""",
            seen[500].Body);
    }

    [Fact]
    public async Task Some_500s_and_resets_strike_after_the_request_took_effect()
    {
        await using var emulator = await RunningEmulator.StartAsync(o =>
        {
            o.FaultRate = 1;
            o.FaultKinds = new[] { FaultKind.ServerError500, FaultKind.ConnectionReset };
            o.Seed = 11;
        });
        const int attempts = 30;
        var failures = 0;
        for (var i = 0; i < attempts; i++)
        {
            var outcome = await TryAsync(emulator, HttpMethod.Post, $"/protected/json/phones/verification/start?via=sms&country_code=1&phone_number=98765432{i:D2}");
            if (outcome != "200")
            {
                failures++;
            }
        }

        // Every request failed for the client, yet the ones faulted after processing sent a code.
        var sent = (await emulator.MessagesAsync("")).Count;
        Assert.Equal(attempts, failures);
        Assert.InRange(sent, 1, attempts - 1);
    }

    [Fact]
    public async Task Rate_limit_answers_429_60003_beyond_n_per_second_per_key()
    {
        await using var emulator = await RunningEmulator.StartAsync(o => o.RateLimitPerSecond = 3);

        var within = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            within.Add((await emulator.GetAsync("/protected/json/app/details")).Status);
        }

        var over = await emulator.GetAsync("/protected/json/app/details");
        var otherKey = await emulator.GetAsync("/protected/json/app/details?api_key=someone-else", withKey: false);
        emulator.Clock.Advance(TimeSpan.FromSeconds(1));
        var nextSecond = await emulator.GetAsync("/protected/json/app/details");
        var stats = await emulator.GetAsync("/_emulator/stats", withKey: false);

        Assert.All(within, status => Assert.Equal(200, status));
        Assert.Equal(429, over.Status);
        Assert.Equal(
            """{"error_code":"60003","message":"DoS protection","errors":{"message":"DoS protection"},"success":false}""",
            over.Body);
        Assert.Equal(401, otherKey.Status);
        Assert.Equal(200, nextSecond.Status);
        Assert.Equal(1, stats.Json["rate_limited"]!.GetValue<int>());
    }

    [Fact]
    public async Task Latency_delays_api_replies_but_not_control_replies()
    {
        var latency = TimeSpan.FromMilliseconds(1500);
        await using var emulator = await RunningEmulator.StartAsync(o => o.Latency = latency);

        var api = Stopwatch.StartNew();
        var reply = await emulator.GetAsync("/protected/json/app/details");
        api.Stop();
        var control = Stopwatch.StartNew();
        await emulator.GetAsync("/_emulator/stats", withKey: false);
        control.Stop();

        Assert.Equal(200, reply.Status);
        Assert.True(api.Elapsed >= latency - TimeSpan.FromMilliseconds(20), $"API reply took {api.Elapsed}");
        Assert.True(control.Elapsed < latency, $"control reply took {control.Elapsed}");
    }

    [Fact]
    public async Task Timeout_fault_holds_the_request_until_the_client_gives_up()
    {
        await using var emulator = await RunningEmulator.StartAsync(o =>
        {
            o.FaultRate = 1;
            o.FaultKinds = new[] { FaultKind.Timeout };
            o.Seed = 1;

            // Well past the client's 700 ms, and short enough that the held request ends (and is logged) even on a
            // machine so loaded that the server does not see the client go.
            o.TimeoutFaultHold = TimeSpan.FromSeconds(3);
        });
        using var client = new HttpClient { BaseAddress = emulator.BaseAddress };
        client.DefaultRequestHeaders.Add("X-Authy-API-Key", RunningEmulator.TestKey);

        // A control call first (never faulted, no time limit) opens the connection and warms both sides: on a loaded
        // machine a cold first request could use up the 700 ms before the emulator had even read it, leaving nothing held.
        (await client.GetAsync("/_emulator/stats")).EnsureSuccessStatusCode();

        var watch = Stopwatch.StartNew();
        using var giveUp = new CancellationTokenSource(TimeSpan.FromMilliseconds(700));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetAsync("/protected/json/app/details", giveUp.Token));

        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(650), $"gave up after {watch.Elapsed}");
        // The emulator logs the held request once it sees the client go, which can be just after the client
        // throws: wait for the entry (bounded), not for a fixed time.
        var deadline = Stopwatch.StartNew();
        System.Text.Json.Nodes.JsonNode? entry;
        do
        {
            // A long poll: answered once the entry is there (or after 10 s), not re-asked in a tight loop.
            var log = await emulator.GetAsync("/_emulator/requests?wait_for=1&timeout_seconds=10", withKey: false);
            entry = log.Json["requests"]!.AsArray().FirstOrDefault();
        }
        // The entry can be listed before its fault is written (the held request ends when the client goes).
        while (entry?["fault"] == null && deadline.Elapsed < TimeSpan.FromSeconds(15));

        Assert.NotNull(entry);
        Assert.Equal("timeout", entry!["fault"]?.GetValue<string>());
    }

    private static async Task<(List<string> Outcomes, System.Text.Json.Nodes.JsonNode Stats)> RunSequenceAsync(int seed)
    {
        await using var emulator = await RunningEmulator.StartAsync(o =>
        {
            o.FaultRate = 0.5;
            o.Seed = seed;
            o.TimeoutFaultHold = TimeSpan.FromMilliseconds(50);
        });
        var outcomes = new List<string>();
        for (var i = 0; i < 40; i++)
        {
            outcomes.Add(await TryAsync(emulator, HttpMethod.Get, "/protected/json/app/details"));
        }

        var stats = await emulator.GetAsync("/_emulator/stats", withKey: false);
        return (outcomes, stats.Json);
    }

    /// <summary>The status as text, or "dropped" when the connection was reset or timed out.</summary>
    private static async Task<string> TryAsync(RunningEmulator emulator, HttpMethod method, string path)
    {
        try
        {
            var reply = await emulator.SendAsync(new HttpRequestMessage(method, path), withKey: true);
            return reply.Status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (HttpRequestException)
        {
            return "dropped";
        }
    }
}
