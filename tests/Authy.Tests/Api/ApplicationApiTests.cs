using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Authy.Http;
using Authy.Tests.Support;
using Xunit;

namespace Authy.Tests.Api;

/// <summary>Application details and statistics (docs/api/authy.md §2.19, §2.20) against the scripted transport.</summary>
public class ApplicationApiTests
{
    [Fact]
    public async Task Details_reads_the_documented_reply()
    {
        var harness = new Harness(new ScriptedHandler(Step.Json(
            200,
            """{"app":{"name":"Verify Sample","plan":"pay_as_you_go","sms_enabled":true,"phone_calls_enabled":true,"app_id":11111,"onetouch_enabled":true},"message":"Application information.","success":true}""")));

        var app = await harness.Api.GetApplicationAsync("198.51.100.4", harness.Log, CancellationToken.None);

        Assert.Equal(
            "https://api.authy.com/protected/json/app/details?user_ip=198.51.100.4",
            Assert.Single(harness.Handler.Requests).Uri.AbsoluteUri);
        Assert.Equal(11111, app.AppId);
        Assert.Equal("Verify Sample", app.Name);
        Assert.Equal("pay_as_you_go", app.Plan);
        Assert.True(app.SmsEnabled);
        Assert.True(app.PhoneCallsEnabled);
        Assert.True(app.OnetouchEnabled);
        Assert.Null(app.WhiteLabel);
        Assert.Equal("Application information.", app.Message);
    }

    [Fact]
    public async Task Details_reads_the_old_white_label_field_and_an_app_id_as_text()
    {
        var harness = new Harness(new ScriptedHandler(Step.Json(
            200,
            """{"app":{"name":"Old","plan":"starter","sms_enabled":false,"white_label":false,"app_id":"3"},"message":"Application information.","success":true}""")));

        var app = await harness.Api.GetApplicationAsync(null, harness.Log, CancellationToken.None);

        Assert.Equal(3, app.AppId);
        Assert.Equal("starter", app.Plan);
        Assert.False(app.SmsEnabled);
        Assert.False(app.OnetouchEnabled);
        Assert.False(app.WhiteLabel);
        Assert.Equal("https://api.authy.com/protected/json/app/details", Assert.Single(harness.Handler.Requests).Uri.AbsoluteUri);
    }

    [Fact]
    public async Task Details_without_an_app_is_a_malformed_reply()
    {
        var harness = new Harness(new ScriptedHandler(Step.Json(200, """{"message":"Application information.","success":true}""")));

        var error = await Assert.ThrowsAsync<AuthyApiException>(() => harness.Api.GetApplicationAsync(null, harness.Log, CancellationToken.None));

        Assert.True(error.IsMalformedReply);
    }

    [Fact]
    public async Task Statistics_become_one_flat_record_per_month_carrying_the_app_totals()
    {
        var harness = new Harness(new ScriptedHandler(Step.Json(
            200,
            """
            {"message":"Monthly statistics.","count":2,"total_users":115,"app_id":3,"success":true,"stats":[
             {"sms_count":0,"calls_count":0,"users_count":1,"auths_count":0,"month":"August","api_calls_count":13,"year":2013},
             {"sms_count":"5","calls_count":2,"users_count":3,"auths_count":4,"month":"September","api_calls_count":21,"year":"2013"}]}
            """)));

        var months = await harness.Api.GetApplicationStatisticsAsync(null, harness.Log, CancellationToken.None);

        Assert.Equal("https://api.authy.com/protected/json/app/stats", Assert.Single(harness.Handler.Requests).Uri.AbsoluteUri);
        Assert.Equal(2, months.Count);
        Assert.Equal(new[] { "August", "September" }, months.Select(m => m.Month));
        Assert.Equal(new[] { 8, 9 }, months.Select(m => m.MonthNumber));
        Assert.All(months, m => Assert.Equal(2013, m.Year));
        Assert.All(months, m => Assert.Equal(3, m.AppId));
        Assert.All(months, m => Assert.Equal(115, m.TotalUsers));
        Assert.Equal(5, months[1].SmsCount);
        Assert.Equal(2, months[1].CallsCount);
        Assert.Equal(3, months[1].UsersCount);
        Assert.Equal(4, months[1].AuthsCount);
        Assert.Equal(21, months[1].ApiCallsCount);
        Assert.Equal(13, months[0].ApiCallsCount);
    }

    [Fact]
    public async Task Statistics_keep_an_unknown_month_name_with_number_zero()
    {
        var harness = new Harness(new ScriptedHandler(Step.Json(
            200,
            """{"message":"Monthly statistics.","count":1,"total_users":1,"app_id":3,"success":true,"stats":[{"month":"Agosto","year":2013}]}""")));

        var month = Assert.Single(await harness.Api.GetApplicationStatisticsAsync("2001:db8::1", harness.Log, CancellationToken.None));

        Assert.Equal("Agosto", month.Month);
        Assert.Equal(0, month.MonthNumber);
        Assert.Equal(0, month.SmsCount);
        Assert.Contains("user_ip=2001%3Adb8%3A%3A1", Assert.Single(harness.Handler.Requests).Uri.AbsoluteUri, System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task Statistics_without_stats_are_a_malformed_reply()
    {
        var harness = new Harness(new ScriptedHandler(Step.Json(200, """{"message":"Monthly statistics.","success":true}""")));

        var error = await Assert.ThrowsAsync<AuthyApiException>(() => harness.Api.GetApplicationStatisticsAsync(null, harness.Log, CancellationToken.None));

        Assert.True(error.IsMalformedReply);
    }
}
