using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Authy.Http;
using Authy.Tests.Support;
using Authy.Verify;
using Xunit;

namespace Authy.Tests.Verify;

/// <summary>Entities, factors and challenges (docs/api/verify.md §4.4–§4.6): form names, reply parsing, the binding kept secret, and what is never repeated.</summary>
public class VerifyFactorApiTests
{
    private const string Service = "VA00000000000000000000000000000001";
    private const string Seed = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
    private const string Entities = "https://verify.twilio.com/v2/Services/" + Service + "/Entities/";

    private const string NewTotp = """{"sid": "YFaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "account_sid": "ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "service_sid": "VAaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "entity_sid": "YEaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "identity": "ff483d1ff591898a9942916050d2ca3f", "binding": {"secret": "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", "uri": "otpauth://totp/test-issuer:John%E2%80%99s%20Account%20Name?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=test-issuer&algorithm=SHA1&digits=6&period=30"}, "options": null, "date_created": "2015-07-30T20:00:00Z", "date_updated": "2015-07-30T20:00:00Z", "friendly_name": "friendly_name", "status": "unverified", "factor_type": "totp", "config": {"alg": "sha1", "skew": 1, "code_length": 6, "time_step": 30}, "metadata": null, "url": "https://verify.twilio.com/v2/Services/VAaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/Entities/ff483d1ff591898a9942916050d2ca3f/Factors/YFaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}""";
    private const string Verified = """{"sid": "YFaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "identity": "ff483d1ff591898a9942916050d2ca3f", "friendly_name": "friendly_name", "status": "verified", "factor_type": "totp", "config": {"alg": "sha1", "skew": 1, "code_length": 6, "time_step": 30}}""";
    private const string Challenge = """{"sid": "YC02aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "account_sid": "ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "service_sid": "VAaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "entity_sid": "YEaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "identity": "ff483d1ff591898a9942916050d2ca3f", "factor_sid": "YFaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "date_created": "2015-07-30T20:00:00Z", "date_updated": "2015-07-30T20:00:00Z", "date_responded": "2015-07-30T20:00:00Z", "expiration_date": "2015-07-30T20:05:00Z", "status": "approved", "responded_reason": "none", "details": {"message": "Hi! Mr. John Doe, would you like to sign up?", "date": "2020-07-01T12:13:14Z", "fields": [{"label": "Action", "value": "Sign up in portal"}, {"label": "Amount", "value": "9.99"}]}, "hidden_details": {"ip": "172.168.1.234"}, "metadata": null, "factor_type": "totp", "url": "https://verify.twilio.com/v2/Services/VAaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/Entities/ff483d1ff591898a9942916050d2ca3f/Challenges/YC02aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "links": {"notifications": "https://verify.twilio.com/v2/Services/VAaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/Entities/ff483d1ff591898a9942916050d2ca3f/Challenges/YC02aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/Notifications"}}""";
    private const string ServerError = """{"code": 20500, "message": "Internal Server Error", "more_info": "https://www.twilio.com/docs/errors/20500", "status": 500}""";

    private static (ScriptedHandler Handler, VerifyApi Api) Harness(params Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>>[] steps)
    {
        var harness = VerifyHarness.Of(steps);
        return (harness.Handler, harness.Api);
    }

    private static List<KeyValuePair<string, string>> Form(string? body) =>
        (body ?? string.Empty).Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .Select(pair => new KeyValuePair<string, string>(Uri.UnescapeDataString(pair[0]), Uri.UnescapeDataString(pair[1].Replace('+', ' '))))
            .ToList();

    private static string Value(List<KeyValuePair<string, string>> form, string key) => Assert.Single(form, pair => pair.Key == key).Value;

