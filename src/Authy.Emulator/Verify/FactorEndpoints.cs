using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;

namespace Authy.Emulator.Verify;

/// <summary>
/// Entities, Factors and Challenges (docs/api/verify.md §4.4–§4.6). Entities are addressed by identity and
/// created on the fly by a factor create. TOTP factors verify with RFC 6238 codes of their seed; the
/// seed (binding) is shown by the create reply only. Push factors come from the control API
/// (POST /_emulator/verify/push_factors), since real ones come from the mobile SDK; their challenges
/// are answered through POST /_emulator/verify/challenges/{sid}/approve|deny.
/// </summary>
internal sealed class FactorEndpoints
{
    public const int MaxWrongAttempts = 5;

    public const int MaxTotpFactors = 100;

    public static readonly TimeSpan DefaultChallengeLifetime = TimeSpan.FromMinutes(5);

    public static readonly TimeSpan MaxChallengeLifetime = TimeSpan.FromMinutes(60);

    private static readonly Regex IdentityPattern = new("^[A-Za-z0-9]+(-[A-Za-z0-9]+)*$", RegexOptions.CultureInvariant);

    private const string Entities = "/v2/Services/{service_sid}/Entities";

    private readonly EmulatorServices _services;

    public FactorEndpoints(EmulatorServices services)
    {
        _services = services;
    }

    public void Map(IEndpointRouteBuilder routes, VerifyPipeline pipeline)
    {
        pipeline.Post(routes, Entities, CreateEntity);
        pipeline.Get(routes, Entities, ListEntities);
        pipeline.Get(routes, Entities + "/{identity}", FetchEntity);
        pipeline.Delete(routes, Entities + "/{identity}", DeleteEntity);
        pipeline.Post(routes, Entities + "/{identity}/Factors", CreateFactor);
        pipeline.Get(routes, Entities + "/{identity}/Factors", ListFactors);
        pipeline.Get(routes, Entities + "/{identity}/Factors/{sid}", FetchFactor);
        pipeline.Post(routes, Entities + "/{identity}/Factors/{sid}", UpdateFactor);
        pipeline.Delete(routes, Entities + "/{identity}/Factors/{sid}", DeleteFactor);
        pipeline.Post(routes, Entities + "/{identity}/Challenges", CreateChallenge);
        pipeline.Get(routes, Entities + "/{identity}/Challenges", ListChallenges);
        pipeline.Get(routes, Entities + "/{identity}/Challenges/{sid}", FetchChallenge);
        pipeline.Post(routes, Entities + "/{identity}/Challenges/{sid}", UpdateChallenge);
    }

    public static bool IsValidIdentity(string identity) =>
        identity.Length is >= 8 and <= 64 && IdentityPattern.IsMatch(identity);

    /// <summary>Finds or (when <paramref name="create"/>) makes the entity; caller holds the lock.</summary>
    public static VerifyEntity? Entity(VerifyService service, string identity, DateTimeOffset now, bool create)
    {
        if (service.FindEntity(identity) is { } existing)
        {
            return existing;
        }

        if (!create)
        {
            return null;
        }

        if (!IsValidIdentity(identity))
        {
            throw new TwilioErrorException(TwilioJson.InvalidFactorParameter("Identity"));
        }

        var entity = new VerifyEntity { Sid = Sids.New("YE"), Identity = identity, DateCreated = now };
        service.Entities.Add(entity);
        return entity;
    }

    private VerifyService Service(VerifyRequest request) => ServiceEndpoints.Require(_services.Verify, request, "service_sid");

    private (VerifyService, VerifyEntity) RequireEntity(VerifyRequest request)
    {
        var service = Service(request);
        var entity = service.FindEntity(request.Route("identity")) ?? throw new TwilioErrorException(TwilioJson.NotFound(request.Path));
        return (service, entity);
    }

    // ---- Entities -------------------------------------------------------------------------------

