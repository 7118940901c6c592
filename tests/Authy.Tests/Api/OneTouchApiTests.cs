using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Authy.Http;
using Authy.Models;
using Authy.Tests.Support;
using Xunit;

namespace Authy.Tests.Api;

/// <summary>AuthyApi OneTouch methods (docs/api/authy.md §2.12–§2.13) against the scripted transport.</summary>
public class OneTouchApiTests
{
    private const string Uuid = "8d031630-d15b-0134-b0a8-0a77bbe8093e";

    private const string Created = """{"approval_request":{"uuid":"dda2c400-bc43-0135-d7be-1285ca17e122"},"success":true}""";

    /// <summary>The 2017 reply recorded in authy-java's TestOneTouch (2.13).</summary>
    private const string ExpiredStatus = """
        {"approval_request":{"_app_name":"testhans","_app_serial_id":46113,"_authy_id":28894864,
         "_id":"589d12e07d558e6b91e9370a","_user_email":"hans+1@allcode.com","app_id":"58547f6f4014250a11c201f6",
         "created_at":"2017-02-10T01:09:52Z","notified":false,"processed_at":"2017-02-13T11:11:58Z",
         "seconds_to_expire":86400,"status":"expired","updated_at":"2017-02-13T11:11:58Z",
         "user_id":"5840a9328aa2fb674c485436","uuid":"8d031630-d15b-0134-b0a8-0a77bbe8093e"},"success":true}
        """;

    private static readonly Dictionary<string, string> Details = new Dictionary<string, string>
    {
        ["Account Number"] = "1,234",
        ["Username"] = "Ada Lovelace",
    };

    [Fact]
    public async Task Create_posts_message_hashes_logos_and_expiry_in_rack_form()
    {
        var harness = new Harness(new ScriptedHandler(Step.Json(200, Created)));
        var logos = new[] { new AuthyLogo("default", "https://example.com/a.png"), new AuthyLogo("high", "https://example.com/b.png") };

        var request = await harness.Api.CreateApprovalRequestAsync(
            1635, "Log in?", Details, new Dictionary<string, string> { ["ip"] = "203.0.113.7" }, logos, 120, harness.Log, CancellationToken.None);

        var sent = Assert.Single(harness.Handler.Requests);
        Assert.Equal(HttpMethod.Post, sent.Method);
        Assert.Equal("https://api.authy.com/onetouch/json/users/1635/approval_requests", sent.Uri.AbsoluteUri);
        Assert.Equal(
            "message=Log%20in%3F" +
            "&details%5BAccount%20Number%5D=1%2C234&details%5BUsername%5D=Ada%20Lovelace" +
            "&hidden_details%5Bip%5D=203.0.113.7" +
            "&logos%5B%5D%5Bres%5D=default&logos%5B%5D%5Burl%5D=https%3A%2F%2Fexample.com%2Fa.png" +
            "&logos%5B%5D%5Bres%5D=high&logos%5B%5D%5Burl%5D=https%3A%2F%2Fexample.com%2Fb.png" +
            "&seconds_to_expire=120",
            sent.Body);

        Assert.Equal("dda2c400-bc43-0135-d7be-1285ca17e122", request.Uuid);
        Assert.Equal(1635, request.AuthyId);
        Assert.Equal("pending", request.Status);
        Assert.True(request.IsPending);
        Assert.Equal("Log in?", request.Message);
        Assert.Equal(120, request.SecondsToExpire);
        Assert.Equal(2, request.Logos.Count);
        Assert.NotNull(request.CreatedAt);
        Assert.Equal(request.CreatedAt!.Value.AddSeconds(120), request.ExpiresAt);
    }

    [Fact]
    public async Task Create_without_options_sends_only_the_message_and_assumes_a_day()
    {
        var harness = new Harness(new ScriptedHandler(Step.Json(200, Created)));

        var request = await harness.Api.CreateApprovalRequestAsync(7, "Hi", null, null, null, null, harness.Log, CancellationToken.None);

        Assert.Equal("message=Hi", Assert.Single(harness.Handler.Requests).Body);
        Assert.Equal(86400, request.SecondsToExpire);
        Assert.Equal(request.CreatedAt!.Value.AddDays(1), request.ExpiresAt);
    }

