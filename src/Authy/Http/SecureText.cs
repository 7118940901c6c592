using System.Runtime.InteropServices;
using System.Security;

namespace Authy.Http;

/// <summary>SecureString helpers: the key is turned into text only at the moment a request is built.</summary>
public static class SecureText
{
    public static string Reveal(SecureString secure)
    {
        var pointer = IntPtr.Zero;
        try
        {
            pointer = Marshal.SecureStringToGlobalAllocUnicode(secure);
            // With the length: a NUL inside the key must not silently cut it short.
            return Marshal.PtrToStringUni(pointer, secure.Length);
        }
        finally
        {
            if (pointer != IntPtr.Zero)
            {
                Marshal.ZeroFreeGlobalAllocUnicode(pointer);
            }
        }
    }

    public static SecureString Protect(string text)
    {
        var secure = new SecureString();
        foreach (var character in text)
        {
            secure.AppendChar(character);
        }

        secure.MakeReadOnly();
        return secure;
    }

    /// <summary>
    /// <paramref name="secure"/> without the blanks and line breaks a copy and paste leaves around it (no key or token
    /// has any); the same instance when there are none.
    /// </summary>
    public static SecureString Trimmed(SecureString secure)
    {
        var text = Reveal(secure);
        var trimmed = text.Trim();
        return trimmed.Length == text.Length ? secure : Protect(trimmed);
    }

    /// <summary>The last four characters behind asterisks, for display (never more).</summary>
    public static string Mask(SecureString secure)
    {
        var text = Reveal(secure);
        // A short key would be half revealed by its last four characters.
        return text.Length < 12 ? "****" : "****" + text.Substring(text.Length - 4);
    }
}
