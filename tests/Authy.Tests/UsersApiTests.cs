using System;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Authy.Http;
using Authy.Tests.Support;
using Xunit;

namespace Authy.Tests;

/// <summary>AuthyApi users methods (docs/api/authy.md §2.1–§2.3) against the scripted transport.</summary>
public class UsersApiTests
{
    private static string Form(RecordedRequest request) => request.Body ?? string.Empty;

    [Fact]
    public async Task CreateUser_posts_the_user_and_reads_the_id()
    {
        var harness = new Harness(new ScriptedHandler(Step.Json(200, Fixtures.UserCreated)));

        var user = await harness.Api.CreateUserAsync("a.user+2fa@example.com", "555-123-4567", 1, null, harness.Log, CancellationToken.None);

        Assert.Equal(1635, user.AuthyId);
        Assert.Equal("a.user+2fa@example.com", user.Email);
        Assert.Equal("555-123-4567", user.Cellphone);
        Assert.Equal(1, user.CountryCode);
        Assert.Equal("User created successfully.", user.Message);

        var sent = Assert.Single(harness.Handler.Requests);
        Assert.Equal(HttpMethod.Post, sent.Method);
        Assert.Equal("https://api.authy.com/protected/json/users/new", sent.Uri.AbsoluteUri);
        Assert.Equal(
            "user%5Bemail%5D=a.user%2B2fa%40example.com&user%5Bcellphone%5D=555-123-4567&user%5Bcountry_code%5D=1",
            Form(sent));
        Assert.DoesNotContain("send_install_link_via_sms", Form(sent), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, "send_install_link_via_sms=false")]
    [InlineData(true, "send_install_link_via_sms=true")]
    public async Task CreateUser_sends_the_install_link_flag_at_top_level_when_asked(bool send, string expected)
    {
        var harness = new Harness(new ScriptedHandler(Step.Json(200, Fixtures.UserCreated)));

        await harness.Api.CreateUserAsync("a@example.com", "5551234567", 44, send, harness.Log, CancellationToken.None);

        var body = Form(Assert.Single(harness.Handler.Requests));
        Assert.EndsWith("&" + expected, body, StringComparison.Ordinal);
        Assert.DoesNotContain("user%5Bsend_install_link_via_sms%5D", body, StringComparison.Ordinal);
        Assert.Contains("user%5Bcountry_code%5D=44", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateUser_reports_field_errors()
    {
        var harness = new Harness(new ScriptedHandler(Step.Json(400, Fixtures.UserNotValid)));

        var error = await Assert.ThrowsAsync<AuthyApiException>(() =>
            harness.Api.CreateUserAsync("a@example.com", "12", 1, false, harness.Log, CancellationToken.None));

        Assert.Equal("60027", error.ErrorCode);
        Assert.Equal("is invalid", error.FieldErrors["cellphone"]);
    }

    [Theory]
    [InlineData("""{"message":"User created successfully.","success":true}""")]
    [InlineData("""{"message":"User created successfully.","user":{},"success":true}""")]
    [InlineData("""{"message":"User created successfully.","user":{"id":"abc"},"success":true}""")]
    [InlineData("""{"message":"User created successfully.","user":[1635],"success":true}""")]
    public async Task CreateUser_without_an_id_is_a_malformed_reply(string body)
    {
        var harness = new Harness(new ScriptedHandler(Step.Json(200, body)));

        var error = await Assert.ThrowsAsync<AuthyApiException>(() =>
            harness.Api.CreateUserAsync("a@example.com", "5551234567", 1, null, harness.Log, CancellationToken.None));

        Assert.True(error.IsMalformedReply);
    }

    [Fact]
    public async Task CreateUser_accepts_an_id_sent_as_text()
    {
        var harness = new Harness(new ScriptedHandler(Step.Json(200, """{"message":"User created successfully","user":{"id":"1635"},"success":true}""")));

        var user = await harness.Api.CreateUserAsync("a@example.com", "5551234567", 1, null, harness.Log, CancellationToken.None);

        Assert.Equal(1635, user.AuthyId);
    }

    [Fact]
    public async Task CreateUser_is_repeated_after_an_unavailable_reply_because_authy_deduplicates()
    {
        var harness = new Harness(new ScriptedHandler(Step.Reply(503, Fixtures.Html503, "text/html"), Step.Json(200, Fixtures.UserCreated)));

        var user = await harness.Api.CreateUserAsync("a@example.com", "5551234567", 1, null, harness.Log, CancellationToken.None);

        Assert.Equal(1635, user.AuthyId);
        Assert.Equal(2, harness.Handler.Count);
        Assert.Equal(harness.Handler.Requests[0].Body, harness.Handler.Requests[1].Body);
    }

    [Fact]
    public async Task GetUserStatus_reads_the_full_status_fixture()
    {
        var harness = new Harness(new ScriptedHandler(Step.Json(200, Fixtures.UserStatus)));

        var status = await harness.Api.GetUserStatusAsync(290907, null, harness.Log, CancellationToken.None);

        var sent = Assert.Single(harness.Handler.Requests);
        Assert.Equal(HttpMethod.Get, sent.Method);
        Assert.Equal("https://api.authy.com/protected/json/users/290907/status", sent.Uri.AbsoluteUri);

        Assert.Equal(290907, status.AuthyId);
        Assert.True(status.Confirmed);
        Assert.False(status.Registered);
        Assert.Equal(1, status.CountryCode);
        Assert.Equal("XXX-XXX-1118", status.PhoneNumber);
        Assert.Equal("alfvawmu@authy.com", status.Email);
        Assert.Empty(status.Devices);
        Assert.False(status.HasHardToken);
        Assert.False(status.AccountDisabled);
        Assert.Empty(status.DeletedDevices);
        Assert.Equal("User status.", status.Message);

        var device = Assert.Single(status.DetailedDevices);
        Assert.Equal(290908, device.DeviceId);
        Assert.Equal("authy", device.DeviceType);
        Assert.Equal("unknown", device.OsType);
        Assert.Null(device.RegistrationDeviceId);
        Assert.Null(device.RegistrationMethod);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1433868212), device.CreationDate);
        Assert.Equal(new DateTimeOffset(2015, 6, 9, 16, 43, 32, TimeSpan.Zero), device.CreationDate);
        Assert.Null(device.LastSyncDate); // 0 means "never synced"
        Assert.Null(device.RegistrationDate);
    }

