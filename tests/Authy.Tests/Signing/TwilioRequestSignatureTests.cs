using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using Authy.Verify.Signing;
using Xunit;

namespace Authy.Tests.Signing;

/// <summary>
/// X-Twilio-Signature (docs/api/verify.md §6): every test vector of 6.1 (twilio-csharp, twilio-node's
/// validation and webhooks specs, twilio-python), then tampering with each part of a signed request.
/// </summary>
public class TwilioRequestSignatureTests
{
    private const string Token = "12345";
    private const string Url = "https://mycompany.com/myapp.php?foo=1&bar=2";
    private const string Body = "{\"property\": \"value\", \"boolean\": true}";
    private const string BodyHash = "0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620";
    private const string EmptyBodyHash = "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a";

    private static readonly byte[] Key = Encoding.UTF8.GetBytes(Token);

    /// <summary>The common POST parameters, added out of order on purpose as twilio-csharp's test does.</summary>
    private static List<KeyValuePair<string, string>> Params() => new List<KeyValuePair<string, string>>
    {
        new KeyValuePair<string, string>("From", "+14158675309"),
        new KeyValuePair<string, string>("CallSid", "CA1234567890ABCDE"),
        new KeyValuePair<string, string>("To", "+18005551212"),
        new KeyValuePair<string, string>("Caller", "+14158675309"),
        new KeyValuePair<string, string>("Digits", "1234"),
    };

    private static KeyValuePair<string, string> Pair(string name, string value) => new KeyValuePair<string, string>(name, value);

    private static bool Validate(string url, string? signature, IEnumerable<KeyValuePair<string, string>>? parameters, string token = Token) =>
        TwilioRequestSignature.Verify(Encoding.UTF8.GetBytes(token), url, parameters, signature, out _);

    private static TwilioRequestSignatureResult ValidateWithBody(string url, string? signature, string body, string token = Token) =>
        TwilioRequestSignature.Evaluate(Encoding.UTF8.GetBytes(token), url, signature, null, body);

    // ---- twilio-csharp test/Twilio.Test/Security/RequestValidatorTest.cs ----

