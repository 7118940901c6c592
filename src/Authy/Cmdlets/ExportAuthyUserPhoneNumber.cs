namespace Authy.Cmdlets;

/// <summary>
/// Export-AuthyUserPhoneNumber: exports users' phone numbers (with E.164) for a move to Twilio Verify's SMS or voice
/// codes (users/{id}/phone_number, docs/api/verify.md §7.3). Like Export-AuthyTotpSecret, Authy answers it only once
/// Twilio Support has enabled the application's migration tools (else 60154).
/// </summary>
[Cmdlet(VerbsData.Export, "AuthyUserPhoneNumber")]
[OutputType(typeof(AuthyUserPhoneNumber))]
public sealed class ExportAuthyUserPhoneNumberCommand : AuthyUserCmdlet
{
    protected override void ProcessInput()
    {
        var authyId = ResolvedAuthyId;
        Enqueue(TargetFor(authyId), (log, cancellationToken) => Api.ExportUserPhoneNumberAsync(authyId, log, cancellationToken));
    }
}
