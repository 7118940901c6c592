using System;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Authy.Http;
using Authy.Tests.Support;
using Authy.Validation;
using Authy.Verify;
using Xunit;

namespace Authy.Tests.Verify;

/// <summary>What the TOTP cmdlets check before any request, the QR renderers, and the 5-wrong-codes limits never retried.</summary>
public class TotpRulesTests
{
    private const string Seed = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

    [Theory]
    [InlineData(Seed)]
    [InlineData("gezdgnbvgy3tqojqgezdgnbvgy3tqojq")]
    [InlineData("GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ")]
    [InlineData("GEZD-GNBV-GY3T-QOJQ-GEZD-GNBV-GY3T-QOJQ")]
    [InlineData("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ======")]
    public void A_base32_seed_is_accepted_and_sent_as_Twilio_takes_it(string written)
    {
        var seed = TotpRules.Base32Secret(SecureText.Protect(written), out var problem);
        Assert.Null(problem);
        Assert.Equal(Seed, SecureText.Reveal(seed!));
    }

    [Theory]
    [InlineData("GEZDGNBVGY3TQOJ1GEZDGNBVGY3TQOJQ", "character 16 of 32")]
    [InlineData("GEZDGNBVGY3TQOJ8GEZDGNBVGY3TQOJQ", "character 16 of 32")]
    [InlineData("GEZDGNBV=GY3TQOJQGEZDGNBVGY3TQOJQ", "character 10 of 33")]
    [InlineData("GEZDGNBVGY3TQOJQ\nGEZDGNBVGY3TQOJQ", "character 17 of 33")]
    [InlineData("GEZDGNBVGY3TQOJ", "too short")]
    [InlineData("", "empty")]
    public void A_seed_that_is_not_base32_is_refused_without_being_repeated(string written, string expected)
    {
        var seed = TotpRules.Base32Secret(SecureText.Protect(written), out var problem);
        Assert.Null(seed);
        Assert.Contains(expected, problem, StringComparison.Ordinal);
        for (var i = 0; i + 6 <= written.Length; i++)
        {
            Assert.DoesNotContain(written.Substring(i, 6), problem, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Theory]
    [InlineData("ff483d1ff591898a9942916050d2ca3f")]
    [InlineData("550e8400-e29b-41d4-a716-446655440000")]
    [InlineData("ann-1234")]
    public void An_identity_of_dash_separated_letters_and_digits_is_accepted(string identity) => Assert.Null(TotpRules.Identity(identity));

    [Theory]
    [InlineData("ann-123")]
    [InlineData("-ann-1234")]
    [InlineData("ann-1234-")]
    [InlineData("ann--1234")]
    [InlineData("ann_12345")]
    [InlineData("ann@example.com")]
    [InlineData("ann-1234/../x")]
    [InlineData("ann-\u0661\u0662\u0663\u0664")]
    [InlineData(null)]
    public void Any_other_identity_is_refused(string? identity) => Assert.NotNull(TotpRules.Identity(identity));

    [Fact]
    public void An_identity_of_65_characters_is_refused() => Assert.NotNull(TotpRules.Identity(new string('a', 65)));

    [Theory]
    [InlineData("123", true)]
    [InlineData("012345", true)]
    [InlineData("12345678", true)]
    [InlineData("12", false)]
    [InlineData("123456789", false)]
    [InlineData("123 456", true)]
    [InlineData("1234 5678", true)]
    [InlineData("12\t456", false)]
    [InlineData("12 3456789", false)]
    [InlineData("\u0661\u0662\u0663\u0664", false)]
    public void A_totp_code_is_3_to_8_ascii_digits_in_the_groups_apps_show(string code, bool accepted) => Assert.Equal(accepted, TotpRules.Code(code) == null);

    [Fact]
    public void A_grouped_code_is_sent_as_its_digits() => Assert.Equal("945980", TotpRules.CodeDigits("945 980"));

    [Fact]
    public void The_png_is_a_square_png_and_the_terminal_code_has_a_light_quiet_zone()
    {
        var uri = SecureText.Protect("otpauth://totp/Contoso:Ann?secret=" + Seed + "&issuer=Contoso&algorithm=SHA1&digits=6&period=30");
        var png = QrCodes.Png(uri);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png.Take(8).ToArray());
        var width = (png[16] << 24) | (png[17] << 16) | (png[18] << 8) | png[19];
        var height = (png[20] << 24) | (png[21] << 16) | (png[22] << 8) | png[23];
        Assert.True(width > 0);
        Assert.Equal(width, height);

        var lines = QrCodes.Terminal(uri).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length > 10);
        Assert.All(lines[0], character => Assert.Equal('█', character));
        Assert.DoesNotContain(Seed, QrCodes.Terminal(uri), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(60310)]
    [InlineData(60308)]
    public async Task Five_wrong_codes_is_a_429_that_is_not_retried(int code)
    {
        var body = "{\"code\": " + code + ", \"message\": \"attempts reached\", \"more_info\": \"https://www.twilio.com/docs/errors/" + code + "\", \"status\": 429}";
        var harness = VerifyHarness.Of(Step.Json(429, body), Step.Json(429, body));
        var handler = harness.Handler;
        var api = harness.Api;

        var failure = await Assert.ThrowsAsync<TwilioApiException>(() =>
            api.GetFactorAsync("ann-12345", "YF0123456789abcdef0123456789abcdef", null, CancellationToken.None));

        Assert.Single(handler.Requests);
        Assert.Equal("TwilioVerify." + code, failure.ErrorId);
        Assert.Contains("Not retried", failure.Message, StringComparison.Ordinal);
    }
}