    [Theory]
    [InlineData("TestValidateDictionary", "https://mycompany.com/myapp.php?foo=1&bar=2", "RSOYDt4T1cUTdK1PDd93/VVr8B8=", true, "https://mycompany.com/myapp.php?foo=1&bar=2")]
    [InlineData("TestValidateDictionaryMixedCase", "https://MyCompany.com/myapp.php?foo=1&bar=2", "g9IN/x4Cft2g517EjYvEvM/W7LU=", true, "https://MyCompany.com/myapp.php?foo=1&bar=2")]
    [InlineData("TestValidateDictionaryMixedCaseWithPort", "https://MyCompany.com:1234/myapp.php?foo=1&bar=2", "PCqOZm8cnu/L6+u5i5fuEd+Iac4=", true, "https://MyCompany.com:1234/myapp.php?foo=1&bar=2")]
    [InlineData("TestValidateDictionaryMixedCaseAddsPortHttp", "http://MyCompany.com/myapp.php?foo=1&bar=2", "XY7AlKOKL6im4yWyX84gldUrtis=", true, "http://MyCompany.com/myapp.php?foo=1&bar=2")]
    [InlineData("TestValidateCredentialsArePreserved", "http://username:password@MyCompany.com/myapp.php?foo=1&bar=2", "PJ08CxXr7KLPjEQCTc8LkUSMwSM=", true, "http://username:password@MyCompany.com/myapp.php?foo=1&bar=2")]
    [InlineData("TestValidateCredentialsArePreservedUpperCaseScheme", "HTTP://username:password@MyCompany.com/myapp.php?foo=1&bar=2", "hy/l8pca+LFms4cvRdv8uiP6NGc=", true, "HTTP://username:password@MyCompany.com/myapp.php?foo=1&bar=2")]
    [InlineData("TestValidateCredentialsArePreservedMixedCaseCreds", "http://Username:Password@MyCompany.com/myapp.php?foo=1&bar=2", "SkTSKyDJH9kUlhItI0slbgZ1UsI=", true, "http://Username:Password@MyCompany.com/myapp.php?foo=1&bar=2")]
    [InlineData("TestValidateDictionaryMixedCaseWithIncorrectSignature", "https://MyCompany.com/myapp.php?foo=1&bar=2", "RSOYDt4T1cUTdK1PDd93/VVr8B8=", false, null)]
    [InlineData("TestValidateDictionaryMixedCaseWithPortWithIncorrectSignature", "https://MyCompany.com:1234/myapp.php?foo=1&bar=2", "RSOYDt4T1cUTdK1PDd93/VVr8B8=", false, null)]
    [InlineData("TestValidateDictionaryMixedCaseAddsPortHttpWithIncorrectSignature", "http://MyCompany.com/myapp.php?foo=1&bar=2", "RSOYDt4T1cUTdK1PDd93/VVr8B8=", false, null)]
    [InlineData("TestValidateFailsWhenIncorrect", "https://mycompany.com/myapp.php?foo=1&bar=2", "NOTRSOYDt4T1cUTdK1PDd93/VVr8B8=", false, null)]
    [InlineData("TestValidateRemovesPortHttps", "https://mycompany.com:1234/myapp.php?foo=1&bar=2", "RSOYDt4T1cUTdK1PDd93/VVr8B8=", true, "https://mycompany.com/myapp.php?foo=1&bar=2")]
    [InlineData("TestValidateRemovesPortHttp", "http://mycompany.com:1234/myapp.php?foo=1&bar=2", "Zmvh+3yNM1Phv2jhDCwEM3q5ebU=", true, "http://mycompany.com:1234/myapp.php?foo=1&bar=2")]
    [InlineData("TestValidateAddsPortHttps", "https://mycompany.com/myapp.php?foo=1&bar=2", "kvajT1Ptam85bY51eRf/AJRuM3w=", true, "https://mycompany.com:443/myapp.php?foo=1&bar=2")]
    [InlineData("TestValidateAddsPortHttp", "http://mycompany.com/myapp.php?foo=1&bar=2", "0ZXoZLH/DfblKGATFgpif+LLRf4=", true, "http://mycompany.com:80/myapp.php?foo=1&bar=2")]
    [InlineData("TestValidateAddsCustomPortHttps", "https://mycompany.com:1234/myapp.php?foo=1&bar=2", "CYn1h0gLBdNxDGkKJg6hYohgeD8=", true, "https://mycompany.com:1234/myapp.php?foo=1&bar=2")]
    [InlineData("TestValidateAddsCustomPortHttp", "http://mycompany.com:1234/myapp.php?foo=1&bar=2", "Zmvh+3yNM1Phv2jhDCwEM3q5ebU=", true, "http://mycompany.com:1234/myapp.php?foo=1&bar=2")]
    public void Csharp_vector_with_params(string test, string url, string signature, bool expected, string? signedString)
    {
        Assert.True(TwilioRequestSignature.Verify(Key, url, Params(), signature, out var matched) == expected, test);
        Assert.Equal(signedString, matched);
        if (signedString != null)
        {
            // The signed string is the one the table names: its HMAC is the expected value exactly.
            Assert.Equal(signature, TwilioRequestSignature.Compute(Key, signedString, Params()));
        }
    }

    [Fact]
    public void Csharp_TestValidateCollection_takes_a_repeated_pair_list_in_any_order()
    {
        var reversed = Params();
        reversed.Reverse();
        Assert.True(Validate(Url, "RSOYDt4T1cUTdK1PDd93/VVr8B8=", reversed));
    }

    [Fact]
    public void Csharp_TestValidateBody_and_node_validateBody()
    {
        Assert.Equal(BodyHash, TwilioRequestSignature.BodyHash(Body));
        Assert.True(TwilioRequestSignature.VerifyBody(Body, BodyHash));
        Assert.False(TwilioRequestSignature.VerifyBody(Body, "WRONG_HASH"));
        Assert.False(TwilioRequestSignature.VerifyBody(Body, BodyHash.ToUpperInvariant()));
        Assert.False(TwilioRequestSignature.VerifyBody(Body, string.Empty));
    }

    [Fact]
    public void Csharp_TestValidateWithBody()
    {
        var url = Url + "&bodySHA256=" + BodyHash;
        var result = ValidateWithBody(url, "a9nBmqA0ju/hNViExpshrM61xv4=", Body);
        Assert.True(result.IsValid, result.Message);
        Assert.True(result.BodyHashChecked);
        Assert.Equal(url, result.MatchedUrl);
        Assert.Equal(0, result.ParameterCount);
    }

    [Fact]
    public void Csharp_TestValidateWithOnlyHash()
    {
        var url = "https://mycompany.com/myapp.php?bodySHA256=" + BodyHash;
        var result = ValidateWithBody(url, "y77kIzt2vzLz71DgmJGsen2scGs=", Body);
        Assert.True(result.IsValid, result.Message);
        Assert.Equal(url, result.MatchedUrl);
    }

