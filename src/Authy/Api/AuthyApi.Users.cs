namespace Authy.Api;

/// <summary>User registration, status and removal (docs/api/authy.md §2.1–§2.3).</summary>
public sealed partial class AuthyApi
{
    /// <summary>Registers a user; the same phone and country code give back the same id (2.1).</summary>
    public async Task<AuthyUser> CreateUserAsync(
        string email, string cellphone, int countryCode, bool? sendInstallLink, IRequestLog? log, CancellationToken cancellationToken)
    {
        // users/new is safe to repeat after an unknown outcome: Authy deduplicates by phone.
        var request = Post(Protected + "users/new", RepeatSafety.Idempotent);
        request.Parameters
            .Add("user[email]", email)
            .Add("user[cellphone]", cellphone)
            .Add("user[country_code]", countryCode)
            .Add("send_install_link_via_sms", sendInstallLink);

        var reply = await SendAsync(request, log, cancellationToken).ConfigureAwait(false);
        var id = JsonFields.Long(JsonFields.Object(reply, "user"), "id");
        if (id == null)
        {
            throw new AuthyApiException(200, null, "Authy reported the user as created but sent no user id.", malformedReply: true);
        }

        return new AuthyUser
        {
            AuthyId = id.Value,
            Email = email,
            Cellphone = cellphone,
            CountryCode = countryCode,
            Message = JsonFields.String(reply, "message"),
        };
    }

    /// <summary>Reads a user's status (2.3).</summary>
    public async Task<AuthyUserStatus> GetUserStatusAsync(long authyId, string? userIp, IRequestLog? log, CancellationToken cancellationToken)
    {
        var request = Get(Protected + "users/" + AuthyRequest.Segment(authyId) + "/status");
        request.Parameters.Add("user_ip", userIp);
        var reply = await SendAsync(request, log, cancellationToken).ConfigureAwait(false);
        var status = JsonFields.Object(reply, "status")
            ?? throw new AuthyApiException(200, null, "Authy sent a user status reply without a status.", malformedReply: true);

        return new AuthyUserStatus
        {
            AuthyId = JsonFields.Long(status, "authy_id") ?? authyId,
            Confirmed = JsonFields.Bool(status, "confirmed"),
            Registered = JsonFields.Bool(status, "registered"),
            CountryCode = JsonFields.Int(status, "country_code") ?? 0,
            PhoneNumber = JsonFields.String(status, "phone_number"),
            Email = JsonFields.String(status, "email"),
            Devices = JsonFields.Strings(status, "devices"),
            HasHardToken = JsonFields.Bool(status, "has_hard_token"),
            AccountDisabled = JsonFields.Bool(status, "account_disabled"),
            DetailedDevices = ReadDevices(JsonFields.Array(status, "detailed_devices")),
            DeletedDevices = ReadDevices(JsonFields.Array(status, "deleted_devices")),
            Message = JsonFields.String(reply, "message"),
        };
    }

    /// <summary>
    /// Removes a user (2.2). Authy queues the removal: tokens keep verifying for about a day.
    /// Never repeated after an unknown outcome, so a retry cannot remove a re-registered user.
    /// </summary>
    public async Task<AuthyOperationResult> RemoveUserAsync(long authyId, string? userIp, IRequestLog? log, CancellationToken cancellationToken)
    {
        var request = Post(Protected + "users/" + AuthyRequest.Segment(authyId) + "/remove", RepeatSafety.NotRepeatable);
        request.Parameters.Add("user_ip", userIp);
        var reply = await SendAsync(request, log, cancellationToken).ConfigureAwait(false);
        return new AuthyOperationResult
        {
            AuthyId = authyId,
            Operation = "Remove",
            Success = true,
            Message = JsonFields.String(reply, "message"),
        };
    }

    internal static AuthyDevice ReadDevice(JToken device) => new AuthyDevice
    {
        DeviceId = JsonFields.Long(device, "device_id") ?? JsonFields.Long(device, "id"),
        DeviceType = JsonFields.String(device, "device_type"),
        OsType = JsonFields.String(device, "os_type"),
        RegistrationMethod = JsonFields.String(device, "registration_method"),
        RegistrationDeviceId = JsonFields.String(device, "registration_device_id"),
        RegistrationDate = JsonFields.Time(device, "registration_date"),
        CreationDate = JsonFields.Time(device, "creation_date"),
        LastSyncDate = JsonFields.Time(device, "last_sync_date"),
        Country = JsonFields.String(device, "country"),
        Region = JsonFields.String(device, "region"),
        City = JsonFields.String(device, "city"),
        Ip = JsonFields.String(device, "ip"),
    };

    private static AuthyDevice[] ReadDevices(JArray? devices)
    {
        if (devices == null)
        {
            return System.Array.Empty<AuthyDevice>();
        }

        var result = new List<AuthyDevice>(devices.Count);
        foreach (var device in devices)
        {
            if (device is JObject)
            {
                result.Add(ReadDevice(device));
            }
        }

        return result.ToArray();
    }
}
