namespace Authy.Api;

/// <summary>Changes to a registered user and its authenticator: email, fraud-relevant activity, QR code, TOTP seed export (docs/api/authy.md §2.4, §2.5, §2.10, §2.11).</summary>
public sealed partial class AuthyApi
{
    /// <summary>The activity types Authy accepts (2.5); anything else is refused with 60029.</summary>
    public static readonly IReadOnlyList<string> ActivityTypes = new[] { "password_reset", "banned", "unbanned", "cookie_login" };

    /// <summary>Replaces the user's email address (2.4).</summary>
    public async Task<AuthyOperationResult> UpdateUserEmailAsync(long authyId, string email, IRequestLog? log, CancellationToken cancellationToken)
    {
        // Setting the same address twice leaves the same state, so a repeat after an unknown outcome is harmless.
        var request = Post(Protected + "users/" + AuthyRequest.Segment(authyId) + "/update", RepeatSafety.Idempotent);
        request.Parameters.Add("email", email);
        var reply = await SendAsync(request, log, cancellationToken).ConfigureAwait(false);
        return new AuthyOperationResult
        {
            AuthyId = authyId,
            Operation = "Update",
            Success = true,
            Message = JsonFields.String(reply, "message"),
        };
    }

    /// <summary>
    /// Records an activity that helps Authy spot fraud, e.g. a password reset followed by a phone change (2.5).
    /// <c>type</c> is one of <see cref="ActivityTypes"/>; <c>userIp</c> goes as <c>user_ip</c>, the documented
    /// name (coauthy and mtgo sent <c>ip</c>); <c>data</c> goes as <c>data[key]=value</c>.
    /// </summary>
    public async Task<AuthyOperationResult> RegisterUserActivityAsync(
        long authyId, string type, string? userIp, IEnumerable<KeyValuePair<string, string>>? data, IRequestLog? log, CancellationToken cancellationToken)
    {
        if (!((IList<string>)ActivityTypes).Contains(type))
        {
            throw new ArgumentException($"'{type}' is not an activity type; use one of {string.Join(", ", ActivityTypes)}.", nameof(type));
        }

        // Each call records one more activity: repeating it would record two.
        var request = Post(Protected + "users/" + AuthyRequest.Segment(authyId) + "/register_activity", RepeatSafety.NotRepeatable);
        request.Parameters
            .Add("type", type)
            .Add("user_ip", userIp)
            .AddHash("data", data);
        var reply = await SendAsync(request, log, cancellationToken).ConfigureAwait(false);
        return new AuthyOperationResult
        {
            AuthyId = authyId,
            Operation = "Activity:" + type,
            Success = true,
            Message = JsonFields.String(reply, "message"),
        };
    }

    /// <summary>
    /// Asks for a QR code a generic authenticator app can scan (2.10). <c>label</c> is the text the app
    /// shows for the account, <c>size</c> the image's width and height in pixels (<c>qr_size</c>); each is
    /// left to Authy's default (300 pixels) when null.
    /// </summary>
    public async Task<AuthyQrCode> CreateQrCodeAsync(long authyId, string? label, int? size, IRequestLog? log, CancellationToken cancellationToken)
    {
        // Not repeated after an unknown outcome: a second request may issue a new secret and so
        // invalidate the code of a QR image the user has already scanned.
        var request = Post(Protected + "users/" + AuthyRequest.Segment(authyId) + "/secret", RepeatSafety.NotRepeatable);
        request.Parameters
            .Add("qr_size", size)
            .Add("label", label);
        var reply = await SendAsync(request, log, cancellationToken).ConfigureAwait(false);
        var url = JsonFields.String(reply, "qr_code");
        if (string.IsNullOrEmpty(url))
        {
            throw new AuthyApiException(200, null, "Authy reported the QR code as created but sent no qr_code link.", malformedReply: true);
        }

        return new AuthyQrCode
        {
            AuthyId = authyId,
            QrCodeUrl = url!,
            Label = label,
            Size = size,
            Message = JsonFields.String(reply, "message"),
        };
    }