    [Fact]
    public void Csharp_TestValidateWithBodyWithoutSignature_no_bodySHA256_means_the_body_check_fails()
    {
        var result = ValidateWithBody(Url, "RSOYDt4T1cUTdK1PDd93/VVr8B8=", Body);
        Assert.False(result.IsValid);
        Assert.Equal(TwilioSignatureOutcome.BodyHashMissing, result.Outcome);
    }

    [Fact]
    public void Csharp_TestIsThreadSafe()
    {
        var key = Encoding.UTF8.GetBytes("secret");
        var outcomes = new bool[64];
        System.Threading.Tasks.Parallel.For(0, outcomes.Length, i =>
            outcomes[i] = TwilioRequestSignature.Evaluate(key, "https://foo.com", "foo", null, "123").IsValid);
        Assert.All(outcomes, Assert.False);
        var signature = TwilioRequestSignature.Compute(key, "https://foo.com", null);
        System.Threading.Tasks.Parallel.For(0, outcomes.Length, i => outcomes[i] = Validate("https://foo.com", signature, null, "secret"));
        Assert.All(outcomes, Assert.True);
    }

    /// <summary>The values the notes computed for reference (two of them lost two characters in the notes' copy).</summary>
    [Theory]
    [InlineData("http://mycompany.com/myapp.php?foo=1&bar=2", "OyGYPqTF6ztdbRNCvuQO/oPvqQ4=", "OyGYPqT", "ztdbRNCvuQO/oPvqQ4=")]
    [InlineData("https://MyCompany.com:443/myapp.php?foo=1&bar=2", "FdBjVT5mtkhB82iLCGAtghQ5U5A=", "FdBjVT5mtkhB82iLCGAtghQ5U5A=", "")]
    public void Reference_values_computed_in_the_notes(string url, string signature, string documentedHead, string documentedTail)
    {
        var computed = TwilioRequestSignature.Compute(Key, url, Params());
        Assert.Equal(signature, computed);
        Assert.StartsWith(documentedHead, computed, StringComparison.Ordinal);
        Assert.EndsWith(documentedTail, computed, StringComparison.Ordinal);
        Assert.True(Validate(url, signature, Params()));
    }

    [Fact]
    public void Reference_value_with_body_url_and_443()
    {
        var url = "https://mycompany.com:443/myapp.php?foo=1&bar=2&bodySHA256=" + BodyHash;
        Assert.Equal("uzN7O1319XdYoYMfTT2eUM1PJT0=", TwilioRequestSignature.Compute(Key, url, null));

        // The no-port URL Twilio may have called validates with the :443 signature, body checked.
        Assert.True(ValidateWithBody(Url + "&bodySHA256=" + BodyHash, "uzN7O1319XdYoYMfTT2eUM1PJT0=", Body).IsValid);
    }

    // ---- twilio-node spec/validation.spec.js ----

    [Theory]
    [InlineData("correct signature", "https://mycompany.com/myapp.php?foo=1&bar=2", "RSOYDt4T1cUTdK1PDd93/VVr8B8=", true, "https://mycompany.com/myapp.php?foo=1&bar=2")]
    [InlineData("wrong signature", "https://mycompany.com/myapp.php?foo=1&bar=2", "WRONG_SIGNATURE", false, null)]
    [InlineData("https custom port stripped", "https://mycompany.com:1234/myapp.php?foo=1&bar=2", "RSOYDt4T1cUTdK1PDd93/VVr8B8=", true, "https://mycompany.com/myapp.php?foo=1&bar=2")]
    [InlineData("http custom port", "http://mycompany.com:1234/myapp.php?foo=1&bar=2", "Zmvh+3yNM1Phv2jhDCwEM3q5ebU=", true, "http://mycompany.com:1234/myapp.php?foo=1&bar=2")]
    [InlineData("https add 443", "https://mycompany.com/myapp.php?foo=1&bar=2", "kvajT1Ptam85bY51eRf/AJRuM3w=", true, "https://mycompany.com:443/myapp.php?foo=1&bar=2")]
    [InlineData("http add 80", "http://mycompany.com/myapp.php?foo=1&bar=2", "0ZXoZLH/DfblKGATFgpif+LLRf4=", true, "http://mycompany.com:80/myapp.php?foo=1&bar=2")]
    [InlineData("credentials", "https://user:pass@mycompany.com/myapp.php?foo=1&bar=2", "CukzLTc1tT5dXEDIHm/tKBanW10=", true, "https://user:pass@mycompany.com/myapp.php?foo=1&bar=2")]
    [InlineData("username only", "https://user@mycompany.com/myapp.php?foo=1&bar=2", "2YRLlVAflCqxaNicjMpJcSTgzSs=", true, "https://user@mycompany.com/myapp.php?foo=1&bar=2")]
    [InlineData("credentials + port", "https://user:pass@mycompany.com/myapp.php?foo=1&bar=2", "ZQFR1PTIZXF2MXB8ZnKCvnnA+rI=", true, "https://user:pass@mycompany.com:443/myapp.php?foo=1&bar=2")]
    [InlineData("special characters", "https://mycompany.com/myapp.php?foo=1&bar=2&Body=It's+amazing", "TfZzewPq8wqrGlMfyAud8+/IvJ0=", true, "https://mycompany.com/myapp.php?foo=1&bar=2&Body=It%27s+amazing")]
    [InlineData("express middleware: unexpected query parameter", "https://mycompany.com/myapp.php?foo=1&bar=2&somethingUnexpected=true", "RSOYDt4T1cUTdK1PDd93/VVr8B8=", false, null)]
    public void Node_vector_with_params(string test, string url, string signature, bool expected, string? signedString)
    {
        Assert.True(TwilioRequestSignature.Verify(Key, url, Params(), signature, out var matched) == expected, test);
        Assert.Equal(signedString, matched);
        if (signedString != null)
        {
            Assert.Equal(signature, TwilioRequestSignature.Compute(Key, signedString, Params()));
        }
    }

