using System;
using System.Collections;
using System.Collections.Specialized;
using System.Text;
using Authy.Signing;
using Newtonsoft.Json.Linq;
using Xunit;

namespace Authy.Tests.Signing;

/// <summary>The OneTouch callback signature and its Rails to_query canonical form (docs/api/authy.md §2.14).</summary>
public class CallbackSignatureTests
{
    private const string SeegnoKey = "1DS9YIwGquvvIdx8GdcdqZGLAewZZyhd";
    private const string SeegnoUrl = "https://foo.bar/";
    private const string SeegnoNonce = "1455825429";
    private const string SeegnoSignature = "hqB6las54sMBA83GKs0U1QQi9ocJ2tH20SXHZNzfqqQ=";

    /// <summary>
    /// A real 2016 POST callback verified by seegno/authy-client test/client_test.js: empty {} hashes are
    /// left out, nulls become "key=", booleans and integers are text.
    /// </summary>
    private const string SeegnoBody = """
        {
          "approval_request": {
            "expiration_timestamp": 1455911778,
            "logos": null,
            "transaction": {
              "created_at_time": 1455825378,
              "customer_uuid": "2ccf0040-ed25-0132-5987-0e67b818e6fb",
              "details": {},
              "device_details": null,
              "device_geolocation": null,
              "device_signing_time": 0,
              "encrypted": false,
              "flagged": false,
              "hidden_details": {},
              "message": ".",
              "reason": null,
              "requester_details": null,
              "status": "approved",
              "uuid": "996201c0-b7a7-0133-7c06-0e67b818e6fb"
            }
          },
          "authy_id": 1234567,
          "callback_action": "approval_request_status",
          "device_uuid": "4d89c320-a9bb-0133-7c02-0e67b818e6fb",
          "signature": "BObhJgZwgU7O9r4Uo9VT6j6shAOe7y/IRGpW/N0Uq34/XHZU9E+aHOI5rcQzW1ZgNCECzVrqrsnjhYEK4Zq1naKWu0YNkuvILmMz8IxJEQH+c+6x186fjIjxvP4nu4p/pfUDomo/za24s1XOjtNlVsrDTDXClHUh5MjFQbyBjhFd8gOtmGVatN7K2Lx71I8YR2JDLbRX4DlJEMu++PLBn1nqQH9tbNYzX5jjX87CXPBtDfRwfWSs/imnfZ9zkDq4ZKuBcuwzQNsxKlby6782X0o78rYhCHrcDnHgRtyMGvX9ovK3XTt6M7p6i9SKaRgBWIOFVPygxv15iJesqt9cng==",
          "status": "approved",
          "uuid": "996221c0-b7a7-0133-7c06-0e67b818e6fb"
        }
        """;

    /// <summary>A 2017-style callback with everything the canonical form has to get right.</summary>
    private const string RichBody = """
        {"authy_id":688611,"device_uuid":2102943,"callback_action":"approval_request_status","uuid":"4a725520-c0a1-0135-2d20-0e67b818e6fb","status":"approved",
         "approval_request":{"transaction":{"details":{"location":"London, UK","Username":"Ada Lovelace","Account Number":"1,234*5~6"},
           "device_details":{},"device_geolocation":"","hidden_details":{"ip":"203.0.113.7"},"message":"Log in to Example?","reason":null,"requester_details":null,"status":"approved"},
           "expiration_timestamp":1513009800,
           "logos":[{"res":"default","url":"https://example.com/logo.png"},{"res":"high","url":"https://example.com/logo@2x.png"}],
           "app_id":"582380eb7e1caa03317ec08c"},
         "device":{"city":null,"country":"Colombia","enabled_unlock_methods":["pin","fingerprint"],"id":2102943}}
        """;

    private static readonly byte[] Key = Encoding.UTF8.GetBytes("test-key-0123456789abcdef01234567");

