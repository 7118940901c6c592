using Authy.Api;
using Authy.Verify.Models;
using Newtonsoft.Json;

namespace Authy.Verify;

/// <summary>What a Send-TwilioVerification record asks for (docs/api/verify.md §4.2, start parameters).</summary>
public sealed class VerificationStart
{
    public string To { get; set; } = string.Empty;

    public string Channel { get; set; } = "sms";

    public string? Locale { get; set; }

    public string? CustomFriendlyName { get; set; }

    public string? CustomCode { get; set; }

    public string? CustomMessage { get; set; }

    public string? Amount { get; set; }

    public string? Payee { get; set; }

    public string? AppHash { get; set; }

    public string? DeviceIp { get; set; }

    /// <summary>Up to 10 tags, sent as one JSON object in the <c>Tags</c> form field.</summary>
    public IReadOnlyDictionary<string, string>? Tags { get; set; }
}

/// <summary>
/// Typed Twilio Verify v2 operations over the shared client with the <see cref="VerifyDialect"/>: one method
/// per endpoint, PascalCase form names, no PowerShell types.
/// </summary>
public sealed partial class VerifyApi
{
    private readonly AuthyHttpClient _http;

    public VerifyApi(AuthyHttpClient http, string serviceSid)
    {
        _http = http ?? throw new ArgumentNullException(nameof(http));
        ServiceSid = serviceSid ?? throw new ArgumentNullException(nameof(serviceSid));
    }

    public string ServiceSid { get; }

    private string Service => "v2/Services/" + AuthyRequest.Segment(ServiceSid) + "/";