    [Fact]
    public void Node_credentials_plus_port_value_matches_the_notes_fragments()
    {
        // The notes' copy reads "ZQFR1PTIZX(recorded body)MXB8ZnKCvnnA+rI=": two characters were lost there.
        var computed = TwilioRequestSignature.Compute(Key, "https://user:pass@mycompany.com:443/myapp.php?foo=1&bar=2", Params());
        Assert.StartsWith("ZQFR1PTIZX", computed, StringComparison.Ordinal);
        Assert.EndsWith("MXB8ZnKCvnnA+rI=", computed, StringComparison.Ordinal);
        Assert.Equal(28, computed.Length);
    }

    [Fact]
    public void Node_signature_undefined_is_false()
    {
        Assert.False(Validate(Url, null, Params()));
        Assert.False(Validate(Url, string.Empty, Params()));
        var result = TwilioRequestSignature.Evaluate(Key, Url, null, Params(), null);
        Assert.Equal(TwilioSignatureOutcome.SignatureMissing, result.Outcome);
    }

    [Fact]
    public void Node_body_with_hash()
    {
        Assert.True(ValidateWithBody(Url + "&bodySHA256=" + BodyHash, "a9nBmqA0ju/hNViExpshrM61xv4=", Body).IsValid);
    }

    [Fact]
    public void Node_empty_body_signed_with_443_added()
    {
        Assert.Equal(EmptyBodyHash, TwilioRequestSignature.BodyHash("{}"));
        var url = Url + "&bodySHA256=" + EmptyBodyHash;
        var result = ValidateWithBody(url, "Ldidvp12m26NI7eqEvxnEpkd9Hc=", "{}");
        Assert.True(result.IsValid, result.Message);
        Assert.Equal("https://mycompany.com:443/myapp.php?foo=1&bar=2&bodySHA256=" + EmptyBodyHash, result.MatchedUrl);
    }

    [Fact]
    public void Node_only_hash_param()
    {
        Assert.True(ValidateWithBody("https://mycompany.com/myapp.php?bodySHA256=" + BodyHash, "y77kIzt2vzLz71DgmJGsen2scGs=", Body).IsValid);
    }

    [Fact]
    public void Node_body_but_no_bodySHA256_is_false_even_with_params()
    {
        var result = TwilioRequestSignature.Evaluate(Key, Url, "RSOYDt4T1cUTdK1PDd93/VVr8B8=", Params(), Body);
        Assert.False(result.IsValid);
        Assert.Equal(TwilioSignatureOutcome.BodyHashMissing, result.Outcome);
    }

    [Fact]
    public void Node_array_param_values_sorted_in_either_order()
    {
        var forward = new[] { Pair("MessagingBinding.Address", "+1325xxxxxxx"), Pair("MessagingBinding.Address", "+1415xxxxxxx") };
        var backward = forward.Reverse().ToArray();
        Assert.True(Validate(Url, "83O6e2vORAoJHUNzJjDWN1jz+BA=", forward));
        Assert.True(Validate(Url, "83O6e2vORAoJHUNzJjDWN1jz+BA=", backward));
    }

