using System.Text.RegularExpressions;
using Authy.Emulator.Domain;
using Authy.Emulator.State;
using Microsoft.AspNetCore.Routing;

namespace Authy.Emulator.Verify;

/// <summary>
/// Verifications and VerificationCheck (docs/api/verify.md §4.2, §4.3, §5): one pending verification per
/// service and To, valid 10 minutes on the emulator clock; a start inside the window resends the
/// same code under the same VE sid; the 6th start → 429/60203; the 6th check after 5 wrong codes →
/// 429/60202; approved (or expired) verifications are gone (404/20404), canceled ones stay fetchable.
/// Every send lands in the outbox (GET /_emulator/messages, channel "verify_&lt;Channel&gt;").
/// </summary>
internal sealed class VerificationEndpoints
{
    public static readonly TimeSpan Validity = TimeSpan.FromMinutes(10);

    public const int MaxSends = 5;

    public const int MaxChecks = 5;

    private static readonly string[] Channels = { "sms", "call", "email", "whatsapp" };

    private static readonly Regex Locale = new("^[a-z]{2}(-[A-Za-z]{2,4})?$", RegexOptions.CultureInvariant);

    private readonly EmulatorServices _services;

    public VerificationEndpoints(EmulatorServices services)
    {
        _services = services;
    }

    public void Map(IEndpointRouteBuilder routes, VerifyPipeline pipeline)
    {
        pipeline.Post(routes, "/v2/Services/{service_sid}/Verifications", Start);
        pipeline.Get(routes, "/v2/Services/{service_sid}/Verifications/{sid}", Fetch);
        pipeline.Post(routes, "/v2/Services/{service_sid}/Verifications/{sid}", Update);
        pipeline.Post(routes, "/v2/Services/{service_sid}/VerificationCheck", Check);
    }

    private ApiResponse Start(VerifyRequest request)
    {
        var service = ServiceEndpoints.Require(_services.Verify, request, "service_sid");
        var to = request.Required("To", TwilioJson.InvalidParameter);
        var channel = request.Required("Channel", TwilioJson.InvalidParameter);
        if (Array.IndexOf(Channels, channel) < 0)
        {
            throw new TwilioErrorException(TwilioJson.InvalidParameter("Channel"));
        }

        var isEmail = VerifyPhone.IsEmail(to);
        CanonicalPhone phone = default;
        if (channel == "email" ? !isEmail : !VerifyPhone.TryParse(to, out phone))
        {
            throw new TwilioErrorException(TwilioJson.Error(400, 60200, $"Invalid parameter `To`: {to}"));
        }

        if (channel == "sms" && PhoneNumberRules.Lookup(phone).Type == PhoneLineType.Landline)
        {
            throw new TwilioErrorException(TwilioJson.Error(403, 60205, "SMS is not supported by landline phone number"));
        }

        var locale = request.Get("Locale");
        if (locale is not null && !Locale.IsMatch(locale))
        {
            throw new TwilioErrorException(TwilioJson.InvalidParameter("Locale"));
        }

        var customCode = request.Get("CustomCode");
        if (customCode is not null)
        {
            if (!service.CustomCodeEnabled)
            {
                throw new TwilioErrorException(TwilioJson.Error(403, 60204, "Service does not support this feature"));
            }

            if (customCode.Length is < 4 or > 10)
            {
                throw new TwilioErrorException(TwilioJson.InvalidParameter("CustomCode"));
            }
        }

        var amount = request.Get("Amount");
        var payee = request.Get("Payee");
        if (service.Psd2Enabled && (string.IsNullOrEmpty(amount) || string.IsNullOrEmpty(payee)))
        {
            throw new TwilioErrorException(TwilioJson.Error(400, 60206, "'Amount' & 'Payee' params are required"));
        }

        request.JsonObjectParameter("RateLimits", TwilioJson.InvalidParameter);
        request.JsonObjectParameter("ChannelConfiguration", TwilioJson.InvalidParameter);

        var key = VerifyPhone.Normalize(to);
        var verification = Pending(service, key, request.Now);
        if (verification is null)
        {
            verification = new Verification
            {
                Sid = Sids.New("VE"),
                To = to,
                Key = key,
                Code = customCode ?? Codes.Digits(service.CodeLength),
                DateCreated = request.Now,
                ExpiresAt = request.Now + Validity,
                Amount = amount,
                Payee = payee,
            };
            service.Verifications[verification.Sid] = verification;
            service.LatestByTo[key] = verification;
        }
        else if (verification.SendAttempts.Count >= MaxSends)
        {
            throw new TwilioErrorException(TwilioJson.Error(429, 60203, "Max send attempts reached"));
        }

        verification.Channel = channel;
        verification.Locale = locale ?? verification.Locale;
        verification.DateUpdated = request.Now;
        verification.SendAttempts.Add((request.Now, channel, Sids.New("VL")));
        var name = request.Get("CustomFriendlyName") ?? service.FriendlyName;
        var body = $"Your {name} verification code is: {verification.Code}";
        _services.State.AddMessage(
            OutboxMessage.VerifyPrefix + channel, null, isEmail ? 0 : phone.CountryCode, isEmail ? "" : phone.NationalNumber,
            isEmail ? to : null, verification.Code, body, null, request.Now);
        return TwilioJson.Created(ToJson(service, verification, request.BaseUrl));
    }

    private ApiResponse Fetch(VerifyRequest request)
    {
        var (service, verification) = Find(request);
        return ApiResponse.Ok(ToJson(service, verification, request.BaseUrl));
    }

