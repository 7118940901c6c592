using System;
using System.Net;
using System.Net.Sockets;
using Authy.EmulatorLauncher;
using Xunit;

namespace Authy.Tests.Emulator;

/// <summary>Why Start-AuthyEmulator failed, read from what the child process left behind (captured text).</summary>
public class EmulatorStartFailureTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    // The .NET 8+ host when no ASP.NET Core runtime is installed (exit code 0x80008096 = -2147450730).
    private const string NoAspNetCore = @"You must install or update .NET to run this application.

App: /home/admin/.local/share/powershell/Modules/Authy/emulator/Authy.Emulator.dll
Architecture: x64
Framework: 'Microsoft.AspNetCore.App', version '8.0.0' (x64)
.NET location: /usr/share/dotnet

The following frameworks were found:
  6.0.25 at [/usr/share/dotnet/shared/Microsoft.AspNetCore.App]

Learn more:
https://aka.ms/dotnet/app-launch-failed

To install missing framework, download:
https://aka.ms/dotnet-core-applaunch?framework=Microsoft.AspNetCore.App&framework_version=8.0.0&arch=x64&rid=linux-x64&os=ubuntu.22.04
";

    // Hosts before .NET 6 word it differently.
    private const string OldHost = @"It was not possible to find any compatible framework version
The framework 'Microsoft.NETCore.App', version '9.0.0' (x64) was not found.
  - The following frameworks were found:
      3.1.32 at [/usr/share/dotnet/shared/Microsoft.NETCore.App]
";

    // Program.cs and Kestrel when the port was taken between the check and the bind.
    private const string PortTaken = @"Authy.Emulator: cannot start: Failed to bind to address http://127.0.0.1:5581: address already in use.
fail: Microsoft.Extensions.Hosting.Internal.Host[11]
      Hosting failed to start
      System.IO.IOException: Failed to bind to address http://127.0.0.1:5581: address already in use.
       ---> Microsoft.AspNetCore.Connections.AddressInUseException: Address already in use
         at System.Net.Sockets.Socket.DoBind(EndPoint endPointSnapshot, SocketAddress socketAddress)
";

    [Fact]
    public void A_missing_aspnetcore_runtime_says_what_to_install()
    {
        var message = EmulatorStartFailure.Explain(-2147450730, NoAspNetCore, 0, Wait);

        Assert.Contains("Install the ASP.NET Core Runtime 8.0 or later: https://dotnet.microsoft.com/download/dotnet", message, StringComparison.Ordinal);
        Assert.Contains("Microsoft.AspNetCore.App", message, StringComparison.Ordinal);
        Assert.DoesNotContain("exited with code", message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_version_the_host_asks_for_is_the_one_advised()
    {
        Assert.True(EmulatorStartFailure.NeedsRuntime(OldHost));
        Assert.Contains("Install the ASP.NET Core Runtime 9.0 or later", EmulatorStartFailure.Explain(150, OldHost, 0, Wait), StringComparison.Ordinal);
    }

    [Fact]
    public void Only_the_marker_sentence_still_gives_the_default_advice()
    {
        var message = EmulatorStartFailure.Explain(150, "You must install or update .NET to run this application.", 0, Wait);

        Assert.Contains("Install the ASP.NET Core Runtime 8.0 or later", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_port_taken_after_the_check_is_named()
    {
        var message = EmulatorStartFailure.Explain(2, PortTaken, 5581, Wait);

        Assert.StartsWith("port 5581 is already in use", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_crash_gives_the_exit_code_and_the_childs_own_words_without_stack_frames()
    {
        var stderr = "Authy.Emulator: cannot start: something broke.\n   at Authy.Emulator.Program.Main()\nUsage: Authy.Emulator [--urls ...]\n         [--api-key <key>]\n";

        var message = EmulatorStartFailure.Explain(2, stderr, 0, Wait);

        Assert.Equal("it exited with code 2 before saying where it listens. It wrote: Authy.Emulator: cannot start: something broke.", message);
    }

    [Fact]
    public void Silence_until_the_deadline_is_said_so()
    {
        Assert.Equal("it did not say where it listens within 60 s.", EmulatorStartFailure.Explain(null, string.Empty, 0, Wait));
    }

    [Fact]
    public void A_missing_host_says_what_to_install()
    {
        var message = EmulatorStartFailure.NoDotnetHost("dotnet", "No such file or directory");

        Assert.Contains("'dotnet'", message, StringComparison.Ordinal);
        Assert.Contains("Install the ASP.NET Core Runtime 8.0 or later", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_port_with_a_listener_is_in_use_and_a_free_one_is_not()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            Assert.True(EmulatorStartFailure.IsPortInUse(port));
        }
        finally
        {
            listener.Stop();
        }

        Assert.False(EmulatorStartFailure.IsPortInUse(0));
    }
}