    [Fact]
    public void Node_and_python_multiple_values_deduplicated_and_sorted()
    {
        var parameters = new[] { Pair("Sid", "CA123"), Pair("SidAccount", "AC123"), Pair("Digits", "5678"), Pair("Digits", "1234"), Pair("Digits", "1234") };
        Assert.Equal(Url + "Digits1234Digits5678SidCA123SidAccountAC123", TwilioRequestSignature.Canonical(Url, parameters));
        Assert.True(Validate(Url, "IK+Dwps556ElfBT0I3Rgjkr1wJU=", parameters));

        // The same from a raw form body (python's MultiDict / Django QueryDict case).
        var form = TwilioRequestSignature.ParseForm("Sid=CA123&SidAccount=AC123&Digits=5678&Digits=1234&Digits=1234");
        Assert.True(Validate(Url, "IK+Dwps556ElfBT0I3Rgjkr1wJU=", form));
    }

    // ---- twilio-node spec/unit/webhooks/webhooks.spec.js (token s3cr3t, no params) ----

    [Theory]
    [InlineData("https://example.com/path?test=param", "loLgTitFAoWx57yy5oEU4Hlddzw=")]
    [InlineData("https://example.com:443/path?test=param", "IdwMFypqvNxti3YgvWWmfcNL26M=")]
    [InlineData("https://example.com/path?test=param2", "De7bak0ehNIYPffbL8v7JywCK2Y=")]
    [InlineData("https://example.com/path?test=param'WithQuote", "GfI7onHX/KQ2k1oVS3cUTVk4IEw=")]
    [InlineData("https://example.com/path?test=param%27WithQuote", "HkuXLxVQ7zHv9LmGpzlLuGaxhJY=")]
    public void Webhooks_spec_values(string url, string signature)
    {
        Assert.Equal(signature, TwilioRequestSignature.Compute(Encoding.UTF8.GetBytes("s3cr3t"), url, null));
    }

    [Fact]
    public void Webhooks_spec_a_changed_query_value_fails()
    {
        Assert.False(Validate("https://example.com/path?test=param2", "loLgTitFAoWx57yy5oEU4Hlddzw=", null, "s3cr3t"));
    }

    [Fact]
    public void Webhooks_spec_443_and_no_port_validate_each_other()
    {
        Assert.True(Validate("https://example.com:443/path?test=param", "loLgTitFAoWx57yy5oEU4Hlddzw=", null, "s3cr3t"));
        Assert.True(Validate("https://example.com/path?test=param", "IdwMFypqvNxti3YgvWWmfcNL26M=", null, "s3cr3t"));
    }

    [Fact]
    public void Webhooks_spec_quote_and_percent_27_validate_each_other()
    {
        // twilio-node signs (getExpectedTwilioSignature) and checks the %27 spelling for both URLs.
        Assert.True(Validate("https://example.com/path?test=param'WithQuote", "HkuXLxVQ7zHv9LmGpzlLuGaxhJY=", null, "s3cr3t"));
        Assert.True(Validate("https://example.com/path?test=param%27WithQuote", "HkuXLxVQ7zHv9LmGpzlLuGaxhJY=", null, "s3cr3t"));

        // And a URL with ' signed as given (twilio-csharp) is accepted too.
        Assert.True(Validate("https://example.com/path?test=param'WithQuote", "GfI7onHX/KQ2k1oVS3cUTVk4IEw=", null, "s3cr3t"));
    }

    // ---- twilio-python tests/unit/test_request_validator.py ----

    [Fact]
    public void Python_vectors()
    {
        Assert.Equal("RSOYDt4T1cUTdK1PDd93/VVr8B8=", TwilioRequestSignature.Compute(Key, Url, Params()));
        Assert.Equal(BodyHash, TwilioRequestSignature.BodyHash(Body));
        Assert.True(Validate("https://mycompany.com:1234/myapp.php?foo=1&bar=2", "RSOYDt4T1cUTdK1PDd93/VVr8B8=", Params()));
        Assert.True(Validate("http://mycompany.com:1234/myapp.php?foo=1&bar=2", "Zmvh+3yNM1Phv2jhDCwEM3q5ebU=", Params()));
        Assert.True(Validate(Url, "kvajT1Ptam85bY51eRf/AJRuM3w=", Params()));
        Assert.True(Validate("http://mycompany.com/myapp.php?foo=1&bar=2", "0ZXoZLH/DfblKGATFgpif+LLRf4=", Params()));
        Assert.True(ValidateWithBody(Url + "&bodySHA256=" + BodyHash, "a9nBmqA0ju/hNViExpshrM61xv4=", Body).IsValid);
    }

