using System;
using System.Linq;
using System.Threading.Tasks;
using static Authy.Emulator.Tests.Verify.VerifyCalls;

namespace Authy.Emulator.Tests.Verify;

/// <summary>Bulk sends arrive 32–64 at once (the module's -ThrottleLimit); Verify state must stay consistent.</summary>
public class VerifyConcurrencyTests
{
    [Fact]
    public async Task Parallel_starts_to_distinct_numbers_get_distinct_sids_and_one_message_each()
    {
        await using var emulator = await RunningEmulator.StartAsync();

        var replies = await Task.WhenAll(Enumerable.Range(0, 400).Select(i =>
            emulator.VPostAsync(ServicePath + "/Verifications", ("To", $"+15553{i:D3}100"), ("Channel", "sms"))));
        var messages = await emulator.MessagesAsync("channel=verify_sms");

        Assert.All(replies, r => AssertStatus(r, 201));
        Assert.Equal(400, replies.Select(r => r.Json.Str("sid")).Distinct().Count());
        Assert.Equal(400, messages.Count);
    }

    [Fact]
    public async Task Parallel_starts_to_one_number_share_one_sid_and_stop_at_five_sends()
    {
        await using var emulator = await RunningEmulator.StartAsync();

        var replies = await Task.WhenAll(Enumerable.Range(0, 32).Select(_ =>
            emulator.VPostAsync(ServicePath + "/Verifications", ("To", "+15017122661"), ("Channel", "sms"))));

        Assert.Equal(5, replies.Count(r => r.Status == 201));
        Assert.Single(replies.Where(r => r.Status == 201).Select(r => r.Json.Str("sid")).Distinct());
        Assert.All(replies.Where(r => r.Status != 201), r => AssertTwilioError(r, 429, 60203));
        Assert.Equal(5, (await emulator.MessagesAsync("to=" + Uri.EscapeDataString("+15017122661"))).Count);
    }
}
