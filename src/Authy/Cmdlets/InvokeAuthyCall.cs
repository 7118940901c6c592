using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using Authy.Cmdlets.Infrastructure;
using Authy.Http;
using Authy.Models;

namespace Authy.Cmdlets
{
    /// <summary>
    /// Invoke-AuthyCall: has Authy call users and read them a token (call/{id}, docs/api/authy.md §2.7). For a
    /// user with the Authy app the result says Ignored unless -Force is given; that is not an error.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Invoke, "AuthyCall", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(AuthyTokenDelivery))]
    public sealed class InvokeAuthyCallCommand : PhoneTokenCmdlet
    {
        protected override string ActionDescription => "Call with a token";

        protected override Task<AuthyTokenDelivery> SendAsync(
            long authyId, bool force, string? action, string? actionMessage, string? locale, IRequestLog log, CancellationToken cancellationToken) =>
            Api.StartCallTokenAsync(authyId, force, action, actionMessage, locale, log, cancellationToken);
    }
}