    [Fact]
    public async Task Create_with_zero_seconds_sends_zero_and_never_expires()
    {
        var harness = new Harness(new ScriptedHandler(Step.Json(200, Created)));

        var request = await harness.Api.CreateApprovalRequestAsync(7, "Hi", null, null, null, 0, harness.Log, CancellationToken.None);

        Assert.EndsWith("&seconds_to_expire=0", Assert.Single(harness.Handler.Requests).Body, StringComparison.Ordinal);
        Assert.Null(request.ExpiresAt);
    }

    [Fact]
    public async Task Create_is_not_repeated_after_a_server_error()
    {
        var harness = new Harness(new ScriptedHandler(Step.Reply(503, Fixtures.Html503, "text/html"), Step.Json(200, Created)));

        var error = await Assert.ThrowsAsync<AuthyApiException>(() =>
            harness.Api.CreateApprovalRequestAsync(7, "Hi", null, null, null, null, harness.Log, CancellationToken.None));

        Assert.True(error.OutcomeUnknown);
        Assert.Single(harness.Handler.Requests);
    }

    [Fact]
    public async Task Create_reports_an_unknown_user()
    {
        var harness = new Harness(new ScriptedHandler(Step.Json(404, Fixtures.UserNotFound)));

        var error = await Assert.ThrowsAsync<AuthyApiException>(() =>
            harness.Api.CreateApprovalRequestAsync(9, "Hi", null, null, null, null, harness.Log, CancellationToken.None));

        Assert.Equal("60026", error.ErrorCode);
        Assert.Equal("Authy.60026", error.ErrorId);
    }

    [Fact]
    public async Task Create_without_a_uuid_in_the_reply_is_a_malformed_reply()
    {
        var harness = new Harness(new ScriptedHandler(Step.Json(200, """{"approval_request":{},"success":true}""")));

        var error = await Assert.ThrowsAsync<AuthyApiException>(() =>
            harness.Api.CreateApprovalRequestAsync(9, "Hi", null, null, null, null, harness.Log, CancellationToken.None));

        Assert.True(error.IsMalformedReply);
    }

    [Fact]
    public async Task Status_reads_every_field_of_the_recorded_reply()
    {
        var harness = new Harness(new ScriptedHandler(Step.Json(200, ExpiredStatus)));

        var status = await harness.Api.GetApprovalRequestAsync(Uuid, harness.Log, CancellationToken.None);

        var sent = Assert.Single(harness.Handler.Requests);
        Assert.Equal(HttpMethod.Get, sent.Method);
        Assert.Equal("https://api.authy.com/onetouch/json/approval_requests/" + Uuid, sent.Uri.AbsoluteUri);
        Assert.Equal(Uuid, status.Uuid);
        Assert.Equal(28894864, status.AuthyId);
        Assert.Equal("expired", status.Status);
        Assert.False(status.IsPending);
        Assert.Equal(new DateTimeOffset(2017, 2, 10, 1, 9, 52, TimeSpan.Zero), status.CreatedAt);
        Assert.Equal(new DateTimeOffset(2017, 2, 13, 11, 11, 58, TimeSpan.Zero), status.ProcessedAt);
        Assert.Equal(new DateTimeOffset(2017, 2, 13, 11, 11, 58, TimeSpan.Zero), status.UpdatedAt);
        Assert.Equal(new DateTimeOffset(2017, 2, 11, 1, 9, 52, TimeSpan.Zero), status.ExpiresAt);
        Assert.Equal(86400, status.SecondsToExpire);
        Assert.False(status.Notified);
        Assert.Equal("testhans", status.AppName);
        Assert.Equal(46113, status.AppSerialId);
        Assert.Equal("58547f6f4014250a11c201f6", status.AppId);
        Assert.Equal("5840a9328aa2fb674c485436", status.UserId);
        Assert.Equal("hans+1@allcode.com", status.UserEmail);
        Assert.Equal("589d12e07d558e6b91e9370a", status.ObjectId);
        Assert.Null(status.Device);
    }