    [Fact]
    public async Task A_totp_factor_is_created_with_the_seed_in_binding_secret_and_dotted_config_names()
    {
        var (handler, api) = Harness(Step.Json(201, NewTotp));

        var factor = await api.NewTotpFactorAsync(
            new TotpFactorRequest { Identity = "ff483d1ff591898a9942916050d2ca3f", FriendlyName = "Ada's phone", Secret = SecureText.Protect(Seed), TimeStep = 30, CodeLength = 6, Skew = 1, Algorithm = "sha1" },
            null,
            CancellationToken.None);

        var request = Assert.Single(handler.Requests);
        Assert.Equal(Entities + "ff483d1ff591898a9942916050d2ca3f/Factors", request.Uri.AbsoluteUri);
        var form = Form(request.Body);
        Assert.Equal("totp", Value(form, "FactorType"));
        Assert.Equal("Ada's phone", Value(form, "FriendlyName"));
        Assert.Equal(Seed, Value(form, "Binding.Secret"));
        Assert.Equal("30", Value(form, "Config.TimeStep"));
        Assert.Equal("6", Value(form, "Config.CodeLength"));
        Assert.Equal("1", Value(form, "Config.Skew"));
        Assert.Equal("sha1", Value(form, "Config.Alg"));

        Assert.Equal("YFaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", factor.Sid);
        Assert.Equal("unverified", factor.Status);
        Assert.Equal(30, factor.TimeStep);
        Assert.Equal(Seed, SecureText.Reveal(factor.Secret!));
        Assert.StartsWith("otpauth://totp/test-issuer:", SecureText.Reveal(factor.BindingUri!), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_seed_no_binding_field_is_sent_and_the_factor_carries_no_secret_text_anywhere()
    {
        var (handler, api) = Harness(Step.Json(201, NewTotp));

        var factor = await api.NewTotpFactorAsync(new TotpFactorRequest { Identity = "ff483d1ff591898a9942916050d2ca3f", FriendlyName = "phone" }, null, CancellationToken.None);

        Assert.DoesNotContain(Form(Assert.Single(handler.Requests).Body), pair => pair.Key.StartsWith("Binding.", StringComparison.Ordinal) || pair.Key.StartsWith("Config.", StringComparison.Ordinal));
        var texts = typeof(Authy.Verify.Models.TwilioVerifyFactor).GetProperties()
            .Where(property => property.PropertyType == typeof(string) || property.PropertyType == typeof(Uri))
            .Select(property => property.GetValue(factor)?.ToString() ?? string.Empty);
        Assert.DoesNotContain(texts, text => text.Contains(Seed, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_factor_create_that_fails_with_a_5xx_is_not_sent_twice()
    {
        var (handler, api) = Harness(Step.Json(500, ServerError), Step.Json(201, NewTotp));

        await Assert.ThrowsAnyAsync<AuthyException>(() =>
            api.NewTotpFactorAsync(new TotpFactorRequest { Identity = "ff483d1ff591898a9942916050d2ca3f", FriendlyName = "phone" }, null, CancellationToken.None));

        Assert.Equal(1, handler.Count);
    }

    [Fact]
    public async Task Verifying_a_factor_posts_the_code_as_auth_payload()
    {
        var (handler, api) = Harness(Step.Json(200, Verified));

        var factor = await api.VerifyFactorAsync("ff483d1ff591898a9942916050d2ca3f", "YFaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "287082", null, CancellationToken.None);

        var request = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal(Entities + "ff483d1ff591898a9942916050d2ca3f/Factors/YFaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", request.Uri.AbsoluteUri);
        Assert.Equal("287082", Value(Form(request.Body), "AuthPayload"));
        Assert.Equal("verified", factor.Status);
        Assert.Null(factor.Secret);
    }

    [Fact]
    public async Task A_challenge_sends_each_field_as_its_own_json_object_and_hidden_details_as_one()
    {
        var (handler, api) = Harness(Step.Json(201, Challenge));

        var challenge = await api.NewChallengeAsync(
            new ChallengeRequest
            {
                Identity = "ff483d1ff591898a9942916050d2ca3f",
                FactorSid = "YFaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
                Message = "Log in?",
                Fields = new[] { new KeyValuePair<string, string>("Action", "Sign up"), new KeyValuePair<string, string>("Amount", "9.99") },
                HiddenDetails = new Dictionary<string, string> { ["ip"] = "203.0.113.7" },
                ExpirationDate = new DateTimeOffset(2026, 11, 30, 3, 4, 5, TimeSpan.FromHours(1)),
            },
            null,
            CancellationToken.None);

        var form = Form(Assert.Single(handler.Requests).Body);
        Assert.Equal("Log in?", Value(form, "Details.Message"));
        Assert.Equal(new[] { """{"label":"Action","value":"Sign up"}""", """{"label":"Amount","value":"9.99"}""" }, form.Where(pair => pair.Key == "Details.Fields").Select(pair => pair.Value));
        Assert.Equal("""{"ip":"203.0.113.7"}""", Value(form, "HiddenDetails"));
        Assert.Equal("2026-11-30T02:04:05Z", Value(form, "ExpirationDate"));
        Assert.False(form.Exists(pair => pair.Key == "AuthPayload"));

        Assert.Equal("approved", challenge.Status);
        Assert.Equal(new[] { "Action", "Amount" }, challenge.Fields.Select(field => field.Key));
        Assert.Equal("172.168.1.234", challenge.HiddenDetails["ip"]);
        Assert.Equal(new DateTimeOffset(2015, 7, 30, 20, 5, 0, TimeSpan.Zero), challenge.ExpirationDate);
    }

    [Fact]
    public void Listing_challenges_puts_the_filters_in_the_query_of_the_first_page()
    {
        const string Page = """{"challenges": [], "meta": {"page": 0, "page_size": 50, "first_page_url": null, "previous_page_url": null, "url": null, "next_page_url": null, "key": "challenges"}}""";
        var (handler, api) = Harness(Step.Json(200, Page));

        Assert.Empty(api.ListChallenges("ff483d1ff591898a9942916050d2ca3f", "YFaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "pending", newestFirst: true, 50, null, CancellationToken.None));

        var query = Assert.Single(handler.Requests).Uri.Query;
        Assert.Contains("FactorSid=YFaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", query, StringComparison.Ordinal);
        Assert.Contains("Status=pending", query, StringComparison.Ordinal);
        Assert.Contains("Order=desc", query, StringComparison.Ordinal);
        Assert.Contains("PageSize=50", query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Removing_a_factor_accepts_the_empty_204()
    {
        var (handler, api) = Harness(Step.Reply(204, string.Empty));

        await api.RemoveFactorAsync("ff483d1ff591898a9942916050d2ca3f", "YFaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", null, CancellationToken.None);

        Assert.Equal(HttpMethod.Delete, Assert.Single(handler.Requests).Method);
    }
}
