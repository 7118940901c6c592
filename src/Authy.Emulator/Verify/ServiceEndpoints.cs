using Microsoft.AspNetCore.Routing;

namespace Authy.Emulator.Verify;

/// <summary>/v2/Services (docs/api/verify.md §4.1): create, list, fetch, update, delete.</summary>
internal sealed class ServiceEndpoints
{
    private readonly EmulatorServices _services;

    public ServiceEndpoints(EmulatorServices services)
    {
        _services = services;
    }

    private VerifyState State => _services.Verify;

    public void Map(IEndpointRouteBuilder routes, VerifyPipeline pipeline)
    {
        pipeline.Post(routes, "/v2/Services", Create);
        pipeline.Get(routes, "/v2/Services", List);
        pipeline.Get(routes, "/v2/Services/{sid}", Fetch);
        pipeline.Post(routes, "/v2/Services/{sid}", Update);
        pipeline.Delete(routes, "/v2/Services/{sid}", Delete);
    }

    /// <summary>The service in the path, or 404/20404.</summary>
    public static VerifyService Require(VerifyState state, VerifyRequest request, string routeName = "sid") =>
        state.FindService(request.Route(routeName)) ??
        throw new TwilioErrorException(TwilioJson.NotFound(request.Path));

    private ApiResponse Create(VerifyRequest request)
    {
        var name = request.Required("FriendlyName", TwilioJson.InvalidParameter);
        var service = new VerifyService(Sids.New("VA"), ValidName(name), request.Now) { AccountSid = State.AccountSid };
        Apply(service, request);
        State.Services.Add(service);
        return TwilioJson.Created(ToJson(service, request.BaseUrl));
    }

    private ApiResponse List(VerifyRequest request) =>
        Paging.List(request, "/v2/Services", "services", State.Services, s => ToJson(s, request.BaseUrl));

    private ApiResponse Fetch(VerifyRequest request) => ApiResponse.Ok(ToJson(Require(State, request), request.BaseUrl));

    private ApiResponse Update(VerifyRequest request)
    {
        var service = Require(State, request);
        if (request.Get("FriendlyName") is { } name)
        {
            service.FriendlyName = ValidName(name);
        }

        Apply(service, request);
        service.DateUpdated = request.Now;
        return ApiResponse.Ok(ToJson(service, request.BaseUrl));
    }

    private ApiResponse Delete(VerifyRequest request)
    {
        var service = Require(State, request);
        State.Services.Remove(service);
        return TwilioJson.NoContent();
    }

    /// <summary>Up to 30 characters, at most 4 digits (docs/api/verify.md §4.1, live report: 5 digits → 60200).</summary>
    private static string ValidName(string name)
    {
        if (name.Length > 30 || name.Count(char.IsAsciiDigit) > 4 || name.Contains("://", System.StringComparison.Ordinal))
        {
            throw new TwilioErrorException(TwilioJson.InvalidParameter("FriendlyName"));
        }

        return name;
    }

