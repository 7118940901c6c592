using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace Authy.Emulator.Domain;

/// <summary>Random identifiers and one-time codes.</summary>
public static class Codes
{
    private const string Base32Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    /// <summary>n random decimal digits; leading zeros kept (tokens are strings, docs/api/authy.md §1.11).</summary>
    public static string Digits(int length)
    {
        var builder = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            builder.Append((char)('0' + RandomNumberGenerator.GetInt32(10)));
        }

        return builder.ToString();
    }

    /// <summary>Lower-case hex of n random bytes.</summary>
    public static string Hex(int bytes) => Convert.ToHexString(RandomNumberGenerator.GetBytes(bytes)).ToLowerInvariant();

    /// <summary>A 24-hex Mongo ObjectId-like id (2.13 "_id", "app_id", "user_id").</summary>
    public static string ObjectId() => Hex(12);

    /// <summary>A deterministic ObjectId-like id from a number, so the same user always gets the same "user_id".</summary>
    public static string ObjectIdFor(string kind, long number)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(kind + ":" + number.ToString(CultureInfo.InvariantCulture)));
        // Convert.ToHexStringLower is .NET 9+; the emulator targets .NET 8.
        return Convert.ToHexString(hash.AsSpan(0, 12)).ToLowerInvariant();
    }

    /// <summary>A UUID formatted like Authy's time-based ones (any RFC-4122 text is fine, 2.12).</summary>
    public static string Uuid() => Guid.NewGuid().ToString("D");

    /// <summary>A random Base32 TOTP secret (160 bits).</summary>
    public static string TotpSecret()
    {
        // 32 Base32 characters = 160 random bits.
        var builder = new StringBuilder(32);
        for (var i = 0; i < 32; i++)
        {
            builder.Append(Base32Alphabet[RandomNumberGenerator.GetInt32(32)]);
        }

        return builder.ToString();
    }

    /// <summary>RFC 6238 TOTP (SHA-1, 30 s, 6 digits) — the generic-authenticator flavour of 1.11.</summary>
    [SuppressMessage("Security", "CA5350:Do Not Use Weak Cryptographic Algorithms", Justification = "Authy's TOTP is RFC 6238 with HMAC-SHA1, as authenticator apps compute it; another hash would give other codes.")]
    public static string Totp(string base32Secret, DateTimeOffset time)
    {
        var key = FromBase32(base32Secret);
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, time.ToUnixTimeSeconds() / 30);
        var hash = HMACSHA1.HashData(key, counter);
        var offset = hash[^1] & 0x0F;
        var binary = ((hash[offset] & 0x7F) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
    }

    private static byte[] FromBase32(string text)
    {
        var output = new byte[text.Length * 5 / 8];
        int buffer = 0, bits = 0, index = 0;
        foreach (var c in text)
        {
            buffer = (buffer << 5) | Base32Alphabet.IndexOf(c, StringComparison.Ordinal);
            bits += 5;
            if (bits >= 8)
            {
                output[index++] = (byte)(buffer >> (bits - 8));
                bits -= 8;
            }
        }

        return output;
    }
}