    [Fact]
    public void Seegno_post_vector_reproduces_the_recorded_signature()
    {
        var body = CallbackSignature.ParseBody(SeegnoBody);

        Assert.Equal(SeegnoSignature, CallbackSignature.Compute(Encoding.UTF8.GetBytes(SeegnoKey), SeegnoNonce, "POST", SeegnoUrl, body));
        Assert.True(CallbackSignature.Verify(Encoding.UTF8.GetBytes(SeegnoKey), SeegnoNonce, "POST", SeegnoUrl, body, SeegnoSignature));
    }

    [Fact]
    public void Seegno_vector_canonical_text_leaves_out_empty_hashes_and_keeps_null_keys()
    {
        var canonical = CallbackSignature.Canonical(SeegnoNonce, "post", SeegnoUrl, CallbackSignature.ParseBody(SeegnoBody));

        Assert.StartsWith("1455825429|POST|https://foo.bar/|approval_request%5Bexpiration_timestamp%5D=1455911778&approval_request%5Blogos%5D=&", canonical);
        Assert.Contains("&approval_request%5Btransaction%5D%5Bdevice_details%5D=&", canonical);
        Assert.DoesNotContain("%5Bdetails%5D=", canonical.Replace("device_details", string.Empty));
        Assert.DoesNotContain("hidden_details", canonical);
        Assert.Contains("approval_request%5Btransaction%5D%5Bencrypted%5D=false", canonical);
    }

    [Theory]
    [InlineData("1DS9YIwGquvvIdx8GdcdqZGLAewZZyhe", SeegnoNonce, "POST", SeegnoUrl)]
    [InlineData(SeegnoKey, "1455825430", "POST", SeegnoUrl)]
    [InlineData(SeegnoKey, SeegnoNonce, "GET", SeegnoUrl)]
    [InlineData(SeegnoKey, SeegnoNonce, "POST", "http://foo.bar/")]
    [InlineData(SeegnoKey, SeegnoNonce, "POST", "https://foo.bar")]
    [InlineData(SeegnoKey, SeegnoNonce, "POST", "https://foo.bar:443/")]
    public void Seegno_vector_fails_when_key_nonce_method_or_url_differ(string key, string nonce, string method, string url)
    {
        Assert.False(CallbackSignature.Verify(Encoding.UTF8.GetBytes(key), nonce, method, url, CallbackSignature.ParseBody(SeegnoBody), SeegnoSignature));
    }

    [Fact]
    public void A_query_string_on_the_url_is_not_signed()
    {
        var body = CallbackSignature.ParseBody(SeegnoBody);

        Assert.True(CallbackSignature.Verify(Encoding.UTF8.GetBytes(SeegnoKey), SeegnoNonce, "POST", "https://foo.bar/?a=1", body, SeegnoSignature));
    }

    [Theory]
    [InlineData("approval_request.transaction.message", "Log in to Example!")]
    [InlineData("approval_request.transaction.details.Username", "Ada  Lovelace")]
    [InlineData("approval_request.transaction.details['Account Number']", "1,234*5~7")]
    [InlineData("approval_request.transaction.hidden_details.ip", "203.0.113.8")]
    [InlineData("approval_request.logos[1].url", "https://example.com/evil.png")]
    [InlineData("approval_request.logos[0].res", "low")]
    [InlineData("status", "denied")]
    [InlineData("authy_id", "688613")]
    [InlineData("device.enabled_unlock_methods[0]", "none")]
    public void Tampering_with_any_parameter_breaks_the_signature(string path, string newValue)
    {
        var original = CallbackSignature.ParseBody(RichBody);
        var signature = CallbackSignature.Compute(Key, "1512923419", "POST", "https://example.com/authy/callback", original);
        var tampered = (JObject)original.DeepClone();
        ((JValue)tampered.SelectToken(path)!).Value = newValue;

        Assert.True(CallbackSignature.Verify(Key, "1512923419", "POST", "https://example.com/authy/callback", original, signature));
        Assert.False(CallbackSignature.Verify(Key, "1512923419", "POST", "https://example.com/authy/callback", tampered, signature));
    }