    /// <summary>
    /// Exports a user's TOTP seed for a migration (2.11): JSON only, disabled unless Authy support enabled
    /// it (60154), rate-limited (60003). A read, so safe to repeat.
    /// </summary>
    public async Task<AuthyTotpSecret> ExportTotpSecretAsync(long authyId, bool includePlainText, IRequestLog? log, CancellationToken cancellationToken)
    {
        var request = Get(Protected + "users/" + AuthyRequest.Segment(authyId) + "/secret/export");
        var reply = await SendMigrationExportAsync(request, log, cancellationToken).ConfigureAwait(false);
        var secret = JsonFields.String(reply, "secret");
        if (string.IsNullOrEmpty(secret))
        {
            throw new AuthyApiException(200, null, "Authy reported the secret as exported but sent no secret.", malformedReply: true);
        }

        return new AuthyTotpSecret
        {
            AuthyId = authyId,
            Secret = SecureText.Protect(secret!),
            PlainTextSecret = includePlainText ? secret : null,
            Otp = JsonFields.String(reply, "otp"),
        };
    }

    /// <summary>
    /// Exports a user's phone number for a move to Verify's SMS/voice codes (docs/api/verify.md §7.3):
    /// <c>{"phone_number","country_code","e164","updated_at"}</c>, JSON only, off like the seed export until
    /// Twilio Support enables the migration tools (60154). A read, so safe to repeat.
    /// </summary>
    public async Task<AuthyUserPhoneNumber> ExportUserPhoneNumberAsync(long authyId, IRequestLog? log, CancellationToken cancellationToken)
    {
        var request = Get(Protected + "users/" + AuthyRequest.Segment(authyId) + "/phone_number");
        var reply = await SendMigrationExportAsync(request, log, cancellationToken).ConfigureAwait(false);
        var phoneNumber = JsonFields.String(reply, "phone_number");
        var countryText = JsonFields.String(reply, "country_code");
        if (string.IsNullOrEmpty(phoneNumber)
            || !int.TryParse(countryText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var countryCode))
        {
            throw new AuthyApiException(200, null, "Authy answered the phone number export without a phone number and country code.", malformedReply: true);
        }

        var e164 = JsonFields.String(reply, "e164");
        return new AuthyUserPhoneNumber
        {
            AuthyId = authyId,
            PhoneNumber = phoneNumber!,
            CountryCode = countryCode,

            // Authy's own E.164 when it sends one; else built from the parts, as for Get-AuthyPhoneInfo.
            E164 = string.IsNullOrEmpty(e164) ? Phones.E164Text.From(countryCode, phoneNumber!) : e164,
            UpdatedAt = JsonFields.Time(reply, "updated_at"),
        };
    }

    /// <summary>
    /// Sends one of the two migration exports. Authy's 60154 text ("Migration tools disabled", "Phone number export
    /// disabled") does not say what to do, and every row of a migration gets it: the message says who can fix it.
    /// </summary>
    private async Task<Newtonsoft.Json.Linq.JObject> SendMigrationExportAsync(AuthyRequest request, IRequestLog? log, CancellationToken cancellationToken)
    {
        try
        {
            return await SendAsync(request, log, cancellationToken).ConfigureAwait(false);
        }
        catch (AuthyApiException disabled) when (disabled.ErrorCode == MigrationToolsDisabledCode)
        {
            throw new AuthyApiException(
                disabled.StatusCode,
                disabled.ErrorCode,
                disabled.ApiMessage.TrimEnd('.') + ". " + MigrationToolsAdvice,
                disabled.FieldErrors);
        }
    }

    /// <summary>Authy's code for an application whose migration tools (seed and phone number export) are off.</summary>
    public const string MigrationToolsDisabledCode = "60154";

    /// <summary>What an admin must do about 60154.</summary>
    public const string MigrationToolsAdvice =
        "Twilio Support has to enable the migration tools for this Authy application before users can be exported: ask them, giving the application's id (Get-AuthyApplication).";
}
