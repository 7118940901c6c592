using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Authy.Emulator.Hosting;
using static Authy.Emulator.Tests.Verify.VerifyCalls;

namespace Authy.Emulator.Tests.Verify;

/// <summary>
/// docs/api/verify.md §3: page tokens name a record, not an offset, so a client that deletes what it
/// was given while it pages (<c>Get-TwilioVerifyFactor -PageSize 2 | Remove-TwilioVerifyFactor</c>)
/// skips nothing. An offset token ("PT2") skipped the records that slid into the deleted ones' places.
/// </summary>
public class KeysetPagingTests
{
    private const string Identity = "ff483d1ff591898a9942916050d2ca3f";

    private const string Entity = ServicePath + "/Entities/" + Identity;

    private static async Task<List<string>> CreateFactorsAsync(RunningEmulator emulator, int count)
    {
        var sids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var created = await emulator.VPostAsync(Entity + "/Factors", ("FriendlyName", "Phone " + i), ("FactorType", "totp"));
            AssertStatus(created, 201);
            sids.Add(created.Json.Str("sid"));
        }

        return sids;
    }

    /// <summary>Follows next_page_url from <paramref name="url"/>, handing each page's records to <paramref name="onPage"/> before it asks for the next.</summary>
    private static async Task<List<JsonObject>> WalkAsync(RunningEmulator emulator, string url, string key, Func<JsonArray, Task>? onPage = null)
    {
        var pages = new List<JsonObject>();
        string? next = url;
        while (next is not null)
        {
            var page = await emulator.VGetAsync(next);
            AssertStatus(page, 200);
            var json = page.Json.AsObject();
            pages.Add(json);
            Assert.True(pages.Count <= 10, "paging did not end: " + page.Body);
            if (onPage is not null)
            {
                await onPage(json[key]!.AsArray());
            }

            next = json["meta"]!["next_page_url"]?.GetValue<string>() is { } absolute ? new Uri(absolute).PathAndQuery : null;
        }

        return pages;
    }

    private static string[] Sids(JsonObject page, string key) => page[key]!.AsArray().Select(r => r!.Str("sid")).ToArray();

    [Fact]
    public async Task Deleting_each_page_of_factors_before_the_next_leaves_none_behind()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        var created = await CreateFactorsAsync(emulator, 5);

        var deleted = new List<string>();
        var pages = await WalkAsync(emulator, Entity + "/Factors?PageSize=2", "factors", async factors =>
        {
            foreach (var sid in factors.Select(f => f!.Str("sid")).ToList())
            {
                Assert.Equal(204, (await emulator.VDeleteAsync(Entity + "/Factors/" + sid)).Status);
                deleted.Add(sid);
            }
        });
        var left = await emulator.VGetAsync(Entity + "/Factors");

        Assert.Equal(created, deleted);
        Assert.Equal(new[] { 2, 2, 1 }, pages.Select(p => p["factors"]!.AsArray().Count).ToArray());
        Assert.Empty(left.Json["factors"]!.AsArray());
    }

    [Fact]
    public async Task Deleting_each_page_of_entities_before_the_next_leaves_none_behind()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        var identities = Enumerable.Range(0, 5).Select(i => "user-000" + i + "-abcd").ToList();
        foreach (var identity in identities)
        {
            AssertStatus(await emulator.VPostAsync(ServicePath + "/Entities", ("Identity", identity)), 201);
        }

        var deleted = new List<string>();
        await WalkAsync(emulator, ServicePath + "/Entities?PageSize=2", "entities", async entities =>
        {
            foreach (var identity in entities.Select(e => e!.Str("identity")).ToList())
            {
                Assert.Equal(204, (await emulator.VDeleteAsync(ServicePath + "/Entities/" + identity)).Status);
                deleted.Add(identity);
            }
        });
        var left = await emulator.VGetAsync(ServicePath + "/Entities");

        Assert.Equal(identities, deleted);
        Assert.Empty(left.Json["entities"]!.AsArray());
    }

    [Fact]
    public async Task A_token_whose_record_is_gone_still_continues_after_it()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        var created = await CreateFactorsAsync(emulator, 5);

        var first = await emulator.VGetAsync(Entity + "/Factors?PageSize=2");
        var next = new Uri(first.Json["meta"]!.Str("next_page_url")).PathAndQuery;
        Assert.Equal(204, (await emulator.VDeleteAsync(Entity + "/Factors/" + created[1])).Status);
        var second = await emulator.VGetAsync(next);
        Assert.Equal(204, (await emulator.VDeleteAsync(Entity + "/Factors/" + created[3])).Status);
        var third = await emulator.VGetAsync(new Uri(second.Json["meta"]!.Str("next_page_url")).PathAndQuery);

        Assert.Equal(created.Take(2), Sids(first.Json.AsObject(), "factors"));
        Assert.Matches(@"[?&]PageToken=PA[0-9]+(&|$)", next);
        Assert.Equal(new[] { created[2], created[3] }, Sids(second.Json.AsObject(), "factors"));
        Assert.Equal(new[] { created[4] }, Sids(third.Json.AsObject(), "factors"));
        Assert.Null(third.Json["meta"]!["next_page_url"]);
        Assert.Equal(2, third.Json["meta"]!["page"]!.GetValue<int>());
    }

    [Fact]
    public async Task Previous_page_url_names_the_first_record_and_returns_the_page_before_it()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        var created = await CreateFactorsAsync(emulator, 5);

        var pages = await WalkAsync(emulator, Entity + "/Factors?PageSize=2", "factors");
        var previous = pages[2]["meta"]!.Str("previous_page_url");
        var back = await emulator.VGetAsync(new Uri(previous).PathAndQuery);
        var backAgain = await emulator.VGetAsync(new Uri(back.Json["meta"]!.Str("previous_page_url")).PathAndQuery);

        Assert.Null(pages[0]["meta"]!["previous_page_url"]);
        Assert.Matches(@"\?PageSize=2&Page=1&PageToken=PB[0-9]+$", previous);
        Assert.Equal(new[] { created[2], created[3] }, Sids(back.Json.AsObject(), "factors"));
        Assert.Equal(1, back.Json["meta"]!["page"]!.GetValue<int>());
        Assert.Equal(pages[1]["meta"]!.Str("next_page_url"), back.Json["meta"]!.Str("next_page_url"));
        Assert.Equal(created.Take(2), Sids(backAgain.Json.AsObject(), "factors"));
        Assert.Null(backAgain.Json["meta"]!["previous_page_url"]);
    }

    [Fact]
    public async Task Descending_challenges_keep_their_place_when_a_new_one_arrives_mid_walk()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        var factor = (await emulator.ControlPostAsync("/_emulator/verify/push_factors?identity=" + Identity + "&friendly_name=Pixel")).Json.Str("sid");
        var created = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var challenge = await emulator.VPostAsync(Entity + "/Challenges", ("FactorSid", factor), ("Details.Message", "Sign in " + i + "?"));
            AssertStatus(challenge, 201);
            created.Add(challenge.Json.Str("sid"));
        }

        var arrived = false;
        var pages = await WalkAsync(emulator, Entity + "/Challenges?Order=desc&PageSize=2", "challenges", async _ =>
        {
            // Newest first: a challenge created now goes in front of the walk, not into it.
            if (!arrived)
            {
                arrived = true;
                AssertStatus(await emulator.VPostAsync(Entity + "/Challenges", ("FactorSid", factor), ("Details.Message", "Late?")), 201);
            }
        });

        Assert.Equal(Enumerable.Reverse(created), pages.SelectMany(p => Sids(p, "challenges")));
        Assert.All(pages.Skip(1), p => Assert.Contains("&Order=desc", p["meta"]!.Str("url"), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Page_without_a_token_is_still_an_offset()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        var created = await CreateFactorsAsync(emulator, 5);

        var second = await emulator.VGetAsync(Entity + "/Factors?PageSize=2&Page=1");
        var beyond = await emulator.VGetAsync(Entity + "/Factors?PageSize=2&Page=7");

        Assert.Equal(new[] { created[2], created[3] }, Sids(second.Json.AsObject(), "factors"));
        Assert.EndsWith("/Factors?PageSize=2&Page=1", second.Json["meta"]!.Str("url"), StringComparison.Ordinal);
        Assert.Empty(beyond.Json["factors"]!.AsArray());
        Assert.Null(beyond.Json["meta"]!["next_page_url"]);
        Assert.EndsWith("/Factors?PageSize=2&Page=6", beyond.Json["meta"]!.Str("previous_page_url"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("zzz")]
    [InlineData("PT2")]
    [InlineData("PA")]
    [InlineData("PAx1")]
    [InlineData("PA-1")]
    [InlineData("PA+1")]
    [InlineData("PA 1")]
    [InlineData("PC1")]
    [InlineData("pa1")]
    [InlineData("PA99999999999999999999")]
    [InlineData("PA9223372036854775807")]
    public async Task A_malformed_page_token_is_400_20001(string token)
    {
        await using var emulator = await RunningEmulator.StartAsync();

        var reply = await emulator.VGetAsync(ServicePath + "/Entities?PageToken=" + Uri.EscapeDataString(token));

        AssertTwilioError(reply, 400, 20001, "Invalid PageToken");
    }
}