    [Fact]
    public void Adding_or_removing_a_parameter_or_swapping_logos_breaks_the_signature()
    {
        var original = CallbackSignature.ParseBody(RichBody);
        var signature = CallbackSignature.Compute(Key, "1512923419", "POST", "https://example.com/cb", original);

        var added = (JObject)original.DeepClone();
        added["extra"] = "1";
        var removed = (JObject)original.DeepClone();
        removed.Remove("device_uuid");
        var swapped = (JObject)original.DeepClone();
        var logos = (JArray)swapped.SelectToken("approval_request.logos")!;
        var first = logos[0];
        first.Remove();
        logos.Add(first);

        Assert.False(CallbackSignature.Verify(Key, "1512923419", "POST", "https://example.com/cb", added, signature));
        Assert.False(CallbackSignature.Verify(Key, "1512923419", "POST", "https://example.com/cb", removed, signature));
        Assert.False(CallbackSignature.Verify(Key, "1512923419", "POST", "https://example.com/cb", swapped, signature));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not base64!")]
    [InlineData("hqB6las54sMBA83GKs0U1QQi9ocJ2tH20SXHZNzfqq==")]
    [InlineData("hqB6las54sMBA83GKs0U1QQi9ocJ2tH20SXHZNzfqqR=")]
    public void Malformed_or_wrong_signatures_are_false(string signature)
    {
        Assert.False(CallbackSignature.Verify(Encoding.UTF8.GetBytes(SeegnoKey), SeegnoNonce, "POST", SeegnoUrl, CallbackSignature.ParseBody(SeegnoBody), signature));
    }

    [Fact]
    public void Nested_details_sort_by_encoded_bytes_so_upper_case_keys_come_first()
    {
        var hash = JObject.Parse("""{"details":{"location":"London, UK","Username":"Ada Lovelace","Account Number":"1,234"}}""");

        Assert.Equal(
            "details%5BAccount+Number%5D=1%2C234&details%5BUsername%5D=Ada+Lovelace&details%5Blocation%5D=London%2C+UK",
            RailsQuery.ToQuery(hash));
    }

    [Fact]
    public void Arrays_of_logos_keep_element_order_and_each_elements_fields_together()
    {
        var hash = JObject.Parse("""{"logos":[{"url":"https://a/x.png","res":"default"},{"res":"med","url":"https://a/m.png"}],"b":1}""");

        Assert.Equal(
            "b=1&logos%5B%5D%5Bres%5D=default&logos%5B%5D%5Burl%5D=https%3A%2F%2Fa%2Fx.png" +
            "&logos%5B%5D%5Bres%5D=med&logos%5B%5D%5Burl%5D=https%3A%2F%2Fa%2Fm.png",
            RailsQuery.ToQuery(hash));
    }

    [Fact]
    public void Nulls_keep_their_key_empty_collections_vanish_and_scalars_are_text()
    {
        var hash = CallbackSignature.ParseBody("""{"a":null,"b":{},"c":[],"d":true,"e":[1,"two",null],"f":{"g":{}},"h":1.5,"i":2.0,"j":"2017-02-10T01:09:52Z"}""");

        // "f" holds only an empty hash: Ruby keeps its empty piece, which sorts first and leaves a leading '&'.
        Assert.Equal("&a=&d=true&e%5B%5D=1&e%5B%5D=two&e%5B%5D=&h=1.5&i=2.0&j=2017-02-10T01%3A09%3A52Z", RailsQuery.ToQuery(hash));
    }

    [Theory]
    [InlineData("a b", "a+b")]
    [InlineData("~*", "~%2A")]
    [InlineData("x/y,z|", "x%2Fy%2Cz%7C")]
    [InlineData("[]", "%5B%5D")]
    [InlineData("é€", "%C3%A9%E2%82%AC")]
    [InlineData("A-Z_a.z0", "A-Z_a.z0")]
    [InlineData("+&=%", "%2B%26%3D%25")]
    public void Escaping_follows_ruby_cgi_escape(string raw, string escaped)
    {
        Assert.Equal(escaped, RailsQuery.CgiEscape(raw));
        Assert.Equal(raw, RailsQuery.Unescape(escaped));
    }

    [Fact]
    public void A_get_query_parses_back_to_the_hash_that_was_signed()
    {
        var original = CallbackSignature.ParseBody(RichBody);
        var query = RailsQuery.ToQuery(original);

        var parsed = RailsQuery.ParseNestedQuery(query);

        // Scalars come back as text and nulls as "", which to_query writes the same way.
        Assert.Equal(query, RailsQuery.ToQuery(parsed));
        Assert.Equal("Ada Lovelace", (string?)parsed.SelectToken("approval_request.transaction.details.Username"));
        Assert.Equal("https://example.com/logo@2x.png", (string?)parsed.SelectToken("approval_request.logos[1].url"));
        Assert.Equal("fingerprint", (string?)parsed.SelectToken("device.enabled_unlock_methods[1]"));
        var signature = CallbackSignature.Compute(Key, "1", "GET", "https://example.com/cb", original);
        Assert.True(CallbackSignature.Verify(Key, "1", "GET", "https://example.com/cb?" + query, parsed, signature));
    }

    [Fact]
    public void Rack_parsing_starts_a_new_array_element_when_a_field_repeats()
    {
        var parsed = RailsQuery.ParseNestedQuery("logos[][res]=default&logos[][url]=u1&logos[][res]=low&logos[][url]=u2&a[b][c]=1&k[]=x&k[]=y");

        Assert.Equal("""{"logos":[{"res":"default","url":"u1"},{"res":"low","url":"u2"}],"a":{"b":{"c":"1"}},"k":["x","y"]}""", parsed.ToString(Newtonsoft.Json.Formatting.None));
    }

    [Theory]
    [InlineData("[1]")]
    [InlineData("not json")]
    [InlineData("{\"a\":1} {")]
    public void A_body_that_is_not_a_json_object_is_refused(string body)
    {
        Assert.Throws<FormatException>(() => CallbackSignature.ParseBody(body));
    }

    [Fact]
    public void Nonce_age_reads_unix_seconds_with_or_without_fraction()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1512923479);