    /// <summary>Status=canceled|approved; anything else → 60441. The path takes the VE sid or the pending To.</summary>
    private ApiResponse Update(VerifyRequest request)
    {
        var status = request.Required("Status", TwilioJson.InvalidParameter);
        if (status is not ("canceled" or "approved"))
        {
            throw new TwilioErrorException(TwilioJson.Error(400, 60441, "Illegal status"));
        }

        var (service, verification) = Find(request);
        if (verification.Status != "pending")
        {
            throw new TwilioErrorException(TwilioJson.NotFound(request.Path));
        }

        verification.Status = status;
        verification.DateUpdated = request.Now;
        return ApiResponse.Ok(ToJson(service, verification, request.BaseUrl));
    }

    private ApiResponse Check(VerifyRequest request)
    {
        var service = ServiceEndpoints.Require(_services.Verify, request, "service_sid");
        var code = request.Get("Code");
        if (code is null || code.Length is < 4 or > 10)
        {
            throw new TwilioErrorException(TwilioJson.InvalidParameter("Code"));
        }

        var to = request.Get("To");
        var verificationSid = request.Get("VerificationSid");
        if (string.IsNullOrEmpty(to) && string.IsNullOrEmpty(verificationSid))
        {
            throw new TwilioErrorException(TwilioJson.Error(400, 60221, "No target verification specified"));
        }

        Verification? verification;
        if (!string.IsNullOrEmpty(verificationSid))
        {
            verification = service.Verifications.GetValueOrDefault(verificationSid!);
        }
        else
        {
            if (!VerifyPhone.IsEmail(to!) && !VerifyPhone.TryParse(to!, out _))
            {
                throw new TwilioErrorException(TwilioJson.Error(400, 60200, $"Invalid parameter `To`: {to}"));
            }

            verification = Latest(service, VerifyPhone.Normalize(to!));
        }

        if (verification is null || verification.IsGone(request.Now) || verification.Status == "canceled")
        {
            throw new TwilioErrorException(TwilioJson.NotFound(request.Path));
        }

        if (verification.Status == "max_attempts_reached" || verification.WrongChecks >= MaxChecks)
        {
            verification.Status = "max_attempts_reached";
            throw new TwilioErrorException(TwilioJson.Error(429, 60202, "Max check attempts reached"));
        }

        if (string.Equals(code, verification.Code, StringComparison.Ordinal) &&
            (service.Psd2Enabled is false ||
             (request.Get("Amount") == verification.Amount && request.Get("Payee") == verification.Payee)))
        {
            verification.Status = "approved";
        }
        else
        {
            verification.WrongChecks++;
        }

        verification.DateUpdated = request.Now;
        var body = Outcome(service, verification);
        body["amount"] = verification.Amount;
        body["payee"] = verification.Payee;
        body["sna_attempts_error_codes"] = new JsonArray();
        body["date_created"] = TwilioJson.Date(verification.DateCreated);
        body["date_updated"] = TwilioJson.Date(verification.DateUpdated);
        return ApiResponse.Ok(body);
    }

    /// <summary>The verification the path names (VE sid or To): 404/20404 when unknown, approved or expired.</summary>
    private (VerifyService, Verification) Find(VerifyRequest request)
    {
        var service = ServiceEndpoints.Require(_services.Verify, request, "service_sid");
        var sid = request.Route("sid");
        var verification = Sids.IsSid(sid, "VE")
            ? service.Verifications.GetValueOrDefault(sid)
            : Latest(service, VerifyPhone.Normalize(sid));
        if (verification is null || verification.IsGone(request.Now))
        {
            throw new TwilioErrorException(TwilioJson.NotFound(request.Path));
        }

        return (service, verification);
    }

    private static Verification? Pending(VerifyService service, string key, DateTimeOffset now) =>
        Latest(service, key) is { Status: "pending" } latest && !latest.IsGone(now) ? latest : null;

    private static Verification? Latest(VerifyService service, string key) => service.LatestByTo.GetValueOrDefault(key);

    public static JsonObject ToJson(VerifyService service, Verification verification, string baseUrl)
    {
        var attempts = new JsonArray();
        foreach (var (time, channel, attemptSid) in verification.SendAttempts)
        {
            attempts.Add(new JsonObject
            {
                ["time"] = TwilioJson.DateMillis(time),
                ["channel"] = channel,
                ["attempt_sid"] = attemptSid,
            });
        }

        var json = Outcome(service, verification);
        json["date_created"] = TwilioJson.Date(verification.DateCreated);
        json["date_updated"] = TwilioJson.Date(verification.DateUpdated);
        json["lookup"] = new JsonObject();
        json["amount"] = verification.Amount;
        json["payee"] = verification.Payee;
        json["send_code_attempts"] = attempts;
        json["sna"] = null;
        json["url"] = baseUrl + "/v2/Services/" + service.Sid + "/Verifications/" + verification.Sid;
        return json;
    }

    /// <summary>The fields a Verification and a VerificationCheck share, first and in Twilio's order.</summary>
    private static JsonObject Outcome(VerifyService service, Verification verification) => new()
    {
        ["sid"] = verification.Sid,
        ["service_sid"] = service.Sid,
        ["account_sid"] = service.AccountSid,
        ["to"] = verification.To,
        ["channel"] = verification.Channel,
        ["status"] = verification.Status,
        ["valid"] = verification.Status == "approved",
    };
}
