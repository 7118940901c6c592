namespace Authy.Api;

/// <summary>Phone verification (Verify v1) and Phone Intelligence (docs/api/authy.md §2.15–§2.18).</summary>
public sealed partial class AuthyApi
{
    /// <summary>
    /// Sends a verification code by SMS or call (2.15). A start inside the 10-minute window of a pending
    /// verification resends the same code. Never repeated after an unknown outcome: it sends a message.
    /// <c>code_length</c> is sent whenever given (seegno validated it and forgot to send it, 4.11).
    /// </summary>
    public async Task<AuthyPhoneVerification> StartPhoneVerificationAsync(
        string phoneNumber,
        int countryCode,
        string via,
        int? codeLength,
        string? locale,
        string? customMessage,
        string? customCode,
        IRequestLog? log,
        CancellationToken cancellationToken)
    {
        var request = Post(Protected + "phones/verification/start", RepeatSafety.NotRepeatable);
        request.Parameters
            .Add("via", via)
            .Add("country_code", countryCode)
            .Add("phone_number", phoneNumber)
            .Add("code_length", codeLength)
            .Add("locale", locale)
            .Add("custom_message", customMessage)
            .Add("custom_code", customCode);

        var reply = await SendAsync(request, log, cancellationToken).ConfigureAwait(false);
        return new AuthyPhoneVerification
        {
            Uuid = JsonFields.String(reply, "uuid"),
            PhoneNumber = phoneNumber,
            CountryCode = countryCode,
            Via = via,
            Carrier = JsonFields.String(reply, "carrier"),
            IsCellphone = JsonFields.NullableBool(reply, "is_cellphone"),
            IsPorted = JsonFields.NullableBool(reply, "is_ported"),
            SecondsToExpire = JsonFields.Int(reply, "seconds_to_expire") ?? 0,
            SmsId = JsonFields.String(reply, "sms_id"),
            Message = JsonFields.String(reply, "message"),
        };
    }

    /// <summary>
    /// Checks a verification code (2.16). A wrong code (401/60022) is an answer, not a failure: it comes
    /// back with <see cref="AuthyPhoneVerificationCheck.IsValid"/> false. No pending verification
    /// (404/60023), a bad key (401/60001) and everything else still throw.
    /// </summary>
    public async Task<AuthyPhoneVerificationCheck> CheckPhoneVerificationAsync(
        string phoneNumber, int countryCode, string verificationCode, IRequestLog? log, CancellationToken cancellationToken)
    {
        // Not repeated after an unknown outcome: a first check that went through marks the verification
        // verified, and a repeat would then answer 60023 (nothing pending) for a right code.
        var request = Get(Protected + "phones/verification/check", RepeatSafety.NotRepeatable);
        request.Parameters
            .Add("country_code", countryCode)
            .Add("phone_number", phoneNumber)
            .Add("verification_code", verificationCode);

        var result = new AuthyPhoneVerificationCheck { PhoneNumber = phoneNumber, CountryCode = countryCode };
        try
        {
            var reply = await SendAsync(request, log, cancellationToken).ConfigureAwait(false);
            result.IsValid = true;
            result.Message = JsonFields.String(reply, "message");
        }
        catch (AuthyApiException wrongCode) when (wrongCode.ErrorCode == WrongVerificationCode)
        {
            result.IsValid = false;
            result.Message = wrongCode.ApiMessage;
            result.ErrorCode = wrongCode.ErrorCode;
        }

        return result;
    }

    /// <summary>Reads a verification's status by the uuid its start returned (2.17).</summary>
    public Task<AuthyPhoneVerificationStatus> GetPhoneVerificationStatusAsync(string uuid, IRequestLog? log, CancellationToken cancellationToken)
    {
        var request = Get(Protected + "phones/verification/status");
        request.Parameters.Add("uuid", uuid);
        return ReadPhoneVerificationStatusAsync(request, new AuthyPhoneVerificationStatus { Uuid = uuid }, log, cancellationToken);
    }

    /// <summary>Reads the status of the latest verification of a phone number (2.17).</summary>
    public Task<AuthyPhoneVerificationStatus> GetPhoneVerificationStatusAsync(
        string phoneNumber, int countryCode, IRequestLog? log, CancellationToken cancellationToken)
    {
        var request = Get(Protected + "phones/verification/status");
        request.Parameters
            .Add("country_code", countryCode)
            .Add("phone_number", phoneNumber);
        var status = new AuthyPhoneVerificationStatus { PhoneNumber = phoneNumber, CountryCode = countryCode };
        return ReadPhoneVerificationStatusAsync(request, status, log, cancellationToken);
    }

    /// <summary>Phone Intelligence: line type, carrier and porting of a number (2.18).</summary>
    public async Task<AuthyPhoneInfo> GetPhoneInfoAsync(
        string phoneNumber, int countryCode, string? userIp, IRequestLog? log, CancellationToken cancellationToken)
    {
        var request = Get(Protected + "phones/info");
        request.Parameters
            .Add("country_code", countryCode)
            .Add("phone_number", phoneNumber)
            .Add("user_ip", userIp);

        var reply = await SendAsync(request, log, cancellationToken).ConfigureAwait(false);
        return new AuthyPhoneInfo
        {
            PhoneNumber = phoneNumber,
            CountryCode = countryCode,
            Type = JsonFields.String(reply, "type") ?? "unknown",
            Provider = JsonFields.String(reply, "provider"),
            IsPorted = JsonFields.NullableBool(reply, "ported"),
            Message = JsonFields.String(reply, "message"),
        };
    }

    /// <summary>401/60022 "Verification code is incorrect" (2.16, section 3).</summary>
    private const string WrongVerificationCode = "60022";

    private async Task<AuthyPhoneVerificationStatus> ReadPhoneVerificationStatusAsync(
        AuthyRequest request, AuthyPhoneVerificationStatus status, IRequestLog? log, CancellationToken cancellationToken)
    {
        JObject reply = await SendAsync(request, log, cancellationToken).ConfigureAwait(false);
        status.Status = JsonFields.String(reply, "status");
        status.SecondsToExpire = JsonFields.Int(reply, "seconds_to_expire") ?? 0;
        status.Message = JsonFields.String(reply, "message");
        return status;
    }
}
