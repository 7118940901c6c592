using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Authy.Http;
using Authy.Tests.Support;
using Xunit;

namespace Authy.Tests;

/// <summary>What goes on the wire (docs/api/authy.md §1.3, §1.4): key in a header only, Rack form parameters.</summary>
public class RequestBuildingTests
{
    private static KeyValuePair<string, string> P(string key, string value) => new KeyValuePair<string, string>(key, value);

    /// <summary>Splits form/query text the way Rack does (percent-decoding, '+' as space).</summary>
    private static List<KeyValuePair<string, string>> DecodeForm(string text)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var part in text.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=');
            var key = equals < 0 ? part : part.Substring(0, equals);
            var value = equals < 0 ? string.Empty : part.Substring(equals + 1);
            pairs.Add(P(Uri.UnescapeDataString(key.Replace('+', ' ')), Uri.UnescapeDataString(value.Replace('+', ' '))));
        }

        return pairs;
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("POST")]
    public async Task Key_travels_only_in_the_X_Authy_API_Key_header(string method)
    {
        var harness = new Harness(new ScriptedHandler(Step.Json(200, Fixtures.Ok)));
        var request = new AuthyRequest(new HttpMethod(method), "protected/json/users/7/status", RepeatSafety.Idempotent);
        request.Parameters.Add("user_ip", "10.0.0.1").Add("user[email]", "a@example.com");

        await harness.SendAsync(request);

        var sent = Assert.Single(harness.Handler.Requests);
        Assert.Equal(new[] { Harness.Key }, sent.Header("X-Authy-API-Key"));
        Assert.DoesNotContain(Harness.Key, sent.Uri.OriginalString, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("api_key", sent.Uri.OriginalString, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Harness.Key, sent.Body ?? string.Empty, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("api_key", sent.Body ?? string.Empty, StringComparison.OrdinalIgnoreCase);
        foreach (var header in sent.Headers.Where(h => !h.Key.Equals("X-Authy-API-Key", StringComparison.OrdinalIgnoreCase)))
        {
            Assert.DoesNotContain(header.Value, v => v.Contains(Harness.Key, StringComparison.OrdinalIgnoreCase));
        }
    }

    [Fact]
    public async Task Get_parameters_go_to_the_query_string_and_no_body_is_sent()
    {
        var harness = new Harness(new ScriptedHandler(Step.Json(200, Fixtures.Ok)));
        var request = Harness.Get("protected/json/verify/0123456/42");
        request.Parameters.Add("force", true).Add("action", "login & pay=now").Add("user_ip", "2001:db8::1");

        await harness.SendAsync(request);

        var sent = Assert.Single(harness.Handler.Requests);
        Assert.Equal(HttpMethod.Get, sent.Method);
        Assert.Equal("/protected/json/verify/0123456/42", sent.Uri.AbsolutePath);
        Assert.Null(sent.Body);
        Assert.Equal(
            new[] { P("force", "true"), P("action", "login & pay=now"), P("user_ip", "2001:db8::1") },
            DecodeForm(sent.Uri.Query));
    }

    [Fact]
    public async Task Get_without_parameters_has_no_query()
    {
        var harness = new Harness(new ScriptedHandler(Step.Json(200, Fixtures.Ok)));

        await harness.SendAsync(Harness.Get("protected/json/app/details"));

        var sent = Assert.Single(harness.Handler.Requests);
        Assert.Equal("https://api.authy.com/protected/json/app/details", sent.Uri.AbsoluteUri);
    }

    [Fact]
    public async Task Post_parameters_go_to_a_form_body_with_Rack_bracket_keys_in_order()
    {
        var harness = new Harness(new ScriptedHandler(Step.Json(200, Fixtures.Ok)));
        var request = Harness.Post("onetouch/json/users/42/approval_requests", RepeatSafety.NotRepeatable);
        request.Parameters
            .Add("message", "Log in?")
            .Add("user[email]", "josé+tag@example.com")
            .AddHash("details", new[] { P("Key With Space", "a&b=c"), P("Amount", "100%") })
            .AddHashArray("logos", new[]
            {
                new[] { P("res", "default"), P("url", "https://example.com/a.png?x=1&y=2") },
                new[] { P("res", "low"), P("url", "https://example.com/b.png") },
            })
            .Add("seconds_to_expire", 120L);

        await harness.SendAsync(request);

        var sent = Assert.Single(harness.Handler.Requests);
        Assert.Equal(HttpMethod.Post, sent.Method);
        Assert.Equal(string.Empty, sent.Uri.Query);
        Assert.Equal("application/x-www-form-urlencoded", sent.ContentType);
        Assert.Equal(
            new[]
            {
                P("message", "Log in?"),
                P("user[email]", "josé+tag@example.com"),
                P("details[Key With Space]", "a&b=c"),
                P("details[Amount]", "100%"),
                P("logos[][res]", "default"),
                P("logos[][url]", "https://example.com/a.png?x=1&y=2"),
                P("logos[][res]", "low"),
                P("logos[][url]", "https://example.com/b.png"),
                P("seconds_to_expire", "120"),
            },
            DecodeForm(sent.Body!));

        // Exact encoding: brackets, spaces, '+', '&', '=' and non-ASCII all percent-encoded (UTF-8),
        // so a Rack server cannot read '+' as a space or split a value on '&'.
        Assert.Contains("user%5Bemail%5D=jos%C3%A9%2Btag%40example.com", sent.Body);
        Assert.Contains("details%5BKey%20With%20Space%5D=a%26b%3Dc", sent.Body);
        Assert.Contains("logos%5B%5D%5Bres%5D=default&logos%5B%5D%5Burl%5D=https%3A%2F%2Fexample.com%2Fa.png%3Fx%3D1%26y%3D2&logos%5B%5D%5Bres%5D=low", sent.Body);
        Assert.DoesNotContain("+", sent.Body);
        Assert.DoesNotContain(" ", sent.Body);
    }

    [Fact]
    public async Task Post_without_parameters_sends_an_empty_form()
    {
        var harness = new Harness(new ScriptedHandler(Step.Json(200, Fixtures.Ok)));

        await harness.SendAsync(Harness.Post("protected/json/users/5/remove", RepeatSafety.NotRepeatable));

        var sent = Assert.Single(harness.Handler.Requests);
        Assert.Equal(string.Empty, sent.Body);
        Assert.Equal("application/x-www-form-urlencoded", sent.ContentType);
    }

    [Fact]
    public void Null_values_are_left_out_and_booleans_are_lower_case()
    {
        var parameters = new RequestParameters()
            .Add("a", (string?)null)
            .Add("b", (long?)null)
            .Add("c", (bool?)null)
            .Add("t", true)
            .Add("f", false)
            .AddHash("h", null)
            .AddHashArray("l", null);

        Assert.Equal("t=true&f=false", parameters.ToFormUrlEncoded());
    }

    [Fact]
    public async Task User_agent_names_the_module_and_json_is_accepted()
    {
        var harness = new Harness(new ScriptedHandler(Step.Json(200, Fixtures.Ok)));

        await harness.SendAsync(Harness.Get());

        var sent = Assert.Single(harness.Handler.Requests);
        var agent = string.Join(" ", sent.Header("User-Agent"));
        Assert.Matches(new Regex(@"^AuthyPowerShell/\d+\.\d+\.\d+"), agent);
        Assert.DoesNotContain("+", agent.Split(' ')[0]);
        Assert.Contains(sent.Header("Accept"), a => a.Contains("application/json", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("../x?y#z")]
    [InlineData("a/b")]
    [InlineData("a?b=c")]
    [InlineData("#frag")]
    [InlineData("a b")]
    [InlineData("%2e%2e")]
    public async Task A_path_segment_cannot_add_segments_or_a_query(string value)
    {
        var harness = new Harness(new ScriptedHandler(Step.Json(200, Fixtures.Ok)));
        var request = Harness.Get("protected/json/verify/" + AuthyRequest.Segment(value) + "/42");

        await harness.SendAsync(request);

        var sent = Assert.Single(harness.Handler.Requests);
        Assert.Equal(string.Empty, sent.Uri.Query);
        Assert.Equal(string.Empty, sent.Uri.Fragment);
        var segments = sent.Uri.AbsolutePath.Split('/');
        Assert.Equal(new[] { string.Empty, "protected", "json", "verify" }, segments.Take(4));
        Assert.Equal(6, segments.Length);
        Assert.Equal("42", segments[5]);
        Assert.Equal(value, Uri.UnescapeDataString(segments[4]));
    }

    [Theory]
    [InlineData("../x?y#z")]
    [InlineData("a/b")]
    [InlineData("a?b=c")]
    public async Task An_escaped_segment_stays_escaped_when_a_query_is_added(string value)
    {
        var harness = new Harness(new ScriptedHandler(Step.Json(200, Fixtures.Ok)));
        var request = Harness.Get("protected/json/verify/" + AuthyRequest.Segment(value) + "/42");
        request.Parameters.Add("force", true);

        await harness.SendAsync(request);

        var sent = Assert.Single(harness.Handler.Requests);
        Assert.Equal("?force=true", sent.Uri.Query);
        var segments = sent.Uri.AbsolutePath.Split('/');
        Assert.Equal(6, segments.Length);
        Assert.Equal(value, Uri.UnescapeDataString(segments[4]));
    }

    /// <summary>
    /// A dot segment is not escaped by Uri.EscapeDataString, and System.Uri removes "." and ".." (even
    /// as %2E%2E) when it resolves the path, so such a value would address a different endpoint:
    /// ".../verify/../42" becomes ".../json/42". Segment must refuse them (or the request must fail).
    /// </summary>
    [Theory]
    [InlineData("..")]
    [InlineData(".")]
    public async Task A_dot_segment_cannot_change_the_endpoint(string value)
    {
        string segment;
        try
        {
            segment = AuthyRequest.Segment(value);
        }
        catch (ArgumentException)
        {
            return; // refusing the value is a correct answer
        }

        var harness = new Harness(new ScriptedHandler(Step.Json(200, Fixtures.Ok)));
        try
        {
            await harness.SendAsync(Harness.Get("protected/json/verify/" + segment + "/42"));
        }
        catch (ArgumentException)
        {
            Assert.Equal(0, harness.Handler.Count);
            return;
        }

        var sent = Assert.Single(harness.Handler.Requests);
        Assert.StartsWith("/protected/json/verify/", sent.Uri.AbsolutePath, StringComparison.Ordinal);
        Assert.Equal(6, sent.Uri.AbsolutePath.Split('/').Length);
    }

    [Fact]
    public void Numeric_segments_are_invariant()
    {
        Assert.Equal("-12345678901", AuthyRequest.Segment(-12345678901L));
        Assert.Equal("290907", AuthyRequest.Segment(290907L));
    }

    [Fact]
    public async Task Base_url_with_a_path_prefix_keeps_the_prefix()
    {
        var harness = new Harness(new ScriptedHandler(Step.Json(200, Fixtures.Ok)), apiUrl: new Uri("http://127.0.0.1:5000/emulator"));

        await harness.SendAsync(Harness.Get("protected/json/app/details"));

        Assert.Equal("http://127.0.0.1:5000/emulator/protected/json/app/details", Assert.Single(harness.Handler.Requests).Uri.AbsoluteUri);
    }
}
