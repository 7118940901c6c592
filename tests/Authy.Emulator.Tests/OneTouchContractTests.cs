using System;
using System.Linq;
using System.Net;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Authy.Emulator.Hosting;
using Authy.Emulator.Parameters;
using Authy.Emulator.Signing;

namespace Authy.Emulator.Tests;

/// <summary>docs/api/authy.md §2.12–§2.14: approval requests, lazy expiry, the signed callback.</summary>
public class OneTouchContractTests
{
    [Fact]
    public async Task Create_returns_a_uuid_and_status_has_the_full_pending_shape()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        var id = await emulator.CreateUserAsync(email: "hans@example.com");

        var created = await emulator.PostJsonAsync(
            $"/onetouch/json/users/{id}/approval_requests",
            """{"message":"Login requested","details":{"Username":"hans"},"hidden_details":{"ip":"1.2.3.4"},"logos":[],"seconds_to_expire":null}""");

        Assert.Matches("""^\{"approval_request":\{"uuid":"[0-9a-f-]{36}"\},"success":true\}$""", created.Body);
        var uuid = created.Json["approval_request"]!["uuid"]!.GetValue<string>();
        var status = await emulator.GetAsync($"/onetouch/json/approval_requests/{uuid}");
        Assert.Equal(200, status.Status);
        Assert.Matches(
            "^\\{\"approval_request\":\\{\"_app_name\":\"Authy Emulator\",\"_app_serial_id\":1,\"_authy_id\":1," +
            "\"_id\":\"[0-9a-f]{24}\",\"_user_email\":\"hans@example.com\",\"app_id\":\"[0-9a-f]{24}\"," +
            "\"created_at\":\"2024-01-15T12:00:00Z\",\"notified\":false,\"processed_at\":null,\"seconds_to_expire\":86400," +
            "\"status\":\"pending\",\"updated_at\":\"2024-01-15T12:00:00Z\",\"user_id\":\"[0-9a-f]{24}\"," +
            "\"uuid\":\"" + uuid + "\"\\},\"success\":true\\}$",
            status.Body);
    }

    [Fact]
    public async Task Message_is_required()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        var id = await emulator.CreateUserAsync();

        var reply = await emulator.PostFormAsync($"/onetouch/json/users/{id}/approval_requests", ("details[a]", "b"));

        Assert.Equal(400, reply.Status);
        Assert.Equal(
            """{"error_code":"60004","message":"Invalid parameter: message - Parameter is required","errors":{"message":"Invalid parameter: message - Parameter is required"},"success":false}""",
            reply.Body);
    }

    [Fact]
    public async Task Unknown_uuid_is_404_60049_with_empty_errors()
    {
        await using var emulator = await RunningEmulator.StartAsync();

        var reply = await emulator.GetAsync("/onetouch/json/approval_requests/996221c0-b7a7-0133-7c06-0e67b818e6fb");

        Assert.Equal(404, reply.Status);
        Assert.Equal(
            """{"message":"Approval request not found: 996221c0-b7a7-0133-7c06-0e67b818e6fb","success":false,"errors":{},"error_code":"60049"}""",
            reply.Body);
    }

    [Fact]
    public async Task Requests_expire_lazily_and_zero_never_expires()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        var id = await emulator.CreateUserAsync();
        var shortLived = await CreateAsync(emulator, id, "seconds_to_expire=120");
        var forever = await CreateAsync(emulator, id, "seconds_to_expire=0");

        emulator.Clock.Advance(TimeSpan.FromSeconds(119));
        var before = await emulator.GetAsync($"/onetouch/json/approval_requests/{shortLived}");
        emulator.Clock.Advance(TimeSpan.FromDays(400));
        var after = await emulator.GetAsync($"/onetouch/json/approval_requests/{shortLived}");
        var neverExpired = await emulator.GetAsync($"/onetouch/json/approval_requests/{forever}");
        var lateAnswer = await emulator.PostQueryAsync($"/_emulator/approval_requests/{shortLived}/approve", withKey: false);

        Assert.Equal("pending", before.Json["approval_request"]!["status"]!.GetValue<string>());
        Assert.Equal("expired", after.Json["approval_request"]!["status"]!.GetValue<string>());
        Assert.Equal("2024-01-15T12:02:00Z", after.Json["approval_request"]!["processed_at"]!.GetValue<string>());
        Assert.Equal("pending", neverExpired.Json["approval_request"]!["status"]!.GetValue<string>());
        Assert.Equal(409, lateAnswer.Status);
    }

    [Fact]
    public async Task Approve_and_deny_through_the_control_api_without_a_callback()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        var id = await emulator.CreateUserAsync();
        var approved = await CreateAsync(emulator, id, "");
        var denied = await CreateAsync(emulator, id, "");

        emulator.Clock.Advance(TimeSpan.FromSeconds(5));
        var approve = await emulator.PostQueryAsync($"/_emulator/approval_requests/{approved}/approve", withKey: false);
        var deny = await emulator.PostQueryAsync($"/_emulator/approval_requests/{denied}/deny", withKey: false);
        var unknown = await emulator.PostQueryAsync("/_emulator/approval_requests/nope/deny", withKey: false);
        var status = await emulator.GetAsync($"/onetouch/json/approval_requests/{approved}");

        Assert.Equal(200, approve.Status);
        Assert.Null(approve.Json["callback"]);
        Assert.Equal("denied", deny.Json["approval_request"]!["status"]!.GetValue<string>());
        Assert.Equal(404, unknown.Status);
        Assert.Equal("approved", status.Json["approval_request"]!["status"]!.GetValue<string>());
        Assert.Equal("2024-01-15T12:00:05Z", status.Json["approval_request"]!["processed_at"]!.GetValue<string>());
        Assert.Equal("android", status.Json["approval_request"]!["device"]!["os_type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Post_callback_is_sent_signed_with_the_request_details()
    {
        using var receiver = new CallbackReceiver();
        await using var emulator = await RunningEmulator.StartAsync(o => o.CallbackUrl = receiver.Url);
        var id = await emulator.CreateUserAsync();
        var created = await emulator.PostFormAsync(
            $"/onetouch/json/users/{id}/approval_requests",
            ("message", "Transfer $100 ~*"),
            ("details[Account Number]", "981266321"), ("details[location]", "Lisbon"),
            ("hidden_details[ip]", "10.0.0.1"),
            ("logos[][res]", "default"), ("logos[][url]", "https://example.com/d.png"),
            ("logos[][res]", "low"), ("logos[][url]", "https://example.com/l.png"));
        var uuid = created.Json["approval_request"]!["uuid"]!.GetValue<string>();

        var answer = await emulator.PostQueryAsync($"/_emulator/approval_requests/{uuid}/approve", withKey: false);

        Assert.Equal(200, answer.Status);
        Assert.Equal(200, answer.Json["callback"]!["status"]!.GetValue<int>());
        Assert.True(answer.Json["approval_request"]!["notified"]!.GetValue<bool>());
        var callback = Assert.Single(receiver.Received);
        Assert.Equal("POST", callback.Method);
        var payload = JsonNode.Parse(callback.Body)!.AsObject();
        Assert.Equal("approved", payload["status"]!.GetValue<string>());
        Assert.Equal("approval_request_status", payload["callback_action"]!.GetValue<string>());
        Assert.Equal(id, payload["authy_id"]!.GetValue<int>());
        var transaction = payload["approval_request"]!["transaction"]!;
        Assert.Equal("Transfer $100 ~*", transaction["message"]!.GetValue<string>());
        Assert.Equal("981266321", transaction["details"]!["Account Number"]!.GetValue<string>());
        Assert.Equal("10.0.0.1", transaction["hidden_details"]!["ip"]!.GetValue<string>());
        Assert.Equal("low", payload["approval_request"]!["logos"]![1]!["res"]!.GetValue<string>());

        var nonce = callback.Headers["X-Authy-Signature-Nonce"];
        Assert.Equal(new DateTimeOffset(2024, 1, 15, 12, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), nonce);
        var expected = CallbackSigner.Sign(RunningEmulator.TestKey, nonce, "POST", receiver.Url.ToString(), payload);
        Assert.Equal(expected, callback.Headers["X-Authy-Signature"]);
        Assert.NotEqual(expected, CallbackSigner.Sign("another-key", nonce, "POST", receiver.Url.ToString(), payload));
    }

    [Fact]
    public async Task Get_callback_carries_the_payload_as_a_rack_query_string_and_is_signed()
    {
        using var receiver = new CallbackReceiver();
        await using var emulator = await RunningEmulator.StartAsync(o =>
        {
            o.CallbackUrl = receiver.Url;
            o.CallbackMethod = CallbackMethod.Get;
        });
        var id = await emulator.CreateUserAsync();
        var uuid = await CreateAsync(emulator, id, "message=Sign%20in&details%5BUser%5D=bob&logos%5B%5D%5Bres%5D=default&logos%5B%5D%5Burl%5D=https%3A%2F%2Fx%2Fd.png");

        var answer = await emulator.PostQueryAsync($"/_emulator/approval_requests/{uuid}/deny?reason=not+me", withKey: false);

        Assert.Equal(200, answer.Json["callback"]!["status"]!.GetValue<int>());
        var callback = Assert.Single(receiver.Received);
        Assert.Equal("GET", callback.Method);
        var query = callback.RawUrl[(callback.RawUrl.IndexOf('?') + 1)..];
        var parameters = new JsonObject();
        ParameterParser.ParseFormEncoded(query, parameters);
        Assert.Equal("denied", parameters.GetString("status"));
        Assert.Equal("not me", parameters.GetString("approval_request", "transaction", "reason"));
        Assert.Equal("bob", parameters.GetString("approval_request", "transaction", "details", "User"));
        Assert.Equal(RailsQueryEncoder.ToQuery(parameters), query);
        var nonce = callback.Headers["X-Authy-Signature-Nonce"];
        Assert.Equal(
            CallbackSigner.Sign(RunningEmulator.TestKey, nonce, "GET", receiver.Url.GetLeftPart(UriPartial.Path), parameters),
            callback.Headers["X-Authy-Signature"]);
    }

    [Fact]
    public async Task Unreachable_callback_is_reported_in_the_control_reply()
    {
        using var receiver = new CallbackReceiver();
        var url = receiver.Url;
        receiver.Dispose();
        await using var emulator = await RunningEmulator.StartAsync(o => o.CallbackUrl = url);
        var id = await emulator.CreateUserAsync();
        var uuid = await CreateAsync(emulator, id, "");

        var answer = await emulator.PostQueryAsync($"/_emulator/approval_requests/{uuid}/approve", withKey: false);

        Assert.Equal(200, answer.Status);
        Assert.Null(answer.Json["callback"]!["status"]);
        Assert.False(string.IsNullOrEmpty(answer.Json["callback"]!["error"]!.GetValue<string>()));
        Assert.False(answer.Json["approval_request"]!["notified"]!.GetValue<bool>());
    }

    private static async Task<string> CreateAsync(RunningEmulator emulator, int authyId, string query)
    {
        var path = $"/onetouch/json/users/{authyId}/approval_requests?" + (query.Contains("message=", StringComparison.Ordinal) ? query : "message=Login&" + query);
        var reply = await emulator.PostQueryAsync(path);
        Assert.Equal(200, reply.Status);
        return reply.Json["approval_request"]!["uuid"]!.GetValue<string>();
    }
}
