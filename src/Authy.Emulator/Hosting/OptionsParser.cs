namespace Authy.Emulator.Hosting;

/// <summary>Thrown for a bad command line; Program prints the message and exits with code 2.</summary>
public sealed class OptionsException : Exception
{
    public OptionsException(string message) : base(message)
    {
    }
}

/// <summary>Turns the command line into <see cref="EmulatorOptions"/>, rejecting anything doubtful.</summary>
public static class OptionsParser
{
    public const string Usage =
        "Usage: Authy.Emulator [--urls http://127.0.0.1:<port>] [--api-key <key>]\n" +
        "         [--callback-url <url> [--callback-method POST|GET]] [--deletion-delay <seconds>]\n" +
        "         [--latency-ms <n>] [--fault-rate <0..1> [--fault-kinds 429,500,503,reset,timeout] [--seed <n>]]\n" +
        "         [--rate-limit <n>] [--allow-custom-codes] [--deny-custom-messages] [--enable-secret-export]\n" +
        "         [--exit-on-stdin-close] [--ignore-interrupt]\n" +
        "         [--account-sid <AC...>] [--auth-token <token>] [--api-key-sid <SK...>] [--api-key-secret <secret>]";

    /// <summary>Returns null when help was asked for.</summary>
    public static EmulatorOptions? Parse(IReadOnlyList<string> args)
    {
        var options = new EmulatorOptions();

        // A parent process (Start-AuthyEmulator) passes the key through the environment rather than the
        // command line, which other local users can read; --api-key still wins.
        var keyFromEnvironment = Environment.GetEnvironmentVariable("AUTHY_EMULATOR_API_KEY");
        if (!string.IsNullOrWhiteSpace(keyFromEnvironment))
        {
            options.ApiKey = ParseApiKey(keyFromEnvironment);
        }

        // The Verify secrets can come from the environment for the same reason.
        var tokenFromEnvironment = Environment.GetEnvironmentVariable("AUTHY_EMULATOR_AUTH_TOKEN");
        if (!string.IsNullOrWhiteSpace(tokenFromEnvironment))
        {
            options.AuthToken = ParseSecret("--auth-token", tokenFromEnvironment);
        }

        var keySecretFromEnvironment = Environment.GetEnvironmentVariable("AUTHY_EMULATOR_API_KEY_SECRET");
        if (!string.IsNullOrWhiteSpace(keySecretFromEnvironment))
        {
            options.ApiKeySecret = ParseSecret("--api-key-secret", keySecretFromEnvironment);
        }

        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            var inlineValue = default(string);
            var equals = name.IndexOf('=', StringComparison.Ordinal);
            if (name.StartsWith("--", StringComparison.Ordinal) && equals > 0)
            {
                inlineValue = name[(equals + 1)..];
                name = name[..equals];
            }

            string Value()
            {
                if (inlineValue is not null)
                {
                    return inlineValue;
                }

                if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    throw new OptionsException($"Option {name} needs a value.");
                }

                return args[++i];
            }

