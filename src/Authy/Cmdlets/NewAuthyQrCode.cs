namespace Authy.Cmdlets;

/// <summary>
/// New-AuthyQrCode: gets a QR code that a generic authenticator app (Google Authenticator and the like)
/// scans to produce 6-digit tokens for the user (users/{id}/secret, docs/api/authy.md §2.10).
/// </summary>
[Cmdlet(VerbsCommon.New, "AuthyQrCode", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(AuthyQrCode))]
public sealed class NewAuthyQrCodeCommand : AuthyUserCmdlet
{
    /// <summary>The account name the authenticator app shows, e.g. <c>My Example App</c>.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateSingleLineText(255)]
    public string? Label { get; set; }

    /// <summary>Width and height of the image in pixels; Authy's default is 300.</summary>
    [Parameter]
    [Alias("qr_size", "QrSize")]
    [WholeNumber]
    [ValidateRange(1, 4096)]
    public int? Size { get; set; }

    protected override void ProcessInput()
    {
        var authyId = ResolvedAuthyId;
        var label = Label;
        var size = Size;
        EnqueueConfirmed(TargetFor(authyId), $"Authy user {authyId}", "Create authenticator QR code", (log, cancellationToken) =>
            Api.CreateQrCodeAsync(authyId, label, size, log, cancellationToken));
    }
}
