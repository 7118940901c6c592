using System.Security;
using Authy.Api;
using Authy.Verify.Models;
using Newtonsoft.Json;

namespace Authy.Verify;

/// <summary>What New-TwilioVerifyFactor (and the migration) asks for when it creates a TOTP factor (docs/api/verify.md §4.5).</summary>
public sealed class TotpFactorRequest
{
    public string Identity { get; set; } = string.Empty;

    public string FriendlyName { get; set; } = string.Empty;

    /// <summary>A Base32 seed the person already has (a migration); null lets Twilio make one.</summary>
    public SecureString? Secret { get; set; }

    public int? TimeStep { get; set; }

    public int? CodeLength { get; set; }

    public int? Skew { get; set; }

    /// <summary><c>sha1</c>, <c>sha256</c> or <c>sha512</c>; null for the service's default.</summary>
    public string? Algorithm { get; set; }
}

/// <summary>What New-TwilioVerifyChallenge and Test-TwilioVerifyTotp ask for (docs/api/verify.md §4.6, create parameters).</summary>
public sealed class ChallengeRequest
{
    public string Identity { get; set; } = string.Empty;

    public string FactorSid { get; set; } = string.Empty;

    /// <summary>A TOTP code: the challenge is decided at creation.</summary>
    public string? AuthPayload { get; set; }

    /// <summary>The push notification's text (<c>Details.Message</c>).</summary>
    public string? Message { get; set; }

    /// <summary>Label/value pairs shown under the message, each sent as one <c>Details.Fields</c> JSON object.</summary>
    public IReadOnlyList<KeyValuePair<string, string>>? Fields { get; set; }

    public IReadOnlyDictionary<string, string>? HiddenDetails { get; set; }

    public DateTimeOffset? ExpirationDate { get; set; }
}

// Entities, factors and challenges: the TOTP and push half of Verify.
public sealed partial class VerifyApi
{
    private string Entity(string identity) => Service + "Entities/" + AuthyRequest.Segment(identity);

    /// <summary>Creates an entity: a second try after an unknown outcome could only meet 60301 (already exists), so it is not repeated.</summary>
    public async Task<TwilioVerifyEntity> NewEntityAsync(string identity, IRequestLog? log, CancellationToken cancellationToken)
    {
        var request = new AuthyRequest(HttpMethod.Post, Service + "Entities", RepeatSafety.NotRepeatable);
        request.Parameters.Add("Identity", identity);
        return ReadEntity(await _http.SendAsync(request, log, cancellationToken).ConfigureAwait(false));
    }

