using System.Security;
using System.Text.RegularExpressions;
using Authy.Verify;
using Authy.Verify.Models;

namespace Authy.Session;

/// <summary>
/// A connection to Twilio Verify (and Lookup): the service, the Basic-auth user (Account SID or API key SID),
/// the secret (Auth Token or key secret, kept as a SecureString), settings, and the API over them.
/// </summary>
public sealed class VerifySession
{
    public const string AccountSidVariable = "TWILIO_ACCOUNT_SID";
    public const string AuthTokenVariable = "TWILIO_AUTH_TOKEN";
    public const string ApiKeyVariable = "TWILIO_API_KEY";
    public const string ApiSecretVariable = "TWILIO_API_SECRET";
    public const string ServiceSidVariable = "TWILIO_VERIFY_SERVICE_SID";

    public static readonly Uri DefaultApiUrl = new Uri("https://verify.twilio.com/");
    public static readonly Uri DefaultLookupUrl = new Uri("https://lookups.twilio.com/");

    /// <summary>The emulator's documented default account (never a secret).</summary>
    public const string EmulatorAccountSid = "AC00000000000000000000000000000001";

    /// <summary>The longest secret accepted; Twilio's auth tokens and key secrets are 32 characters.</summary>
    public const int MaxSecretLength = 256;

    public VerifySession(
        AuthyClientSettings settings, Uri? lookupUrl, string serviceSid, string username, SecureString secret, string? accountSid, string source)
    {
        var problem = CheckSid(serviceSid, "VA", "service SID") ?? CheckCredentials(username, secret, accountSid);
        if (problem != null)
        {
            throw new ArgumentException(problem);
        }

        Settings = settings ?? throw new ArgumentNullException(nameof(settings));
        LookupSettings = new AuthyClientSettings(lookupUrl ?? DefaultLookupUrl, settings.Timeout, settings.MaxRetry, settings.Proxy);
        ServiceSid = serviceSid;
        Username = username;
        AccountSid = accountSid ?? username;
        Secret = secret.IsReadOnly() ? secret : ReadOnlyCopy(secret);
        Source = source;
        ConnectedAt = DateTimeOffset.Now;
        var dialect = new VerifyDialect(Username, Secret);
        Api = new VerifyApi(new AuthyHttpClient(Settings, dialect), ServiceSid);
        Lookup = new LookupApi(new AuthyHttpClient(LookupSettings, dialect));
    }

    public AuthyClientSettings Settings { get; }

    public AuthyClientSettings LookupSettings { get; }

    public string ServiceSid { get; }

    /// <summary>The Basic-auth user name: the Account SID, or an API key SID.</summary>
    public string Username { get; }

    public string AccountSid { get; }

    internal SecureString Secret { get; }

    public string Source { get; }

    public DateTimeOffset ConnectedAt { get; }

    public VerifyApi Api { get; }

    /// <summary>Lookup v2: the same client, rule and dialect, pointed at the Lookup URL.</summary>
    public LookupApi Lookup { get; }

    /// <summary>Null when <paramref name="sid"/> is a well-formed SID with <paramref name="prefix"/>, else why not (docs/api/verify.md §1.5).</summary>
    public static string? CheckSid(string? sid, string prefix, string what)
    {
        if (string.IsNullOrEmpty(sid))
        {
            return $"No {what} was given.";
        }

        if (!IsSidShaped(sid, prefix))
        {
            var article = "AEIOUaeiou".IndexOf(what[0]) >= 0 ? "an" : "a";
            return $"'{Validation.InputRules.Shorten(sid!)}' is not {article} {what}: {article} {what} is '{prefix}' and 32 hexadecimal digits.";
        }

        return null;
    }

    private static bool IsSidShaped(string? value, string prefix) =>
        value != null && Regex.IsMatch(value, @"\A" + prefix + @"[0-9a-fA-F]{32}\z", RegexOptions.CultureInvariant);

