namespace Authy.Models;

/// <summary>The session's connection settings as shown to a person: the key is masked, never more.</summary>
public sealed class AuthyConnection
{
    public Uri ApiUrl { get; set; } = new Uri("https://api.authy.com/");

    /// <summary>Asterisks and the key's last four characters.</summary>
    public string ApiKey { get; set; } = "****";

    public TimeSpan Timeout { get; set; }

    public int MaxRetry { get; set; }

    public Uri? Proxy { get; set; }

    /// <summary><c>Connect-Authy</c> or <c>Environment</c> (AUTHY_API_KEY).</summary>
    public string Source { get; set; } = string.Empty;

    public DateTimeOffset? ConnectedAt { get; set; }

    public override string ToString() => $"{ApiUrl} (key {ApiKey})";
}
