using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace Authy.EmulatorLauncher;

/// <summary>
/// Says why the emulator did not start, in words an admin can act on: the port is taken, no .NET
/// runtime able to run it is installed (and which to install), or it crashed (with what it wrote on
/// stderr). Pure functions of what the child left behind, so they are tested on captured text.
/// </summary>
internal static class EmulatorStartFailure
{
    private static readonly char[] LineBreaks = { '\r', '\n' };

    /// <summary>The runtime the emulator needs when the host does not say (it targets 8.0 and rolls forward).</summary>
    public const string DefaultRuntimeVersion = "8.0";

    public const string DownloadUrl = "https://dotnet.microsoft.com/download/dotnet";

    // What the .NET host prints when a framework is missing: "You must install or update .NET to run this
    // application." with "Framework: 'Microsoft.AspNetCore.App', version '8.0.0' (x64)" (hosts of .NET 6+),
    // or "The framework 'Microsoft.AspNetCore.App', version '8.0.0' (x64) was not found." (older hosts).
    private static readonly Regex MissingFrameworkLine = new Regex(
        @"(?:Framework:\s*|The framework\s+)'(?<name>Microsoft\.[A-Za-z.]+)',\s*version\s*'(?<major>\d+)\.(?<minor>\d+)",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    private static readonly string[] MissingRuntimeMarkers =
    {
        "You must install or update .NET to run this application",
        "You must install .NET to run this application",
        "It was not possible to find any compatible framework version",
        "was not found.\n  - The following frameworks were found",
    };

    // Kestrel's "Failed to bind to address http://127.0.0.1:5581: address already in use." (Unix) and the
    // Windows socket text "Only one usage of each socket address ... is normally permitted".
    private static readonly string[] AddressInUseMarkers =
    {
        "address already in use",
        "Only one usage of each socket address",
    };

    /// <summary>What to install, e.g. "Install the ASP.NET Core Runtime 8.0 or later: https://...".</summary>
    public static string InstallAdvice(string version) =>
        $"Install the ASP.NET Core Runtime {version} or later: {DownloadUrl}";

    public static string PortInUse(int port) =>
        string.Format(CultureInfo.InvariantCulture, "port {0} is already in use. Give another -Port, or leave -Port out to let the emulator pick a free one.", port);

    /// <summary>True when the .NET host refused to run the emulator for want of a framework.</summary>
    public static bool NeedsRuntime(string stderr) =>
        MissingRuntimeMarkers.Any(marker => stderr.IndexOf(marker, StringComparison.OrdinalIgnoreCase) >= 0)
        || MissingFrameworkLine.IsMatch(stderr);

    /// <summary>The advice for a missing runtime, naming the version the host asked for when it said.</summary>
    public static string MissingRuntime(string stderr)
    {
        var match = MissingFrameworkLine.Match(stderr);
        var version = match.Success ? match.Groups["major"].Value + "." + match.Groups["minor"].Value : DefaultRuntimeVersion;
        var framework = match.Success ? $" (the .NET host found no {match.Groups["name"].Value} {version} or later)" : string.Empty;
        return $"no .NET runtime able to run it is installed{framework}. {InstallAdvice(version)}";
    }

    /// <summary>The dotnet host itself could not be started.</summary>
    public static string NoDotnetHost(string host, string reason) =>
        $"the .NET host '{host}' could not be started ({reason}). {InstallAdvice(DefaultRuntimeVersion)}";

    /// <summary>
    /// Why the child ended (or never spoke) before its "listening on" line. <paramref name="exitCode"/> is
    /// null when it was still running at the deadline.
    /// </summary>
    public static string Explain(int? exitCode, string stderr, int port, TimeSpan startTimeout)
    {
        stderr = stderr ?? string.Empty;
        if (NeedsRuntime(stderr))
        {
            return MissingRuntime(stderr);
        }

        if (AddressInUseMarkers.Any(marker => stderr.IndexOf(marker, StringComparison.OrdinalIgnoreCase) >= 0))
        {
            return port != 0 ? PortInUse(port) : "the address it was to listen on is already in use.";
        }

        var why = exitCode.HasValue
            ? string.Format(CultureInfo.InvariantCulture, "it exited with code {0} before saying where it listens", exitCode.Value)
            : string.Format(CultureInfo.InvariantCulture, "it did not say where it listens within {0:0} s", startTimeout.TotalSeconds);
        var detail = Tail(stderr);
        return detail.Length > 0 ? $"{why}. It wrote: {detail}" : why + ".";
    }

    /// <summary>
    /// Whether something already listens on 127.0.0.1:<paramref name="port"/>. Checked before the launch so
    /// the answer is plain, and again from the child's stderr after it, since the port can be taken between.
    /// </summary>
    public static bool IsPortInUse(int port)
    {
        if (port == 0)
        {
            return false;
        }

        using (var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            {
                // Windows: without exclusive use a bind can share a port another socket listens on.
                probe.ExclusiveAddressUse = true;
            }
            else
            {
                // Unix: as Kestrel does, so a port held only by connections in TIME_WAIT counts as free.
                probe.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            }

            try
            {
                probe.Bind(new IPEndPoint(IPAddress.Loopback, port));
                return false;
            }
            catch (SocketException bind) when (bind.SocketErrorCode == SocketError.AddressAlreadyInUse)
            {
                return true;
            }
            catch (SocketException)
            {
                // Any other refusal (a privileged port, say): let the emulator try, and explain its failure.
                return false;
            }
        }
    }

    // What the child said, short enough for an error message: its own "Authy.Emulator: ..." lines when it
    // wrote any, else the last lines, leaving out the usage text and stack frames.
    private static string Tail(string stderr)
    {
        var lines = stderr.Split(LineBreaks, StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith("Usage:", StringComparison.Ordinal) && !line.StartsWith("[", StringComparison.Ordinal)
                && !line.StartsWith("at ", StringComparison.Ordinal) && !line.StartsWith("---", StringComparison.Ordinal))
            .ToArray();
        var own = lines.Where(line => line.StartsWith("Authy.Emulator:", StringComparison.Ordinal)).ToArray();
        var chosen = own.Length > 0 ? own : lines;
        return string.Join(" ", chosen.Skip(Math.Max(0, chosen.Length - 5)));
    }
}
