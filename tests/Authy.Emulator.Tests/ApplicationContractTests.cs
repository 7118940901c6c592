using System.Linq;
using System.Threading.Tasks;

namespace Authy.Emulator.Tests;

/// <summary>docs/api/authy.md §2.19, §2.20.</summary>
public class ApplicationContractTests
{
    [Fact]
    public async Task Details_have_the_documented_shape()
    {
        await using var emulator = await RunningEmulator.StartAsync();

        var reply = await emulator.GetAsync("/protected/json/app/details?user_ip=127.0.0.1");

        Assert.Equal(
            """{"app":{"name":"Authy Emulator","plan":"pay_as_you_go","sms_enabled":true,"phone_calls_enabled":true,"app_id":1,"onetouch_enabled":true},"message":"Application information.","success":true}""",
            reply.Body);
    }

    [Fact]
    public async Task Stats_cover_twelve_months_with_counts_from_real_activity()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        var id = await emulator.CreateUserAsync();
        await emulator.GetAsync($"/protected/json/sms/{id}");
        await emulator.GetAsync($"/protected/json/call/{id}");
        var code = await emulator.LatestCodeAsync($"authy_id={id}");
        await emulator.GetAsync($"/protected/json/verify/{code}/{id}?force=true");

        var reply = await emulator.GetAsync("/protected/json/app/stats");

        Assert.Equal(200, reply.Status);
        Assert.StartsWith("""{"message":"Monthly statistics.","count":12,"total_users":1,"app_id":1,"success":true,"stats":[{"sms_count":0,""", reply.Body, System.StringComparison.Ordinal);
        var stats = reply.Json["stats"]!.AsArray();
        Assert.Equal(12, stats.Count);
        Assert.Equal("February", stats[0]!["month"]!.GetValue<string>());
        Assert.Equal(2023, stats[0]!["year"]!.GetValue<int>());
        var current = stats[^1]!;
        Assert.Equal("January", current["month"]!.GetValue<string>());
        Assert.Equal(2024, current["year"]!.GetValue<int>());
        Assert.Equal(1, current["sms_count"]!.GetValue<int>());
        Assert.Equal(1, current["calls_count"]!.GetValue<int>());
        Assert.Equal(1, current["users_count"]!.GetValue<int>());
        Assert.Equal(1, current["auths_count"]!.GetValue<int>());
        // users/new, sms, call, verify and this stats request itself.
        Assert.Equal(5, current["api_calls_count"]!.GetValue<int>());
        Assert.Equal(
            new[] { "sms_count", "calls_count", "users_count", "auths_count", "month", "api_calls_count", "year" },
            current.AsObject().Select(p => p.Key).ToArray());
    }
}
