namespace Authy.Cmdlets;

/// <summary>
/// New-AuthyQrCode: gets a QR code that a generic authenticator app (Google Authenticator and the like)
/// scans to produce 6-digit tokens for the user (users/{id}/secret, docs/api/authy.md §2.10).
/// </summary>
[Cmdlet(VerbsCommon.New, "AuthyQrCode", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(AuthyQrCode))]
public sealed class NewAuthyQrCodeCommand : AuthyUserCmdlet
{
    private const int MaxLabelLength = 255;

    /// <summary>The account name the authenticator app shows, e.g. <c>My Example App</c>.</summary>
    /// <remarks>Checked per record in <see cref="ProcessInput"/>, not by an attribute: a blank CSV cell is no label, a bad one the record's error.</remarks>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? Label { get; set; }

    /// <summary>Width and height of the image in pixels; Authy's default is 300.</summary>
    [Parameter]
    [Alias("qr_size", "QrSize")]
    [WholeNumber]
    [ValidateRange(1, 4096)]
    public int? Size { get; set; }

    protected override void ProcessInput()
    {
        if (!TryReadOptional(Label, "InvalidText", value => TextRules.Text("-Label", value, MaxLabelLength, multiline: false), out var label))
        {
            return;
        }

        var authyId = ResolvedAuthyId;
        var size = Size;
        EnqueueConfirmed(TargetFor(authyId), $"Authy user {authyId}", "Create authenticator QR code", (log, cancellationToken) =>
            Api.CreateQrCodeAsync(authyId, label, size, log, cancellationToken));
    }
}
