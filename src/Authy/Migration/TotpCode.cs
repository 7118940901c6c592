using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;
using System.Security;
using System.Security.Cryptography;

namespace Authy.Migration;

/// <summary>
/// RFC 6238 codes (HMAC-SHA-1) computed from a Base32 seed held in a SecureString, so a migrated factor can be
/// verified with a code that is current when it is sent: the <c>otp</c> Authy exports with the seed goes stale
/// within seconds under load (docs/api/verify.md §7.5). A few lines of our own rather than Otp.NET, which the module
/// does not ship; the tests check them against the RFC's appendix B vectors.
/// </summary>
/// <remarks>
/// The seed is read from unmanaged memory straight into a byte array (no string of it is made here), used for
/// one HMAC, and the array is zeroed at once, as are the unmanaged copy and the HMAC's own key.
/// </remarks>
internal static class TotpCode
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    /// <summary>The code for <paramref name="time"/> (SHA-1, <paramref name="timeStep"/> seconds, <paramref name="digits"/> digits).</summary>
    [SuppressMessage("Security", "CA5350:Do Not Use Weak Cryptographic Algorithms", Justification = "The exported seeds are RFC 6238 with HMAC-SHA1, as the users' authenticator apps compute them; another hash would give other codes.")]
    public static string Compute(SecureString base32Seed, DateTimeOffset time, int timeStep = 30, int digits = 6)
    {
        if (digits < 1 || digits > 9)
        {
            throw new ArgumentOutOfRangeException(nameof(digits), digits, "A TOTP code has 1 to 9 digits.");
        }

        var key = DecodeBase32(base32Seed);
        try
        {
            var counter = time.ToUnixTimeSeconds() / timeStep;
            var message = new byte[8];
            for (var i = 7; i >= 0; i--)
            {
                message[i] = (byte)(counter & 0xFF);
                counter >>= 8;
            }

            byte[] hash;
            using (var hmac = new HMACSHA1(key))
            {
                hash = hmac.ComputeHash(message);
            }

            var offset = hash[hash.Length - 1] & 0x0F;
            var binary = ((hash[offset] & 0x7F) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
            var modulo = 1;
            for (var i = 0; i < digits; i++)
            {
                modulo *= 10;
            }

            Array.Clear(hash, 0, hash.Length);
            return (binary % modulo).ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0');
        }
        finally
        {
            Array.Clear(key, 0, key.Length);
        }
    }

    /// <summary>
    /// Base32 (RFC 4648) to bytes, reading the SecureString's characters one at a time from unmanaged memory.
    /// Upper or lower case; '=', spaces and dashes are ignored (seeds are often written in groups).
    /// </summary>
    internal static byte[] DecodeBase32(SecureString base32Seed)
    {
        var pointer = IntPtr.Zero;
        var buffer = new byte[(base32Seed.Length * 5 / 8) + 1];
        try
        {
            pointer = Marshal.SecureStringToGlobalAllocUnicode(base32Seed);
            var bits = 0;
            var value = 0;
            var count = 0;
            for (var i = 0; i < base32Seed.Length; i++)
            {
                var character = char.ToUpperInvariant((char)Marshal.ReadInt16(pointer, i * 2));
                if (character == '=' || character == ' ' || character == '-')
                {
                    continue;
                }

                var index = Alphabet.IndexOf(character);
                if (index < 0)
                {
                    // Never the character itself: it is part of a secret.
                    throw new FormatException("The seed is not Base32.");
                }

                value = (value << 5) | index;
                bits += 5;
                if (bits >= 8)
                {
                    buffer[count++] = (byte)(value >> (bits - 8));
                    bits -= 8;
                }

                value &= (1 << bits) - 1;
            }

            if (count == 0)
            {
                throw new FormatException("The seed is empty.");
            }

            var key = new byte[count];
            Buffer.BlockCopy(buffer, 0, key, 0, count);
            return key;
        }
        finally
        {
            Array.Clear(buffer, 0, buffer.Length);
            if (pointer != IntPtr.Zero)
            {
                Marshal.ZeroFreeGlobalAllocUnicode(pointer);
            }
        }
    }
}
