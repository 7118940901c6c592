using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using OtpNet;
using Twilio.Exceptions;
using Twilio.Rest.Lookups.V2;
using Twilio.Rest.Verify.V2;
using Twilio.Rest.Verify.V2.Service;
using Twilio.Rest.Verify.V2.Service.Entity;
using CreateNewFactorOptions = Twilio.Rest.Verify.V2.Service.Entity.CreateNewFactorOptions;
using NewFactorResource = Twilio.Rest.Verify.V2.Service.Entity.NewFactorResource;

namespace Authy.TwilioOracle.Tests;

/// <summary>
/// Every call here goes through the official twilio-csharp 8.2.0 library: it must succeed and parse.
/// One emulator for the class; each test uses its own numbers and identities.
/// </summary>
public sealed class VerifyOracleTests : IClassFixture<OracleEmulator>
{
    private const string ServiceSid = Authy.Emulator.Hosting.EmulatorOptions.DefaultServiceSid;

    /// <summary>Base32 of "12345678901234567890", the RFC 4226/6238 test key.</summary>
    private const string RfcSeed = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

    private readonly OracleEmulator _emulator;

    public VerifyOracleTests(OracleEmulator emulator)
    {
        _emulator = emulator;
    }

    [Fact]
    public async Task Services_create_fetch_update_and_read_all_pages()
    {
        var created = await ServiceResource.CreateAsync(
            new CreateServiceOptions("Oracle app") { CodeLength = 8, TotpIssuer = "Oracle", TotpTimeStep = 30 },
            _emulator.Client);
        Assert.StartsWith("VA", created.Sid, StringComparison.Ordinal);
        Assert.Equal(8, created.CodeLength);
        Assert.Equal(OracleEmulator.AccountSid, created.AccountSid);
        Assert.NotNull(created.DateCreated);

        var fetched = await ServiceResource.FetchAsync(created.Sid, _emulator.Client);
        Assert.Equal("Oracle app", fetched.FriendlyName);

        var updated = await ServiceResource.UpdateAsync(new UpdateServiceOptions(created.Sid) { FriendlyName = "Oracle app 2", CodeLength = 6 }, _emulator.Client);
        Assert.Equal("Oracle app 2", updated.FriendlyName);
        Assert.Equal(6, updated.CodeLength);

        for (var i = 0; i < 3; i++)
        {
            await ServiceResource.CreateAsync(new CreateServiceOptions("Paging " + i), _emulator.Client);
        }

        var before = _emulator.Handler.Count;
        var all = (await ServiceResource.ReadAsync(new ReadServiceOptions { PageSize = 2 }, _emulator.Client)).ToList();
        Assert.Contains(all, s => s.Sid == ServiceSid);
        Assert.Contains(all, s => s.Sid == created.Sid);
        Assert.Equal(all.Count, all.Select(s => s.Sid).Distinct().Count());
        // PageSize=2 over at least 5 services: the library followed next_page_url at least twice.
        Assert.True(_emulator.Handler.Count - before >= 3, $"only {_emulator.Handler.Count - before} page requests");
    }

    [Fact]
    public async Task Verification_start_fetch_check_wrong_then_right()
    {
        const string to = "+15017122661";
        var started = await VerificationResource.CreateAsync(ServiceSid, to, "sms", client: _emulator.Client);
        Assert.StartsWith("VE", started.Sid, StringComparison.Ordinal);
        Assert.Equal("pending", started.Status);
        Assert.Equal(to, started.To);
        Assert.False(started.Valid);

        var fetched = await VerificationResource.FetchAsync(ServiceSid, started.Sid, _emulator.Client);
        Assert.Equal(started.Sid, fetched.Sid);
        var byTo = await VerificationResource.FetchAsync(ServiceSid, to, _emulator.Client);
        Assert.Equal(started.Sid, byTo.Sid);

        var code = await _emulator.LatestCodeAsync(to);
        var wrong = await VerificationCheckResource.CreateAsync(new CreateVerificationCheckOptions(ServiceSid) { To = to, Code = code == "000000" ? "111111" : "000000" }, _emulator.Client);
        Assert.Equal("pending", wrong.Status);
        Assert.False(wrong.Valid);

        var right = await VerificationCheckResource.CreateAsync(new CreateVerificationCheckOptions(ServiceSid) { VerificationSid = started.Sid, Code = code }, _emulator.Client);
        Assert.Equal("approved", right.Status);
        Assert.True(right.Valid);

        var gone = await Assert.ThrowsAsync<ApiException>(() => VerificationResource.FetchAsync(ServiceSid, started.Sid, _emulator.Client));
        Assert.Equal(20404, gone.Code);
        Assert.Equal(404, gone.Status);
        Assert.Equal("https://www.twilio.com/docs/errors/20404", gone.MoreInfo);
    }

