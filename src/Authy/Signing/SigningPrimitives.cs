using System.Text;

namespace Authy.Signing;

/// <summary>
/// What the Authy callback signature and the Twilio request signature share: the constant-time comparison
/// and the decoding of a form/query component. One implementation, so a fix reaches both.
/// </summary>
internal static class SigningPrimitives
{
    /// <summary>CryptographicOperations.FixedTimeEquals is not in netstandard2.0.</summary>
    internal static bool FixedTimeEquals(byte[] expected, byte[] given)
    {
        // The length of a signature is public (Base64 HMAC-SHA1 28, HMAC-SHA256 44, hex SHA-256 64): a length difference may end early.
        if (expected.Length != given.Length)
        {
            return false;
        }

        var difference = 0;
        for (var i = 0; i < expected.Length; i++)
        {
            difference |= expected[i] ^ given[i];
        }

        return difference == 0;
    }

    /// <summary>
    /// '+' is a space, %XX a UTF-8 byte; a '%' not followed by two hex digits stays as it is. With
    /// <paramref name="keepSurrogatePairs"/> an unescaped astral character is kept whole; without it each
    /// half is encoded alone (Rack's unescape as the Authy signature has always done it).
    /// </summary>
    internal static string PercentDecode(string text, bool keepSurrogatePairs)
    {
        if (text.IndexOf('%') < 0 && text.IndexOf('+') < 0)
        {
            return text;
        }

        var bytes = new List<byte>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '+')
            {
                bytes.Add((byte)' ');
            }
            else if (c == '%' && i + 2 < text.Length && IsHex(text[i + 1]) && IsHex(text[i + 2]))
            {
                bytes.Add((byte)((HexValue(text[i + 1]) << 4) | HexValue(text[i + 2])));
                i += 2;
            }
            else if (keepSurrogatePairs && char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(text.Substring(i, 2)));
                i++;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(c.ToString()));
            }
        }

        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    private static bool IsHex(char c) => (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}