            switch (name)
            {
                case "--help" or "-h" or "-?":
                    return null;
                case "--urls":
                    options.Urls = ParseUrls(Value());
                    break;
                case "--api-key":
                    options.ApiKey = ParseApiKey(Value());
                    break;
                case "--callback-url":
                    options.CallbackUrl = ParseCallbackUrl(Value());
                    break;
                case "--callback-method":
                    options.CallbackMethod = Value().ToUpperInvariant() switch
                    {
                        "POST" => CallbackMethod.Post,
                        "GET" => CallbackMethod.Get,
                        var other => throw new OptionsException($"--callback-method must be POST or GET, not '{other}'."),
                    };
                    break;
                case "--deletion-delay":
                    options.DeletionDelay = TimeSpan.FromSeconds(ParseInt(name, Value(), 0, int.MaxValue));
                    break;
                case "--latency-ms":
                    options.Latency = TimeSpan.FromMilliseconds(ParseInt(name, Value(), 0, 600_000));
                    break;
                case "--fault-rate":
                    options.FaultRate = ParseRate(Value());
                    break;
                case "--fault-kinds":
                    options.FaultKinds = ParseFaultKinds(Value());
                    break;
                case "--seed":
                    options.Seed = ParseInt(name, Value(), int.MinValue, int.MaxValue);
                    break;
                case "--rate-limit":
                    options.RateLimitPerSecond = ParseInt(name, Value(), 1, int.MaxValue);
                    break;
                case "--allow-custom-codes":
                    options.AllowCustomCodes = true;
                    break;
                case "--deny-custom-messages":
                    options.DenyCustomMessages = true;
                    break;
                case "--enable-secret-export":
                case "--enable-migration-tools":
                    options.EnableSecretExport = true;
                    break;
                case "--exit-on-stdin-close":
                    options.ExitOnStdinClose = true;
                    break;
                case "--ignore-interrupt":
                    options.IgnoreInterrupt = true;
                    break;
                case "--account-sid":
                    options.AccountSid = ParseSid(name, "AC", Value());
                    break;
                case "--auth-token":
                    options.AuthToken = ParseSecret(name, Value());
                    break;
                case "--api-key-sid":
                    options.ApiKeySid = ParseSid(name, "SK", Value());
                    break;
                case "--api-key-secret":
                    options.ApiKeySecret = ParseSecret(name, Value());
                    break;
                default:
                    throw new OptionsException($"Unknown option '{args[i]}'.");
            }
        }

        return options;
    }

    private static string ParseUrls(string value)
    {
        foreach (var part in value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Uri.TryCreate(part, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp)
            {
                throw new OptionsException($"--urls: '{part}' is not an http:// URL such as http://127.0.0.1:5580.");
            }
        }

        return value;
    }

    private static string ParseApiKey(string value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Trim() != value)
        {
            throw new OptionsException("--api-key must be a non-empty key without surrounding spaces.");
        }

        return value;
    }

    /// <summary>A Twilio SID: the prefix and 32 hex digits (docs/api/verify.md §1.5).</summary>
    private static string ParseSid(string name, string prefix, string value)
    {
        if (!Verify.Sids.IsSid(value, prefix))
        {
            throw new OptionsException($"{name}: '{value}' is not a SID ({prefix} followed by 32 hexadecimal digits).");
        }

        return value;
    }

    /// <summary>The message never repeats the value: it is a secret.</summary>
    private static string ParseSecret(string name, string value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Trim() != value || value.Length < 8 || value.Contains(':', StringComparison.Ordinal))
        {
            throw new OptionsException($"{name} must be at least 8 characters, without surrounding spaces or ':'.");
        }

        return value;
    }

    private static Uri ParseCallbackUrl(string value)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) ||
            (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new OptionsException($"--callback-url: '{value}' is not an absolute http(s) URL.");
        }

        return uri;
    }

    private static int ParseInt(string name, string value, int min, int max)
    {
        if (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ||
            number < min || number > max)
        {
            throw new OptionsException($"{name}: '{value}' is not an integer between {min} and {max}.");
        }

        return number;
    }

    private static double ParseRate(string value)
    {
        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var rate) ||
            double.IsNaN(rate) || rate < 0 || rate > 1)
        {
            throw new OptionsException($"--fault-rate: '{value}' is not a number between 0 and 1.");
        }

        return rate;
    }

    private static List<FaultKind> ParseFaultKinds(string value)
    {
        var kinds = new List<FaultKind>();
        foreach (var part in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var kind = part.ToLowerInvariant() switch
            {
                "429" => FaultKind.TooManyRequests429,
                "500" => FaultKind.ServerError500,
                "503" => FaultKind.ServiceUnavailable503,
                "reset" => FaultKind.ConnectionReset,
                "timeout" => FaultKind.Timeout,
                _ => throw new OptionsException(
                    $"--fault-kinds: '{part}' is not one of 429, 500, 503, reset, timeout."),
            };
            if (!kinds.Contains(kind))
            {
                kinds.Add(kind);
            }
        }

        if (kinds.Count == 0)
        {
            throw new OptionsException("--fault-kinds needs at least one of 429, 500, 503, reset, timeout.");
        }

        return kinds;
    }
}
