using System.Diagnostics;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;

namespace Authy.EmulatorLauncher;

/// <summary>
/// The emulator shipped inside the module (folder <c>emulator/</c>), run as a child process of the
/// session. It exits when its standard input closes, so it never outlives the PowerShell that started it.
/// </summary>
internal sealed class EmulatorProcess : IDisposable
{
    /// <summary>What makes an argument need quotes on the command line.</summary>
    private static readonly char[] QuoteTriggers = { ' ', '"', '\t' };

    private static readonly Regex ListeningLine = new Regex(@"^Authy emulator listening on (?<url>http://\S+)\s*$", RegexOptions.CultureInvariant);
    private static readonly Regex VerifyLine = new Regex(@"^Verify emulator service (?<service>VA[0-9a-fA-F]{32}) account (?<account>AC[0-9a-fA-F]{32})\s*$", RegexOptions.CultureInvariant);

    /// <summary>The emulator reads the Verify account's auth token from this variable when --auth-token is not given.</summary>
    internal const string AuthTokenVariable = "AUTHY_EMULATOR_AUTH_TOKEN";
    /// <summary>The emulator reads its key from this variable when --api-key is not given.</summary>
    internal const string ApiKeyVariable = "AUTHY_EMULATOR_API_KEY";

    private readonly Process _process;

    private EmulatorProcess(Process process, Uri url, string? verifyServiceSid, string? verifyAccountSid)
    {
        _process = process;
        Url = url;
        VerifyServiceSid = verifyServiceSid;
        VerifyAccountSid = verifyAccountSid;
    }

    public Uri Url { get; }

    /// <summary>The Verify side's default service, from the second startup line (null from an emulator without Verify).</summary>
    public string? VerifyServiceSid { get; }

    /// <summary>The Verify side's account SID, from the second startup line.</summary>
    public string? VerifyAccountSid { get; }

    public int ProcessId => _process.Id;

    /// <summary>
    /// Starts the emulator on 127.0.0.1:<paramref name="port"/> (0: a free port) and waits until it says where it
    /// listens. Throws <see cref="EmulatorStartException"/> saying why when it cannot: the port is taken, no
    /// runtime able to run it is installed, or it ended before listening.
    /// </summary>
    public static EmulatorProcess Start(int port, IEnumerable<string> arguments, TimeSpan startTimeout, string apiKey, string? authToken = null)
    {
        var assembly = LocateEmulatorAssembly();

        // Checked first so the common case gets a plain answer without launching anything.
        if (EmulatorStartFailure.IsPortInUse(port))
        {
            throw new EmulatorStartException(EmulatorStartFailure.PortInUse(port));
        }

        var urls = new[] { "--urls", "http://127.0.0.1:" + port.ToString(System.Globalization.CultureInfo.InvariantCulture) };

        // --ignore-interrupt: the child shares the terminal's process group, so a Ctrl+C pressed at the prompt
        // (to stop another command) would reach it too. It still stops on SIGTERM and when its stdin closes.
        var fixedOptions = new[] { "--exit-on-stdin-close", "--ignore-interrupt" };
        var host = LocateDotnet();
        var start = new ProcessStartInfo(host)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            CreateNoWindow = true,
            Arguments = string.Join(" ", new[] { assembly }.Concat(urls).Concat(arguments).Concat(fixedOptions).Select(Quote)),
        };

        // The key goes through the environment, not the command line, where any local user could read it.
        start.Environment[ApiKeyVariable] = apiKey;
        if (authToken != null)
        {
            start.Environment[AuthTokenVariable] = authToken;
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new EmulatorStartException("the process did not start.");
        }
        catch (System.ComponentModel.Win32Exception notFound)
        {
            throw new EmulatorStartException(EmulatorStartFailure.NoDotnetHost(host, notFound.Message), notFound);
        }