    private ApiResponse CreateEntity(VerifyRequest request)
    {
        var service = Service(request);
        var identity = request.Required("Identity", TwilioJson.InvalidFactorParameter);
        if (service.FindEntity(identity) is not null)
        {
            throw new TwilioErrorException(TwilioJson.Error(409, 60301, "Entity already exists"));
        }

        var entity = Entity(service, identity, request.Now, create: true)!;
        return TwilioJson.Created(EntityJson(service, entity, request.BaseUrl));
    }

    private ApiResponse ListEntities(VerifyRequest request)
    {
        var service = Service(request);
        return Paging.List(
            request, $"/v2/Services/{service.Sid}/Entities", "entities",
            service.Entities, e => EntityJson(service, e, request.BaseUrl));
    }

    private ApiResponse FetchEntity(VerifyRequest request)
    {
        var (service, entity) = RequireEntity(request);
        return ApiResponse.Ok(EntityJson(service, entity, request.BaseUrl));
    }

    private ApiResponse DeleteEntity(VerifyRequest request)
    {
        var (service, entity) = RequireEntity(request);
        service.Entities.Remove(entity);
        foreach (var factor in entity.Factors)
        {
            Webhooks.Raise(request.Events, service, entity, factor, "factor.deleted");
        }
        return TwilioJson.NoContent();
    }

    // ---- Factors --------------------------------------------------------------------------------

    private ApiResponse CreateFactor(VerifyRequest request)
    {
        var invalid = TwilioJson.InvalidFactorParameter;
        var service = Service(request);
        var friendlyName = request.Required("FriendlyName", invalid);
        if (friendlyName.Length > 64)
        {
            throw new TwilioErrorException(invalid("FriendlyName"));
        }

        var factorType = request.Required("FactorType", invalid);
        if (factorType == "push")
        {
            // Push factors are created by the Verify Push SDK with an access token, not with account credentials.
            throw new TwilioErrorException(TwilioJson.Error(403, 60313, "Unauthorized factor creation"));
        }

        if (factorType != "totp")
        {
            throw new TwilioErrorException(invalid("FactorType"));
        }

        string secret;
        if (request.Get("Binding.Secret") is { } given)
        {
            secret = TotpCodes.NormalizeSecret(given) ??
                     throw new TwilioErrorException(TwilioJson.Error(400, 60314, "Factors binding format is invalid"));
        }
        else
        {
            secret = TotpCodes.NewSecret();
        }

        var timeStep = request.Int("Config.TimeStep", 20, 60, invalid) ?? service.TotpTimeStep ?? 30;
        var skew = request.Int("Config.Skew", 0, 2, invalid) ?? service.TotpSkew ?? 1;
        var codeLength = request.Int("Config.CodeLength", 3, 8, invalid) ?? service.TotpCodeLength ?? 6;
        var alg = Algorithm(request) ?? "sha1";
        var metadata = request.JsonObjectParameter("Metadata", invalid);

        var entity = Entity(service, request.Route("identity"), request.Now, create: true)!;
        if (entity.Factors.Count(f => f.FactorType == "totp") >= MaxTotpFactors)
        {
            throw new TwilioErrorException(TwilioJson.Error(400, 60315, "Max 100 totp Factors per Entity reached"));
        }

        var factor = new VerifyFactor
        {
            Sid = Sids.New("YF"),
            FactorType = "totp",
            DateCreated = request.Now,
            DateUpdated = request.Now,
            FriendlyName = friendlyName,
            Secret = secret,
            TimeStep = timeStep,
            Skew = skew,
            CodeLength = codeLength,
            Alg = alg,
            Metadata = metadata,
        };
        entity.Factors.Add(factor);
        Webhooks.Raise(request.Events, service, entity, factor, "factor.created");

        var issuer = service.TotpIssuer ?? service.FriendlyName;
        var uri = "otpauth://totp/" + Uri.EscapeDataString(issuer) + ":" + Uri.EscapeDataString(friendlyName) +
                  "?secret=" + secret + "&issuer=" + Uri.EscapeDataString(issuer) +
                  "&algorithm=" + alg.ToUpperInvariant() + "&digits=" + codeLength.ToString(CultureInfo.InvariantCulture) +
                  "&period=" + timeStep.ToString(CultureInfo.InvariantCulture);
        var json = FactorJson(service, entity, factor, request.BaseUrl, new JsonObject { ["secret"] = secret, ["uri"] = uri });
        return TwilioJson.Created(json);
    }

