using System.Collections;
using Authy.Verify;
using Authy.Verify.Models;

namespace Authy.Cmdlets.Verify;

/// <summary>
/// New-TwilioVerifyChallenge: sends a push challenge to the phone behind a verified push factor (POST
/// /v2/Services/{VA}/Entities/{Identity}/Challenges; docs/api/verify.md §4.6) and writes it, pending. The person approves
/// or denies it in the app; Wait-TwilioVerifyChallenge waits for that answer.
/// </summary>
/// <remarks>
/// A send: never repeated after an unknown outcome (a second push would reach the person twice), only when nothing
/// can have been sent. Every input is checked before the request, so a refused row costs no push and no count
/// against the factor's challenge limit (60312).
/// </remarks>
[Cmdlet(VerbsCommon.New, "TwilioVerifyChallenge", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(TwilioVerifyChallenge))]
public sealed class NewTwilioVerifyChallengeCommand : ChallengeCmdlet
{
    /// <summary>The verified push factor (<c>YF…</c>) to send to.</summary>
    [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
    [Alias("factor_sid", "Sid")]
    public string? FactorSid { get; set; }

    private static readonly string[] MessageNames = { "Message" };

    /// <summary>The text the phone shows (Details.Message), at most 256 characters.</summary>
    /// <remarks>
    /// Checked per record in <see cref="ProcessInput"/>, not by a validation attribute, which refuses a blank or bad
    /// CSV cell at binding without the record's number (AuthyPipelineCmdlet); a blank one is the record's MissingValue.
    /// </remarks>
    [Parameter(Position = 2, ValueFromPipelineByPropertyName = true)]
    public string Message { get; set; } = string.Empty;

    /// <summary>Label/value pairs shown under the message (Details.Fields), in the hashtable's order: use [ordered].</summary>
    [Parameter]
    [Alias("Fields")]
    public IDictionary? Details { get; set; }

    /// <summary>Key/value pairs Twilio keeps with the challenge but never shows (HiddenDetails).</summary>
    [Parameter]
    [Alias("hidden_details")]
    public IDictionary? HiddenDetails { get; set; }

    /// <summary>How long the person may answer, 1 second to 60 minutes; a bare number is seconds. Twilio's default is 5 minutes.</summary>
    [Parameter]
    [SecondsToTimeSpan]
    public TimeSpan? ExpiresIn { get; set; }

    /// <summary>Send without asking for confirmation.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    private string _factorSid = string.Empty;

    protected override bool ResolveRecord()
    {
        _factorSid = ReadIdentityAndSid(FactorSid, FactorSidNames, nameof(FactorSid), "YF", "factor SID", "InvalidFactorSid") ?? string.Empty;
        return _factorSid.Length > 0;
    }

    protected override void ProcessInput()
    {
        var message = ReadRequired(Message, MessageNames, "message", nameof(Message), "InvalidText", value => TextRules.Text("-Message", value, ChallengeRules.MaxMessageLength, multiline: true));
        if (message == null)
        {
            return;
        }

        var fields = ChallengeRules.Fields(Details, out var problem);
        if (problem != null)
        {
            WriteInvalidValue("InvalidDetails", problem, Details);
            return;
        }

        var hidden = ChallengeRules.HiddenDetails(HiddenDetails, out problem);
        if (problem != null)
        {
            WriteInvalidValue("InvalidHiddenDetails", problem, HiddenDetails);
            return;
        }

        var expiresIn = ExpiresIn;
        problem = expiresIn.HasValue ? ChallengeRules.ExpiresIn(expiresIn.Value) : null;
        if (problem != null)
        {
            WriteInvalidValue("InvalidExpiresIn", problem, expiresIn);
            return;
        }

        // Captured now: the next record rebinds the properties while this call is still in flight.
        var identity = CurrentIdentity;
        var factorSid = _factorSid;
        var what = $"Send push challenge '{InputRules.Shorten(message)}'";
        EnqueueConfirmed(TargetFor(factorSid), $"{identity} ({factorSid})", what, Force, (log, cancellationToken) =>
        {
            var request = new ChallengeRequest
            {
                Identity = identity,
                FactorSid = factorSid,
                Message = message,
                Fields = fields,
                HiddenDetails = hidden,

                // From the moment of sending, whole seconds (the form's precision), never past Twilio's 60 minutes.
                ExpirationDate = expiresIn.HasValue ? DateTimeOffset.UtcNow + expiresIn.Value : (DateTimeOffset?)null,
            };
            return Verify.NewChallengeAsync(request, log, cancellationToken);
        });
    }
}
