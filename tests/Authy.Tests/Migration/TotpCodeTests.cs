using System;
using Authy.Http;
using Authy.Migration;
using Xunit;

namespace Authy.Tests.Migration;

/// <summary>The module's RFC 6238 code: the RFC's SHA-1 vectors (appendix B), read from a SecureString seed.</summary>
public class TotpCodeTests
{
    // Base32 of ASCII "12345678901234567890", the RFC 4226/6238 test key.
    private const string Seed = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

    [Theory]
    [InlineData(59L, "94287082")]
    [InlineData(1111111109L, "07081804")]
    [InlineData(1111111111L, "14050471")]
    [InlineData(1234567890L, "89005924")]
    [InlineData(2000000000L, "69279037")]
    [InlineData(20000000000L, "65353130")]
    public void Rfc6238_sha1_vectors(long unixSeconds, string expected)
    {
        var time = DateTimeOffset.FromUnixTimeSeconds(unixSeconds);
        Assert.Equal(expected, TotpCode.Compute(SecureText.Protect(Seed), time, 30, 8));
        Assert.Equal(expected.Substring(2), TotpCode.Compute(SecureText.Protect(Seed), time, 30, 6));
    }

    [Fact]
    public void Lower_case_grouped_and_padded_seeds_give_the_same_key()
    {
        var plain = TotpCode.DecodeBase32(SecureText.Protect(Seed));
        Assert.Equal("12345678901234567890", System.Text.Encoding.ASCII.GetString(plain));
        Assert.Equal(plain, TotpCode.DecodeBase32(SecureText.Protect("gezd gnbv-gy3t qojq gezd gnbv gy3t qojq====")));
    }

    [Fact]
    public void A_seed_that_is_not_base32_is_refused_without_quoting_it()
    {
        var failure = Assert.Throws<FormatException>(() => TotpCode.DecodeBase32(SecureText.Protect("GEZDGNBV1GY3TQOJQ")));
        Assert.DoesNotContain("GEZD", failure.Message, StringComparison.Ordinal);
        Assert.Throws<FormatException>(() => TotpCode.DecodeBase32(SecureText.Protect("====")));
    }
}
