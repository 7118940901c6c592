namespace Authy.Models;

/// <summary>A QR code for a generic authenticator app such as Google Authenticator (docs/api/authy.md §2.10).</summary>
public sealed class AuthyQrCode
{
    public long AuthyId { get; set; }

    /// <summary>Link to the PNG image of the QR code (the API's <c>qr_code</c>).</summary>
    public string QrCodeUrl { get; set; } = string.Empty;

    /// <summary>The label asked for, shown in the authenticator app; null when Authy's default was used.</summary>
    public string? Label { get; set; }

    /// <summary>The image size asked for, in pixels; null when Authy's default (300) was used.</summary>
    public int? Size { get; set; }

    public string? Message { get; set; }

    public override string ToString() => QrCodeUrl;
}
