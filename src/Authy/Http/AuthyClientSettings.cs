using System.Net;

namespace Authy.Http;

/// <summary>Where and how the module talks to Authy. Immutable, so a session can be shared across threads.</summary>
public sealed class AuthyClientSettings
{
    public static readonly Uri DefaultApiUrl = new Uri("https://api.authy.com/");
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(15);
    public const int DefaultMaxRetry = 3;

    public AuthyClientSettings(Uri apiUrl, TimeSpan? timeout = null, int? maxRetry = null, Uri? proxy = null)
    {
        ApiUrl = NormaliseApiUrl(apiUrl);
        Timeout = timeout ?? DefaultTimeout;
        if (Timeout <= TimeSpan.Zero || Timeout > TimeSpan.FromMinutes(10))
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), Timeout, "The timeout must be more than zero and at most 10 minutes.");
        }

        MaxRetry = maxRetry ?? DefaultMaxRetry;
        if (MaxRetry < 0 || MaxRetry > 10)
        {
            throw new ArgumentOutOfRangeException(nameof(maxRetry), MaxRetry, "MaxRetry must be between 0 and 10.");
        }

        Proxy = proxy == null ? null : CheckProxy(proxy);
    }

    /// <summary>API root, always ending in '/', so relative paths resolve below it.</summary>
    public Uri ApiUrl { get; }

    public TimeSpan Timeout { get; }

    /// <summary>Retries after the first attempt, for failures that are safe to retry.</summary>
    public int MaxRetry { get; }

    /// <summary>Explicit proxy; null uses the system proxy.</summary>
    public Uri? Proxy { get; }

    /// <summary>
    /// Refuses plain HTTP except to a loopback address (the emulator): the API key travels in a header,
    /// and Authy itself serves only HTTPS (docs/api/authy.md §1.1).
    /// </summary>
    public static Uri NormaliseApiUrl(Uri apiUrl)
    {
        if (apiUrl == null)
        {
            throw new ArgumentNullException(nameof(apiUrl));
        }

        if (!apiUrl.IsAbsoluteUri)
        {
            throw new ArgumentException($"The API URL '{apiUrl}' is not absolute; use e.g. https://api.authy.com.", nameof(apiUrl));
        }

        if (!string.IsNullOrEmpty(apiUrl.UserInfo) || !string.IsNullOrEmpty(apiUrl.Query) || !string.IsNullOrEmpty(apiUrl.Fragment))
        {
            throw new ArgumentException("The API URL must not carry credentials, a query or a fragment.", nameof(apiUrl));
        }

        if (apiUrl.Scheme == Uri.UriSchemeHttp)
        {
            if (!IsLoopback(apiUrl))
            {
                throw new ArgumentException(
                    $"Refusing plain HTTP to '{apiUrl.Host}': the API key would travel unencrypted. Use https://, or http:// only to a loopback address such as the emulator on 127.0.0.1.",
                    nameof(apiUrl));
            }
        }
        else if (apiUrl.Scheme != Uri.UriSchemeHttps)
        {
            throw new ArgumentException($"The API URL must use https:// (got '{apiUrl.Scheme}').", nameof(apiUrl));
        }

        var text = apiUrl.GetLeftPart(UriPartial.Path);
        return new Uri(text.EndsWith("/", StringComparison.Ordinal) ? text : text + "/");
    }

    /// <summary>A proxy is an absolute http:// or https:// address with a host, and nothing after its authority.</summary>
    public static Uri CheckProxy(Uri proxy)
    {
        if (!proxy.IsAbsoluteUri || (proxy.Scheme != Uri.UriSchemeHttp && proxy.Scheme != Uri.UriSchemeHttps) || string.IsNullOrEmpty(proxy.Host))
        {
            throw new ArgumentException($"The proxy '{proxy.OriginalString}' is not an http:// or https:// address such as http://proxy.example.com:8080.", nameof(proxy));
        }

        if (!string.IsNullOrEmpty(proxy.Query) || !string.IsNullOrEmpty(proxy.Fragment))
        {
            throw new ArgumentException("The proxy address must not carry a query or a fragment.", nameof(proxy));
        }

        return proxy;
    }

    public static bool IsLoopback(Uri url)
    {
        if (url.IsLoopback)
        {
            return true;
        }

        var host = url.Host.Trim('[', ']');
        return IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address);
    }
}
