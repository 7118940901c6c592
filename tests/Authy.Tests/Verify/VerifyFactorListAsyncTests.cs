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

/// <summary>ListFactorsAsync: the non-blocking read of an identity's factors that Copy-AuthyUserToVerify uses.</summary>
public class VerifyFactorListAsyncTests
{
    private const string Service = "VA00000000000000000000000000000001";
    private const string Factors = "https://verify.twilio.com/v2/Services/" + Service + "/Entities/authy-0000000042/Factors";

    private static (ScriptedHandler Handler, VerifyApi Api) Harness(params Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>>[] steps)
    {
        var harness = VerifyHarness.Of(steps);
        return (harness.Handler, harness.Api);
    }

    private static string Factor(string sid, string status) =>
        "{\"sid\":\"" + sid + "\",\"identity\":\"authy-0000000042\",\"friendly_name\":\"f\",\"status\":\"" + status + "\",\"factor_type\":\"totp\",\"config\":{\"alg\":\"sha1\",\"skew\":1,\"code_length\":6,\"time_step\":30}}";

    [Fact]
    public async Task Reads_every_page_and_follows_next_page_url()
    {
        var first = "{\"factors\":[" + Factor("YF00000000000000000000000000000001", "unverified") + "],\"meta\":{\"page\":0,\"page_size\":1,\"next_page_url\":\"" + Factors + "?PageSize=1&Page=1&PageToken=PT1\"}}";
        var second = "{\"factors\":[" + Factor("YF00000000000000000000000000000002", "verified") + "],\"meta\":{\"page\":1,\"page_size\":1,\"next_page_url\":null}}";
        var (handler, api) = Harness(Step.Json(200, first), Step.Json(200, second));

        var factors = await api.ListFactorsAsync("authy-0000000042", 1, null, CancellationToken.None);

        Assert.Equal(new[] { "unverified", "verified" }, factors.Select(f => f.Status));
        Assert.Equal(2, handler.Requests.Count);
        Assert.Equal(Factors + "?PageSize=1", handler.Requests[0].Uri.AbsoluteUri);
        Assert.Contains("PageToken=PT1", handler.Requests[1].Uri.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_page_served_twice_is_refused_as_malformed()
    {
        var looping = "{\"factors\":[],\"meta\":{\"next_page_url\":\"" + Factors + "?Page=1\"}}";
        var (_, api) = Harness(Step.Json(200, looping), Step.Json(200, looping));

        var failure = await Assert.ThrowsAsync<TwilioApiException>(() => api.ListFactorsAsync("authy-0000000042", null, null, CancellationToken.None));

        Assert.True(failure.IsMalformedReply);
    }
}