        var errors = new StringBuilder();
        process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data != null)
            {
                lock (errors)
                {
                    // Bounded: only the first lines say why it failed.
                    if (errors.Length < 16384)
                    {
                        errors.AppendLine(line.Data);
                    }
                }
            }
        };
        process.BeginErrorReadLine();

        string? serviceSid = null;
        string? accountSid = null;
        var readUrl = Task.Run(() =>
        {
            string? line;
            Uri? listening = null;
            while ((line = process.StandardOutput.ReadLine()) != null)
            {
                var match = ListeningLine.Match(line);
                if (match.Success)
                {
                    listening = new Uri(match.Groups["url"].Value);
                    continue;
                }

                var verify = VerifyLine.Match(line);
                if (verify.Success && listening != null)
                {
                    // The second line: the Verify side's default service and account (never a secret).
                    serviceSid = verify.Groups["service"].Value;
                    accountSid = verify.Groups["account"].Value;
                    return listening;
                }
            }

            return listening;
        });

        if (!readUrl.Wait(startTimeout) || readUrl.Result == null)
        {
            int? exitCode = null;

            // Its stdout closed without the line: it is ending, so wait for its exit code.
            if (process.WaitForExit(readUrl.IsCompleted ? 15000 : 0))
            {
                // WaitForExit() without a timeout also waits for stderr to be read to its end.
                process.WaitForExit();
                exitCode = process.ExitCode;
            }
            else
            {
                TryKill(process);
            }

            string stderr;
            lock (errors)
            {
                stderr = errors.ToString();
            }

            process.Dispose();

            // The emulator never prints its key, but its words reach an error record: make sure.
            if (apiKey.Length > 0)
            {
                stderr = stderr.Replace(apiKey, "[REDACTED]");
            }

            if (!string.IsNullOrEmpty(authToken))
            {
                stderr = stderr.Replace(authToken, "[REDACTED]");
            }

            throw new EmulatorStartException(EmulatorStartFailure.Explain(exitCode, stderr, port, startTimeout));
        }

        // Keep draining stdout so a chatty emulator never blocks on a full pipe.
        Task.Run(() =>
        {
            while (process.StandardOutput.ReadLine() != null)
            {
            }
        });

        return new EmulatorProcess(process, readUrl.Result, serviceSid, accountSid);
    }

    public void Stop()
    {
        if (_process.HasExited)
        {
            return;
        }

        try
        {
            // Closing stdin asks it to exit; kill if it does not within a few seconds.
            _process.StandardInput.Close();
            if (!_process.WaitForExit(5000))
            {
                TryKill(_process);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    public void Dispose()
    {
        Stop();
        _process.Dispose();
    }

    private static string LocateEmulatorAssembly()
    {
        var moduleFolder = Path.GetDirectoryName(typeof(EmulatorProcess).Assembly.Location) ?? ".";
        var assembly = Path.Combine(moduleFolder, "emulator", "Authy.Emulator.dll");
        if (!File.Exists(assembly))
        {
            throw new FileNotFoundException($"The emulator is not shipped with this copy of the module (looked for {assembly}). Build the module with ./build.ps1.", assembly);
        }

        return assembly;
    }

    /// <summary>The dotnet host: the current process when PowerShell runs as 'dotnet pwsh', else DOTNET_ROOT, else PATH.</summary>
    private static string LocateDotnet()
    {
        var exe = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "dotnet.exe" : "dotnet";
        try
        {
            var current = Process.GetCurrentProcess().MainModule?.FileName;
            if (current != null && string.Equals(Path.GetFileName(current), exe, StringComparison.OrdinalIgnoreCase))
            {
                return current;
            }
        }
        catch (InvalidOperationException)
        {
            // Not allowed to inspect our own process on some hosts: fall through.
        }

        var root = Environment.GetEnvironmentVariable("DOTNET_ROOT");
        if (!string.IsNullOrEmpty(root) && File.Exists(Path.Combine(root, exe)))
        {
            return Path.Combine(root, exe);
        }

        return exe;
    }

    private static string Quote(string argument) =>
        argument.Length > 0 && argument.IndexOfAny(QuoteTriggers) < 0 ? argument : "\"" + argument.Replace("\"", "\\\"") + "\"";

    private static void TryKill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill();
                process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
        }
    }
}

/// <summary>The emulator could not be started; the message says why and what to do.</summary>
internal sealed class EmulatorStartException : InvalidOperationException
{
    public EmulatorStartException(string reason, Exception? innerException = null)
        : base("The Authy emulator did not start: " + reason, innerException)
    {
    }
}
