using System.Text.Json.Nodes;
using Authy.Emulator.Signing;

namespace Authy.Emulator.Tests;

/// <summary>The OneTouch callback signature and Rails to_query rules (docs/api/authy.md §2.14).</summary>
public class CallbackSignatureTests
{
    /// <summary>
    /// The POST callback verified by seegno/authy-client test/client_test.js ("should verify the
    /// signature of a POST request"), a real 2016 callback: empty {} hashes are omitted, nulls
    /// become "key=", booleans and integers are text.
    /// </summary>
    [Fact]
    public void Seegno_post_vector_reproduces_the_recorded_signature()
    {
        var body = JsonNode.Parse("""
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
            """)!.AsObject();

        var signature = CallbackSigner.Sign("1DS9YIwGquvvIdx8GdcdqZGLAewZZyhd", "1455825429", "POST", "https://foo.bar/", body);

        Assert.Equal("hqB6las54sMBA83GKs0U1QQi9ocJ2tH20SXHZNzfqqQ=", signature);
    }

    [Fact]
    public void Arrays_of_objects_keep_element_order_and_fields_together()
    {
        var hash = JsonNode.Parse("""{"logos":[{"url":"https://a/x.png","res":"default"},{"res":"med","url":"https://a/m.png"}],"b":1}""")!.AsObject();

        var query = RailsQueryEncoder.ToQuery(hash);

        Assert.Equal(
            "b=1&logos%5B%5D%5Bres%5D=default&logos%5B%5D%5Burl%5D=https%3A%2F%2Fa%2Fx.png" +
            "&logos%5B%5D%5Bres%5D=med&logos%5B%5D%5Burl%5D=https%3A%2F%2Fa%2Fm.png",
            query);
    }

    [Fact]
    public void Sorting_is_by_encoded_bytes_so_upper_case_keys_come_first()
    {
        var hash = JsonNode.Parse("""{"details":{"location":"x","Username":"y","Account Number":"1"}}""")!.AsObject();

        Assert.Equal(
            "details%5BAccount+Number%5D=1&details%5BUsername%5D=y&details%5Blocation%5D=x",
            RailsQueryEncoder.ToQuery(hash));
    }

    [Fact]
    public void Nulls_keep_their_key_and_empty_collections_vanish()
    {
        var hash = JsonNode.Parse("""{"a":null,"b":{},"c":[],"d":true,"e":[1,"two"]}""")!.AsObject();

        Assert.Equal("a=&d=true&e%5B%5D=1&e%5B%5D=two", RailsQueryEncoder.ToQuery(hash));
    }

    [Theory]
    [InlineData("a b", "a+b")]
    [InlineData("~*", "~%2A")]
    [InlineData("x/y,z|", "x%2Fy%2Cz%7C")]
    [InlineData("é", "%C3%A9")]
    [InlineData("A-Z_a.z0", "A-Z_a.z0")]
    public void Escaping_follows_ruby_cgi_escape(string raw, string escaped)
    {
        Assert.Equal(escaped, RailsQueryEncoder.CgiEscape(raw));
    }
}
