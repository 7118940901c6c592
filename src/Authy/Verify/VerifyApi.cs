using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Authy.Api;
using Authy.Http;
using Authy.Verify.Models;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Authy.Verify
{
    /// <summary>What a Send-TwilioVerification record asks for (verify-api.md 4.2, start parameters).</summary>
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
    public sealed class VerifyApi
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

        internal static TwilioVerification ReadVerification(JObject json) => new TwilioVerification
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
            ServiceSid = JsonFields.String(json, "service_sid"),
            AccountSid = JsonFields.String(json, "account_sid"),
            DateCreated = JsonFields.Time(json, "date_created"),
            DateUpdated = JsonFields.Time(json, "date_updated"),
            Url = Uri.TryCreate(JsonFields.String(json, "url") ?? string.Empty, UriKind.Absolute, out var url) ? url : null,
        };

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
    }
}
