using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace Authy.Emulator.Tests;

/// <summary>A tiny loopback HTTP server (HttpListener) that records the OneTouch callbacks it receives.</summary>
public sealed class CallbackReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly CancellationTokenSource _stop = new();

    public CallbackReceiver(int replyStatus = 200)
    {
        // HttpListener needs a concrete port: take a free one from the OS.
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            Port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
        }

        Url = new Uri($"http://127.0.0.1:{Port}/authy/callback");
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _ = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception) when (_stop.IsCancellationRequested)
                {
                    return;
                }

                using var reader = new StreamReader(context.Request.InputStream);
                var body = await reader.ReadToEndAsync();
                var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                foreach (var name in context.Request.Headers.AllKeys)
                {
                    headers[name!] = context.Request.Headers[name]!;
                }

                Received.Add(new ReceivedCallback(context.Request.HttpMethod, context.Request.Url!, context.Request.RawUrl!, headers, body));
                context.Response.StatusCode = replyStatus;
                context.Response.Close();
            }
        });
    }

    public int Port { get; }

    public Uri Url { get; }

    public ConcurrentBag<ReceivedCallback> Received { get; } = new();

    public void Dispose()
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }

        _stop.Cancel();
        _listener.Close();
    }
}

public sealed record ReceivedCallback(string Method, Uri Url, string RawUrl, IReadOnlyDictionary<string, string> Headers, string Body);