    [Fact]
    public async Task Status_reads_a_pending_request_with_null_processed_at_and_a_string_authy_id()
    {
        // seegno's mock sends _authy_id as a string (2.13).
        var body = """{"approval_request":{"_authy_id":"1635","created_at":"2017-02-10T01:09:52Z","notified":false,"processed_at":null,"seconds_to_expire":0,"status":"pending","updated_at":"2017-02-10T01:09:52Z","uuid":"8d031630-d15b-0134-b0a8-0a77bbe8093e"},"success":true}""";
        var harness = new Harness(new ScriptedHandler(Step.Json(200, body)));

        var status = await harness.Api.GetApprovalRequestAsync(Uuid, harness.Log, CancellationToken.None);

        Assert.Equal(1635, status.AuthyId);
        Assert.True(status.IsPending);
        Assert.Null(status.ProcessedAt);
        Assert.Null(status.ExpiresAt);
    }

    [Fact]
    public async Task Status_after_an_answer_reads_the_device_and_hidden_details()
    {
        var body = """{"approval_request":{"_authy_id":5,"created_at":"2024-01-01T00:00:00Z","device":{"id":1001,"os_type":"android","registration_date":1704067200,"country":"Colombia"},"hidden_details":{"ip":"203.0.113.7","n":null},"notified":true,"processed_at":"2024-01-01T00:01:00Z","seconds_to_expire":86400,"status":"approved","updated_at":"2024-01-01T00:01:00Z","uuid":"8d031630-d15b-0134-b0a8-0a77bbe8093e"},"success":true}""";
        var harness = new Harness(new ScriptedHandler(Step.Json(200, body)));

        var status = await harness.Api.GetApprovalRequestAsync(Uuid, harness.Log, CancellationToken.None);

        Assert.Equal("approved", status.Status);
        Assert.True(status.Notified);
        Assert.Equal(1001, status.Device!.DeviceId);
        Assert.Equal("android", status.Device.OsType);
        Assert.Equal("203.0.113.7", status.HiddenDetails!["ip"]);
        Assert.Equal(string.Empty, status.HiddenDetails["n"]);
    }

    [Fact]
    public async Task Status_of_an_unknown_uuid_is_60049_despite_the_empty_errors_object()
    {
        var harness = new Harness(new ScriptedHandler(Step.Json(404, Fixtures.ApprovalNotFound)));

        var error = await Assert.ThrowsAsync<AuthyApiException>(() =>
            harness.Api.GetApprovalRequestAsync("550e8400-e29b-41d4-a716-446655440000", harness.Log, CancellationToken.None));

        Assert.Equal(404, error.StatusCode);
        Assert.Equal("60049", error.ErrorCode);
        Assert.Equal("Authy.60049", error.ErrorId);
        Assert.Equal("Approval request not found: 550e8400-e29b-41d4-a716-446655440000", error.ApiMessage);
        Assert.Empty(error.FieldErrors);
    }

    [Fact]
    public async Task Status_is_repeated_after_a_server_error_because_it_is_a_read()
    {
        var harness = new Harness(new ScriptedHandler(Step.Reply(503, Fixtures.Html503, "text/html"), Step.Json(200, ExpiredStatus)));

        var status = await harness.Api.GetApprovalRequestAsync(Uuid, harness.Log, CancellationToken.None);

        Assert.Equal("expired", status.Status);
        Assert.Equal(2, harness.Handler.Requests.Count);
    }

    [Fact]
    public async Task Status_escapes_the_uuid_as_one_path_segment()
    {
        var harness = new Harness(new ScriptedHandler(Step.Json(404, Fixtures.ApprovalNotFound)));

        await Assert.ThrowsAsync<AuthyApiException>(() => harness.Api.GetApprovalRequestAsync("a/../b?c", harness.Log, CancellationToken.None));

        Assert.Equal("/onetouch/json/approval_requests/a%2F..%2Fb%3Fc", harness.Handler.Requests.Single().Uri.AbsolutePath);
    }
}
