using System;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;

namespace Authy.Emulator.Tests;

/// <summary>/_emulator/*: request log redaction, messages, stats, reset.</summary>
public class ControlApiTests
{
    [Fact]
    public async Task Request_log_never_contains_an_api_key()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        var key = RunningEmulator.TestKey;

        await emulator.GetAsync($"/protected/json/app/details?api_key={key}&user_ip=1.2.3.4", withKey: false);
        await emulator.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/protected/json/users/new")
        {
            Content = new StringContent($"api_key={key}&user%5Bemail%5D=a%40example.com&user%5Bcellphone%5D=5551234567&user%5Bcountry_code%5D=1", Encoding.UTF8, "application/x-www-form-urlencoded"),
        }, withKey: false);
        await emulator.PostJsonAsync("/onetouch/json/users/1/approval_requests", $$$"""{"api_key":"{{{key}}}","message":"note {{{key}}}","details":{"k":"{{{key}}}"}}""", withKey: false);
        await emulator.GetAsync("/protected/json/app/details?api_key=a-wrong-but-secret-key", withKey: false);
        await emulator.GetAsync("/protected/json/app/details");

        var log = await emulator.GetAsync("/_emulator/requests", withKey: false);

        Assert.DoesNotContain(key, log.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("a-wrong-but-secret-key", log.Body, StringComparison.Ordinal);
        var requests = log.Json["requests"]!.AsArray();
        Assert.Equal(5, requests.Count);
        Assert.Equal("api_key=[REDACTED]&user_ip=1.2.3.4", requests[0]!["query"]!.GetValue<string>());
        Assert.Equal("[REDACTED]", requests[1]!["parameters"]!["api_key"]!.GetValue<string>());
        Assert.Equal("note [REDACTED]", requests[2]!["parameters"]!["message"]!.GetValue<string>());
        Assert.Equal(401, requests[3]!["status"]!.GetValue<int>());
        var first = requests[0]!.AsObject();
        Assert.Equal(
            new[] { "id", "time", "method", "path", "query", "parameters", "status", "fault" },
            first.Select(p => p.Key).ToArray());
        Assert.Equal("/protected/json/app/details", first["path"]!.GetValue<string>());
        Assert.Equal("2024-01-15T12:00:00Z", first["time"]!.GetValue<string>());
    }

    [Fact]
    public async Task Stats_count_routes_by_template_and_messages_by_recipient()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        var a = await emulator.CreateUserAsync("555-000-0011");
        var b = await emulator.CreateUserAsync("555-000-0022");
        await emulator.GetAsync($"/protected/json/sms/{a}");
        await emulator.GetAsync($"/protected/json/sms/{b}");
        await emulator.GetAsync($"/protected/json/call/{b}");
        await emulator.PostQueryAsync("/protected/json/phones/verification/start?via=sms&country_code=1&phone_number=9876543210");
        await emulator.GetAsync("/protected/json/no/such/thing");

        var stats = await emulator.GetAsync("/_emulator/stats", withKey: false);

        var routes = stats.Json["routes"]!;
        Assert.Equal(2, routes["POST /protected/{format}/users/new"]!.GetValue<int>());
        Assert.Equal(2, routes["GET /protected/{format}/sms/{authy_id}"]!.GetValue<int>());
        Assert.Equal(1, routes["GET (unmatched)"]!.GetValue<int>());
        Assert.Equal(7, stats.Json["requests_total"]!.GetValue<int>());
        var messages = stats.Json["messages"]!;
        Assert.Equal(
            """{"sms":1,"call":1,"email":0,"app":0,"verification_sms":0,"verification_call":0,"verify_sms":0,"verify_call":0,"verify_email":0,"verify_whatsapp":0}""",
            messages[b.ToString(System.Globalization.CultureInfo.InvariantCulture)]!.ToJsonString());
        Assert.Equal(1, messages["+19876543210"]!["verification_sms"]!.GetValue<int>());
    }

    [Fact]
    public async Task Messages_filter_and_shape()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        var a = await emulator.CreateUserAsync("555-000-0011");
        var b = await emulator.CreateUserAsync("555-000-0022", 44);
        await emulator.GetAsync($"/protected/json/sms/{a}");
        await emulator.GetAsync($"/protected/json/sms/{b}");

        var all = await emulator.MessagesAsync("");
        var byId = await emulator.MessagesAsync($"authy_id={b}");
        var byPhone = await emulator.MessagesAsync("phone_number=555-000-0011&country_code=1");
        var byPhoneWrongCountry = await emulator.MessagesAsync("phone_number=5550000011&country_code=44");

        Assert.Equal(2, all.Count);
        Assert.Equal(b, Assert.Single(byId)["authy_id"]!.GetValue<int>());
        Assert.Equal(a, Assert.Single(byPhone)["authy_id"]!.GetValue<int>());
        Assert.Empty(byPhoneWrongCountry);
        Assert.Equal(
            new[] { "id", "channel", "authy_id", "country_code", "phone_number", "email", "code", "body", "action", "sent_at" },
            all[0].Select(p => p.Key).ToArray());
    }

    [Fact]
    public async Task Reset_forgets_everything()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        var id = await emulator.CreateUserAsync();
        await emulator.GetAsync($"/protected/json/sms/{id}");

        var reset = await emulator.PostQueryAsync("/_emulator/reset", withKey: false);
        var status = await emulator.GetAsync($"/protected/json/users/{id}/status");
        var newId = await emulator.CreateUserAsync("555-999-8888");
        var messages = await emulator.MessagesAsync("");
        var log = await emulator.GetAsync("/_emulator/requests", withKey: false);

        Assert.Equal("""{"reset":true}""", reset.Body);
        Assert.Equal(404, status.Status);
        Assert.Equal(1, newId);
        Assert.Empty(messages);
        Assert.Equal(2, log.Json["requests"]!.AsArray().Count);
    }

    [Fact]
    public async Task Installing_the_app_registers_a_device_and_shows_a_token()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        var id = await emulator.CreateUserAsync();

        var install = await emulator.PostQueryAsync($"/_emulator/users/{id}/app?os_type=ios", withKey: false);
        var unknown = await emulator.PostQueryAsync("/_emulator/users/42/app", withKey: false);
        var status = await emulator.GetAsync($"/protected/json/users/{id}/status");
        var token = install.Json["token"]!.GetValue<string>();
        var verify = await emulator.GetAsync($"/protected/json/verify/{token}/{id}");

        Assert.Equal(200, install.Status);
        Assert.Equal(404, unknown.Status);
        Assert.True(status.Json["status"]!["registered"]!.GetValue<bool>());
        Assert.Equal("""["ios"]""", status.Json["status"]!["devices"]!.ToJsonString());
        Assert.Equal(200, verify.Status);
        Assert.Equal("ios", verify.Json["device"]!["os_type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Wait_for_answers_once_the_list_is_long_enough()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        var id = await emulator.CreateUserAsync("555-000-0031");

        // Already there: answered at once.
        var now = await emulator.GetAsync("/_emulator/requests?wait_for=1", withKey: false);
        Assert.Single(now.Json["requests"]!.AsArray());

        // Not there yet: the poll is still open until the SMS is sent, then answers with it.
        var poll = emulator.GetAsync("/_emulator/messages?channel=sms&wait_for=1&timeout_seconds=60", withKey: false);
        Assert.False(poll.IsCompleted);
        await emulator.GetAsync($"/protected/json/sms/{id}");
        var messages = (await poll).Json["messages"]!.AsArray();
        Assert.Single(messages);
        Assert.Equal("sms", messages[0]!["channel"]!.GetValue<string>());
    }

    [Fact]
    public async Task Wait_for_returns_the_list_as_it_is_when_its_bound_passes()
    {
        await using var emulator = await RunningEmulator.StartAsync();

        var reply = await emulator.GetAsync("/_emulator/requests?wait_for=5&timeout_seconds=1", withKey: false);

        Assert.Equal(200, reply.Status);
        Assert.Empty(reply.Json["requests"]!.AsArray());
    }

    [Theory]
    [InlineData("wait_for=0")]
    [InlineData("wait_for=abc")]
    [InlineData("wait_for=1&timeout_seconds=601")]
    public async Task Wait_for_refuses_a_bad_count_or_bound(string query)
    {
        await using var emulator = await RunningEmulator.StartAsync();

        var reply = await emulator.GetAsync("/_emulator/messages?" + query, withKey: false);

        Assert.Equal(400, reply.Status);
    }
}
