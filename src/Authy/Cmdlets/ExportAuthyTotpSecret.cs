namespace Authy.Cmdlets;

/// <summary>
/// Export-AuthyTotpSecret: exports users' TOTP seeds for a move to another authenticator service
/// (users/{id}/secret/export, docs/api/authy.md §2.11). Authy enables the endpoint only on request (else 60154).
/// </summary>
[Cmdlet(VerbsData.Export, "AuthyTotpSecret")]
[OutputType(typeof(AuthyTotpSecret))]
public sealed class ExportAuthyTotpSecretCommand : AuthyUserCmdlet
{
    /// <summary>Also give the seed as text (PlainTextSecret), e.g. to write a migration file; otherwise it stays a SecureString.</summary>
    [Parameter]
    public SwitchParameter AsPlainText { get; set; }

    protected override void ProcessInput()
    {
        var authyId = ResolvedAuthyId;
        var asPlainText = AsPlainText.IsPresent;
        Enqueue(TargetFor(authyId), (log, cancellationToken) => Api.ExportTotpSecretAsync(authyId, asPlainText, log, cancellationToken));
    }
}
