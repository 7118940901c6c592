namespace Authy.Verify.Models;

/// <summary>
/// A challenge (New-/Get-/Wait-TwilioVerifyChallenge, Test-TwilioVerifyTotp; docs/api/verify.md §4.6): a push
/// approval request, or a TOTP code check. Identity and Sid pipe into Get- and Wait-TwilioVerifyChallenge.
/// </summary>
public sealed class TwilioVerifyChallenge : TwilioServiceResource
{
    /// <summary>The challenge's <c>YC…</c> SID.</summary>
    public string Sid { get; set; } = string.Empty;

    public string Identity { get; set; } = string.Empty;

    public string FactorSid { get; set; } = string.Empty;

    /// <summary><c>totp</c>, <c>push</c> or <c>passkeys</c>.</summary>
    public string? FactorType { get; set; }

    /// <summary><c>pending</c>, <c>approved</c>, <c>denied</c> or <c>expired</c>.</summary>
    public string Status { get; set; } = string.Empty;

    /// <summary><c>none</c>, <c>not_needed</c> or <c>not_requested</c>.</summary>
    public string? RespondedReason { get; set; }

    /// <summary>The text shown on the device (push).</summary>
    public string? Message { get; set; }

    private TwilioChallengeFields fields = TwilioChallengeFields.Empty;
    private AuthyDetails hiddenDetails = AuthyDetails.From(Array.Empty<KeyValuePair<string, string>>())!;

    /// <summary>The label/value pairs shown under the message, in order; <c>label=value;label=value</c> in a CSV.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Fields { get => fields; set => fields = TwilioChallengeFields.From(value); }

    /// <summary>Details kept by Twilio but not shown on the device; <c>key=value;key=value</c> in a CSV.</summary>
    public IReadOnlyDictionary<string, string> HiddenDetails
    {
        get => hiddenDetails;
        set => hiddenDetails = AuthyDetails.From(value ?? new Dictionary<string, string>())!;
    }

    public DateTimeOffset? DateResponded { get; set; }

    public DateTimeOffset? ExpirationDate { get; set; }

    public string? EntitySid { get; set; }

    public override string ToString() => Sid + " " + Status;
}
