using System;
using System.Threading;
using System.Threading.Tasks;
using Authy.Api;
using Authy.Http;
using Authy.Tests.Support;
using Newtonsoft.Json.Linq;
using Xunit;

namespace Authy.Tests;

/// <summary>
/// JsonFields.Time: unix seconds (number or text) and ISO-8601, and a clear malformed-reply error for a
/// time no DateTimeOffset can hold, instead of an ArgumentOutOfRangeException (Authy.UnexpectedError).
/// </summary>
public class JsonFieldsTests
{
    private const string Uuid = "8d031630-d15b-0134-b0a8-0a77bbe8093e";

    // Read as replies are read: through the parser, so numbers are what Json.NET makes of them.
    private static JObject Reply(string value) => AuthyReplyParser.ParseOrThrow(200, "{\"created_at\":" + value + "}");

    [Theory]
    [InlineData("1", "1970-01-01T00:00:01.0000000+00:00")]
    [InlineData("1500648405", "2017-07-21T14:46:45.0000000+00:00")]
    [InlineData("\"1500648405\"", "2017-07-21T14:46:45.0000000+00:00")]
    [InlineData("1433868212.5", "2015-06-09T16:43:32.5000000+00:00")]
    [InlineData("253402300799", "9999-12-31T23:59:59.0000000+00:00")]
    [InlineData("253402300799.999", "9999-12-31T23:59:59.9990000+00:00")]
    [InlineData("\"2017-02-10T01:09:52Z\"", "2017-02-10T01:09:52.0000000+00:00")]
    public void Times_in_range_are_read(string value, string expected)
    {
        var time = JsonFields.Time(Reply(value), "created_at");

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), time);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("\"0\"")]
    [InlineData("null")]
    [InlineData("\"not a time\"")]
    [InlineData("\"10000-01-01T00:00:00Z\"")]
    public void Zero_null_and_text_that_is_no_time_are_no_time(string value)
    {
        Assert.Null(JsonFields.Time(Reply(value), "created_at"));
    }

    [Fact]
    public void An_absent_field_is_no_time()
    {
        Assert.Null(JsonFields.Time(Reply("1"), "updated_at"));
    }

    [Theory]
    [InlineData("1e300")]
    [InlineData("\"1e300\"")]
    [InlineData("-1")]
    [InlineData("-0.5")]
    [InlineData("-1500648405")]
    [InlineData("\"-1500648405\"")]
    [InlineData("1500648405000")]      // milliseconds sent where seconds belong: the year 49,000 and more
    [InlineData("253402300800")]       // one second past 9999-12-31T23:59:59Z
    [InlineData("99999999999999999999")] // past a long: Json.NET reads a BigInteger
    [InlineData("\"NaN\"")]
    [InlineData("\"Infinity\"")]
    [InlineData("\"-Infinity\"")]
    public void Times_out_of_range_are_a_malformed_reply(string value)
    {
        var error = Assert.Throws<AuthyApiException>(() => JsonFields.Time(Reply(value), "created_at"));

        Assert.True(error.IsMalformedReply);
        Assert.Equal("Authy.MalformedReply", error.ErrorId);
        Assert.Equal(200, error.StatusCode);
        Assert.Null(error.ErrorCode);
        Assert.Contains("'created_at'", error.ApiMessage, StringComparison.Ordinal);
        Assert.Contains("out of range", error.ApiMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void A_huge_value_is_cut_short_in_the_message()
    {
        var digits = new string('9', 400);

        var error = Assert.Throws<AuthyApiException>(() => JsonFields.Time(Reply("\"" + digits + "\""), "created_at"));

        Assert.DoesNotContain(digits, error.Message, StringComparison.Ordinal);
        Assert.True(error.Message.Length < 250, error.Message);
    }

    [Fact]
    public void A_number_past_a_long_is_no_number_rather_than_an_overflow()
    {
        var json = AuthyReplyParser.ParseOrThrow(200, """{"id":99999999999999999999,"ids":[99999999999999999999,1]}""");

        Assert.Null(JsonFields.Long(json, "id"));
        Assert.Equal("99999999999999999999", JsonFields.String(json, "id"));
        Assert.Equal(new[] { "99999999999999999999", "1" }, JsonFields.Strings(json, "ids"));
    }

    [Fact]
    public async Task An_approval_status_created_at_1e300_is_a_malformed_reply_not_an_unexpected_error()
    {
        var body = """{"approval_request":{"_authy_id":1,"created_at":1e300,"seconds_to_expire":86400,"status":"pending","uuid":"8d031630-d15b-0134-b0a8-0a77bbe8093e"},"success":true}""";
        var harness = new Harness(new ScriptedHandler(Step.Json(200, body)));

        var error = await Assert.ThrowsAsync<AuthyApiException>(() => harness.Api.GetApprovalRequestAsync(Uuid, harness.Log, CancellationToken.None));

        Assert.Equal("Authy.MalformedReply", error.ErrorId);
        Assert.Single(harness.Handler.Requests);
    }
}
