using Authy.Api;
using Authy.Verify.Models;
using Newtonsoft.Json;

namespace Authy.Verify;

/// <summary>Lookup v2 over the shared client with the Verify dialect (docs/api/verify.md §4.12).</summary>
public sealed class LookupApi
{
    /// <summary>The data packages Lookup v2 serves, the values -Fields completes and accepts.</summary>
    public static readonly IReadOnlyList<string> Packages = new[]
    {
        "validation", "caller_name", "sim_swap", "call_forwarding", "line_status", "line_type_intelligence",
        "identity_match", "reassigned_number", "sms_pumping_risk", "phone_number_quality_score", "pre_fill",
    };

    private readonly AuthyHttpClient _http;

    public LookupApi(AuthyHttpClient http)
    {
        _http = http ?? throw new ArgumentNullException(nameof(http));
    }

    /// <summary>
    /// Looks a number up: E.164, or national with an ISO <paramref name="countryCode"/>. Always answered (a read,
    /// retried as reads are); an invalid number comes back as Valid false.
    /// </summary>
    public async Task<TwilioPhoneInfo> LookupAsync(string phoneNumber, string? countryCode, IReadOnlyList<string>? fields, IRequestLog? log, CancellationToken cancellationToken)
    {
        var request = new AuthyRequest(HttpMethod.Get, "v2/PhoneNumbers/" + AuthyRequest.Segment(phoneNumber), RepeatSafety.Idempotent);
        request.Parameters
            .Add("Fields", fields == null || fields.Count == 0 ? null : string.Join(",", fields))
            .Add("CountryCode", countryCode);
        var json = await _http.SendAsync(request, log, cancellationToken).ConfigureAwait(false);
        return Read(json, fields);
    }

    internal static TwilioPhoneInfo Read(JObject json, IReadOnlyList<string>? fields)
    {
        var lineType = JsonFields.Object(json, "line_type_intelligence");
        var callerName = JsonFields.Object(json, "caller_name");
        var info = new TwilioPhoneInfo
        {
            PhoneNumber = JsonFields.String(json, "phone_number") ?? string.Empty,
            Valid = JsonFields.Bool(json, "valid"),
            ValidationErrors = JsonFields.Strings(json, "validation_errors"),
            CountryCode = JsonFields.String(json, "country_code"),
            CallingCountryCode = JsonFields.String(json, "calling_country_code"),
            NationalFormat = JsonFields.String(json, "national_format"),
            LineType = JsonFields.String(lineType, "type"),
            Carrier = JsonFields.String(lineType, "carrier_name"),
            CallerName = JsonFields.String(callerName, "caller_name"),
            CallerType = JsonFields.String(callerName, "caller_type"),
            LineStatus = JsonFields.String(JsonFields.Object(json, "line_status"), "status"),
        };
        var packages = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in fields ?? Enumerable.Empty<string>())
        {
            if (json[field] is JObject package)
            {
                packages[field] = package.ToString(Formatting.None);
            }
        }

        info.Packages = packages;

        return info;
    }
}
