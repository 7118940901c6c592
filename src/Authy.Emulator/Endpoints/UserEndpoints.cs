using System.Text.RegularExpressions;
using Authy.Emulator.Domain;
using Authy.Emulator.Parameters;
using Authy.Emulator.Pipeline;
using Authy.Emulator.State;

namespace Authy.Emulator.Endpoints;

/// <summary>Users: create, remove, status, update, register activity (docs/api/authy.md §2.1–§2.5).</summary>
internal sealed partial class UserEndpoints
{
    private static readonly string[] ActivityTypes = { "password_reset", "banned", "unbanned", "cookie_login" };

    private readonly EmulatorServices _services;

    public UserEndpoints(EmulatorServices services)
    {
        _services = services;
    }

    public void Map(ApiRouteBuilder routes)
    {
        routes.Post("/protected/{format}/users/new", CreateUser);

        // Three spellings of removal were used over the years; all still in clients (2.2).
        routes.Post("/protected/{format}/users/{authy_id}/remove", RemoveUser);
        routes.Post("/protected/{format}/users/{authy_id}/delete", RemoveUser);
        routes.Post("/protected/{format}/users/delete/{authy_id}", RemoveUser);

        routes.Get("/protected/{format}/users/{authy_id}/status", UserStatus);
        routes.Post("/protected/{format}/users/{authy_id}/update", UpdateUser);
        routes.Post("/protected/{format}/users/{authy_id}/register_activity", RegisterActivity);
    }

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[A-Za-z0-9-]{2,}$")]
    private static partial Regex EmailShape();

    internal static bool IsValidEmail(string? email) => email is not null && EmailShape().IsMatch(email.Trim());

    /// <summary>
    /// 2.1. Validation errors come back together as 400/60027 with per-field texts. A blank field
    /// gets "is invalid and can't be blank" (observed for email). A cellphone that is not a
    /// possible number for its country is invalid; so is a country code no country uses. The same
    /// country code + phone, in any spelling (<see cref="CanonicalPhone"/>),
    /// returns the existing user (idempotent) and stores the extra email; a user pending removal
    /// is revived (its removal cancelled) rather than duplicated — README "Pending removal".
    /// </summary>
    private ApiResponse CreateUser(ApiRequest request)
    {
        var p = request.Parameters;
        var email = p.GetString("user", "email");
        var cellphone = p.GetString("user", "cellphone");
        var countryCodeText = p.GetString("user", "country_code");

        var errors = new List<KeyValuePair<string, string>>();
        if (string.IsNullOrWhiteSpace(email))
        {
            errors.Add(new("email", "is invalid and can't be blank"));
        }
        else if (!IsValidEmail(email))
        {
            errors.Add(new("email", "is invalid"));
        }

        string? countryCodeError = null;
        var countryCode = 0;
        if (string.IsNullOrWhiteSpace(countryCodeText))
        {
            countryCodeError = "is invalid and can't be blank";
        }
        else if (!PhoneNumberRules.TryParseCountryCode(countryCodeText, out countryCode))
        {
            countryCodeError = "is invalid";
        }

        // A number is judged for its country (libphonenumber's possible lengths); without a usable
        // country code only its characters can be judged.
        string? cellphoneError = null;
        var phone = default(CanonicalPhone);
        if (string.IsNullOrWhiteSpace(cellphone))
        {
            cellphoneError = "is invalid and can't be blank";
        }
        else if (countryCodeError is not null)
        {
            cellphoneError = PhoneNumberRules.IsWellFormed(cellphone) ? null : "is invalid";
        }
        else
        {
            switch (PhoneNumberRules.TryCanonicalize(countryCode, cellphone, out phone))
            {
                case PhoneNumberVerdict.Possible:
                    break;
                case PhoneNumberVerdict.UnknownCountryCode:
                    countryCodeError = "is invalid";
                    break;
                default:
                    cellphoneError = "is invalid";
                    break;
            }
        }

        if (cellphoneError is not null)
        {
            errors.Add(new("cellphone", cellphoneError));
        }

        if (countryCodeError is not null)
        {
            errors.Add(new("country_code", countryCodeError));
        }

        if (errors.Count > 0)
        {
            return Envelopes.UserNotValid(errors);
        }

        var normalizedEmail = email!.Trim();
        int authyId;
        lock (_services.State.Gate)
        {
            var state = _services.State;
            var user = state.FindLiveUserByPhone(phone, request.Now, _services.Options.DeletionDelay);
            if (user is null)
            {
                user = new EmulatedUser(state.NextUserId++, phone, normalizedEmail, request.Now);
                state.Users[user.AuthyId] = user;
                state.UsersByPhone[phone] = user;
                state.Month(request.Now).UsersCount++;
            }
            else
            {
                user.RemovedAt = null;
                if (!user.Emails.Contains(normalizedEmail, StringComparer.OrdinalIgnoreCase))
                {
                    user.Emails.Add(normalizedEmail);
                }
            }

            authyId = user.AuthyId;
        }

        return ApiResponse.Ok(new JsonObject
        {
            ["message"] = "User created successfully.",
            ["user"] = new JsonObject { ["id"] = authyId },
            ["success"] = true,
        });
    }

