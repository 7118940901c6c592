using Authy.Api;

namespace Authy.Cmdlets.Infrastructure;

/// <summary>
/// What Send-AuthySms and Invoke-AuthyCall share: the same parameters (docs/api/authy.md §2.6 and §2.7 take
/// the same ones), ShouldProcess on the pipeline thread, then one request per record.
/// </summary>
public abstract class PhoneTokenCmdlet : AuthyUserCmdlet
{
    /// <summary>Send even when the user has the Authy app (force=true); otherwise Authy pushes the token to the app and ignores the request.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>What the token is for; it then verifies only with the same -Action given to Test-AuthyToken.</summary>
    [Parameter]
    [ValidateSingleLineText(AuthyApi.MaxActionLength)]
    public string? Action { get; set; }

    /// <summary>Text telling the user what the action is.</summary>
    [Parameter]
    [ValidateMultiLineText(AuthyApi.MaxActionLength)]
    public string? ActionMessage { get; set; }

    /// <summary>Language of the message, e.g. <c>es</c> or <c>pt-BR</c>; Authy falls back to English for one it does not know.</summary>
    /// <remarks>Checked per record in <see cref="ProcessInput"/>, not by ValidatePattern: a blank CSV cell is no locale, a bad one the record's error.</remarks>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(VerificationLocaleCompleter))]
    public string? Locale { get; set; }

    private readonly string _channel;
    private readonly string _actionDescription;

    /// <param name="channel"><see cref="AuthyApi.SmsChannel"/> or <see cref="AuthyApi.CallChannel"/>: all that tells the cmdlets apart.</param>
    /// <param name="actionDescription">Words for the confirmation prompt, e.g. <c>Send SMS token</c>.</param>
    protected PhoneTokenCmdlet(string channel, string actionDescription)
    {
        _channel = channel;
        _actionDescription = actionDescription;
    }

    protected override void ProcessInput()
    {
        if (!TryReadOptional(Locale, "InvalidLocale", TokenRules.Locale, out var locale))
        {
            return;
        }

        // Captured now: the next record rebinds the properties while this call is still in flight.
        var authyId = ResolvedAuthyId;
        var force = Force.IsPresent;
        var action = Action;
        var actionMessage = ActionMessage;
        var channel = _channel;

        // -Force here means force=true on the wire, not "skip confirmation": it must not silence -Confirm.
        var what = force ? _actionDescription + " (forced)" : _actionDescription;
        EnqueueConfirmed(TargetFor(authyId), $"Authy user {authyId}", what, (log, cancellationToken) =>
            Api.SendPhoneTokenAsync(channel, authyId, force, action, actionMessage, locale, log, cancellationToken));
    }
}