    [Fact]
    public async Task Verification_cancel_with_the_api_key_and_send_limit_is_an_ApiException()
    {
        const string to = "+15017122662";
        var started = await VerificationResource.CreateAsync(ServiceSid, to, "call", client: _emulator.KeyClient);
        var canceled = await VerificationResource.UpdateAsync(ServiceSid, started.Sid, VerificationResource.StatusEnum.Canceled, _emulator.KeyClient);
        Assert.Equal("canceled", canceled.Status);

        const string other = "+15017122663";
        for (var i = 0; i < 5; i++)
        {
            var again = await VerificationResource.CreateAsync(ServiceSid, other, "sms", client: _emulator.Client);
            Assert.Equal(i + 1, again.SendCodeAttempts.Count);
        }

        var limit = await Assert.ThrowsAsync<ApiException>(() => VerificationResource.CreateAsync(ServiceSid, other, "sms", client: _emulator.Client));
        Assert.Equal(60203, limit.Code);
        Assert.Equal(429, limit.Status);
    }

    [Fact]
    public async Task Wrong_credentials_are_an_ApiException_20003()
    {
        var http = new Twilio.Http.SystemNetHttpClient(new HttpClient(_emulator.Handler, disposeHandler: false));
        var client = new Twilio.Clients.TwilioRestClient(OracleEmulator.AccountSid, "not-the-token-0000", httpClient: http);
        var failure = await Assert.ThrowsAsync<ApiException>(() => ServiceResource.FetchAsync(ServiceSid, client));
        Assert.Equal(20003, failure.Code);
        Assert.Equal(401, failure.Status);
    }

    [Fact]
    public async Task Totp_factor_verifies_with_an_RFC_6238_code_and_decides_challenges()
    {
        const string identity = "ff483d1f-f591-898a-9942-916050d2ca3f";
        var factor = await NewFactorResource.CreateAsync(
            new CreateNewFactorOptions(ServiceSid, identity, "Ann's phone", NewFactorResource.FactorTypesEnum.Totp) { BindingSecret = RfcSeed },
            _emulator.Client);
        Assert.StartsWith("YF", factor.Sid, StringComparison.Ordinal);
        Assert.StartsWith("YE", factor.EntitySid, StringComparison.Ordinal);
        Assert.Contains(RfcSeed, factor.Binding.ToString(), StringComparison.Ordinal);

        var entity = await EntityResource.FetchAsync(ServiceSid, identity, _emulator.Client);
        Assert.Equal(factor.EntitySid, entity.Sid);

        var totp = new Totp(Base32Encoding.ToBytes(RfcSeed));
        var code = totp.ComputeTotp(_emulator.Clock.UtcNow.UtcDateTime);
        Assert.Equal("081804", code); // RFC 6238 appendix B, T = 1111111109, 6 digits.
        var verified = await FactorResource.UpdateAsync(new UpdateFactorOptions(ServiceSid, identity, factor.Sid) { AuthPayload = code }, _emulator.Client);
        Assert.Equal("verified", verified.Status.ToString());

        var fetched = await FactorResource.FetchAsync(ServiceSid, identity, factor.Sid, _emulator.Client);
        Assert.Equal("verified", fetched.Status.ToString());
        var factors = (await FactorResource.ReadAsync(ServiceSid, identity, client: _emulator.Client)).ToList();
        Assert.Single(factors);

        var approved = await ChallengeResource.CreateAsync(
            new CreateChallengeOptions(ServiceSid, identity, factor.Sid) { AuthPayload = code },
            _emulator.Client);
        Assert.Equal("approved", approved.Status.ToString());

        var pending = await ChallengeResource.CreateAsync(new CreateChallengeOptions(ServiceSid, identity, factor.Sid), _emulator.Client);
        Assert.Equal("pending", pending.Status.ToString());
        var stillPending = await ChallengeResource.UpdateAsync(new UpdateChallengeOptions(ServiceSid, identity, pending.Sid) { AuthPayload = "000000" }, _emulator.Client);
        Assert.Equal("pending", stillPending.Status.ToString());
        var decided = await ChallengeResource.UpdateAsync(new UpdateChallengeOptions(ServiceSid, identity, pending.Sid) { AuthPayload = code }, _emulator.Client);
        Assert.Equal("approved", decided.Status.ToString());

        var challenges = (await ChallengeResource.ReadAsync(ServiceSid, identity, client: _emulator.Client)).ToList();
        Assert.Equal(2, challenges.Count);
        var newestFirst = (await ChallengeResource.ReadAsync(new ReadChallengeOptions(ServiceSid, identity)
        {
            FactorSid = factor.Sid,
            Status = ChallengeResource.ChallengeStatusesEnum.Approved,
            Order = ChallengeResource.ListOrdersEnum.Desc,
            PageSize = 1,
        }, _emulator.Client)).ToList();
        Assert.Equal(new[] { pending.Sid, approved.Sid }, newestFirst.Select(c => c.Sid).ToArray());
        var entities = (await EntityResource.ReadAsync(ServiceSid, client: _emulator.Client)).ToList();
        Assert.Contains(entities, e => e.Identity == identity);
    }

