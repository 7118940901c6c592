namespace Authy.Cmdlets;

/// <summary>Get-AuthyApplication: the application the API key belongs to, its plan and enabled features (app/details, docs/api/authy.md §2.19).</summary>
[Cmdlet(VerbsCommon.Get, "AuthyApplication")]
[OutputType(typeof(AuthyApplication))]
public sealed class GetAuthyApplicationCommand : AuthyApplicationCmdlet<AuthyApplication>
{
    private protected override Task<AuthyApplication> ReadAsync(string? userIp, IRequestLog log, CancellationToken cancellationToken) =>
        Api.GetApplicationAsync(userIp, log, cancellationToken);
}
