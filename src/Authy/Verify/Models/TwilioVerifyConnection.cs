namespace Authy.Verify.Models;

/// <summary>The Verify session as shown to a person (Get-TwilioVerifyConnection): the secret masked, never more.</summary>
public sealed class TwilioVerifyConnection
{
    public string ServiceSid { get; set; } = string.Empty;

    public string AccountSid { get; set; } = string.Empty;

    /// <summary>The Basic-auth user: the Account SID, or the API key SID (<c>SK…</c>).</summary>
    public string Username { get; set; } = string.Empty;

    /// <summary>Asterisks and the auth token's or key secret's last four characters.</summary>
    public string Secret { get; set; } = "****";

    public Uri ApiUrl { get; set; } = new Uri("https://verify.twilio.com/");

    public Uri LookupUrl { get; set; } = new Uri("https://lookups.twilio.com/");

    public TimeSpan Timeout { get; set; }

    public int MaxRetry { get; set; }

    public Uri? Proxy { get; set; }

    /// <summary><c>Connect-TwilioVerify</c>, <c>Start-AuthyEmulator</c> or <c>Environment</c>.</summary>
    public string Source { get; set; } = string.Empty;

    public DateTimeOffset? ConnectedAt { get; set; }

    public override string ToString() => $"{ServiceSid} at {ApiUrl} ({Username}, secret {Secret})";
}
