using System;
using System.Diagnostics;
using System.IO;
using System.Net.Http;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Authy.Emulator.Hosting;

namespace Authy.Emulator.Tests;

/// <summary>The command line, and the emulator as a real child process (what the tools start).</summary>
public partial class OptionsAndProcessTests
{
    [Fact]
    public void All_documented_options_parse()
    {
        var options = OptionsParser.Parse(new[]
        {
            "--urls", "http://127.0.0.1:0", "--api-key", "k-123456", "--callback-url", "http://127.0.0.1:9/cb",
            "--callback-method", "get", "--deletion-delay", "30", "--latency-ms", "5", "--fault-rate", "0.25",
            "--fault-kinds", "429,reset", "--seed", "9", "--rate-limit", "100", "--allow-custom-codes",
            "--deny-custom-messages", "--enable-secret-export", "--exit-on-stdin-close",
        })!;

        Assert.Equal("http://127.0.0.1:0", options.Urls);
        Assert.Equal("k-123456", options.ApiKey);
        Assert.Equal(new Uri("http://127.0.0.1:9/cb"), options.CallbackUrl);
        Assert.Equal(CallbackMethod.Get, options.CallbackMethod);
        Assert.Equal(TimeSpan.FromSeconds(30), options.DeletionDelay);
        Assert.Equal(TimeSpan.FromMilliseconds(5), options.Latency);
        Assert.Equal(0.25, options.FaultRate);
        Assert.Equal(new[] { FaultKind.TooManyRequests429, FaultKind.ConnectionReset }, options.FaultKinds);
        Assert.Equal(9, options.Seed);
        Assert.Equal(100, options.RateLimitPerSecond);
        Assert.True(options.AllowCustomCodes && options.DenyCustomMessages && options.EnableSecretExport && options.ExitOnStdinClose);
    }

    [Fact]
    public void Defaults_are_the_documented_ones()
    {
        var options = OptionsParser.Parse(Array.Empty<string>())!;

        Assert.Equal("AuthyEmulatorDemoKey000000000000", options.ApiKey);
        Assert.Equal(TimeSpan.FromSeconds(86400), options.DeletionDelay);
        Assert.StartsWith("http://127.0.0.1:", options.Urls, StringComparison.Ordinal);
        Assert.Null(options.CallbackUrl);
        Assert.Equal(0, options.FaultRate);
        Assert.Null(options.RateLimitPerSecond);
    }

    [Theory]
    [InlineData("--fault-rate", "1.5")]
    [InlineData("--fault-rate", "x")]
    [InlineData("--fault-kinds", "429,404")]
    [InlineData("--latency-ms", "-1")]
    [InlineData("--rate-limit", "0")]
    [InlineData("--deletion-delay", "soon")]
    [InlineData("--callback-url", "ftp://x/")]
    [InlineData("--callback-method", "PUT")]
    [InlineData("--urls", "127.0.0.1:80")]
    [InlineData("--api-key", " ")]
    [InlineData("--no-such-option", "1")]
    public async Task Bad_values_exit_with_code_2(string name, string value)
    {
        Assert.Throws<OptionsException>(() => OptionsParser.Parse(new[] { name, value }));
        Assert.Equal(2, await Program.Main(new[] { name, value }));
    }

    [Fact]
    public void An_option_without_its_value_is_rejected()
    {
        var error = Assert.Throws<OptionsException>(() => OptionsParser.Parse(new[] { "--api-key", "--seed", "1" }));
        Assert.Contains("--api-key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Child_process_prints_its_port_serves_and_exits_when_stdin_closes()
    {
        using var process = StartChild("--exit-on-stdin-close", "--api-key", "child-key-000000");
        var baseAddress = await ReadListeningLineAsync(process);

        using (var client = new HttpClient { BaseAddress = baseAddress })
        {
            client.DefaultRequestHeaders.Add("X-Authy-API-Key", "child-key-000000");
            var reply = await client.GetAsync("/protected/json/app/details");
            Assert.Equal(200, (int)reply.StatusCode);
        }

        process.StandardInput.Close();

        Assert.True(process.WaitForExit(15_000), "the emulator did not exit after stdin closed");
        Assert.Equal(0, process.ExitCode);
        // After the listening line, only the Verify line (default service and account, no secret).
        Assert.Equal(
            "Verify emulator service VA00000000000000000000000000000001 account AC00000000000000000000000000000001",
            (await process.StandardOutput.ReadToEndAsync()).Trim());
    }

    [Fact]
    public async Task Child_process_exits_cleanly_on_sigterm()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return;
        }

        using var process = StartChild();
        await ReadListeningLineAsync(process);

        Assert.Equal(0, SendSigterm(process.Id));

        Assert.True(process.WaitForExit(15_000), "the emulator did not exit after SIGTERM");
        Assert.Equal(0, process.ExitCode);
    }

    [Fact]
    public async Task Child_process_with_bad_options_writes_stderr_and_exits_2()
    {
        using var process = StartChild("--fault-rate", "2");
        var stderr = await process.StandardError.ReadToEndAsync();

        Assert.True(process.WaitForExit(15_000));
        Assert.Equal(2, process.ExitCode);
        Assert.Contains("--fault-rate", stderr, StringComparison.Ordinal);
    }

    /// <summary>SIGTERM through the kill command (.NET's Process.Kill sends SIGKILL).</summary>
    private static int SendSigterm(int pid)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-TERM", pid.ToString(System.Globalization.CultureInfo.InvariantCulture) } })!;
        kill.WaitForExit();
        return kill.ExitCode;
    }

    private static Process StartChild(params string[] extra)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "Authy.Emulator.dll");
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(dll);
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add("http://127.0.0.1:0");
        foreach (var arg in extra)
        {
            info.ArgumentList.Add(arg);
        }

        return Process.Start(info)!;
    }

    private static async Task<Uri> ReadListeningLineAsync(Process process)
    {
        var read = process.StandardOutput.ReadLineAsync();
        var finished = await Task.WhenAny(read, Task.Delay(TimeSpan.FromSeconds(30)));
        if (finished != read)
        {
            process.Kill();
            throw new TimeoutException("no listening line within 30 s");
        }

        var line = await read;
        var match = ListeningLine().Match(line ?? "");
        Assert.True(match.Success, $"unexpected first line: {line}");
        return new Uri(match.Groups[1].Value);
    }

    [GeneratedRegex(@"^Authy emulator listening on (http://127\.0\.0\.1:[1-9][0-9]*)$")]
    private static partial Regex ListeningLine();
}
