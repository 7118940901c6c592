using System;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Authy.Http;
using Authy.Tests.Support;
using Authy.Verify;
using Xunit;

namespace Authy.Tests.Verify;

/// <summary>Lazy meta paging (docs/api/verify.md §3) and the service encoding (4.1) over the one client with the Verify dialect.</summary>
public class VerifyPagingTests
{
    private static string Sid(int n) => "VA" + n.ToString("D32", System.Globalization.CultureInfo.InvariantCulture);

    private static string Page(int page, string? next, params int[] services) =>
        "{\"services\": [" + string.Join(", ", services.Select(n =>
            "{\"sid\": \"" + Sid(n) + "\", \"friendly_name\": \"Service " + n + "\", \"code_length\": 6, \"totp\": {\"issuer\": null, \"time_step\": null, \"code_length\": null, \"skew\": null}}")) +
        "], \"meta\": {\"page\": " + page + ", \"page_size\": 2, \"first_page_url\": \"https://verify.twilio.com/v2/Services?PageSize=2&Page=0\", \"previous_page_url\": null, " +
        "\"url\": \"https://verify.twilio.com/v2/Services?PageSize=2&Page=" + page + "\", \"next_page_url\": " + (next == null ? "null" : "\"" + next + "\"") + ", \"key\": \"services\"}}";

    private const string Next1 = "https://verify.twilio.com/v2/Services?PageSize=2&Page=1&PageToken=PT2";
    private const string Next2 = "https://verify.twilio.com/v2/Services?PageSize=2&Page=2&PageToken=PT4";

    private static (ScriptedHandler Handler, VerifyApi Api) Harness(params Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>>[] steps)
    {
        var harness = new VerifyHarness(new ScriptedHandler(steps), maxRetry: 0);
        return (harness.Handler, harness.Api);
    }

    [Fact]
    public void Follows_next_page_url_verbatim_until_it_is_null()
    {
        var (handler, api) = Harness(Step.Json(200, Page(0, Next1, 1, 2)), Step.Json(200, Page(1, Next2, 3, 4)), Step.Json(200, Page(2, null, 5)));

        var services = api.ListServices(2, null, CancellationToken.None).ToList();

        Assert.Equal(new[] { Sid(1), Sid(2), Sid(3), Sid(4), Sid(5) }, services.Select(s => s.Sid));
        Assert.Equal(3, handler.Count);
        Assert.Equal("https://verify.twilio.com/v2/Services?PageSize=2", handler.Requests[0].Uri.AbsoluteUri);
        Assert.Equal(Next1, handler.Requests[1].Uri.AbsoluteUri);
        Assert.Equal(Next2, handler.Requests[2].Uri.AbsoluteUri);
        Assert.All(handler.Requests, r => Assert.StartsWith("Basic ", r.Header("Authorization").Single(), StringComparison.Ordinal));
    }

    [Fact]
    public void Asks_for_nothing_until_enumerated_and_for_the_next_page_only_past_the_current_one()
    {
        var (handler, api) = Harness(Step.Json(200, Page(0, Next1, 1, 2)), Step.Json(200, Page(1, Next2, 3, 4)), Step.Json(200, Page(2, null, 5)));

        var list = api.ListServices(2, null, CancellationToken.None);
        Assert.Equal(0, handler.Count);

        using (var services = list.GetEnumerator())
        {
            Assert.True(services.MoveNext());
            Assert.True(services.MoveNext());
            Assert.Equal(1, handler.Count);
            Assert.True(services.MoveNext());
            Assert.Equal(Sid(3), services.Current.Sid);
            Assert.Equal(2, handler.Count);
        }

        Assert.Equal(2, handler.Count);
        Assert.Single(api.ListServices(2, null, CancellationToken.None).Take(1).ToList());
    }

    [Theory]
    [InlineData("https://evil.example.com/v2/Services?Page=1")]
    [InlineData("http://verify.twilio.com/v2/Services?Page=1")]
    [InlineData("https://verify.twilio.com:8443/v2/Services?Page=1")]
    [InlineData("https://user:pass@verify.twilio.com/v2/Services?Page=1")]
    [InlineData("//evil.example.com/v2/Services?Page=1")]
    public void Refuses_a_next_page_on_another_host_without_requesting_it(string next)
    {
        var (handler, api) = Harness(Step.Json(200, Page(0, next, 1, 2)), Step.Json(200, Page(1, null, 3)));

        var failure = Assert.Throws<TwilioApiException>(() => api.ListServices(2, null, CancellationToken.None).ToList());

        Assert.True(failure.IsMalformedReply);
        Assert.Equal("TwilioVerify.MalformedReply", failure.ErrorId);
        Assert.Contains("verify.twilio.com", failure.Message, StringComparison.Ordinal);
        Assert.Equal(1, handler.Count);
    }