    private static string? Algorithm(VerifyRequest request)
    {
        var alg = request.Get("Config.Alg");
        if (alg is not null && alg is not ("sha1" or "sha256" or "sha512"))
        {
            throw new TwilioErrorException(TwilioJson.InvalidFactorParameter("Config.Alg"));
        }

        return alg;
    }

    private ApiResponse ListFactors(VerifyRequest request)
    {
        var (service, entity) = RequireEntity(request);
        return Paging.List(
            request, $"/v2/Services/{service.Sid}/Entities/{entity.Identity}/Factors", "factors",
            entity.Factors, f => FactorJson(service, entity, f, request.BaseUrl, null));
    }

    private (VerifyService, VerifyEntity, VerifyFactor) RequireFactor(VerifyRequest request)
    {
        var (service, entity) = RequireEntity(request);
        var sid = request.Route("sid");
        var factor = entity.Factors.Find(f => f.Sid == sid) ?? throw new TwilioErrorException(TwilioJson.NotFound(request.Path));
        return (service, entity, factor);
    }

    private ApiResponse FetchFactor(VerifyRequest request)
    {
        var (service, entity, factor) = RequireFactor(request);
        return ApiResponse.Ok(FactorJson(service, entity, factor, request.BaseUrl, null));
    }

    /// <summary>
    /// AuthPayload verifies an unverified TOTP factor: a wrong code is 200 with the status unchanged
    /// (docs/api/verify.md §9.1); after 5 wrong codes → 429/60310. FriendlyName and Config.* update.
    /// </summary>
    private ApiResponse UpdateFactor(VerifyRequest request)
    {
        var invalid = TwilioJson.InvalidFactorParameter;
        var (service, entity, factor) = RequireFactor(request);
        var friendlyName = request.Get("FriendlyName");
        if (friendlyName is { Length: 0 or > 64 })
        {
            throw new TwilioErrorException(invalid("FriendlyName"));
        }

        var timeStep = request.Int("Config.TimeStep", 20, 60, invalid);
        var skew = request.Int("Config.Skew", 0, 2, invalid);
        var codeLength = request.Int("Config.CodeLength", 3, 8, invalid);
        var alg = Algorithm(request);
        var payload = request.Get("AuthPayload");
        if (payload is not null && payload.Length is < 3 or > 8 && factor.FactorType == "totp")
        {
            throw new TwilioErrorException(invalid("AuthPayload"));
        }

        factor.FriendlyName = friendlyName ?? factor.FriendlyName;
        if (factor.FactorType == "totp")
        {
            factor.TimeStep = timeStep ?? factor.TimeStep;
            factor.Skew = skew ?? factor.Skew;
            factor.CodeLength = codeLength ?? factor.CodeLength;
            factor.Alg = alg ?? factor.Alg;
        }

        factor.NotificationToken = request.Get("Config.NotificationToken") ?? factor.NotificationToken;
        factor.SdkVersion = request.Get("Config.SdkVersion") ?? factor.SdkVersion;
        factor.DateUpdated = request.Now;

        if (payload is not null && factor.FactorType == "totp" && factor.Status == "unverified")
        {
            if (factor.WrongAttempts >= MaxWrongAttempts)
            {
                throw new TwilioErrorException(TwilioJson.Error(429, 60310, "Factor verification attempts reached"));
            }

            if (TotpCodes.Verify(factor, payload, request.Now))
            {
                factor.Status = "verified";
                Webhooks.Raise(request.Events, service, entity, factor, "factor.verified");
            }
            else
            {
                factor.WrongAttempts++;
            }
        }

        return ApiResponse.Ok(FactorJson(service, entity, factor, request.BaseUrl, null));
    }

    private ApiResponse DeleteFactor(VerifyRequest request)
    {
        var (service, entity, factor) = RequireFactor(request);
        entity.Factors.Remove(factor);
        Webhooks.Raise(request.Events, service, entity, factor, "factor.deleted");
        return TwilioJson.NoContent();
    }

