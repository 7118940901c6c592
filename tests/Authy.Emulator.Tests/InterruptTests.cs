using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Net.Http;
using System.Threading.Tasks;
using Authy.Emulator.Hosting;

namespace Authy.Emulator.Tests;

/// <summary>--ignore-interrupt: Ctrl+C at the prompt that started the emulator must not stop it.</summary>
public partial class OptionsAndProcessTests
{
    [Fact]
    public void Ignore_interrupt_parses_and_is_off_by_default()
    {
        Assert.True(OptionsParser.Parse(new[] { "--ignore-interrupt" })!.IgnoreInterrupt);
        Assert.False(OptionsParser.Parse(Array.Empty<string>())!.IgnoreInterrupt);
        Assert.Contains("--ignore-interrupt", OptionsParser.Usage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Child_process_with_ignore_interrupt_survives_sigint_and_still_stops_on_sigterm()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return;
        }

        using var process = StartChild("--ignore-interrupt", "--api-key", "child-key-000000");
        var baseAddress = await ReadListeningLineAsync(process);

        Assert.Equal(0, SendSignal("INT", process.Id));

        // Still serving after the interrupt (an unhandled SIGINT would end it with no reply).
        using (var client = new HttpClient { BaseAddress = baseAddress })
        {
            client.DefaultRequestHeaders.Add("X-Authy-API-Key", "child-key-000000");
            var reply = await client.GetAsync("/protected/json/app/details");
            Assert.Equal(200, (int)reply.StatusCode);
        }

        Assert.False(process.HasExited, "the emulator exited on SIGINT");
        Assert.Equal(0, SendSignal("TERM", process.Id));
        Assert.True(process.WaitForExit(15_000), "the emulator did not exit after SIGTERM");
        Assert.Equal(0, process.ExitCode);
    }

    [Fact]
    public async Task Child_process_without_ignore_interrupt_stops_on_sigint()
    {
        // A test run started with SIGINT ignored (a background job of a non-interactive shell, nohup) passes that
        // on to every child, and .NET keeps an inherited SIG_IGN: the emulator then rightly ignores Ctrl+C, as any
        // program would, and there is nothing to test.
        if ((!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS()) || InterruptIgnoredHere())
        {
            return;
        }

        using var process = StartChild();
        try
        {
            var baseAddress = await ReadListeningLineAsync(process);

            // Signal only once it serves: an interrupt that lands while the host is still starting can be
            // held until start-up ends, which under a loaded machine looked like a hang.
            using (var client = new HttpClient { BaseAddress = baseAddress })
            {
                Assert.Equal(200, (int)(await client.GetAsync("/_emulator/stats")).StatusCode);
            }

            Assert.Equal(0, SendSignal("INT", process.Id));

            Assert.True(process.WaitForExit(15_000), "the emulator did not exit after SIGINT");
            Assert.Equal(0, process.ExitCode);
        }
        finally
        {
            // A failed run leaves no emulator behind.
            if (!process.HasExited)
            {
                process.Kill();
            }
        }
    }

    /// <summary>Whether this process ignores SIGINT (bit 2 of SigIgn in /proc/self/status; Linux only).</summary>
    private static bool InterruptIgnoredHere()
    {
        const string Field = "SigIgn:";
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith(Field, StringComparison.Ordinal))
            {
                var mask = ulong.Parse(line.Substring(Field.Length).Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                return (mask & (1UL << (2 - 1))) != 0;
            }
        }

        return false;
    }

    private static int SendSignal(string signal, int pid)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-" + signal, pid.ToString(CultureInfo.InvariantCulture) } })!;
        kill.WaitForExit();
        return kill.ExitCode;
    }
}
