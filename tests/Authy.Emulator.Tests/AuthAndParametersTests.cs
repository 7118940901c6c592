using System;
using System.Net.Http;
using System.Threading.Tasks;

namespace Authy.Emulator.Tests;

/// <summary>API key placement (1.3) and the three parameter encodings (1.4).</summary>
public class AuthAndParametersTests
{
    private const string InvalidKeyBody =
        """{"error_code":"60001","message":"Invalid API key","errors":{"message":"Invalid API key"},"success":false}""";

    [Fact]
    public async Task Missing_key_is_401_60001_byte_for_byte()
    {
        await using var emulator = await RunningEmulator.StartAsync();

        var reply = await emulator.GetAsync("/protected/json/app/details", withKey: false);

        Assert.Equal(401, reply.Status);
        Assert.Equal(InvalidKeyBody, reply.Body);
        Assert.Equal("application/json;charset=utf-8", reply.ContentType);
    }

    [Fact]
    public async Task Wrong_key_in_header_is_rejected_even_with_a_right_api_key_parameter()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        var request = new HttpRequestMessage(HttpMethod.Get, "/protected/json/app/details?api_key=" + RunningEmulator.TestKey);
        request.Headers.Add("X-Authy-API-Key", "wrong-key");

        var reply = await emulator.SendAsync(request, withKey: false);

        Assert.Equal(401, reply.Status);
        Assert.Equal(InvalidKeyBody, reply.Body);
    }

    [Fact]
    public async Task Key_is_accepted_from_query_form_and_json_body()
    {
        await using var emulator = await RunningEmulator.StartAsync();

        var query = await emulator.GetAsync("/protected/json/app/details?api_key=" + RunningEmulator.TestKey, withKey: false);
        var form = await emulator.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/protected/json/users/new")
        {
            Content = new FormUrlEncodedContent(new[]
            {
                new System.Collections.Generic.KeyValuePair<string, string>("api_key", RunningEmulator.TestKey),
                new System.Collections.Generic.KeyValuePair<string, string>("user[email]", "a@example.com"),
                new System.Collections.Generic.KeyValuePair<string, string>("user[cellphone]", "555-123-4567"),
                new System.Collections.Generic.KeyValuePair<string, string>("user[country_code]", "1"),
            }),
        }, withKey: false);
        var json = await emulator.PostJsonAsync(
            "/onetouch/json/users/1/approval_requests",
            $$"""{"api_key":"{{RunningEmulator.TestKey}}","message":"Login"}""",
            withKey: false);

        Assert.Equal(200, query.Status);
        Assert.Equal(200, form.Status);
        Assert.Equal(200, json.Status);
    }

    [Fact]
    public async Task Users_new_works_with_query_only_post_form_and_json_body_alike()
    {
        await using var emulator = await RunningEmulator.StartAsync();

        var viaQuery = await emulator.PostQueryAsync(
            "/protected/json/users/new?user%5Bemail%5D=q%40example.com&user%5Bcellphone%5D=555-000-1111&user%5Bcountry_code%5D=1");
        var viaForm = await emulator.PostFormAsync(
            "/protected/json/users/new",
            ("user[email]", "f@example.com"), ("user[cellphone]", "555.000.2222"), ("user[country_code]", "44"));
        // Portuguese numbers have 9 digits: libphonenumber refuses 10 for country code 351.
        var viaJson = await emulator.PostJsonAsync(
            "/protected/json/users/new",
            """{"user":{"email":"j@example.com","cellphone":"555 003 333","country_code":351},"send_install_link_via_sms":false}""");

        Assert.Equal("""{"message":"User created successfully.","user":{"id":1},"success":true}""", viaQuery.Body);
        Assert.Equal("""{"message":"User created successfully.","user":{"id":2},"success":true}""", viaForm.Body);
        Assert.Equal("""{"message":"User created successfully.","user":{"id":3},"success":true}""", viaJson.Body);

        var status = await emulator.GetAsync("/protected/json/users/3/status");
        Assert.Equal(351, status.Json["status"]!["country_code"]!.GetValue<int>());
        Assert.Equal("XXX-XXX-3333", status.Json["status"]!["phone_number"]!.GetValue<string>());
    }

    [Fact]
    public async Task Form_bracket_arrays_of_objects_become_nested_parameters()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        var id = await emulator.CreateUserAsync();

        var reply = await emulator.PostFormAsync(
            $"/onetouch/json/users/{id}/approval_requests",
            ("message", "Login requested"),
            ("details[Account Number]", "981266321"),
            ("hidden_details[ip]", "10.0.0.1"),
            ("logos[][res]", "default"), ("logos[][url]", "https://example.com/d.png"),
            ("logos[][res]", "low"), ("logos[][url]", "https://example.com/l.png"));
        Assert.Equal(200, reply.Status);

        var log = await emulator.GetAsync("/_emulator/requests", withKey: false);
        var parameters = log.Json["requests"]![1]!["parameters"]!;
        Assert.Equal(
            """{"message":"Login requested","details":{"Account Number":"981266321"},"hidden_details":{"ip":"10.0.0.1"},"logos":[{"res":"default","url":"https://example.com/d.png"},{"res":"low","url":"https://example.com/l.png"}]}""",
            parameters.ToJsonString());
    }

    [Fact]
    public async Task Broken_json_body_is_400()
    {
        await using var emulator = await RunningEmulator.StartAsync();

        var reply = await emulator.PostJsonAsync("/protected/json/users/new", "{\"user\":");

        Assert.Equal(400, reply.Status);
        Assert.Equal("60002", reply.Json["error_code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Unknown_api_paths_and_wrong_verbs_are_404_json()
    {
        await using var emulator = await RunningEmulator.StartAsync();

        var unknown = await emulator.GetAsync("/protected/json/nothing/here");
        var wrongVerb = await emulator.GetAsync("/protected/json/users/new");
        var wrongFormat = await emulator.GetAsync("/protected/yaml/app/details");

        foreach (var reply in new[] { unknown, wrongVerb, wrongFormat })
        {
            Assert.Equal(404, reply.Status);
            Assert.Equal(
                """{"error_code":"60000","message":"Resource not found","errors":{"message":"Resource not found"},"success":false}""",
                reply.Body);
        }
    }

    [Fact]
    public async Task Xml_format_renders_rails_to_xml()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        await emulator.CreateUserAsync();

        var ok = await emulator.GetAsync("/protected/xml/users/1/status");
        var missing = await emulator.GetAsync("/protected/xml/users/9/status");

        Assert.Equal(200, ok.Status);
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<hash>\n  <status>\n    <authy-id type=\"integer\">1</authy-id>", ok.Body, StringComparison.Ordinal);
        Assert.Contains("<success type=\"boolean\">true</success>", ok.Body, StringComparison.Ordinal);
        Assert.Equal(404, missing.Status);
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<errors>\n  <message>User not found.</message>", missing.Body, StringComparison.Ordinal);
        Assert.Contains("<error-code>60026</error-code>", missing.Body, StringComparison.Ordinal);
    }
}
