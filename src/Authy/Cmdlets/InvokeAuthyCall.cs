using Authy.Api;

namespace Authy.Cmdlets;

/// <summary>
/// Invoke-AuthyCall: has Authy call users and read them a token (call/{id}, docs/api/authy.md §2.7). For a
/// user with the Authy app the result says Ignored unless -Force is given; that is not an error.
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "AuthyCall", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(AuthyTokenDelivery))]
public sealed class InvokeAuthyCallCommand : PhoneTokenCmdlet
{
    public InvokeAuthyCallCommand()
        : base(AuthyApi.CallChannel, "Call with a token")
    {
    }
}
