using System.Security;
using System.Text.RegularExpressions;

namespace Authy.Validation;

/// <summary>
/// Inputs of the Verify TOTP and entity cmdlets (docs/api/verify.md §1.5, §4.4–§4.6), checked before anything is sent.
/// Kept apart from <see cref="VerifyRules"/> so the one-time-code rules and these change independently.
/// </summary>
public static class TotpRules
{
    // The TOTP settings Verify takes, for a factor and as a service's defaults alike (docs/api/verify.md §5).
    public const int MinTimeStep = 20, MaxTimeStep = 60;
    public const int MinCodeLength = 3, MaxCodeLength = 8;
    public const int MinSkew = 0, MaxSkew = 2;

    // docs/api/verify.md §1.5: "dash (-) separated alphanumeric characters", 8-64 long; no regex is published, so
    // the literal reading: no leading, trailing or doubled dash. ASCII only: \d would also take other scripts' digits.
    private static readonly Regex IdentityShape = new Regex(@"\A[A-Za-z0-9]+(-[A-Za-z0-9]+)*\z", RegexOptions.CultureInvariant);
    private static readonly Regex CodeShape = new Regex($@"\A[0-9]{{{MinCodeLength},{MaxCodeLength}}}\z", RegexOptions.CultureInvariant);

    /// <summary>An entity identity: 8-64 letters and digits, dash-separated (a GUID fits).</summary>
    public static string? Identity(string? value)
    {
        if (value == null || value.Length < 8 || value.Length > 64 || !IdentityShape.IsMatch(value))
        {
            return $"'{InputRules.Shorten(value ?? string.Empty)}' is not a Verify identity: 8 to 64 letters and digits, groups separated by single dashes (a GUID such as 550e8400-e29b-41d4-a716-446655440000 fits).";
        }

        return null;
    }

    /// <summary>
    /// A TOTP code as an authenticator shows it: 3 to 8 digits (the factor's code length), in groups if the app
    /// shows it so (<c>945 980</c>); <see cref="CodeDigits"/> is what is sent.
    /// </summary>
    public static string? Code(string? value) =>
        value != null && CodeShape.IsMatch(CodeDigits(value)) ? null : $"'{InputRules.Shorten(value ?? string.Empty)}' is not a TOTP code: 3 to 8 digits, as the authenticator app shows them.";

    /// <summary>The code without the spaces authenticator apps show between its groups.</summary>
    public static string CodeDigits(string value) => value.Replace(" ", string.Empty);

    /// <summary>A factor's friendly name: one line of at most 64 characters (it becomes the account name in the otpauth URI).</summary>
    public static string? FriendlyName(string? value) => TextRules.Text("-FriendlyName", value, 64, multiline: false);

    /// <summary>
    /// A seed for -Secret: Base32 (RFC 4648: A-Z and 2-7, any case, '=' padding only at the end) of at least
    /// 16 characters (80 bits, RFC 4226's minimum). Blanks, dashes (apps print seeds in groups) and padding are
    /// left out. The message never repeats the value: it is a secret, and an error record
    /// travels to logs and transcripts. Returns the seed as Twilio takes it (upper case), or null with <paramref name="problem"/>.
    /// </summary>
    public static SecureString? Base32Secret(SecureString? secret, out string? problem)
    {
        problem = null;
        if (secret == null || secret.Length == 0)
        {
            problem = "-Secret is empty: give the Base32 seed (letters A-Z and digits 2-7), or leave -Secret out to let Twilio make one.";
            return null;
        }

        var text = SecureText.Reveal(secret);
        var builder = new System.Text.StringBuilder(text.Length);
        var padding = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == ' ' || c == '-')
            {
                continue;
            }

            if (c == '=')
            {
                padding++;
                continue;
            }

            var upper = c >= 'a' && c <= 'z' ? (char)(c - 32) : c;
            if (padding > 0 || !((upper >= 'A' && upper <= 'Z') || (upper >= '2' && upper <= '7')))
            {
                // Where, not what: the position is enough to find a typo, and reveals nothing of the seed.
                problem = $"-Secret is not Base32: character {(i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)} of {text.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)} is not a letter A-Z or a digit 2-7 (the seed itself is not shown).";
                return null;
            }

            builder.Append(upper);
        }

        if (builder.Length < 16)
        {
            problem = $"-Secret is too short: {builder.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)} Base32 characters, at least 16 (80 bits) are needed (the seed itself is not shown).";
            return null;
        }

        return SecureText.Protect(builder.ToString());
    }
}