    /// <summary>
    /// Null when the credentials can be used, else why not: the user an Account SID (with its Auth Token) or an
    /// API key SID (with its secret, and then the Account SID given too, as Twilio requires). The message never
    /// repeats the secret or any part of it.
    /// </summary>
    public static string? CheckCredentials(string? username, SecureString? secret, string? accountSid)
    {
        if (!IsSidShaped(username, "AC") && !IsSidShaped(username, "SK"))
        {
            // Never quoted: the likeliest wrong user name is the Auth Token or key secret typed in the user box.
            return string.IsNullOrEmpty(username)
                ? "The credential has no user name: it is the Account SID (AC...) or an API key SID (SK...)."
                : $"The credential's user name ({username!.Length.ToString(CultureInfo.InvariantCulture)} characters, not shown in case it is a secret) is not an Account SID (AC and 32 hexadecimal digits) or an API key SID (SK...). Were the user name and the password swapped?";
        }

        if (username!.StartsWith("SK", StringComparison.Ordinal))
        {
            if (accountSid == null)
            {
                return "An API key SID (SK...) needs the Account SID too: add -AccountSid AC..., or set TWILIO_ACCOUNT_SID.";
            }

            if (!IsSidShaped(accountSid, "AC"))
            {
                return "The Account SID (-AccountSid or TWILIO_ACCOUNT_SID) is not AC and 32 hexadecimal digits; it is not shown, in case a secret was given there.";
            }
        }
        else
        {
            if (accountSid != null && !string.Equals(accountSid, username, StringComparison.OrdinalIgnoreCase))
            {
                return "-AccountSid differs from the credential's Account SID; with an Auth Token, give one Account SID.";
            }
        }

        if (secret == null || secret.Length == 0)
        {
            return "The secret (Auth Token or API key secret) is empty.";
        }

        if (secret.Length > MaxSecretLength)
        {
            return $"The secret has {secret.Length} characters; Twilio's have 32 (at most {MaxSecretLength} are accepted).";
        }

        var text = SecureText.Reveal(secret);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] < '!' || text[i] > '~')
            {
                return $"The secret has a character that cannot be sent (at position {i + 1}): Twilio's secrets are letters and digits, without spaces or line breaks.";
            }
        }

        return null;
    }

    /// <summary>What Get-TwilioVerifyConnection shows.</summary>
    public TwilioVerifyConnection Describe() => new TwilioVerifyConnection
    {
        ServiceSid = ServiceSid,
        AccountSid = AccountSid,
        Username = Username,
        Secret = SecureText.Mask(Secret),
        ApiUrl = Settings.ApiUrl,
        LookupUrl = LookupSettings.ApiUrl,
        Timeout = Settings.Timeout,
        MaxRetry = Settings.MaxRetry,
        Proxy = Settings.Proxy,
        Source = Source,
        ConnectedAt = ConnectedAt,
    };

    /// <summary>
    /// The session the environment describes: TWILIO_API_KEY/TWILIO_API_SECRET (with TWILIO_ACCOUNT_SID), else
    /// TWILIO_ACCOUNT_SID/TWILIO_AUTH_TOKEN, and TWILIO_VERIFY_SERVICE_SID; null when no credentials are set.
    /// </summary>
    public static VerifySession? FromEnvironment(AuthyClientSettings? settings = null, Uri? lookupUrl = null, string? serviceSid = null, string source = "Environment")
    {
        var credentials = CredentialsFromEnvironment();
        if (credentials == null)
        {
            return null;
        }

        var service = serviceSid ?? Variable(ServiceSidVariable)
            ?? throw new ArgumentException($"No Verify service: give -ServiceSid VA..., or set {ServiceSidVariable}.");
        return new VerifySession(
            settings ?? new AuthyClientSettings(DefaultApiUrl), lookupUrl, service, credentials.Item1, credentials.Item2, credentials.Item3, source);
    }

    /// <summary>(user, secret, account SID or null) from the environment, API key first; null when neither pair is complete.</summary>
    public static Tuple<string, SecureString, string?>? CredentialsFromEnvironment()
    {
        var account = Variable(AccountSidVariable);
        var key = Variable(ApiKeyVariable);
        var keySecret = Variable(ApiSecretVariable);
        if (key != null && keySecret != null)
        {
            return Tuple.Create(key, SecureText.Protect(keySecret), account);
        }

        var token = Variable(AuthTokenVariable);
        if (account != null && token != null)
        {
            return Tuple.Create(account, SecureText.Protect(token), (string?)null);
        }

        return null;
    }

    /// <summary>
    /// TWILIO_AUTH_TOKEN when TWILIO_ACCOUNT_SID is set beside it, whatever else is set; null otherwise. What checks
    /// a webhook signature needs (Twilio signs with the account's Auth Token), with no Verify service.
    /// </summary>
    public static SecureString? AuthTokenFromEnvironment()
    {
        var token = Variable(AuthTokenVariable);
        return Variable(AccountSidVariable) != null && token != null ? SecureText.Protect(token) : null;
    }

    public static string? Variable(string name)
    {
        var value = Environment.GetEnvironmentVariable(name);
        return string.IsNullOrWhiteSpace(value) ? null : value!.Trim();
    }

    private static SecureString ReadOnlyCopy(SecureString source)
    {
        var copy = source.Copy();
        copy.MakeReadOnly();
        return copy;
    }
}
