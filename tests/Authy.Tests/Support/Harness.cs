using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Authy.Api;
using Authy.Http;

namespace Authy.Tests.Support;

/// <summary>Collects verbose lines.</summary>
internal sealed class RecordingLog : IRequestLog
{
    private readonly List<string> _lines = new List<string>();

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return _lines.ToArray();
            }
        }
    }

    public void Verbose(string message)
    {
        lock (_lines)
        {
            _lines.Add(message);
        }
    }
}

/// <summary>An AuthyHttpClient over a scripted handler, with a clock that records waits instead of sleeping.</summary>
internal sealed class Harness
{
    /// <summary>A 32-character key, the length Authy issues.</summary>
    public const string Key = "d57d919d11e6b221c9bf6f7c882028f9";

    public static readonly Uri BaseUrl = new Uri("https://api.authy.com/");

    public Harness(ScriptedHandler handler, int maxRetry = 3, TimeSpan? timeout = null, int seed = 12345, Uri? apiUrl = null)
    {
        Handler = handler;
        Settings = new AuthyClientSettings(apiUrl ?? BaseUrl, timeout ?? TimeSpan.FromMinutes(5), maxRetry);
        var http = new HttpClient(handler, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };
        Client = new AuthyHttpClient(Settings, SecureText.Protect(Key), http, new RetryPolicy(maxRetry, seed), WaitAsync);
        Api = new AuthyApi(Client);
    }

    public ScriptedHandler Handler { get; }

    public AuthyClientSettings Settings { get; }

    public AuthyHttpClient Client { get; }

    public AuthyApi Api { get; }

    public RecordingLog Log { get; } = new RecordingLog();

    public List<TimeSpan> Delays { get; } = new List<TimeSpan>();

    /// <summary>Runs while the client "waits"; lets a test cancel during the back-off.</summary>
    public Action? OnWait { get; set; }

    public Task<Newtonsoft.Json.Linq.JObject> SendAsync(AuthyRequest request, CancellationToken cancellationToken = default) =>
        Client.SendAsync(request, Log, cancellationToken);

    public static AuthyRequest Get(string path = "protected/json/users/1/status", RepeatSafety safety = RepeatSafety.Idempotent) =>
        new AuthyRequest(HttpMethod.Get, path, safety);

    public static AuthyRequest Post(string path, RepeatSafety safety) =>
        new AuthyRequest(HttpMethod.Post, path, safety);

    public static HttpRequestException ConnectionRefused() =>
        new HttpRequestException("Connection refused (api.authy.com:443)", new SocketException((int)SocketError.ConnectionRefused));

    public static HttpRequestException ResetAfterSend() =>
        new HttpRequestException(
            "An error occurred while sending the request.",
            new System.IO.IOException(
                "Unable to read data from the transport connection: Connection reset by peer.",
                new SocketException((int)SocketError.ConnectionReset)));

    private Task WaitAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (Delays)
        {
            Delays.Add(delay);
        }

        OnWait?.Invoke();
        cancellationToken.ThrowIfCancellationRequested();
        return Task.CompletedTask;
    }
}

internal static class Fixtures
{
    public const string Ok = """{"message":"OK","success":true}""";

    public const string UserCreated = """{"message":"User created successfully.","user":{"id":1635},"success":true}""";

    public const string UserNotFound = """{"message":"User not found.","success":false,"errors":{"message":"User not found."},"error_code":"60026"}""";

    public const string UserNotValid = """{"message":"User was not valid","success":false,"errors":{"cellphone":"is invalid","message":"User was not valid"},"cellphone":"is invalid","error_code":"60027"}""";

    public const string ApprovalNotFound = """{"message":"Approval request not found: 550e8400-e29b-41d4-a716-446655440000","success":false,"errors":{},"error_code":"60049"}""";

    public const string TokenInvalid = """{"message":"Token is invalid","token":"is invalid","success":false,"errors":{"message":"Token is invalid"},"error_code":"60020"}""";

    public const string TokenValid = """{"message":"Token is valid.","token":"is valid","success":"true","device":{"id":null,"os_type":"sms","registration_date":1500648405,"registration_method":null,"registration_country":null,"registration_region":null,"registration_city":null,"country":null,"region":null,"city":null,"ip":null,"last_account_recovery_at":1494631010,"last_sync_date":null}}""";

    public const string DosProtection = """{"message":"DoS protection","success":false,"errors":{"message":"DoS protection"},"error_code":"60003"}""";

    public const string AccountSuspended = """{"message":"Your account is suspended","success":false,"errors":{"message":"Your account is suspended"},"error_code":"60060"}""";

    public const string UserStatus = """
        {"status":{"authy_id":290907,"confirmed":true,"registered":false,"country_code":1,
         "phone_number":"XXX-XXX-1118","email":"alfvawmu@authy.com","devices":[],
         "has_hard_token":false,"account_disabled":false,
         "detailed_devices":[{"device_type":"authy","os_type":"unknown","registration_device_id":null,
           "registration_method":null,"device_id":290908,"last_sync_date":0,"creation_date":1433868212}],
         "deleted_devices":[]},
         "message":"User status.","success":true}
        """;

    public const string Html503 = "<html><head><title>503 Service Unavailable</title></head><body><h1>503 Service Unavailable</h1>No server is available to handle this request.</body></html>";
}