    public async Task<TwilioVerifyEntity> GetEntityAsync(string identity, IRequestLog? log, CancellationToken cancellationToken)
    {
        var request = new AuthyRequest(HttpMethod.Get, Entity(identity), RepeatSafety.Idempotent);
        return ReadEntity(await _http.SendAsync(request, log, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Every entity of the service, paged lazily (see <see cref="List{T}"/>).</summary>
    public IEnumerable<TwilioVerifyEntity> ListEntities(int? pageSize, IRequestLog? log, CancellationToken cancellationToken) =>
        List(Service + "Entities", "entities", pageSize, ReadEntity, log, cancellationToken);

    /// <summary>Deletes an entity with its factors and challenges; deleting twice ends the same way, so it is repeatable.</summary>
    public async Task RemoveEntityAsync(string identity, IRequestLog? log, CancellationToken cancellationToken)
    {
        var request = new AuthyRequest(HttpMethod.Delete, Entity(identity), RepeatSafety.Idempotent);
        await _http.SendAsync(request, log, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Creates a TOTP factor (and the entity, when the identity is new). Not repeated after an unknown outcome:
    /// a second try would give the identity a second factor. The reply's binding (secret and URI) is the only
    /// time Twilio shows them, so they come back as SecureStrings on the factor.
    /// </summary>
    public async Task<TwilioVerifyFactor> NewTotpFactorAsync(TotpFactorRequest factor, IRequestLog? log, CancellationToken cancellationToken)
    {
        var request = new AuthyRequest(HttpMethod.Post, Entity(factor.Identity) + "/Factors", RepeatSafety.NotRepeatable);
        request.Parameters
            .Add("FriendlyName", factor.FriendlyName)
            .Add("FactorType", "totp")
            .Add("Binding.Secret", factor.Secret == null ? null : SecureText.Reveal(factor.Secret))
            .Add("Config.TimeStep", factor.TimeStep)
            .Add("Config.Skew", factor.Skew)
            .Add("Config.CodeLength", factor.CodeLength)
            .Add("Config.Alg", factor.Algorithm);
        return ReadFactor(await _http.SendAsync(request, log, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// Sends the first code of an unverified factor (<c>AuthPayload</c>). A wrong code is a 200 with the factor
    /// still unverified, not an error; not repeated, since each try counts toward the five allowed (60310).
    /// </summary>
    public async Task<TwilioVerifyFactor> VerifyFactorAsync(string identity, string factorSid, string code, IRequestLog? log, CancellationToken cancellationToken)
    {
        var request = new AuthyRequest(HttpMethod.Post, Factor(identity, factorSid), RepeatSafety.NotRepeatable);
        request.Parameters.Add("AuthPayload", code);
        return ReadFactor(await _http.SendAsync(request, log, cancellationToken).ConfigureAwait(false));
    }

    public async Task<TwilioVerifyFactor> GetFactorAsync(string identity, string factorSid, IRequestLog? log, CancellationToken cancellationToken)
    {
        var request = new AuthyRequest(HttpMethod.Get, Factor(identity, factorSid), RepeatSafety.Idempotent);
        return ReadFactor(await _http.SendAsync(request, log, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>An identity's factors, paged lazily (see <see cref="List{T}"/>).</summary>
    public IEnumerable<TwilioVerifyFactor> ListFactors(string identity, int? pageSize, IRequestLog? log, CancellationToken cancellationToken) =>
        List(Entity(identity) + "/Factors", "factors", pageSize, ReadFactor, log, cancellationToken);

    /// <summary>
    /// All of an identity's factors, read without blocking a thread: the same pages and the same next-page rule as
    /// <see cref="ListFactors"/>, for callers that run many identities at once on the thread pool (Copy-AuthyUserToVerify
    /// with -ThrottleLimit 32), where a blocking read per worker would starve the pool. An identity holds at most
    /// 120 factors (100 totp, 20 push: 60315), so the list is small.
    /// </summary>
    public async Task<IReadOnlyList<TwilioVerifyFactor>> ListFactorsAsync(string identity, int? pageSize, IRequestLog? log, CancellationToken cancellationToken)
    {
        var factors = new List<TwilioVerifyFactor>();
        AuthyRequest? request = new AuthyRequest(HttpMethod.Get, Entity(identity) + "/Factors", RepeatSafety.Idempotent);
        request.Parameters.Add("PageSize", pageSize);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (request != null)
        {
            var (records, next) = await ReadPageAsync(request, "factors", seen, log, cancellationToken).ConfigureAwait(false);
            factors.AddRange(records.OfType<JObject>().Select(ReadFactor));
            request = next;
        }

        return factors;
    }

    public async Task RemoveFactorAsync(string identity, string factorSid, IRequestLog? log, CancellationToken cancellationToken)
    {
        var request = new AuthyRequest(HttpMethod.Delete, Factor(identity, factorSid), RepeatSafety.Idempotent);
        await _http.SendAsync(request, log, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Creates a challenge: a push request to the device, or (with <see cref="ChallengeRequest.AuthPayload"/>) a TOTP
    /// check decided at once. Not repeated after an unknown outcome: a second push would reach the person twice.
    /// </summary>
    public async Task<TwilioVerifyChallenge> NewChallengeAsync(ChallengeRequest challenge, IRequestLog? log, CancellationToken cancellationToken)
    {
        var request = new AuthyRequest(HttpMethod.Post, Entity(challenge.Identity) + "/Challenges", RepeatSafety.NotRepeatable);
        request.Parameters
            .Add("FactorSid", challenge.FactorSid)
            .Add("AuthPayload", challenge.AuthPayload)
            .Add("Details.Message", challenge.Message)
            .Add("ExpirationDate", challenge.ExpirationDate?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture))
            .Add("HiddenDetails", JsonField(challenge.HiddenDetails));
        foreach (var field in challenge.Fields ?? Array.Empty<KeyValuePair<string, string>>())
        {
            // One form field per label/value pair, each a JSON object (docs/api/verify.md §1.3, repeated parameters).
            request.Parameters.Add("Details.Fields", new JObject { ["label"] = field.Key, ["value"] = field.Value }.ToString(Formatting.None));
        }

        return ReadChallenge(await _http.SendAsync(request, log, cancellationToken).ConfigureAwait(false));
    }

    public async Task<TwilioVerifyChallenge> GetChallengeAsync(string identity, string challengeSid, IRequestLog? log, CancellationToken cancellationToken)
    {
        var request = new AuthyRequest(HttpMethod.Get, Entity(identity) + "/Challenges/" + AuthyRequest.Segment(challengeSid), RepeatSafety.Idempotent);
        return ReadChallenge(await _http.SendAsync(request, log, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>An identity's challenges, newest first when <paramref name="newestFirst"/>, paged lazily; the filters are optional.</summary>
    public IEnumerable<TwilioVerifyChallenge> ListChallenges(
        string identity, string? factorSid, string? status, bool newestFirst, int? pageSize, IRequestLog? log, CancellationToken cancellationToken) =>
        List(
            Entity(identity) + "/Challenges",
            "challenges",
            pageSize,
            ReadChallenge,
            log,
            cancellationToken,
            parameters => parameters.Add("FactorSid", factorSid).Add("Status", status).Add("Order", newestFirst ? "desc" : null));

    private string Factor(string identity, string factorSid) => Entity(identity) + "/Factors/" + AuthyRequest.Segment(factorSid);

    internal static TwilioVerifyEntity ReadEntity(JObject json) => WithResourceFields(new TwilioVerifyEntity
    {
        Identity = JsonFields.String(json, "identity") ?? string.Empty,
        Sid = JsonFields.String(json, "sid") ?? string.Empty,
    }, json);

    internal static TwilioVerifyFactor ReadFactor(JObject json)
    {
        var config = JsonFields.Object(json, "config");
        var binding = JsonFields.Object(json, "binding");
        var secret = JsonFields.String(binding, "secret");
        var uri = JsonFields.String(binding, "uri");
        return WithResourceFields(new TwilioVerifyFactor
        {
            Sid = JsonFields.String(json, "sid") ?? string.Empty,
            Identity = JsonFields.String(json, "identity") ?? string.Empty,
            FriendlyName = JsonFields.String(json, "friendly_name") ?? string.Empty,
            FactorType = JsonFields.String(json, "factor_type") ?? string.Empty,
            Status = JsonFields.String(json, "status") ?? string.Empty,
            Algorithm = JsonFields.String(config, "alg"),
            TimeStep = JsonFields.Int(config, "time_step"),
            CodeLength = JsonFields.Int(config, "code_length"),
            Skew = JsonFields.Int(config, "skew"),
            AppId = JsonFields.String(config, "app_id"),
            NotificationPlatform = JsonFields.String(config, "notification_platform"),
            Secret = secret == null ? null : SecureText.Protect(secret),
            BindingUri = uri == null ? null : SecureText.Protect(uri),
            EntitySid = JsonFields.String(json, "entity_sid"),
        }, json);
    }

    internal static TwilioVerifyChallenge ReadChallenge(JObject json)
    {
        var details = JsonFields.Object(json, "details");
        var fields = JsonFields.Array(details, "fields")?.OfType<JObject>()
            .Select(field => new KeyValuePair<string, string>(JsonFields.String(field, "label") ?? string.Empty, JsonFields.String(field, "value") ?? string.Empty))
            .ToList();
        var hidden = new Dictionary<string, string>(StringComparer.Ordinal);
        var hiddenJson = JsonFields.Object(json, "hidden_details");
        foreach (var property in hiddenJson?.Properties() ?? Enumerable.Empty<JProperty>())
        {
            hidden[property.Name] = JsonFields.String(hiddenJson, property.Name) ?? string.Empty;
        }

        return WithResourceFields(new TwilioVerifyChallenge
        {
            Sid = JsonFields.String(json, "sid") ?? string.Empty,
            Identity = JsonFields.String(json, "identity") ?? string.Empty,
            FactorSid = JsonFields.String(json, "factor_sid") ?? string.Empty,
            FactorType = JsonFields.String(json, "factor_type"),
            Status = JsonFields.String(json, "status") ?? string.Empty,
            RespondedReason = JsonFields.String(json, "responded_reason"),
            Message = JsonFields.String(details, "message"),
            Fields = (IReadOnlyList<KeyValuePair<string, string>>?)fields ?? Array.Empty<KeyValuePair<string, string>>(),
            HiddenDetails = hidden,
            DateResponded = JsonFields.Time(json, "date_responded"),
            ExpirationDate = JsonFields.Time(json, "expiration_date"),
            EntitySid = JsonFields.String(json, "entity_sid"),
        }, json);
    }
}
