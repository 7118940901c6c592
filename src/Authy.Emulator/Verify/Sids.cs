using System.Security.Cryptography;

namespace Authy.Emulator.Verify;

/// <summary>Twilio SIDs: two capital letters and 32 lower-case hex digits (docs/api/verify.md §1.5).</summary>
public static class Sids
{
    public static string New(string prefix) =>
        prefix + Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();

    public static bool IsSid(string? value, string prefix)
    {
        if (value is null || value.Length != 34 || !value.StartsWith(prefix, StringComparison.Ordinal))
        {
            return false;
        }

        for (var i = 2; i < value.Length; i++)
        {
            if (!Uri.IsHexDigit(value[i]))
            {
                return false;
            }
        }

        return true;
    }
}
