using System.Security;

namespace Authy.Models;

/// <summary>
/// A user's TOTP secret exported for a migration to another authenticator service (Export-AuthyTotpSecret,
/// docs/api/authy.md §2.11). The secret stays a SecureString unless -AsPlainText asked for text.
/// </summary>
public sealed class AuthyTotpSecret
{
    public long AuthyId { get; set; }

    /// <summary>
    /// The seed of the user's TOTP codes. Hidden, like a class's <c>hidden</c> property: <c>$s.Secret</c> works, but
    /// Export-Csv, Format-List * and Get-Member (without -Force) skip it, since a SecureString has no text form and
    /// a CSV would get its type name. PlainTextSecret is the seed as text, when -AsPlainText asks for it.
    /// </summary>
    [Hidden]
    public SecureString Secret { get; set; } = new SecureString();

    /// <summary>The same seed as text: filled only by -AsPlainText, for writing a migration file.</summary>
    public string? PlainTextSecret { get; set; }

    /// <summary>The code the seed gives now, to check the seed after importing it elsewhere.</summary>
    public string? Otp { get; set; }

    public override string ToString() => AuthyId.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
