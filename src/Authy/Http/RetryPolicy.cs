using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;

namespace Authy.Http;

/// <summary>How one attempt ended, as far as retrying is concerned.</summary>
internal enum AttemptOutcome
{
    /// <summary>Authy refused it before acting (429): always safe to send again.</summary>
    Throttled,

    /// <summary>A server or gateway error (500/502/503/504): safe to repeat only for idempotent requests.</summary>
    Unavailable,

    /// <summary>No connection was made, so nothing was sent: safe to repeat.</summary>
    NotSent,

    /// <summary>The request may have reached Authy (timeout, reset after sending): repeat only if idempotent.</summary>
    MaybeSent,

    /// <summary>A definite answer or a failure retrying cannot mend.</summary>
    Final,
}

/// <summary>
/// The retry rule (README "Retries"): anything answered 429 is retried; reads and users/new are also
/// retried after 500/502/503/504, timeouts and dropped connections; requests that send a message or change
/// state are retried only when Authy certainly did not act on them, and are never sent twice.
/// Waits grow exponentially with full jitter, and a Retry-After header wins when present.
/// </summary>
internal sealed class RetryPolicy
{
    private static readonly TimeSpan BaseDelay = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);

    private readonly Random _random;
    private readonly object _randomLock = new object();

    public RetryPolicy(int maxRetry, int? seed = null)
    {
        MaxRetry = maxRetry;
        _random = seed.HasValue ? new Random(seed.Value) : new Random();
    }

    public int MaxRetry { get; }

    public static bool MayRetry(AttemptOutcome outcome, RepeatSafety safety)
    {
        switch (outcome)
        {
            case AttemptOutcome.Throttled:
            case AttemptOutcome.NotSent:
                return true;
            case AttemptOutcome.Unavailable:
            case AttemptOutcome.MaybeSent:
                return safety == RepeatSafety.Idempotent;
            default:
                return false;
        }
    }

    public static AttemptOutcome Classify(int statusCode)
    {
        switch (statusCode)
        {
            case 429:
                return AttemptOutcome.Throttled;
            case 500:
            case 502:
            case 503:
            case 504:
                // Reads are repeated after any server error; a 500 to a request that sends a message
                // is never repeated (MayRetry), since it may have been carried out.
                return AttemptOutcome.Unavailable;
            default:
                return AttemptOutcome.Final;
        }
    }

    /// <summary>Whether a transport failure happened before anything was sent.</summary>
    public static AttemptOutcome Classify(Exception failure)
    {
        for (var current = failure; current != null; current = current.InnerException)
        {
            if (current is AuthenticationException)
            {
                // A TLS or certificate failure is never retried and never ignored.
                return AttemptOutcome.Final;
            }

            if (current is SocketException socket)
            {
                switch (socket.SocketErrorCode)
                {
                    case SocketError.ConnectionRefused:
                    case SocketError.HostNotFound:
                    case SocketError.NoData:
                    case SocketError.TryAgain:
                    case SocketError.NetworkUnreachable:
                    case SocketError.HostUnreachable:
                    case SocketError.NetworkDown:
                    case SocketError.AddressNotAvailable:
                        return AttemptOutcome.NotSent;
                }
            }

            if (current is WebException web && (web.Status == WebExceptionStatus.NameResolutionFailure || web.Status == WebExceptionStatus.ConnectFailure))
            {
                return AttemptOutcome.NotSent;
            }
        }

        return AttemptOutcome.MaybeSent;
    }

    /// <summary>How long to wait before retry number <paramref name="retry"/> (1-based).</summary>
    public TimeSpan Delay(int retry, TimeSpan? retryAfter)
    {
        if (retryAfter.HasValue)
        {
            return retryAfter.Value < TimeSpan.Zero ? TimeSpan.Zero : retryAfter.Value > MaxDelay ? MaxDelay : retryAfter.Value;
        }

        var ceiling = Math.Min(MaxDelay.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, retry - 1));
        double fraction;
        lock (_randomLock)
        {
            fraction = _random.NextDouble();
        }

        // Half fixed, half random: spreads a burst of throttled workers without waiting near zero.
        return TimeSpan.FromMilliseconds(ceiling * (0.5 + (fraction / 2)));
    }

    public static TimeSpan? ReadRetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header == null)
        {
            return null;
        }

        if (header.Delta.HasValue)
        {
            return header.Delta.Value;
        }

        if (header.Date.HasValue)
        {
            return header.Date.Value - DateTimeOffset.UtcNow;
        }

        return null;
    }
}
