using System;
using System.Security;
using Authy.Api;
using Authy.Http;
using Authy.Models;

namespace Authy.Session
{
    /// <summary>A connection to Authy: settings, the key (kept as a SecureString) and the API over them.</summary>
    public sealed class AuthySession
    {
        public const string ApiKeyVariable = "AUTHY_API_KEY";
        public const string ApiUrlVariable = "AUTHY_API_URL";

        public AuthySession(AuthyClientSettings settings, SecureString apiKey, string source)
        {
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
}