    /// <summary>
    /// Starts (or resends) a verification: a send, so retried only when Twilio cannot have acted on it
    /// (a 429 other than 60203, or no connection made).
    /// </summary>
    public async Task<TwilioVerification> StartVerificationAsync(VerificationStart start, IRequestLog? log, CancellationToken cancellationToken)
    {
        var request = new AuthyRequest(HttpMethod.Post, Service + "Verifications", RepeatSafety.NotRepeatable);
        request.Parameters
            .Add("To", start.To)
            .Add("Channel", start.Channel)
            .Add("Locale", start.Locale)
            .Add("CustomFriendlyName", start.CustomFriendlyName)
            .Add("CustomCode", start.CustomCode)
            .Add("CustomMessage", start.CustomMessage)
            .Add("Amount", start.Amount)
            .Add("Payee", start.Payee)
            .Add("AppHash", start.AppHash)
            .Add("DeviceIp", start.DeviceIp)
            .Add("Tags", JsonField(start.Tags));
        return ReadVerification(await _http.SendAsync(request, log, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// Checks a code against the pending verification for <paramref name="to"/> or <paramref name="verificationSid"/>.
    /// Idempotent for the retry rule only in the sense that a 429 (20429) is refused before counting; a 5xx is not repeated,
    /// since a repeated check could use up one of the five attempts.
    /// </summary>
    public async Task<TwilioVerificationCheck> CheckVerificationAsync(
        string? to, string? verificationSid, string code, string? amount, string? payee, IRequestLog? log, CancellationToken cancellationToken)
    {
        var request = new AuthyRequest(HttpMethod.Post, Service + "VerificationCheck", RepeatSafety.NotRepeatable);
        request.Parameters
            .Add("Code", code)
            .Add("To", to)
            .Add("VerificationSid", verificationSid)
            .Add("Amount", amount)
            .Add("Payee", payee);
        return ReadCheck(await _http.SendAsync(request, log, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Fetches a verification by its <c>VE…</c> SID or by the To of a pending one.</summary>
    public async Task<TwilioVerification> GetVerificationAsync(string sidOrTo, IRequestLog? log, CancellationToken cancellationToken)
    {
        var request = new AuthyRequest(HttpMethod.Get, Service + "Verifications/" + AuthyRequest.Segment(sidOrTo), RepeatSafety.Idempotent);
        return ReadVerification(await _http.SendAsync(request, log, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Sets a verification's status: <c>canceled</c> (frees the To for a new one) or <c>approved</c>. Setting a status twice changes nothing, so it is repeatable.</summary>
    public async Task<TwilioVerification> UpdateVerificationAsync(string sidOrTo, string status, IRequestLog? log, CancellationToken cancellationToken)
    {
        var request = new AuthyRequest(HttpMethod.Post, Service + "Verifications/" + AuthyRequest.Segment(sidOrTo), RepeatSafety.Idempotent);
        request.Parameters.Add("Status", status);
        return ReadVerification(await _http.SendAsync(request, log, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>The settings New-/Set-TwilioVerifyService send (docs/api/verify.md §4.1); null leaves one out.</summary>
    public sealed class ServiceSettings
    {
        public string? FriendlyName { get; set; }

        public int? CodeLength { get; set; }

        public string? TotpIssuer { get; set; }

        public int? TotpTimeStep { get; set; }

        public int? TotpCodeLength { get; set; }

        public int? TotpSkew { get; set; }
    }

    /// <summary>
    /// Every service of the account, fetched page by page only as the caller enumerates (docs/api/verify.md §3):
    /// stopping the enumeration stops the paging.
    /// </summary>
    public IEnumerable<TwilioVerifyService> ListServices(int? pageSize, IRequestLog? log, CancellationToken cancellationToken) =>
        List("v2/Services", "services", pageSize, ReadService, log, cancellationToken);

    public async Task<TwilioVerifyService> GetServiceAsync(string serviceSid, IRequestLog? log, CancellationToken cancellationToken)
    {
        var request = new AuthyRequest(HttpMethod.Get, "v2/Services/" + AuthyRequest.Segment(serviceSid), RepeatSafety.Idempotent);
        return ReadService(await _http.SendAsync(request, log, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Creates a service: not repeated when the outcome is unknown, since a second try would make a second service.</summary>
    public async Task<TwilioVerifyService> NewServiceAsync(ServiceSettings settings, IRequestLog? log, CancellationToken cancellationToken)
    {
        var request = new AuthyRequest(HttpMethod.Post, "v2/Services", RepeatSafety.NotRepeatable);
        AddServiceSettings(request.Parameters, settings);
        return ReadService(await _http.SendAsync(request, log, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Changes a service's settings; setting the same values twice changes nothing, so it is repeatable.</summary>
    public async Task<TwilioVerifyService> SetServiceAsync(string serviceSid, ServiceSettings settings, IRequestLog? log, CancellationToken cancellationToken)
    {
        var request = new AuthyRequest(HttpMethod.Post, "v2/Services/" + AuthyRequest.Segment(serviceSid), RepeatSafety.Idempotent);
        AddServiceSettings(request.Parameters, settings);
        return ReadService(await _http.SendAsync(request, log, cancellationToken).ConfigureAwait(false));
    }

    internal static void AddServiceSettings(RequestParameters parameters, ServiceSettings settings) =>
        parameters
            .Add("FriendlyName", settings.FriendlyName)
            .Add("CodeLength", settings.CodeLength)
            .Add("Totp.Issuer", settings.TotpIssuer)
            .Add("Totp.TimeStep", settings.TotpTimeStep)
            .Add("Totp.CodeLength", settings.TotpCodeLength)
            .Add("Totp.Skew", settings.TotpSkew);

    /// <summary>
    /// A list read lazily: the first page when the enumeration starts, each next one (<c>meta.next_page_url</c>,
    /// followed verbatim) only when the caller asks for an item past the current page. A next page on another
    /// scheme, host or port, or outside the API root, is refused as a malformed reply, so the credentials
    /// never travel anywhere but the API the session names; so is a page asked for twice (a paging loop).
    /// </summary>
    internal IEnumerable<T> List<T>(
        string path, string key, int? pageSize, Func<JObject, T> read, IRequestLog? log, CancellationToken cancellationToken, Action<RequestParameters>? filters = null)
    {
        if (pageSize.HasValue && (pageSize.Value < 1 || pageSize.Value > 1000))
        {
            throw new ArgumentOutOfRangeException(nameof(pageSize), pageSize, "A page holds 1 to 1000 records.");
        }

        return Pages();

        IEnumerable<T> Pages()
        {
            var first = new AuthyRequest(HttpMethod.Get, path, RepeatSafety.Idempotent);
            filters?.Invoke(first.Parameters);
            first.Parameters.Add("PageSize", pageSize);
            AuthyRequest? request = first;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            while (request != null)
            {
                // Blocking: a lazy enumeration cannot await (Copy-AuthyUserToVerify reads with ListFactorsAsync instead).
                var (records, next) = ReadPageAsync(request, key, seen, log, cancellationToken).ConfigureAwait(false).GetAwaiter().GetResult();
                request = next;
                foreach (var record in records)
                {
                    if (record is JObject item)
                    {
                        yield return read(item);
                    }
                }
            }
        }
    }

    /// <summary>
    /// One page of a list: its records under <paramref name="key"/>, and the request for the next page (null at the
    /// last), which must be on the session's API and not one of the pages already <paramref name="seen"/>.
    /// </summary>
    private async Task<(JArray Records, AuthyRequest? Next)> ReadPageAsync(AuthyRequest request, string key, HashSet<string> seen, IRequestLog? log, CancellationToken cancellationToken)
    {
        var json = await _http.SendAsync(request, log, cancellationToken).ConfigureAwait(false);
        var records = JsonFields.Array(json, key);
        var meta = JsonFields.Object(json, "meta");
        if (records == null || meta == null)
        {
            throw new TwilioApiException(200, null, $"Twilio answered a list without its '{key}' records or its 'meta' object", malformedReply: true);
        }

        var next = NextPage(_http.Settings.ApiUrl, JsonFields.String(meta, "next_page_url"));
        if (next != null && !seen.Add(next.AbsoluteUri))
        {
            throw new TwilioApiException(200, null, "Twilio answered with a next page it had already served; the list stops there", malformedReply: true);
        }

        return (records, next == null ? null : new AuthyRequest(HttpMethod.Get, next.AbsoluteUri, RepeatSafety.Idempotent));
    }

    /// <summary>The next page to ask for, or null at the last page; throws when it is not on the session's API.</summary>
    internal static Uri? NextPage(Uri apiUrl, string? next)
    {
        if (string.IsNullOrEmpty(next))
        {
            return null;
        }

        if (!Uri.TryCreate(apiUrl, next, out var uri)
            || !string.Equals(uri.Scheme, apiUrl.Scheme, StringComparison.OrdinalIgnoreCase)
            || !string.Equals(uri.Host, apiUrl.Host, StringComparison.OrdinalIgnoreCase)
            || uri.Port != apiUrl.Port
            || uri.UserInfo.Length > 0
            || !uri.AbsolutePath.StartsWith(apiUrl.AbsolutePath, StringComparison.Ordinal))
        {
            var where = uri == null ? "a URL that cannot be read" : uri.Scheme + "://" + uri.Host + ":" + uri.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
            throw new TwilioApiException(
                200,
                null,
                $"Twilio answered with a next page on {where}, not on {apiUrl.Scheme}://{apiUrl.Host}:{apiUrl.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)}; it was not requested, so the credentials go nowhere else",
                malformedReply: true);
        }

        return uri;
    }

    internal static TwilioVerifyService ReadService(JObject json)
    {
        var totp = JsonFields.Object(json, "totp");
        return WithResourceFields(new TwilioVerifyService
        {
            Sid = JsonFields.String(json, "sid") ?? string.Empty,
            FriendlyName = JsonFields.String(json, "friendly_name") ?? string.Empty,
            CodeLength = JsonFields.Int(json, "code_length"),
            TotpIssuer = JsonFields.String(totp, "issuer"),
            TotpTimeStep = JsonFields.Int(totp, "time_step"),
            TotpCodeLength = JsonFields.Int(totp, "code_length"),
            TotpSkew = JsonFields.Int(totp, "skew"),
            LookupEnabled = JsonFields.Bool(json, "lookup_enabled"),
            Psd2Enabled = JsonFields.Bool(json, "psd2_enabled"),
            CustomCodeEnabled = JsonFields.Bool(json, "custom_code_enabled"),
            DoNotShareWarningEnabled = JsonFields.Bool(json, "do_not_share_warning_enabled"),
        }, json);
    }

    /// <summary>A JSON-valued form field (<c>Tags</c>, <c>RateLimits</c>): the object as one JSON string, or null to leave it out.</summary>
    internal static string? JsonField(IReadOnlyDictionary<string, string>? entries)
    {
        if (entries == null || entries.Count == 0)
        {
            return null;
        }

        var json = new JObject();
        foreach (var entry in entries)
        {
            json[entry.Key] = entry.Value;
        }

        return json.ToString(Formatting.None);
    }

    internal static TwilioVerification ReadVerification(JObject json) => WithResourceFields(new TwilioVerification
    {
        Sid = JsonFields.String(json, "sid") ?? string.Empty,
        To = JsonFields.String(json, "to") ?? string.Empty,
        Channel = JsonFields.String(json, "channel"),
        Status = JsonFields.String(json, "status") ?? string.Empty,
        Valid = JsonFields.Bool(json, "valid"),
        SendCount = JsonFields.Array(json, "send_code_attempts")?.Count ?? 0,
        Amount = JsonFields.String(json, "amount"),
        Payee = JsonFields.String(json, "payee"),
        CarrierType = JsonFields.String(JsonFields.Object(JsonFields.Object(json, "lookup"), "carrier"), "type"),
    }, json);

    internal static TwilioVerificationCheck ReadCheck(JObject json) => new TwilioVerificationCheck
    {
        Sid = JsonFields.String(json, "sid") ?? string.Empty,
        To = JsonFields.String(json, "to") ?? string.Empty,
        Channel = JsonFields.String(json, "channel"),
        Status = JsonFields.String(json, "status") ?? string.Empty,
        Valid = JsonFields.Bool(json, "valid"),
        Amount = JsonFields.String(json, "amount"),
        Payee = JsonFields.String(json, "payee"),
        ServiceSid = JsonFields.String(json, "service_sid"),
        DateCreated = JsonFields.Time(json, "date_created"),
        DateUpdated = JsonFields.Time(json, "date_updated"),
    };

    /// <summary>Fills what every Verify resource's reply carries (<see cref="TwilioResource"/>) and returns the resource.</summary>
    private static T WithResourceFields<T>(T resource, JObject json)
        where T : TwilioResource
    {
        resource.AccountSid = JsonFields.String(json, "account_sid");
        resource.DateCreated = JsonFields.Time(json, "date_created");
        resource.DateUpdated = JsonFields.Time(json, "date_updated");
        resource.Url = Uri.TryCreate(JsonFields.String(json, "url") ?? string.Empty, UriKind.Absolute, out var url) ? url : null;
        if (resource is TwilioServiceResource inService)
        {
            inService.ServiceSid = JsonFields.String(json, "service_sid");
        }

        return resource;
    }
}
