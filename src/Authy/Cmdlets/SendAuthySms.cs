using Authy.Api;

namespace Authy.Cmdlets;

/// <summary>
/// Send-AuthySms: texts a token to users (sms/{id}, docs/api/authy.md §2.6). For a user with the Authy app
/// the result says Ignored unless -Force is given; that is not an error.
/// </summary>
[Cmdlet(VerbsCommunications.Send, "AuthySms", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(AuthyTokenDelivery))]
public sealed class SendAuthySmsCommand : PhoneTokenCmdlet
{
    public SendAuthySmsCommand()
        : base(AuthyApi.SmsChannel, "Send SMS token")
    {
    }
}
