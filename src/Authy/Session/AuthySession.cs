using System.Security;
using Authy.Api;

namespace Authy.Session;

/// <summary>A connection to Authy: settings, the key (kept as a SecureString) and the API over them.</summary>
public sealed class AuthySession
{
    public const string ApiKeyVariable = "AUTHY_API_KEY";
    public const string ApiUrlVariable = "AUTHY_API_URL";

    /// <summary>The longest key accepted; Authy's keys are 32 characters.</summary>
    public const int MaxApiKeyLength = 256;

    public AuthySession(AuthyClientSettings settings, SecureString apiKey, string source)
    {
        var problem = CheckApiKey(apiKey);
        if (problem != null)
        {
            throw new ArgumentException(problem, nameof(apiKey));
        }

        Settings = settings;
        ApiKey = apiKey.IsReadOnly() ? apiKey : ReadOnlyCopy(apiKey);
        Source = source;
        ConnectedAt = DateTimeOffset.Now;
        Api = new AuthyApi(new AuthyHttpClient(settings, ApiKey));
    }

    public AuthyClientSettings Settings { get; }

    internal SecureString ApiKey { get; }

    public string Source { get; }

    public DateTimeOffset ConnectedAt { get; }

    public AuthyApi Api { get; }

    /// <summary>
    /// Null when the key can travel in a header, else why not. The key goes into the X-Authy-API-Key
    /// header: a space, CR, LF or other control character would split or corrupt the request, so only
    /// visible ASCII is accepted. The message never repeats the key or any part of it.
    /// </summary>
    public static string? CheckApiKey(SecureString? apiKey)
    {
        if (apiKey == null || apiKey.Length == 0)
        {
            return "The API key is empty.";
        }

        if (apiKey.Length > MaxApiKeyLength)
        {
            return $"The API key has {apiKey.Length} characters; an Authy key has 32 (at most {MaxApiKeyLength} are accepted).";
        }

        var text = SecureText.Reveal(apiKey);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] < '!' || text[i] > '~')
            {
                return $"The API key has a character that cannot be sent in a header (at position {i + 1}): an Authy key is letters and digits, without spaces or line breaks.";
            }
        }

        return null;
    }

    /// <summary>What Get-AuthyConnection shows.</summary>
    public AuthyConnection Describe() => new AuthyConnection
    {
        ApiUrl = Settings.ApiUrl,
        ApiKey = SecureText.Mask(ApiKey),
        Timeout = Settings.Timeout,
        MaxRetry = Settings.MaxRetry,
        Proxy = Settings.Proxy,
        Source = Source,
        ConnectedAt = ConnectedAt,
    };

    /// <summary>The session the environment describes (AUTHY_API_KEY, AUTHY_API_URL), or null without a key.</summary>
    public static AuthySession? FromEnvironment()
    {
        var key = Environment.GetEnvironmentVariable(ApiKeyVariable);
        if (string.IsNullOrWhiteSpace(key))
        {
            return null;
        }

        return new AuthySession(new AuthyClientSettings(ApiUrlFromEnvironment()), SecureText.Protect(key!.Trim()), "Environment");
    }

    /// <summary>AUTHY_API_URL when set, else the production API.</summary>
    public static Uri ApiUrlFromEnvironment()
    {
        var url = Environment.GetEnvironmentVariable(ApiUrlVariable);
        if (string.IsNullOrWhiteSpace(url))
        {
            return AuthyClientSettings.DefaultApiUrl;
        }

        if (!Uri.TryCreate(url!.Trim(), UriKind.Absolute, out var parsed))
        {
            throw new ArgumentException($"The environment variable {ApiUrlVariable} holds '{url}', which is not an absolute URL.");
        }

        return parsed;
    }

    private static SecureString ReadOnlyCopy(SecureString source)
    {
        var copy = source.Copy();
        copy.MakeReadOnly();
        return copy;
    }
}