    [Fact]
    public async Task Totp_factor_with_its_config_refuses_wrong_codes_then_stops_at_60310()
    {
        // What New-TwilioVerifyFactor sends with -TimeStep, -CodeLength, -Skew and -Algorithm, and Confirm-TwilioVerifyFactor's wrong codes.
        const string identity = "oracle-totp-config-0001";
        var factor = await NewFactorResource.CreateAsync(
            new CreateNewFactorOptions(ServiceSid, identity, "Configured", NewFactorResource.FactorTypesEnum.Totp)
            {
                BindingSecret = RfcSeed,
                ConfigTimeStep = 60,
                ConfigSkew = 0,
                ConfigCodeLength = 8,
                ConfigAlg = NewFactorResource.TotpAlgorithmsEnum.Sha256,
            },
            _emulator.Client);
        Assert.Equal("unverified", factor.Status.ToString());

        var fetched = await FactorResource.FetchAsync(ServiceSid, identity, factor.Sid, _emulator.Client);
        Assert.Contains("\"time_step\":60", Newtonsoft.Json.JsonConvert.SerializeObject(fetched.Config).Replace(" ", string.Empty), StringComparison.Ordinal);

        for (var i = 0; i < 5; i++)
        {
            var wrong = await FactorResource.UpdateAsync(new UpdateFactorOptions(ServiceSid, identity, factor.Sid) { AuthPayload = "00000000" }, _emulator.Client);
            Assert.Equal("unverified", wrong.Status.ToString());
        }

        var sixth = await Assert.ThrowsAsync<ApiException>(() =>
            FactorResource.UpdateAsync(new UpdateFactorOptions(ServiceSid, identity, factor.Sid) { AuthPayload = "00000000" }, _emulator.Client));
        Assert.Equal(60310, sixth.Code);
        Assert.Equal(429, sixth.Status);
    }