    [Fact]
    public async Task GetUserStatus_reads_devices_strings_and_lenient_types()
    {
        const string body = """
            {"status":{"authy_id":"290907","confirmed":"true","registered":true,"country_code":"44",
             "phone_number":"XXX-XXX-1118","email":null,"devices":["sms","iphone",null,"authy_chrome"],
             "has_hard_token":true,"account_disabled":true,
             "detailed_devices":[{"device_type":"authy","os_type":"ios","registration_device_id":"abc","registration_method":"sms",
               "device_id":"7","last_sync_date":"1500648405","creation_date":1433868212.5,"registration_date":"2017-07-21T14:46:45Z"},
               "not a device"],
             "deleted_devices":[{"id":9,"os_type":"android"}]},
             "message":"User status.","success":true}
            """;
        var harness = new Harness(new ScriptedHandler(Step.Json(200, body)));

        var status = await harness.Api.GetUserStatusAsync(290907, "203.0.113.9", harness.Log, CancellationToken.None);

        Assert.Equal("?user_ip=203.0.113.9", Assert.Single(harness.Handler.Requests).Uri.Query);
        Assert.Equal(290907, status.AuthyId);
        Assert.True(status.Confirmed);
        Assert.True(status.Registered);
        Assert.Equal(44, status.CountryCode);
        Assert.Null(status.Email);
        Assert.Equal(new[] { "sms", "iphone", "authy_chrome" }, status.Devices);
        Assert.True(status.HasHardToken);
        Assert.True(status.AccountDisabled);

        var device = Assert.Single(status.DetailedDevices);
        Assert.Equal(7, device.DeviceId);
        Assert.Equal("abc", device.RegistrationDeviceId);
        Assert.Equal("sms", device.RegistrationMethod);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1500648405), device.LastSyncDate);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1433868212500), device.CreationDate);
        Assert.Equal(new DateTimeOffset(2017, 7, 21, 14, 46, 45, TimeSpan.Zero), device.RegistrationDate);

        var deleted = Assert.Single(status.DeletedDevices);
        Assert.Equal(9, deleted.DeviceId);
        Assert.Equal("android", deleted.OsType);
    }

    [Fact]
    public async Task GetUserStatus_without_a_status_object_is_malformed()
    {
        var harness = new Harness(new ScriptedHandler(Step.Json(200, """{"message":"User status.","success":true}""")));

        var error = await Assert.ThrowsAsync<AuthyApiException>(() => harness.Api.GetUserStatusAsync(1, null, harness.Log, CancellationToken.None));

        Assert.True(error.IsMalformedReply);
    }

    [Fact]
    public async Task GetUserStatus_of_an_unknown_user_is_60026()
    {
        var harness = new Harness(new ScriptedHandler(Step.Json(404, Fixtures.UserNotFound)));

        var error = await Assert.ThrowsAsync<AuthyApiException>(() => harness.Api.GetUserStatusAsync(1, null, harness.Log, CancellationToken.None));

        Assert.Equal("60026", error.ErrorCode);
        Assert.Equal("Authy.60026", error.ErrorId);
        Assert.Equal(1, harness.Handler.Count);
    }

    [Fact]
    public async Task RemoveUser_posts_to_the_remove_path()
    {
        var harness = new Harness(new ScriptedHandler(Step.Json(200, """{"message":"User removed from application","success":true}""")));

        var result = await harness.Api.RemoveUserAsync(1635, "203.0.113.9", harness.Log, CancellationToken.None);

        var sent = Assert.Single(harness.Handler.Requests);
        Assert.Equal(HttpMethod.Post, sent.Method);
        Assert.Equal("https://api.authy.com/protected/json/users/1635/remove", sent.Uri.AbsoluteUri);
        Assert.Equal("user_ip=203.0.113.9", sent.Body);
        Assert.Equal(1635, result.AuthyId);
        Assert.Equal("Remove", result.Operation);
        Assert.True(result.Success);
        Assert.Equal("User removed from application", result.Message);
    }

    [Theory]
    [InlineData(500, "text/plain", "Internal Server Error")]
    [InlineData(503, "text/html", Fixtures.Html503)]
    public async Task RemoveUser_is_not_repeated_after_a_server_error(int status, string contentType, string body)
    {
        var harness = new Harness(new ScriptedHandler(Step.Reply(status, body, contentType), Step.Json(200, Fixtures.Ok)));

        var error = await Assert.ThrowsAsync<AuthyApiException>(() => harness.Api.RemoveUserAsync(1635, null, harness.Log, CancellationToken.None));

        Assert.Equal(1, harness.Handler.Count);
        Assert.Empty(harness.Delays);
        Assert.True(error.OutcomeUnknown);
        Assert.Equal(status, error.StatusCode);
    }

    [Fact]
    public async Task RemoveUser_is_not_repeated_after_a_reset()
    {
        var harness = new Harness(new ScriptedHandler(Step.Throw(Harness.ResetAfterSend), Step.Json(200, Fixtures.Ok)));

        var error = await Assert.ThrowsAsync<AuthyConnectionException>(() => harness.Api.RemoveUserAsync(1635, null, harness.Log, CancellationToken.None));

        Assert.Equal(1, harness.Handler.Count);
        Assert.True(error.OutcomeUnknown);
    }

    [Fact]
    public async Task RemoveUser_is_repeated_after_429()
    {
        var harness = new Harness(new ScriptedHandler(Step.Json(429, Fixtures.DosProtection), Step.Json(200, """{"message":"User was added to remove.","success":true}""")));

        var result = await harness.Api.RemoveUserAsync(1635, null, harness.Log, CancellationToken.None);

        Assert.Equal(2, harness.Handler.Count);
        Assert.Equal("User was added to remove.", result.Message);
        Assert.All(harness.Handler.Requests, r => Assert.EndsWith("/users/1635/remove", r.Uri.AbsolutePath, StringComparison.Ordinal));
    }

    [Fact]
    public void Api_needs_a_client()
    {
        Assert.Throws<ArgumentNullException>(() => new Authy.Api.AuthyApi(null!));
    }
}
