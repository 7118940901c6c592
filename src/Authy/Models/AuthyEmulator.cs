namespace Authy.Models;

/// <summary>A running emulator started by Start-AuthyEmulator.</summary>
public sealed class AuthyEmulator
{
    public Uri Url { get; set; } = new Uri("http://127.0.0.1/");

    public int ProcessId { get; set; }

    /// <summary>The key it accepts, masked.</summary>
    public string ApiKey { get; set; } = "****";

    public override string ToString() => Url.ToString();
}