    [Fact]
    public async Task Push_challenge_is_answered_through_the_control_api()
    {
        const string identity = "push-user-0001";
        var factor = await _emulator.ControlAsync(HttpMethod.Post, "/_emulator/verify/push_factors?identity=" + identity);
        var factorSid = factor["sid"]!.GetValue<string>();

        var challenge = await ChallengeResource.CreateAsync(
            new CreateChallengeOptions(ServiceSid, identity, factorSid)
            {
                DetailsMessage = "Log in to the portal?",
                DetailsFields = new List<object> { new Dictionary<string, string> { ["label"] = "IP", ["value"] = "192.0.2.1" } },
                HiddenDetails = new Dictionary<string, string> { ["ip"] = "192.0.2.1" },
                ExpirationDate = _emulator.Clock.UtcNow.UtcDateTime.AddMinutes(10),
            },
            _emulator.Client);
        Assert.Equal("pending", challenge.Status.ToString());
        Assert.Equal("push", challenge.FactorType.ToString());

        await _emulator.ControlAsync(HttpMethod.Post, $"/_emulator/verify/challenges/{challenge.Sid}/deny");
        var fetched = await ChallengeResource.FetchAsync(ServiceSid, identity, challenge.Sid, _emulator.Client);
        Assert.Equal("denied", fetched.Status.ToString());
        Assert.NotNull(fetched.DateResponded);
        var factors = (await FactorResource.ReadAsync(ServiceSid, identity, client: _emulator.Client)).ToList();
        Assert.Equal("push", factors.Single().FactorType.ToString());
        // The list filters Get-TwilioVerifyChallenge sends: FactorSid and Status, on a second device's challenges too.
        var otherDevice = (await _emulator.ControlAsync(HttpMethod.Post, "/_emulator/verify/push_factors?identity=" + identity))["sid"]!.GetValue<string>();
        var other = await ChallengeResource.CreateAsync(new CreateChallengeOptions(ServiceSid, identity, otherDevice) { DetailsMessage = "Other device" }, _emulator.Client);
        var deniedOnFirst = (await ChallengeResource.ReadAsync(new ReadChallengeOptions(ServiceSid, identity)
        {
            FactorSid = factorSid,
            Status = ChallengeResource.ChallengeStatusesEnum.Denied,
            PageSize = 1,
        }, _emulator.Client)).ToList();
        Assert.Equal(new[] { challenge.Sid }, deniedOnFirst.Select(c => c.Sid).ToArray());
        var pendingOnOther = (await ChallengeResource.ReadAsync(new ReadChallengeOptions(ServiceSid, identity)
        {
            FactorSid = otherDevice,
            Status = ChallengeResource.ChallengeStatusesEnum.Pending,
        }, _emulator.Client)).ToList();
        Assert.Equal(new[] { other.Sid }, pendingOnOther.Select(c => c.Sid).ToArray());
        Assert.Equal("denied", (await ChallengeResource.FetchAsync(ServiceSid, identity, challenge.Sid, _emulator.Client)).Status.ToString());
    }

    [Fact]
    public async Task Lookup_fetches_valid_and_invalid_numbers()
    {
        var valid = await PhoneNumberResource.FetchAsync(new FetchPhoneNumberOptions("+14159929960") { Fields = "line_type_intelligence,caller_name" }, _emulator.Client);
        Assert.True(valid.Valid);
        Assert.Equal("+14159929960", valid.PhoneNumber.ToString());
        Assert.Equal("US", valid.CountryCode);
        Assert.Equal("(415) 992-9960", valid.NationalFormat);
        Assert.NotNull(valid.LineTypeIntelligence);

        var everything = await PhoneNumberResource.FetchAsync(
            new FetchPhoneNumberOptions("+14159929960") { Fields = "validation,caller_name,sim_swap,call_forwarding,line_status,line_type_intelligence,identity_match,reassigned_number,sms_pumping_risk,phone_number_quality_score,pre_fill" },
            _emulator.Client);
        Assert.NotNull(everything.SimSwap);
        Assert.NotNull(everything.CallForwarding);
        Assert.NotNull(everything.LineStatus);
        Assert.NotNull(everything.IdentityMatch);
        Assert.NotNull(everything.ReassignedNumber);
        Assert.NotNull(everything.SmsPumpingRisk);
        Assert.NotNull(everything.PhoneNumberQualityScore);
        Assert.NotNull(everything.PreFill);

        var invalid = await PhoneNumberResource.FetchAsync("+1415992", client: _emulator.Client);
        Assert.False(invalid.Valid);
        Assert.Single(invalid.ValidationErrors);
        Assert.Equal("TOO_SHORT", invalid.ValidationErrors[0].ToString());
    }

