using System;
using Authy.Http;
using Xunit;

namespace Authy.Tests;

/// <summary>AuthyClientSettings: HTTPS only except to loopback, a normalised base URL, bounded timeout and retries.</summary>
public class ClientSettingsTests
{
    [Theory]
    [InlineData("https://api.authy.com", "https://api.authy.com/")]
    [InlineData("https://api.authy.com/", "https://api.authy.com/")]
    [InlineData("HTTPS://API.AUTHY.COM", "https://api.authy.com/")]
    [InlineData("https://api.authy.com:8443/prefix", "https://api.authy.com:8443/prefix/")]
    [InlineData("https://api.authy.com/prefix/", "https://api.authy.com/prefix/")]
    [InlineData("http://127.0.0.1:5000", "http://127.0.0.1:5000/")]
    [InlineData("http://127.0.0.2:5000/", "http://127.0.0.2:5000/")]
    [InlineData("http://localhost", "http://localhost/")]
    [InlineData("http://LOCALHOST:8080/emulator", "http://localhost:8080/emulator/")]
    [InlineData("http://[::1]:80", "http://[::1]/")]
    [InlineData("http://[::1]:5000/", "http://[::1]:5000/")]
    public void Accepted_urls_are_normalised_with_a_trailing_slash(string url, string expected)
    {
        var settings = new AuthyClientSettings(new Uri(url));

        Assert.Equal(expected, settings.ApiUrl.AbsoluteUri);
        Assert.EndsWith("/", settings.ApiUrl.AbsolutePath, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://api.authy.com")]
    [InlineData("http://api.authy.com:80/")]
    [InlineData("http://sandbox-api.authy.com")]
    [InlineData("http://10.0.0.5:5000")]
    [InlineData("http://localhost.example.com")]
    [InlineData("http://127.0.0.1.nip.io")]
    [InlineData("http://[::2]")]
    public void Plain_http_to_a_remote_host_is_refused_with_a_clear_message(string url)
    {
        var error = Assert.Throws<ArgumentException>(() => new AuthyClientSettings(new Uri(url)));

        Assert.Contains("Refusing plain HTTP", error.Message, StringComparison.Ordinal);
        Assert.Contains("https://", error.Message, StringComparison.Ordinal);
        Assert.Contains(new Uri(url).Host, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ftp://api.authy.com")]
    [InlineData("ws://127.0.0.1")]
    [InlineData("file:///tmp/authy")]
    public void Other_schemes_are_refused(string url)
    {
        var error = Assert.Throws<ArgumentException>(() => new AuthyClientSettings(new Uri(url)));

        Assert.Contains("https://", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://api.authy.com/?api_key=secret")]
    [InlineData("https://api.authy.com/path?x=1")]
    [InlineData("https://user:secret@api.authy.com/")]
    [InlineData("https://user@api.authy.com/")]
    [InlineData("https://api.authy.com/#fragment")]
    [InlineData("http://user:pw@127.0.0.1:5000")]
    public void Urls_with_a_query_credentials_or_fragment_are_refused(string url)
    {
        var error = Assert.Throws<ArgumentException>(() => new AuthyClientSettings(new Uri(url)));

        Assert.DoesNotContain("secret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Relative_url_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new AuthyClientSettings(new Uri("/protected", UriKind.Relative)));
    }

    [Fact]
    public void Null_url_is_refused()
    {
        Assert.Throws<ArgumentNullException>(() => new AuthyClientSettings(null!));
    }

    [Fact]
    public void Defaults()
    {
        var settings = new AuthyClientSettings(AuthyClientSettings.DefaultApiUrl);

        Assert.Equal("https://api.authy.com/", settings.ApiUrl.AbsoluteUri);
        Assert.Equal(TimeSpan.FromSeconds(15), settings.Timeout);
        Assert.Equal(3, settings.MaxRetry);
        Assert.Null(settings.Proxy);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(15_000)]
    [InlineData(600_000)]
    public void Timeouts_in_range_are_kept(int milliseconds)
    {
        var settings = new AuthyClientSettings(AuthyClientSettings.DefaultApiUrl, TimeSpan.FromMilliseconds(milliseconds));

        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), settings.Timeout);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(600_001)]
    [InlineData(int.MaxValue)]
    public void Timeouts_out_of_range_are_refused(int milliseconds)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new AuthyClientSettings(AuthyClientSettings.DefaultApiUrl, TimeSpan.FromMilliseconds(milliseconds)));

        Assert.Equal("timeout", error.ParamName);
    }

    [Fact]
    public void Infinite_timeout_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new AuthyClientSettings(AuthyClientSettings.DefaultApiUrl, System.Threading.Timeout.InfiniteTimeSpan));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(10)]
    public void Max_retry_in_range_is_kept(int maxRetry)
    {
        Assert.Equal(maxRetry, new AuthyClientSettings(AuthyClientSettings.DefaultApiUrl, maxRetry: maxRetry).MaxRetry);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(11)]
    [InlineData(int.MinValue)]
    public void Max_retry_out_of_range_is_refused(int maxRetry)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new AuthyClientSettings(AuthyClientSettings.DefaultApiUrl, maxRetry: maxRetry));

        Assert.Equal("maxRetry", error.ParamName);
    }

    [Fact]
    public void Proxy_is_kept()
    {
        var proxy = new Uri("http://proxy.example.com:3128");

        Assert.Equal(proxy, new AuthyClientSettings(AuthyClientSettings.DefaultApiUrl, proxy: proxy).Proxy);
    }
}
