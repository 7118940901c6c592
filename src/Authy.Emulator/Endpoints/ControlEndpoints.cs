using Authy.Emulator.Domain;
using Authy.Emulator.Pipeline;
using Authy.Emulator.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Authy.Emulator.Endpoints;

/// <summary>
/// /_emulator/*: test hooks that are never part of the Authy API. No key needed, no faults,
/// no latency, not logged or counted as API requests. README "Control API" documents the shapes.
/// </summary>
internal sealed class ControlEndpoints
{
    private readonly EmulatorServices _services;
    private readonly OneTouchEndpoints _oneTouch;

    public ControlEndpoints(EmulatorServices services, OneTouchEndpoints oneTouch)
    {
        _services = services;
        _oneTouch = oneTouch;
    }

    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapPost("/_emulator/reset", Reset);
        routes.MapGet("/_emulator/requests", Requests);
        routes.MapGet("/_emulator/messages", Messages);
        routes.MapPost("/_emulator/users/{authy_id}/app", InstallApp);
        routes.MapPost("/_emulator/users/{authy_id}/authenticator", SetAuthenticator);
        routes.MapPost("/_emulator/approval_requests/{uuid}/approve", context => Answer(context, approve: true));
        routes.MapPost("/_emulator/approval_requests/{uuid}/deny", context => Answer(context, approve: false));
        routes.MapGet("/_emulator/stats", Stats);
        routes.MapPost("/_emulator/clock", AdvanceClock);
        routes.MapPost("/_emulator/faults", SetFaultRate);
        routes.MapGet("/_emulator/clock", context => Reply(context, 200, ClockJson()));
        new Verify.VerifyControlEndpoints(_services).Map(routes);
        routes.Map("/_emulator/{**rest}", context => Reply(context, 404, new JsonObject
        {
            ["error"] = $"no control endpoint {context.Request.Method} {context.Request.Path}",
        }));
    }

    private Task Reset(HttpContext context)
    {
        _services.Reset();
        return Reply(context, 200, new JsonObject { ["reset"] = true });
    }

    /// <summary>
    /// ?advance_seconds=N (1..31536000): every expiry and window of both APIs reads this clock, so
    /// tests cover expiry without waiting. Time only moves forward; reset keeps the offset.
    /// </summary>
    private Task AdvanceClock(HttpContext context)
    {
        if (!TryReadWhole(context.Request.Query["advance_seconds"].ToString(), 1, 31_536_000, out var seconds))
        {
            return Reply(context, 400, new JsonObject { ["error"] = "advance_seconds must be an integer from 1 to 31536000" });
        }

        _services.Clock.Advance(TimeSpan.FromSeconds(seconds));
        return Reply(context, 200, ClockJson());
    }

    /// <summary>?rate=R (0..1): the fault rate from now on (the kinds and the dice stay); 0 ends injected faults.</summary>
    private Task SetFaultRate(HttpContext context)
    {
        var text = context.Request.Query["rate"].ToString();
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var rate) || double.IsNaN(rate) || rate < 0 || rate > 1)
        {
            return Reply(context, 400, new JsonObject { ["error"] = "rate must be a number from 0 to 1" });
        }

        _services.Faults.SetRate(rate);
        return Reply(context, 200, new JsonObject { ["fault_rate"] = _services.Faults.Rate });
    }

    private JsonObject ClockJson() => new()
    {
        ["now"] = CompactJson.IsoTime(_services.Clock.UtcNow),
        ["offset_seconds"] = (long)_services.Clock.Offset.TotalSeconds,
    };

    private Task Requests(HttpContext context) =>
        ReplyWhenCount(context, "requests", () => _services.Requests.ToJson());

    /// <summary>
    /// The list, at once; or with ?wait_for=N (1 to the request log's capacity: a count it can never hold would only
    /// time out) as a long poll: the reply waits until the list has N entries or more, waking whenever a request
    /// arrives or finishes, so a test waits on its condition
    /// rather than polling on a timer. ?timeout_seconds (1..600, default 60) only guards against a hang: then
    /// the list is returned as it is, and the test's own check reports the shortfall.
    /// </summary>
    private async Task ReplyWhenCount(HttpContext context, string name, Func<JsonArray> read)
    {
        var query = context.Request.Query;
        long waitFor = 0;
        long timeoutSeconds = 60;
        if ((query.ContainsKey("wait_for") && !TryReadWhole(query["wait_for"], 1, RequestLog.Capacity, out waitFor)) ||
            (query.ContainsKey("timeout_seconds") && !TryReadWhole(query["timeout_seconds"], 1, 600, out timeoutSeconds)))
        {
            await Reply(context, 400, new JsonObject { ["error"] = $"wait_for must be an integer from 1 to {RequestLog.Capacity}, timeout_seconds from 1 to 600" }).ConfigureAwait(false);
            return;
        }

        using var guard = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        guard.CancelAfter(TimeSpan.FromSeconds(timeoutSeconds));
        while (true)
        {
            // Taken before reading, so a change between the read and the wait still wakes this poll.
            var changed = _services.Changes.Next;
            var items = read();
            if (items.Count >= waitFor || guard.IsCancellationRequested)
            {
                await Reply(context, 200, new JsonObject { [name] = items }).ConfigureAwait(false);
                return;
            }

            try
            {
                await changed.WaitAsync(guard.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!context.RequestAborted.IsCancellationRequested)
            {
                // The guard passed: one last read, then the reply.
            }
        }
    }

    private static bool TryReadWhole(string? text, long min, long max, out long value) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max;

    /// <summary>
    /// Filters: authy_id, or phone_number (any separators, any spelling of the same number: UK
    /// "07700900123" finds what went to 7700900123) with optional country_code; channel.
    /// </summary>
    private Task Messages(HttpContext context) =>
        ReplyWhenCount(context, "messages", () => ReadMessages(context.Request.Query));

    private JsonArray ReadMessages(IQueryCollection query)
    {
        int? authyId = int.TryParse(query["authy_id"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) ? id : null;
        var phone = query["phone_number"].ToString();
        int? countryCode = int.TryParse(query["country_code"].ToString().TrimStart('+'), NumberStyles.Integer, CultureInfo.InvariantCulture, out var cc) ? cc : null;
        var channel = query["channel"].ToString();
        // to=: a Verify To, as sent (E.164 or e-mail).
        var to = query["to"].ToString();
        var toPhone = Verify.VerifyPhone.TryParse(to, out var parsedTo) ? parsedTo : (Domain.CanonicalPhone?)null;

        // The filter's national number per country code of the messages met: parsed once per code,
        // not once per message (the outbox keeps every message).
        var filterByCountry = new Dictionary<int, string>();
        string FilterFor(int messageCountryCode)
        {
            if (!filterByCountry.TryGetValue(messageCountryCode, out var national))
            {
                national = PhoneNumberRules.NationalNumberOrDigits(messageCountryCode, phone);
                filterByCountry[messageCountryCode] = national;
            }

            return national;
        }

        var messages = new JsonArray();
        lock (_services.State.Gate)
        {
            foreach (var message in _services.State.Outbox)
            {
                if ((authyId is not null && message.AuthyId != authyId) ||
                    (countryCode is not null && message.CountryCode != countryCode) ||
                    (phone.Any(char.IsAsciiDigit) && message.PhoneNumber != FilterFor(message.CountryCode)) ||
                    (channel.Length > 0 && message.Channel != channel) ||
                    (to.Length > 0 && !(toPhone is { } p
                        ? message.CountryCode == p.CountryCode && message.PhoneNumber == p.NationalNumber
                        : string.Equals(message.Email, to, StringComparison.OrdinalIgnoreCase))))
                {
                    continue;
                }

                messages.Add(new JsonObject
                {
                    ["id"] = message.Id,
                    ["channel"] = message.Channel,
                    ["authy_id"] = message.AuthyId,
                    ["country_code"] = message.CountryCode,
                    ["phone_number"] = message.PhoneNumber,
                    ["email"] = message.Email,
                    ["code"] = message.Code,
                    ["body"] = message.Body,
                    ["action"] = message.Action,
                    ["sent_at"] = CompactJson.IsoTime(message.SentAt),
                });
            }
        }

        return messages;
    }

    /// <summary>
    /// The user installs the Authy app (registered=true, one more device; ?os_type=ios|android,
    /// default android). The app's current token is put in the outbox (channel "app") and returned.
    /// </summary>
    private Task InstallApp(HttpContext context)
    {
        var osType = context.Request.Query["os_type"].ToString();
        if (osType.Length == 0)
        {
            osType = "android";
        }

        JsonObject body;
        lock (_services.State.Gate)
        {
            var now = _services.Clock.UtcNow;
            var user = _services.State.FindLiveUser(context.GetRouteValue("authy_id")?.ToString(), now, _services.Options.DeletionDelay);
            if (user is null)
            {
                return Reply(context, 404, new JsonObject { ["error"] = $"user {context.GetRouteValue("authy_id")} not found" });
            }

            var device = new EmulatedDevice(_services.State.NextDeviceId++, osType, now);
            user.Devices.Add(device);
            var token = TokenEndpoints.IssueToken(_services.State, user, OutboxMessage.App, null, null, now, device);
            var devices = new JsonArray();
            foreach (var each in user.Devices)
            {
                devices.Add(each.OsType);
            }

            body = new JsonObject
            {
                ["authy_id"] = user.AuthyId,
                ["registered"] = user.Registered,
                ["device"] = new JsonObject { ["id"] = device.Id, ["os_type"] = device.OsType },
                ["devices"] = devices,
                ["token"] = token.Code,
            };
        }

        return Reply(context, 200, body);
    }

    /// <summary>
    /// kind=totp|app|sms|push (query or form): what a migration meets for this user (docs/api/verify.md §7). totp gives the
    /// user an exportable seed (kept if it has one); app and push give it the Authy app (a device, if it has none)
    /// and no seed; sms leaves it with neither. The seed is never part of the reply.
    /// </summary>
    private async Task SetAuthenticator(HttpContext context)
    {
        var kindText = context.Request.Query["kind"].ToString();
        if (kindText.Length == 0 && context.Request.HasFormContentType)
        {
            var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
            kindText = form["kind"].ToString();
        }

        AuthenticatorKind kind;
        switch (kindText.Trim().ToLowerInvariant())
        {
            case "totp":
                kind = AuthenticatorKind.Totp;
                break;
            case "app":
                kind = AuthenticatorKind.App;
                break;
            case "sms":
                kind = AuthenticatorKind.Sms;
                break;
            case "push":
                kind = AuthenticatorKind.Push;
                break;
            default:
                await Reply(context, 400, new JsonObject { ["error"] = $"kind must be totp, app, sms or push, not '{kindText}'" }).ConfigureAwait(false);
                return;
        }

        JsonObject body;
        lock (_services.State.Gate)
        {
            var now = _services.Clock.UtcNow;
            var user = _services.State.FindLiveUser(context.GetRouteValue("authy_id")?.ToString(), now, _services.Options.DeletionDelay);
            if (user is null)
            {
                body = new JsonObject { ["error"] = $"user {context.GetRouteValue("authy_id")} not found" };
            }
            else
            {
                user.Kind = kind;
                switch (kind)
                {
                    case AuthenticatorKind.Totp:
                        user.TotpSecret ??= Codes.TotpSecret();
                        break;
                    case AuthenticatorKind.App:
                    case AuthenticatorKind.Push:
                        user.TotpSecret = null;
                        _oneTouch.EnsureDevice(user, now);
                        break;
                    default:
                        user.TotpSecret = null;
                        user.Devices.Clear();
                        break;
                }

                body = new JsonObject
                {
                    ["authy_id"] = user.AuthyId,
                    ["kind"] = kind.ToString().ToLowerInvariant(),
                    ["registered"] = user.Registered,
                    ["exportable"] = kind == AuthenticatorKind.Totp,
                };
            }
        }

        await Reply(context, body.ContainsKey("error") ? 404 : 200, body).ConfigureAwait(false);
    }

    private async Task Answer(HttpContext context, bool approve)
    {
        var uuid = context.GetRouteValue("uuid")?.ToString() ?? "";
        var reason = context.Request.Query["reason"].ToString();
        var (status, body) = await _oneTouch.AnswerAsync(
            uuid, approve, reason.Length == 0 ? null : reason, context.RequestAborted).ConfigureAwait(false);
        await Reply(context, status, body).ConfigureAwait(false);
    }

    /// <summary>Messages per recipient: the authy_id, "+{cc}{digits}" for phone verifications, the address for Verify e-mails.</summary>
    private Task Stats(HttpContext context)
    {
        var perRecipient = new SortedDictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        lock (_services.State.Gate)
        {
            foreach (var message in _services.State.Outbox)
            {
                var key = message.AuthyId is { } authyId
                    ? authyId.ToString(CultureInfo.InvariantCulture)
                    : message.Email is { } email && message.CountryCode == 0
                        ? email.ToLowerInvariant()
                        : "+" + message.CountryCode.ToString(CultureInfo.InvariantCulture) + message.PhoneNumber;
                if (!perRecipient.TryGetValue(key, out var counts))
                {
                    counts = OutboxMessage.Channels.ToDictionary(c => c, _ => 0);
                    perRecipient[key] = counts;
                }

                counts[message.Channel]++;
            }
        }

        var messages = new JsonObject();
        foreach (var (recipient, counts) in perRecipient)
        {
            var countsJson = new JsonObject();
            foreach (var channel in OutboxMessage.Channels)
            {
                countsJson[channel] = counts[channel];
            }

            messages[recipient] = countsJson;
        }

        return Reply(context, 200, _services.Stats.ToJson(messages));
    }

    private static Task Reply(HttpContext context, int status, JsonObject body)
    {
        context.Response.StatusCode = status;
        return ResponseWriter.WriteTextAsync(context, CompactJson.Serialize(body), ResponseWriter.JsonContentType);
    }
}