    // ---- Challenges -----------------------------------------------------------------------------

    private ApiResponse CreateChallenge(VerifyRequest request)
    {
        var invalid = TwilioJson.InvalidFactorParameter;
        var (service, entity) = RequireEntity(request);
        var factorSid = request.Required("FactorSid", invalid);
        if (!Sids.IsSid(factorSid, "YF"))
        {
            throw new TwilioErrorException(invalid("FactorSid"));
        }

        var factor = entity.Factors.Find(f => f.Sid == factorSid) ?? throw new TwilioErrorException(TwilioJson.NotFound(request.Path));
        var expiration = request.Now + DefaultChallengeLifetime;
        if (request.Get("ExpirationDate") is { } text)
        {
            // twilio-csharp writes local time with a literal Z (docs/api/verify.md §1.3): read it as UTC, bounded.
            if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out expiration) ||
                expiration <= request.Now || expiration > request.Now + MaxChallengeLifetime)
            {
                throw new TwilioErrorException(invalid("ExpirationDate"));
            }
        }

        var message = request.Get("Details.Message");
        if ((factor.FactorType == "push" && string.IsNullOrEmpty(message)) || message is { Length: > 256 })
        {
            throw new TwilioErrorException(invalid("Details.Message"));
        }

        var fields = new JsonArray();
        foreach (var field in request.GetAll("Details.Fields"))
        {
            JsonObject? parsed = null;
            try
            {
                parsed = JsonNode.Parse(field) as JsonObject;
            }
            catch (System.Text.Json.JsonException)
            {
            }

            if (parsed is null || parsed["label"]?.GetValueKind() != System.Text.Json.JsonValueKind.String ||
                parsed["value"]?.GetValueKind() != System.Text.Json.JsonValueKind.String ||
                parsed["label"]!.GetValue<string>().Length > 36 || parsed["value"]!.GetValue<string>().Length > 128 ||
                fields.Count >= 20)
            {
                throw new TwilioErrorException(invalid("Details.Fields"));
            }

            fields.Add(new JsonObject { ["label"] = parsed["label"]!.GetValue<string>(), ["value"] = parsed["value"]!.GetValue<string>() });
        }

        var hidden = request.JsonObjectParameter("HiddenDetails", invalid);
        if (hidden is not null &&
            (request.Get("HiddenDetails")!.Length > 1024 || hidden.Any(entry => entry.Value?.GetValueKind() != System.Text.Json.JsonValueKind.String)))
        {
            // docs/api/verify.md §4.6: a JSON object of string values, at most 1024 characters.
            throw new TwilioErrorException(invalid("HiddenDetails"));
        }

        var payload = request.Get("AuthPayload");
        if (payload is { Length: < 3 or > 8 })
        {
            throw new TwilioErrorException(invalid("AuthPayload"));
        }

        if (factor.Status != "verified")
        {
            throw new TwilioErrorException(TwilioJson.Error(403, 60318, "Factor is unverified"));
        }

        var challenge = new VerifyChallenge
        {
            Sid = Sids.New("YC"),
            FactorSid = factor.Sid,
            FactorType = factor.FactorType,
            DateCreated = request.Now,
            DateUpdated = request.Now,
            ExpirationDate = expiration,
            Message = message,
            Fields = fields,
            HiddenDetails = hidden,
        };
        entity.Challenges.Add(challenge);
        if (payload is not null && factor.FactorType == "totp")
        {
            Decide(challenge, factor, payload, request.Now);
            RaiseIfAnswered(request, service, entity, factor, challenge);
        }

        return TwilioJson.Created(ChallengeJson(service, entity, challenge, request.BaseUrl, request.Now));
    }

    private static void RaiseIfAnswered(VerifyRequest request, VerifyService service, VerifyEntity entity, VerifyFactor factor, VerifyChallenge challenge)
    {
        if (challenge.Status is "approved" or "denied")
        {
            Webhooks.Raise(request.Events, service, entity, factor, "challenge." + challenge.Status, challenge);
        }
    }

    private static void Decide(VerifyChallenge challenge, VerifyFactor factor, string payload, DateTimeOffset now)
    {
        if (TotpCodes.Verify(factor, payload, now))
        {
            challenge.Status = "approved";
            challenge.DateResponded = now;
        }
        else
        {
            challenge.WrongAttempts++;
        }

        challenge.DateUpdated = now;
    }

    private ApiResponse ListChallenges(VerifyRequest request)
    {
        var (service, entity) = RequireEntity(request);
        var factorSid = request.Get("FactorSid");
        var status = request.Get("Status");
        if (status is not null && status is not ("pending" or "expired" or "approved" or "denied"))
        {
            throw new TwilioErrorException(TwilioJson.InvalidFactorParameter("Status"));
        }

        var order = request.Get("Order") ?? "asc";
        if (order is not ("asc" or "desc"))
        {
            throw new TwilioErrorException(TwilioJson.InvalidFactorParameter("Order"));
        }

        var selected = entity.Challenges
            .Where(c => (factorSid is null || c.FactorSid == factorSid) && (status is null || c.StatusAt(request.Now) == status))
            .ToList();
        var descending = order == "desc";
        if (descending)
        {
            selected.Reverse();
        }

        return Paging.List(
            request, $"/v2/Services/{service.Sid}/Entities/{entity.Identity}/Challenges", "challenges",
            selected, c => ChallengeJson(service, entity, c, request.BaseUrl, request.Now), descending);
    }

    private (VerifyService, VerifyEntity, VerifyChallenge) RequireChallenge(VerifyRequest request)
    {
        var (service, entity) = RequireEntity(request);
        var sid = request.Route("sid");
        var challenge = entity.Challenges.Find(c => c.Sid == sid) ?? throw new TwilioErrorException(TwilioJson.NotFound(request.Path));
        return (service, entity, challenge);
    }

    private ApiResponse FetchChallenge(VerifyRequest request)
    {
        var (service, entity, challenge) = RequireChallenge(request);
        return ApiResponse.Ok(ChallengeJson(service, entity, challenge, request.BaseUrl, request.Now));
    }

    /// <summary>
    /// TOTP: AuthPayload decides (wrong → 200 pending; after 5 wrong → 429/60308). Push: only the
    /// device can sign, so an AuthPayload → 403/60324; Metadata alone is stored. Expired → 403/60323;
    /// already answered → 403/60322.
    /// </summary>
    private ApiResponse UpdateChallenge(VerifyRequest request)
    {
        var invalid = TwilioJson.InvalidFactorParameter;
        var (service, entity, challenge) = RequireChallenge(request);
        var metadata = request.JsonObjectParameter("Metadata", invalid);
        var payload = request.Get("AuthPayload");
        var status = challenge.StatusAt(request.Now);
        if (status == "expired")
        {
            throw new TwilioErrorException(TwilioJson.Error(403, 60323, "Challenge expired"));
        }

        if (status != "pending")
        {
            throw new TwilioErrorException(TwilioJson.Error(403, 60322, "Challenge already responded"));
        }

        if (challenge.FactorType == "totp")
        {
            if (payload is null || payload.Length is < 3 or > 8)
            {
                throw new TwilioErrorException(invalid("AuthPayload"));
            }

            if (challenge.WrongAttempts >= MaxWrongAttempts)
            {
                throw new TwilioErrorException(TwilioJson.Error(429, 60308, "Challenge verification attempts limit reached"));
            }

            var factor = entity.Factors.Find(f => f.Sid == challenge.FactorSid) ?? throw new TwilioErrorException(TwilioJson.NotFound(request.Path));
            Decide(challenge, factor, payload, request.Now);
            RaiseIfAnswered(request, service, entity, factor, challenge);
        }
        else if (payload is not null)
        {
            throw new TwilioErrorException(TwilioJson.Error(403, 60324, "Challenge verification failed"));
        }

        challenge.Metadata = metadata ?? challenge.Metadata;
        challenge.DateUpdated = request.Now;
        return ApiResponse.Ok(ChallengeJson(service, entity, challenge, request.BaseUrl, request.Now));
    }

    // ---- JSON -----------------------------------------------------------------------------------

    public static string EntityUrl(string baseUrl, VerifyService service, VerifyEntity entity) =>
        baseUrl + "/v2/Services/" + service.Sid + "/Entities/" + entity.Identity;

    public static JsonObject EntityJson(VerifyService service, VerifyEntity entity, string baseUrl)
    {
        var url = EntityUrl(baseUrl, service, entity);
        return new JsonObject
        {
            ["sid"] = entity.Sid,
            ["identity"] = entity.Identity,
            ["account_sid"] = service.AccountSid,
            ["service_sid"] = service.Sid,
            ["date_created"] = TwilioJson.Date(entity.DateCreated),
            ["date_updated"] = TwilioJson.Date(entity.DateCreated),
            ["url"] = url,
            ["links"] = new JsonObject
            {
                ["factors"] = url + "/Factors",
                ["new_factors"] = url + "/Factors",
                ["challenges"] = url + "/Challenges",
            },
        };
    }

    /// <summary>The factor; <paramref name="binding"/> only in the create reply (docs/api/verify.md §9.4).</summary>
    public static JsonObject FactorJson(VerifyService service, VerifyEntity entity, VerifyFactor factor, string baseUrl, JsonObject? binding)
    {
        var json = new JsonObject
        {
            ["sid"] = factor.Sid,
            ["account_sid"] = service.AccountSid,
            ["service_sid"] = service.Sid,
            ["entity_sid"] = entity.Sid,
            ["identity"] = entity.Identity,
        };
        if (binding is not null)
        {
            json["binding"] = binding;
            json["options"] = null;
        }

        json["date_created"] = TwilioJson.Date(factor.DateCreated);
        json["date_updated"] = TwilioJson.Date(factor.DateUpdated);
        json["friendly_name"] = factor.FriendlyName;
        json["status"] = factor.Status;
        json["factor_type"] = factor.FactorType;
        json["config"] = factor.FactorType == "totp"
            ? new JsonObject
            {
                ["alg"] = factor.Alg,
                ["skew"] = factor.Skew,
                ["code_length"] = factor.CodeLength,
                ["time_step"] = factor.TimeStep,
            }
            : new JsonObject
            {
                ["sdk_version"] = factor.SdkVersion,
                ["app_id"] = factor.AppId,
                ["notification_platform"] = factor.NotificationPlatform,
                ["notification_token"] = factor.NotificationToken,
            };
        json["metadata"] = factor.Metadata?.DeepClone();
        json["url"] = EntityUrl(baseUrl, service, entity) + "/Factors/" + factor.Sid;
        return json;
    }

    public static JsonObject ChallengeJson(VerifyService service, VerifyEntity entity, VerifyChallenge challenge, string baseUrl, DateTimeOffset now)
    {
        var url = EntityUrl(baseUrl, service, entity) + "/Challenges/" + challenge.Sid;
        return new JsonObject
        {
            ["sid"] = challenge.Sid,
            ["account_sid"] = service.AccountSid,
            ["service_sid"] = service.Sid,
            ["entity_sid"] = entity.Sid,
            ["identity"] = entity.Identity,
            ["factor_sid"] = challenge.FactorSid,
            ["date_created"] = TwilioJson.Date(challenge.DateCreated),
            ["date_updated"] = TwilioJson.Date(challenge.DateUpdated),
            ["date_responded"] = TwilioJson.Date(challenge.DateResponded),
            ["expiration_date"] = TwilioJson.Date(challenge.ExpirationDate),
            ["status"] = challenge.StatusAt(now),
            ["responded_reason"] = challenge.RespondedReason,
            ["details"] = new JsonObject
            {
                ["message"] = challenge.Message,
                ["fields"] = challenge.Fields?.DeepClone(),
            },
            ["hidden_details"] = challenge.HiddenDetails?.DeepClone(),
            ["metadata"] = challenge.Metadata?.DeepClone(),
            ["factor_type"] = challenge.FactorType,
            ["url"] = url,
            ["links"] = new JsonObject { ["notifications"] = url + "/Notifications" },
        };
    }
}