    // ---- tampering ----

    [Theory]
    [InlineData("From", "+14158675308")]
    [InlineData("CallSid", "CA1234567890ABCDF")]
    [InlineData("To", "+18005551213")]
    [InlineData("Caller", "+14158675300")]
    [InlineData("Digits", "1235")]
    [InlineData("Digits", "")]
    [InlineData("Digits", "1234 ")]
    public void Changing_any_parameter_fails(string name, string value)
    {
        var tampered = Params().Select(p => p.Key == name ? Pair(name, value) : p).ToList();
        Assert.False(Validate(Url, "RSOYDt4T1cUTdK1PDd93/VVr8B8=", tampered));
    }

    [Theory]
    [InlineData("From")]
    [InlineData("CallSid")]
    [InlineData("To")]
    [InlineData("Caller")]
    [InlineData("Digits")]
    public void Removing_or_renaming_any_parameter_fails(string name)
    {
        Assert.False(Validate(Url, "RSOYDt4T1cUTdK1PDd93/VVr8B8=", Params().Where(p => p.Key != name)));
        Assert.False(Validate(Url, "RSOYDt4T1cUTdK1PDd93/VVr8B8=", Params().Select(p => p.Key == name ? Pair(name.ToLowerInvariant(), p.Value) : p)));
    }

    [Fact]
    public void Adding_a_parameter_or_repeating_one_with_another_value_fails()
    {
        var added = Params();
        added.Add(Pair("Extra", "1"));
        Assert.False(Validate(Url, "RSOYDt4T1cUTdK1PDd93/VVr8B8=", added));
        var repeated = Params();
        repeated.Add(Pair("Digits", "9999"));
        Assert.False(Validate(Url, "RSOYDt4T1cUTdK1PDd93/VVr8B8=", repeated));

        // A repeat of the same value is the same signed text (node, python).
        var same = Params();
        same.Add(Pair("Digits", "1234"));
        Assert.True(Validate(Url, "RSOYDt4T1cUTdK1PDd93/VVr8B8=", same));
    }

    [Theory]
    [InlineData("http://mycompany.com/myapp.php?foo=1&bar=2")]
    [InlineData("https://mycompany.org/myapp.php?foo=1&bar=2")]
    [InlineData("https://www.mycompany.com/myapp.php?foo=1&bar=2")]
    [InlineData("https://Mycompany.com/myapp.php?foo=1&bar=2")]
    [InlineData("https://mycompany.com/Myapp.php?foo=1&bar=2")]
    [InlineData("https://mycompany.com/myapp.php/?foo=1&bar=2")]
    [InlineData("https://mycompany.com/myapp.php?foo=2&bar=2")]
    [InlineData("https://mycompany.com/myapp.php?bar=2&foo=1")]
    [InlineData("https://mycompany.com/myapp.php?foo=1&bar=2&")]
    [InlineData("https://mycompany.com/myapp.php?foo=1")]
    [InlineData("https://mycompany.com/myapp.php")]
    [InlineData("https://mycompany.com:8443/myapp.php?foo=1&bar=2&x")]
    [InlineData("https://mycompany.com:80/myapp.php?foo=1&bar=2&x")]
    [InlineData("https://user@mycompany.com/myapp.php?foo=1&bar=2")]
    [InlineData("https://mycompany.com/myapp.php?foo=1&bar=%32")]
    public void Changing_any_part_of_the_url_fails(string url)
    {
        Assert.False(Validate(url, "RSOYDt4T1cUTdK1PDd93/VVr8B8=", Params()));
        Assert.False(Validate(url, "kvajT1Ptam85bY51eRf/AJRuM3w=", Params()));
    }

    [Theory]
    [InlineData("https://mycompany.com:443/myapp.php?foo=1&bar=2", true)]
    [InlineData("https://mycompany.com:1234/myapp.php?foo=1&bar=2", true)]
    [InlineData("https://mycompany.com:80/myapp.php?foo=1&bar=2", true)]
    [InlineData("http://mycompany.com:443/myapp.php?foo=1&bar=2", false)]
    [InlineData("http://mycompany.com/myapp.php?foo=1&bar=2", false)]
    public void Port_variants_of_the_no_port_signature(string url, bool expected)
    {
        // Any explicit port is removed (cs, node, python), but the scheme is signed.
        Assert.Equal(expected, Validate(url, "RSOYDt4T1cUTdK1PDd93/VVr8B8=", Params()));
    }

