using OtpNet;

namespace Authy.Emulator.Verify;

/// <summary>RFC 6238 codes of Verify TOTP factors, by Otp.NET: the factor's seed, algorithm, step, digits and skew.</summary>
internal static class TotpCodes
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    /// <summary>Base32 (RFC 4648, upper case, padding optional), at least 80 bits: else null.</summary>
    public static string? NormalizeSecret(string secret)
    {
        var text = secret.Trim().TrimEnd('=').ToUpperInvariant();
        return text.Length >= 16 && text.All(c => Alphabet.Contains(c, StringComparison.Ordinal)) ? text : null;
    }

    public static string NewSecret() => Base32Encoding.ToString(KeyGeneration.GenerateRandomKey(20)).TrimEnd('=');

    public static string Compute(VerifyFactor factor, DateTimeOffset now) => Create(factor).ComputeTotp(now.UtcDateTime);

    /// <summary>True when <paramref name="code"/> is the code of the step of <paramref name="now"/>, or of one of the Skew steps either side.</summary>
    public static bool Verify(VerifyFactor factor, string code, DateTimeOffset now) =>
        code.Length == factor.CodeLength &&
        Create(factor).VerifyTotp(now.UtcDateTime, code, out _, new VerificationWindow(factor.Skew, factor.Skew));

    private static Totp Create(VerifyFactor factor)
    {
        var mode = factor.Alg switch
        {
            "sha256" => OtpHashMode.Sha256,
            "sha512" => OtpHashMode.Sha512,
            _ => OtpHashMode.Sha1,
        };
        return new Totp(Base32Encoding.ToBytes(factor.Secret!), factor.TimeStep, mode, factor.CodeLength);
    }
}
