using System.Linq;
using System.Threading.Tasks;

namespace Authy.Emulator.Tests;

/// <summary>Requests arrive concurrently (bulk pipelines use up to 64 at once); state must stay consistent.</summary>
public class ConcurrencyTests
{
    [Fact]
    public async Task Parallel_creates_of_the_same_phone_yield_one_user_and_distinct_phones_distinct_ids()
    {
        await using var emulator = await RunningEmulator.StartAsync();

        var same = await Task.WhenAll(Enumerable.Range(0, 64).Select(i => emulator.CreateUserAsync("555-123-4567", 1, $"u{i}@example.com")));
        var distinct = await Task.WhenAll(Enumerable.Range(0, 64).Select(i => emulator.CreateUserAsync($"555-200-{i:D4}", 1, $"d{i}@example.com")));

        Assert.Single(same.Distinct());
        Assert.Equal(64, distinct.Distinct().Count());
        Assert.Equal(Enumerable.Range(2, 64), distinct.OrderBy(id => id));
        var stats = await emulator.GetAsync("/_emulator/stats", withKey: false);
        Assert.Equal(128, stats.Json["requests_total"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_token_verified_by_many_parallel_requests_succeeds_exactly_once()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        var id = await emulator.CreateUserAsync();
        await emulator.GetAsync($"/protected/json/sms/{id}");
        var code = await emulator.LatestCodeAsync($"authy_id={id}");

        var replies = await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => emulator.GetAsync($"/protected/json/verify/{code}/{id}?force=true")));

        Assert.Equal(1, replies.Count(r => r.Status == 200));
        Assert.All(replies.Where(r => r.Status != 200), r => Assert.Equal("60019", r.Json["error_code"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Parallel_phone_info_calls_the_example_mobile_of_every_region_a_cellphone()
    {
        // Each country's carrier data loads on first use, many at once here (the library keeps it in
        // a Dictionary without a lock of its own, so the emulator locks around it); and the type
        // rule holds for every region libphonenumber has a mobile example for, not a chosen few.
        var util = PhoneNumbers.PhoneNumberUtil.GetInstance();
        var mobiles = util.GetSupportedRegions()
            .Select(region => util.GetExampleNumberForType(region, PhoneNumbers.PhoneNumberType.MOBILE))
            .Where(number => number is not null && util.GetNumberType(number) == PhoneNumbers.PhoneNumberType.MOBILE && number.CountryCode != 222)
            .ToList();
        await using var emulator = await RunningEmulator.StartAsync();

        var replies = await Task.WhenAll(mobiles.Select(number => emulator.GetAsync(
            $"/protected/json/phones/info?country_code={number.CountryCode}&phone_number={util.GetNationalSignificantNumber(number)}")));

        Assert.True(mobiles.Count > 150, $"only {mobiles.Count} example mobiles");
        Assert.All(replies, reply => Assert.Equal("cellphone", reply.Json["type"]!.GetValue<string>()));
    }
}