    [Fact]
    public void A_custom_port_signature_is_not_accepted_for_another_port_or_none()
    {
        // CYn1... is the signature of :1234; the same request at :1235 or without port is not that.
        Assert.False(Validate("https://mycompany.com:1235/myapp.php?foo=1&bar=2", "CYn1h0gLBdNxDGkKJg6hYohgeD8=", Params()));
        Assert.False(Validate(Url, "CYn1h0gLBdNxDGkKJg6hYohgeD8=", Params()));
    }

    [Fact]
    public void Port_variant_keeps_everything_else_and_knows_ipv6()
    {
        Assert.Equal("https://[2001:db8::1]:443/x?a=1", TwilioRequestSignature.PortVariant("https://[2001:db8::1]/x?a=1"));
        Assert.Equal("https://[2001:db8::1]/x?a=1", TwilioRequestSignature.PortVariant("https://[2001:db8::1]:8443/x?a=1"));
        Assert.Equal("HTTPS://u:p@Host.Example:443", TwilioRequestSignature.PortVariant("HTTPS://u:p@Host.Example"));
        Assert.Equal("http://h:80?q=a:b@c/d", TwilioRequestSignature.PortVariant("http://h?q=a:b@c/d"));
    }

    [Fact]
    public void Changing_the_body_fails_on_its_hash_not_on_the_signature()
    {
        var url = Url + "&bodySHA256=" + BodyHash;
        foreach (var body in new[] { Body.Replace("value", "valuE"), Body + "\n", Body.Replace("true", "false"), "{}", string.Empty, " " + Body })
        {
            var result = ValidateWithBody(url, "a9nBmqA0ju/hNViExpshrM61xv4=", body);
            Assert.False(result.IsValid);
            Assert.Equal(TwilioSignatureOutcome.BodyHashMismatch, result.Outcome);
            Assert.True(result.BodyHashChecked);
        }
    }

    [Fact]
    public void Changing_the_bodySHA256_in_the_url_fails_on_the_signature()
    {
        var otherBody = "{\"property\": \"evil\", \"boolean\": true}";
        var url = Url + "&bodySHA256=" + TwilioRequestSignature.BodyHash(otherBody);
        var result = ValidateWithBody(url, "a9nBmqA0ju/hNViExpshrM61xv4=", otherBody);
        Assert.False(result.IsValid);
        Assert.Equal(TwilioSignatureOutcome.SignatureMismatch, result.Outcome);
    }

    [Fact]
    public void A_second_bodySHA256_must_match_too()
    {
        var url = Url + "&bodySHA256=" + BodyHash + "&bodySHA256=" + EmptyBodyHash;
        var signature = TwilioRequestSignature.Compute(Key, url, null);
        Assert.Equal(TwilioSignatureOutcome.BodyHashMismatch, ValidateWithBody(url, signature, Body).Outcome);
    }

    [Fact]
    public void A_hashed_url_without_a_body_is_false()
    {
        var result = TwilioRequestSignature.Evaluate(Key, Url + "&bodySHA256=" + BodyHash, "a9nBmqA0ju/hNViExpshrM61xv4=", Params(), null);
        Assert.False(result.IsValid);
        Assert.Equal(TwilioSignatureOutcome.BodyMissing, result.Outcome);
    }

    [Theory]
    [InlineData("12346")]
    [InlineData("1234")]
    [InlineData("123456")]
    [InlineData(" 12345")]
    [InlineData("12345 ")]
    public void A_wrong_token_fails(string token)
    {
        Assert.False(Validate(Url, "RSOYDt4T1cUTdK1PDd93/VVr8B8=", Params(), token));
        Assert.False(ValidateWithBody(Url + "&bodySHA256=" + BodyHash, "a9nBmqA0ju/hNViExpshrM61xv4=", Body, token).IsValid);
    }

    [Theory]
    [InlineData("RSOYDt4T1cUTdK1PDd93/VVr8B8")]
    [InlineData("RSOYDt4T1cUTdK1PDd93/VVr8B9=")]
    [InlineData("rsoydt4t1cutdk1pdd93/vvr8b8=")]
    [InlineData("RSOYDt4T1cUTdK1PDd93/VVr8B8==")]
    [InlineData("RSOYDt4T1cUTdK1PDd93_VVr8B8=")]
    [InlineData("45238e0ede13d5c51374ad4f0ddf77fd556bf01f")]
    public void Another_spelling_of_the_signature_fails(string signature)
    {
        Assert.False(Validate(Url, signature, Params()));
    }

