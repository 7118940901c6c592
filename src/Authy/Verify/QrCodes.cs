using System.Security;
using QRCoder;

namespace Authy.Verify;

/// <summary>
/// The TOTP enrolment QR code, drawn locally from a factor's <c>otpauth://</c> URI: Verify serves no image, and
/// the URI carries the secret, so it must not go to a third-party QR service either.
/// </summary>
/// <remarks>
/// This class is the only one that names QRCoder's types, so QRCoder.dll loads on the first QR code drawn,
/// never at Import-Module (its callers see only strings and bytes). Only the two renderers that need no
/// graphics library are used, which is why System.Drawing.Common is not shipped (src/Authy/Authy.csproj).
/// </remarks>
internal static class QrCodes
{
    /// <summary>Pixels per module in the PNG: a 57-module code (a typical otpauth URI) becomes 570 px, easy to scan from a screen.</summary>
    private const int PixelsPerModule = 10;

    /// <summary>
    /// The code as text for a terminal, two modules per character line (half blocks), with its quiet zone.
    /// The light modules and the quiet zone are drawn as blocks and the dark ones left blank, so on the usual
    /// dark terminal background the code reads dark-on-light, as scanners expect (QRCoder's default: invert false).
    /// </summary>
    public static string Terminal(SecureString uri)
    {
        using (var data = Encode(uri))
        using (var code = new AsciiQRCode(data))
        {
            return code.GetGraphicSmall(drawQuietZones: true, invert: false, endOfLine: "\n");
        }
    }

    /// <summary>The code as a PNG file's bytes: black on white, with its quiet zone.</summary>
    public static byte[] Png(SecureString uri)
    {
        using (var data = Encode(uri))
        using (var code = new PngByteQRCode(data))
        {
            return code.GetGraphic(PixelsPerModule, drawQuietZones: true);
        }
    }

    private static QRCodeData Encode(SecureString uri)
    {
        using (var generator = new QRCodeGenerator())
        {
            // Level M (15% recovery), what authenticator enrolment codes commonly use: denser codes scan worse from a terminal.
            return generator.CreateQrCode(SecureText.Reveal(uri), QRCodeGenerator.ECCLevel.M);
        }
    }
}
