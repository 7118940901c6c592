using System.IO;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;

namespace Authy.Emulator;

/// <summary>
/// Command-line entry: parse options (bad ones → message on stderr, exit code 2), start, print
/// the line "Authy emulator listening on http://127.0.0.1:PORT" and then
/// "Verify emulator service VA… account AC…" to stdout, run until
/// SIGTERM / Ctrl+C, or until stdin closes when --exit-on-stdin-close is given.
/// </summary>
public static class Program
{
    public const string ListeningLinePrefix = "Authy emulator listening on ";

    /// <summary>The second line: the Verify side's default service and account (never a secret).</summary>
    public const string VerifyLinePrefix = "Verify emulator service ";

    public static string VerifyLine(EmulatorOptions options) =>
        VerifyLinePrefix + EmulatorOptions.DefaultServiceSid + " account " + options.AccountSid;

    public static async Task<int> Main(string[] args)
    {
        EmulatorOptions? options;
        try
        {
            options = OptionsParser.Parse(args);
        }
        catch (OptionsException e)
        {
            await Console.Error.WriteLineAsync("Authy.Emulator: " + e.Message).ConfigureAwait(false);
            await Console.Error.WriteLineAsync(OptionsParser.Usage).ConfigureAwait(false);
            return 2;
        }

        if (options is null)
        {
            Console.WriteLine(OptionsParser.Usage);
            return 0;
        }

        WebApplication app;
        try
        {
            app = EmulatorHost.Build(options);
            await app.StartAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or FormatException or UriFormatException)
        {
            // e.g. the port is taken, or --urls cannot be bound.
            await Console.Error.WriteLineAsync("Authy.Emulator: cannot start: " + e.Message).ConfigureAwait(false);
            return 2;
        }

        await using (app.ConfigureAwait(false))
        {
            var address = EmulatorHost.ListeningAddress(app);
            Console.Out.WriteLine(ListeningLinePrefix + address.GetLeftPart(UriPartial.Authority));
            Console.Out.WriteLine(VerifyLine(options));
            Console.Out.Flush();

            if (options.ExitOnStdinClose)
            {
                _ = Task.Run(async () =>
                {
                    // A parent that dies closes our stdin: stop instead of lingering as an orphan.
                    using var stdin = Console.OpenStandardInput();
                    var buffer = new byte[256];
                    try
                    {
                        while (await stdin.ReadAsync(buffer).ConfigureAwait(false) > 0)
                        {
                        }
                    }
                    catch (IOException)
                    {
                    }

                    await app.StopAsync().ConfigureAwait(false);
                });
            }

            await app.WaitForShutdownAsync().ConfigureAwait(false);
        }

        return 0;
    }
}