    /// <summary>
    /// 2.2. Marks the user for removal: tokens keep verifying for --deletion-delay, status shows
    /// account_disabled=true, then the user is gone (404). Removing again keeps the first time.
    /// Text: "User removed from application" (docs and mocks 2018+, docs/api/authy.md §6).
    /// </summary>
    private ApiResponse RemoveUser(ApiRequest request)
    {
        lock (_services.State.Gate)
        {
            var user = FindUser(request);
            if (user is null)
            {
                return Envelopes.UserNotFound();
            }

            user.RemovedAt ??= request.Now;
        }

        return ApiResponse.Ok(new JsonObject
        {
            ["message"] = "User removed from application",
            ["success"] = true,
        });
    }

    /// <summary>2.3, field order of the rb mock.</summary>
    private ApiResponse UserStatus(ApiRequest request)
    {
        JsonObject status;
        lock (_services.State.Gate)
        {
            var user = FindUser(request);
            if (user is null)
            {
                return Envelopes.UserNotFound();
            }

            var devices = new JsonArray();
            var detailed = new JsonArray();
            foreach (var device in user.Devices)
            {
                devices.Add(device.OsType);
                detailed.Add(new JsonObject
                {
                    ["device_type"] = "authy",
                    ["os_type"] = device.OsType,
                    ["registration_device_id"] = null,
                    ["registration_method"] = "sms",
                    ["device_id"] = device.Id,
                    ["last_sync_date"] = CompactJson.UnixSeconds(device.RegisteredAt),
                    ["creation_date"] = CompactJson.UnixSeconds(device.RegisteredAt),
                });
            }

            status = new JsonObject
            {
                ["authy_id"] = user.AuthyId,
                ["confirmed"] = user.Confirmed,
                ["registered"] = user.Registered,
                ["country_code"] = user.CountryCode,
                ["phone_number"] = PhoneNumberRules.MaskForStatus(user.Cellphone),
                ["email"] = user.Emails[0],
                ["devices"] = devices,
                ["has_hard_token"] = user.HasHardToken,
                ["account_disabled"] = user.AccountDisabled,
                ["detailed_devices"] = detailed,
                ["deleted_devices"] = new JsonArray(),
            };
        }

        return ApiResponse.Ok(new JsonObject
        {
            ["status"] = status,
            ["message"] = "User status.",
            ["success"] = true,
        });
    }

    /// <summary>2.4: replaces the primary email.</summary>
    private ApiResponse UpdateUser(ApiRequest request)
    {
        var email = request.Parameters.GetString("email") ?? request.Parameters.GetString("user", "email");
        lock (_services.State.Gate)
        {
            var user = FindUser(request);
            if (user is null)
            {
                return Envelopes.UserNotFound();
            }

            if (!IsValidEmail(email))
            {
                return Envelopes.UserNotValid(new[]
                {
                    new KeyValuePair<string, string>(
                        "email", string.IsNullOrWhiteSpace(email) ? "is invalid and can't be blank" : "is invalid"),
                });
            }

            var trimmed = email!.Trim();
            user.Emails.RemoveAll(e => string.Equals(e, trimmed, StringComparison.OrdinalIgnoreCase));
            user.Emails.Insert(0, trimmed);
        }

        return ApiResponse.Ok(new JsonObject
        {
            ["message"] = "User was updated successfully",
            ["success"] = true,
        });
    }

    /// <summary>2.5. An unknown type gets the observed text, status 400, code 60029 (CANNOT_CREATE_ACTIVITY).</summary>
    private ApiResponse RegisterActivity(ApiRequest request)
    {
        var type = request.Parameters.GetString("type");
        lock (_services.State.Gate)
        {
            if (FindUser(request) is null)
            {
                return Envelopes.UserNotFound();
            }
        }

        if (type is null || !ActivityTypes.Contains(type))
        {
            return Envelopes.MessageFirst(
                400, "60029",
                "You can only create the following activities: password_reset, banned, unbanned, cookie_login.");
        }

        return ApiResponse.Ok(new JsonObject
        {
            ["message"] = "Activity was created.",
            ["success"] = true,
        });
    }

    /// <summary>Caller holds the state gate.</summary>
    private EmulatedUser? FindUser(ApiRequest request) =>
        _services.State.FindLiveUser(request.Route("authy_id"), request.Now, _services.Options.DeletionDelay);
}