        Assert.Equal(TimeSpan.FromSeconds(60), CallbackSignature.NonceAge("1512923419", now));
        Assert.Equal(TimeSpan.FromSeconds(59.5), CallbackSignature.NonceAge("1512923419.5", now));
        Assert.Null(CallbackSignature.NonceAge("yesterday", now));
    }

    [Fact]
    public void The_cmdlet_reads_powershell_dictionaries_nested_or_with_rack_keys()
    {
        var nested = new Hashtable
        {
            ["status"] = "approved",
            ["approval_request"] = new Hashtable
            {
                ["logos"] = new object[] { new Hashtable { ["res"] = "default", ["url"] = "https://a/x.png" } },
                ["transaction"] = new Hashtable { ["details"] = new Hashtable(), ["reason"] = null, ["encrypted"] = false, ["n"] = 5 },
            },
        };
        var flat = new OrderedDictionary
        {
            ["approval_request[transaction][encrypted]"] = "false",
            ["status"] = "approved",
            ["approval_request[transaction][reason]"] = string.Empty,
            ["approval_request[transaction][n]"] = "5",
            ["approval_request[logos][][res]"] = "default",
            ["approval_request[logos][][url]"] = "https://a/x.png",
        };

        var fromNested = RailsQuery.ToQuery(PSObjectJson.FromDictionary(nested));
        var fromFlat = RailsQuery.ToQuery(PSObjectJson.FromDictionary(flat));

        Assert.Equal(
            "approval_request%5Blogos%5D%5B%5D%5Bres%5D=default&approval_request%5Blogos%5D%5B%5D%5Burl%5D=https%3A%2F%2Fa%2Fx.png" +
            "&approval_request%5Btransaction%5D%5Bencrypted%5D=false&approval_request%5Btransaction%5D%5Bn%5D=5" +
            "&approval_request%5Btransaction%5D%5Breason%5D=&status=approved",
            fromNested);
        Assert.Equal(fromNested, fromFlat);
    }
}