    [Fact]
    public async Task Deletes_and_the_check_limit_go_through_the_library()
    {
        const string identity = "delete-me-0001";
        var entity = await EntityResource.CreateAsync(ServiceSid, identity, _emulator.KeyClient);
        Assert.StartsWith("YE", entity.Sid, StringComparison.Ordinal);
        var duplicate = await Assert.ThrowsAsync<ApiException>(() => EntityResource.CreateAsync(ServiceSid, identity, _emulator.KeyClient));
        Assert.Equal(60301, duplicate.Code);

        var factor = await NewFactorResource.CreateAsync(
            new CreateNewFactorOptions(ServiceSid, identity, "Spare", NewFactorResource.FactorTypesEnum.Totp), _emulator.Client);
        Assert.True(await FactorResource.DeleteAsync(ServiceSid, identity, factor.Sid, _emulator.Client));
        Assert.True(await EntityResource.DeleteAsync(ServiceSid, identity, _emulator.Client));
        var gone = await Assert.ThrowsAsync<ApiException>(() => EntityResource.FetchAsync(ServiceSid, identity, _emulator.Client));
        Assert.Equal(20404, gone.Code);

        var service = await ServiceResource.CreateAsync("Throwaway", client: _emulator.Client);
        Assert.True(await ServiceResource.DeleteAsync(service.Sid, _emulator.Client));

        const string to = "+15017122669";
        await VerificationResource.CreateAsync(ServiceSid, to, "sms", client: _emulator.Client);
        for (var i = 0; i < 5; i++)
        {
            var wrong = await VerificationCheckResource.CreateAsync(new CreateVerificationCheckOptions(ServiceSid) { To = to, Code = "0000" }, _emulator.Client);
            Assert.Equal("pending", wrong.Status);
        }

        var sixth = await Assert.ThrowsAsync<ApiException>(() =>
            VerificationCheckResource.CreateAsync(new CreateVerificationCheckOptions(ServiceSid) { To = to, Code = "0000" }, _emulator.Client));
        Assert.Equal(60202, sixth.Code);
        Assert.Equal(429, sixth.Status);
    }

    [Fact]
    public async Task Lookup_reads_a_national_number_with_its_country()
    {
        var uk = await PhoneNumberResource.FetchAsync(new FetchPhoneNumberOptions("02079460018") { CountryCode = "GB", Fields = "line_type_intelligence" }, _emulator.Client);
        Assert.True(uk.Valid);
        Assert.Equal("+442079460018", uk.PhoneNumber.ToString());
        Assert.Equal("44", uk.CallingCountryCode);
    }

    [Fact]
    public async Task Webhook_events_pass_the_library_request_validator()
    {
        using var listener = new System.Net.HttpListener();
        int port;
        using (var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
        }

        var hookUrl = $"http://127.0.0.1:{port}/verify/events";
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        var received = new System.Collections.Concurrent.ConcurrentQueue<(string Signature, Dictionary<string, string> Form)>();
        var serving = Task.Run(async () =>
        {
            while (listener.IsListening)
            {
                System.Net.HttpListenerContext context;
                try
                {
                    context = await listener.GetContextAsync();
                }
                catch (Exception) when (!listener.IsListening)
                {
                    return;
                }

                using var reader = new System.IO.StreamReader(context.Request.InputStream);
                var form = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(await reader.ReadToEndAsync())
                    .ToDictionary(p => p.Key, p => p.Value.ToString());
                received.Enqueue((context.Request.Headers["X-Twilio-Signature"] ?? "", form));
                context.Response.StatusCode = 200;
                context.Response.Close();
            }
        });

        var service = await ServiceResource.CreateAsync("Hooked", client: _emulator.Client);
        var webhook = await WebhookResource.CreateAsync(
            new CreateWebhookOptions(service.Sid, "events", new List<string> { "*" }, hookUrl), _emulator.Client);
        Assert.StartsWith("YW", webhook.Sid, StringComparison.Ordinal);
        Assert.Single((await WebhookResource.ReadAsync(service.Sid, client: _emulator.Client)).ToList());

        const string identity = "hooked-user-0001";
        var factor = await NewFactorResource.CreateAsync(
            new CreateNewFactorOptions(service.Sid, identity, "Ann", NewFactorResource.FactorTypesEnum.Totp) { BindingSecret = RfcSeed }, _emulator.Client);
        var code = new Totp(Base32Encoding.ToBytes(RfcSeed)).ComputeTotp(_emulator.Clock.UtcNow.UtcDateTime);
        await FactorResource.UpdateAsync(new UpdateFactorOptions(service.Sid, identity, factor.Sid) { AuthPayload = code }, _emulator.Client);
        Assert.True(await WebhookResource.DeleteAsync(service.Sid, webhook.Sid, _emulator.Client));
        listener.Stop();
        await serving;

        var validator = new Twilio.Security.RequestValidator(OracleEmulator.AuthToken);
        Assert.Equal(new[] { "factor.created", "factor.verified" }, received.Select(r => r.Form["type"]).ToArray());
        Assert.All(received, r => Assert.True(validator.Validate(hookUrl, r.Form, r.Signature), "signature rejected by twilio-csharp"));
        Assert.All(received, r => Assert.False(new Twilio.Security.RequestValidator("another-token").Validate(hookUrl, r.Form, r.Signature)));
    }
}
