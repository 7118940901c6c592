using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using Authy.Cmdlets.Infrastructure;
using Authy.Http;
using Authy.Models;

namespace Authy.Cmdlets
{
    /// <summary>
    /// Send-AuthySms: texts a token to users (sms/{id}, docs/api/authy.md §2.6). For a user with the Authy app
    /// the result says Ignored unless -Force is given; that is not an error.
    /// </summary>
    [Cmdlet(VerbsCommunications.Send, "AuthySms", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(AuthyTokenDelivery))]
    public sealed class SendAuthySmsCommand : PhoneTokenCmdlet
    {
        protected override string ActionDescription => "Send SMS token";

        protected override Task<AuthyTokenDelivery> SendAsync(
            long authyId, bool force, string? action, string? actionMessage, string? locale, IRequestLog log, CancellationToken cancellationToken) =>
            Api.SendSmsTokenAsync(authyId, force, action, actionMessage, locale, log, cancellationToken);
    }
}