    /// <summary>Everything but FriendlyName, validated before anything is changed.</summary>
    private static void Apply(VerifyService service, VerifyRequest request)
    {
        var invalid = TwilioJson.InvalidParameter;
        var codeLength = request.Int("CodeLength", 4, 10, invalid);
        var lookup = request.Bool("LookupEnabled", invalid);
        var skip = request.Bool("SkipSmsToLandlines", invalid);
        var dtmf = request.Bool("DtmfInputRequired", invalid);
        var psd2 = request.Bool("Psd2Enabled", invalid);
        var doNotShare = request.Bool("DoNotShareWarningEnabled", invalid);
        var customCode = request.Bool("CustomCodeEnabled", invalid);
        var includeDate = request.Bool("Push.IncludeDate", invalid);
        var events = request.Bool("VerifyEventSubscriptionEnabled", invalid);
        var timeStep = request.Int("Totp.TimeStep", 20, 60, invalid);
        var totpLength = request.Int("Totp.CodeLength", 3, 8, invalid);
        var skew = request.Int("Totp.Skew", 0, 2, invalid);
        var issuer = request.Get("Totp.Issuer");
        var apn = SidParameter(request, "Push.ApnCredentialSid", "CR");
        var fcm = SidParameter(request, "Push.FcmCredentialSid", "CR");
        var template = SidParameter(request, "DefaultTemplateSid", "HJ");
        var messaging = SidParameter(request, "Whatsapp.MsgServiceSid", "MG");

        service.CodeLength = codeLength ?? service.CodeLength;
        service.LookupEnabled = lookup ?? service.LookupEnabled;
        service.SkipSmsToLandlines = skip ?? service.SkipSmsToLandlines;
        service.DtmfInputRequired = dtmf ?? service.DtmfInputRequired;
        service.Psd2Enabled = psd2 ?? service.Psd2Enabled;
        service.DoNotShareWarningEnabled = doNotShare ?? service.DoNotShareWarningEnabled;
        service.CustomCodeEnabled = customCode ?? service.CustomCodeEnabled;
        service.PushIncludeDate = includeDate ?? service.PushIncludeDate;
        service.VerifyEventSubscriptionEnabled = events ?? service.VerifyEventSubscriptionEnabled;
        service.TotpTimeStep = timeStep ?? service.TotpTimeStep;
        service.TotpCodeLength = totpLength ?? service.TotpCodeLength;
        service.TotpSkew = skew ?? service.TotpSkew;
        service.TotpIssuer = issuer ?? service.TotpIssuer;
        service.PushApnCredentialSid = apn ?? service.PushApnCredentialSid;
        service.PushFcmCredentialSid = fcm ?? service.PushFcmCredentialSid;
        service.DefaultTemplateSid = template ?? service.DefaultTemplateSid;
        service.WhatsappMsgServiceSid = messaging ?? service.WhatsappMsgServiceSid;
        service.WhatsappFrom = request.Get("Whatsapp.From") ?? service.WhatsappFrom;
        service.TtsName = request.Get("TtsName") ?? service.TtsName;
    }

    private static string? SidParameter(VerifyRequest request, string name, string prefix)
    {
        var value = request.Get(name);
        if (value is not null && !Sids.IsSid(value, prefix))
        {
            throw new TwilioErrorException(TwilioJson.InvalidParameter(name));
        }

        return value;
    }

    public static JsonObject ToJson(VerifyService service, string baseUrl)
    {
        var url = baseUrl + "/v2/Services/" + service.Sid;
        return new JsonObject
        {
            ["sid"] = service.Sid,
            ["account_sid"] = service.AccountSid,
            ["friendly_name"] = service.FriendlyName,
            ["code_length"] = service.CodeLength,
            ["lookup_enabled"] = service.LookupEnabled,
            ["psd2_enabled"] = service.Psd2Enabled,
            ["skip_sms_to_landlines"] = service.SkipSmsToLandlines,
            ["dtmf_input_required"] = service.DtmfInputRequired,
            ["tts_name"] = service.TtsName,
            ["do_not_share_warning_enabled"] = service.DoNotShareWarningEnabled,
            ["custom_code_enabled"] = service.CustomCodeEnabled,
            ["push"] = new JsonObject
            {
                ["include_date"] = service.PushIncludeDate,
                ["apn_credential_sid"] = service.PushApnCredentialSid,
                ["fcm_credential_sid"] = service.PushFcmCredentialSid,
            },
            ["totp"] = new JsonObject
            {
                ["issuer"] = service.TotpIssuer,
                ["time_step"] = service.TotpTimeStep,
                ["code_length"] = service.TotpCodeLength,
                ["skew"] = service.TotpSkew,
            },
            ["whatsapp"] = new JsonObject
            {
                ["msg_service_sid"] = service.WhatsappMsgServiceSid,
                ["from"] = service.WhatsappFrom,
            },
            ["passkeys"] = new JsonObject
            {
                ["relying_party"] = new JsonObject { ["id"] = null, ["name"] = null, ["origins"] = null },
                ["authenticator_attachment"] = null,
                ["discoverable_credentials"] = null,
                ["user_verification"] = null,
            },
            ["default_template_sid"] = service.DefaultTemplateSid,
            ["verify_event_subscription_enabled"] = service.VerifyEventSubscriptionEnabled,
            ["date_created"] = TwilioJson.Date(service.DateCreated),
            ["date_updated"] = TwilioJson.Date(service.DateUpdated),
            ["url"] = url,
            ["links"] = new JsonObject
            {
                ["verification_checks"] = url + "/VerificationCheck",
                ["verifications"] = url + "/Verifications",
                ["rate_limits"] = url + "/RateLimits",
                ["messaging_configurations"] = url + "/MessagingConfigurations",
                ["entities"] = url + "/Entities",
                ["webhooks"] = url + "/Webhooks",
                ["access_tokens"] = url + "/AccessTokens",
            },
        };
    }
}