    [Fact]
    public void Whitespace_around_the_header_value_is_ignored()
    {
        Assert.True(Validate(Url, " RSOYDt4T1cUTdK1PDd93/VVr8B8=\r\n", Params()));
    }

    [Fact]
    public void A_form_body_parses_to_the_signed_fields()
    {
        var form = TwilioRequestSignature.ParseForm("CallSid=CA1234567890ABCDE&Caller=%2B14158675309&Digits=1234&From=%2B14158675309&To=%2B18005551212");
        Assert.True(Validate(Url, "RSOYDt4T1cUTdK1PDd93/VVr8B8=", form));
        Assert.Equal(new[] { Pair("a b", "c+d"), Pair("e", string.Empty), Pair("é", "%zz") }, TwilioRequestSignature.ParseForm("a+b=c%2Bd&e&&%C3%A9=%zz"));
    }

    [Fact]
    public void The_result_never_holds_the_token_or_the_expected_signature()
    {
        var token = "canary-" + Guid.NewGuid().ToString("N");
        var expected = TwilioRequestSignature.Compute(Encoding.UTF8.GetBytes(token), Url, Params());
        var result = TwilioRequestSignature.Evaluate(Encoding.UTF8.GetBytes(token), Url, string.Concat("AAAA", expected.AsSpan(4)), Params(), null);
        Assert.False(result.IsValid);
        var text = string.Join("|", result.Message, result.Url, result.MatchedUrl, result.ToString(), result.Outcome);
        Assert.DoesNotContain(token, text, StringComparison.Ordinal);
        Assert.DoesNotContain(expected, text, StringComparison.Ordinal);
        Assert.DoesNotContain(expected.Substring(4, 20), text, StringComparison.Ordinal);
    }

    /// <summary>Read from the code, as the Authy callback test does: no early exit, no string equality.</summary>
    [Fact]
    public void The_comparison_is_constant_time()
    {
        var source = File.ReadAllText(Path.Combine(RepositoryRoot(), "src", "Authy", "Verify", "Signing", "TwilioRequestSignature.cs"));
        var verify = Regex.Match(source, @"(?ms)^([ ]*)public static bool Verify\(.*?\n\1}").Value;
        Assert.Contains("var equal = FixedTimeEquals(expected, given);", verify);
        Assert.Contains("any |= equal;", verify);
        Assert.DoesNotMatch(@"==\s*signature|signature\s*==|\.Equals\(|SequenceEqual|string\.Compare|\|\|", verify);

        var body = Regex.Match(source, @"(?ms)^([ ]*)public static bool VerifyBody\(.*?\n\1}").Value;
        Assert.Contains("return FixedTimeEquals(", body);
        Assert.DoesNotMatch(@"\.Equals\(|string\.Compare|==\s*expectedHash", body);

        // The comparison is the one shared with the Authy callback signature: no local FixedTimeEquals may shadow it.
        Assert.Contains("using static Authy.Signing.SigningPrimitives;", source);
        Assert.DoesNotMatch(@"static bool FixedTimeEquals\(", source);
        var primitives = File.ReadAllText(Path.Combine(RepositoryRoot(), "src", "Authy", "Signing", "SigningPrimitives.cs"));
        var fixedTime = Regex.Match(primitives, @"(?ms)^([ ]*)internal static bool FixedTimeEquals\(.*?\n\1}").Value;
        Assert.Contains("difference |= expected[i] ^ given[i];", fixedTime);
        Assert.Contains("return difference == 0;", fixedTime);
        var loop = Regex.Match(fixedTime, @"(?s)for \(.*?\{(.*?)\}").Groups[1].Value;
        Assert.DoesNotMatch("return|break", loop);

        // The body-hash loop of Evaluate does not stop at the first mismatch either.
        var evaluate = Regex.Match(source, @"(?ms)^([ ]*)public static TwilioRequestSignatureResult Evaluate\(.*?\n\1}").Value;
        Assert.Contains("allMatch &= VerifyBody(", evaluate);
    }

    // The repository is found from this source file's own path, so the test runs wherever the build puts
    // its binaries (build.ps1 -OutputPath may be outside the repository).
    private static string RepositoryRoot([System.Runtime.CompilerServices.CallerFilePath] string sourceFile = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(sourceFile)!, "..", "..", ".."));
}