    [Fact]
    public void Accepts_a_relative_next_page_on_the_same_host()
    {
        var (handler, api) = Harness(Step.Json(200, Page(0, "/v2/Services?PageSize=2&Page=1", 1, 2)), Step.Json(200, Page(1, null, 3)));

        Assert.Equal(3, api.ListServices(2, null, CancellationToken.None).Count());
        Assert.Equal("https://verify.twilio.com/v2/Services?PageSize=2&Page=1", handler.Requests[1].Uri.AbsoluteUri);
    }

    [Fact]
    public void Stops_a_paging_loop_as_a_malformed_reply()
    {
        var (handler, api) = Harness(Step.Json(200, Page(0, Next1, 1, 2)), Step.Json(200, Page(1, Next1, 3, 4)), Step.Json(200, Page(1, Next1, 3, 4)));

        var failure = Assert.Throws<TwilioApiException>(() => api.ListServices(2, null, CancellationToken.None).ToList());

        Assert.True(failure.IsMalformedReply);
        Assert.Equal(2, handler.Count);
    }

    [Theory]
    [InlineData("{\"meta\": {\"next_page_url\": null}}")]
    [InlineData("{\"services\": []}")]
    [InlineData("{\"services\": {}, \"meta\": {}}")]
    public void Refuses_a_list_without_its_records_or_meta(string body)
    {
        var (_, api) = Harness(Step.Json(200, body));

        Assert.True(Assert.Throws<TwilioApiException>(() => api.ListServices(null, null, CancellationToken.None).ToList()).IsMalformedReply);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1001)]
    public void Refuses_a_page_size_outside_1_to_1000_before_any_request(int size)
    {
        var (handler, api) = Harness(Step.Json(200, Page(0, null)));

        Assert.Throws<ArgumentOutOfRangeException>(() => api.ListServices(size, null, CancellationToken.None));
        Assert.Equal(0, handler.Count);
    }

    [Fact]
    public async Task Sends_service_settings_as_twilio_form_names_and_reads_the_totp_object()
    {
        const string Reply = "{\"sid\": \"VA0123456789abcdef0123456789abcdef\", \"account_sid\": \"AC00000000000000000000000000000001\", \"friendly_name\": \"Contoso\", \"code_length\": 8, \"custom_code_enabled\": true, \"totp\": {\"issuer\": \"Contoso\", \"time_step\": 45, \"code_length\": 7, \"skew\": 2}, \"date_created\": \"2015-07-30T20:00:00Z\", \"url\": \"https://verify.twilio.com/v2/Services/VA0123456789abcdef0123456789abcdef\"}";
        var (handler, api) = Harness(Step.Json(201, Reply), Step.Json(200, Reply));

        var created = await api.NewServiceAsync(new VerifyApi.ServiceSettings { FriendlyName = "Contoso", CodeLength = 8, TotpIssuer = "Contoso & Co", TotpTimeStep = 45, TotpCodeLength = 7, TotpSkew = 2 }, null, CancellationToken.None);
        await api.SetServiceAsync("VA0123456789abcdef0123456789abcdef", new VerifyApi.ServiceSettings { CodeLength = 9 }, null, CancellationToken.None);

        Assert.Equal("FriendlyName=Contoso&CodeLength=8&Totp.Issuer=Contoso+%26+Co&Totp.TimeStep=45&Totp.CodeLength=7&Totp.Skew=2", handler.Requests[0].Body?.Replace("%20", "+"));
        Assert.Equal("https://verify.twilio.com/v2/Services", handler.Requests[0].Uri.AbsoluteUri);
        Assert.Equal("CodeLength=9", handler.Requests[1].Body);
        Assert.Equal("https://verify.twilio.com/v2/Services/VA0123456789abcdef0123456789abcdef", handler.Requests[1].Uri.AbsoluteUri);
        Assert.Equal("VA0123456789abcdef0123456789abcdef", created.Sid);
        Assert.Equal(8, created.CodeLength);
        Assert.Equal("Contoso", created.TotpIssuer);
        Assert.Equal(45, created.TotpTimeStep);
        Assert.Equal(7, created.TotpCodeLength);
        Assert.Equal(2, created.TotpSkew);
        Assert.True(created.CustomCodeEnabled);
        Assert.Equal(new DateTimeOffset(2015, 7, 30, 20, 0, 0, TimeSpan.Zero), created.DateCreated);
    }
}
