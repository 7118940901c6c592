namespace Authy.Models;

/// <summary>
/// A logo shown with a OneTouch approval request (docs/api/authy.md §2.12): a resolution (<c>default</c>,
/// <c>low</c>, <c>med</c> or <c>high</c>) and an https URL of at most 500 characters.
/// A plain URL converts to a <c>default</c> logo, so <c>-Logo https://example.com/logo.png</c> works.
/// </summary>
public sealed class AuthyLogo
{
    public AuthyLogo()
    {
    }

    /// <summary>A <c>default</c> resolution logo; lets PowerShell convert a URL string to a logo.</summary>
    public AuthyLogo(string url)
        : this("default", url)
    {
    }

    public AuthyLogo(string res, string url)
    {
        Res = res;
        Url = url;
    }

    /// <summary><c>default</c>, <c>low</c>, <c>med</c> or <c>high</c>.</summary>
    public string Res { get; set; } = "default";

    public string Url { get; set; } = string.Empty;

    public override string ToString() => string.Format(CultureInfo.InvariantCulture, "{0}: {1}", Res, Url);
}
