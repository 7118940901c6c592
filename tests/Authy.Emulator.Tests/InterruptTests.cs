using System;
using System.Diagnostics;
using System.Globalization;
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
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return;
        }

        using var process = StartChild();
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

    private static int SendSignal(string signal, int pid)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-" + signal, pid.ToString(CultureInfo.InvariantCulture) } })!;
        kill.WaitForExit();
        return kill.ExitCode;
    }
}
