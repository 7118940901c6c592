namespace Authy.Verify;

/// <summary>
/// Twilio Verify or Lookup answered, and not with a success: the <c>code/message/more_info/status</c>
/// envelope (docs/api/verify.md §2.1), or a reply that is not one.
/// </summary>
public sealed class TwilioApiException(
    int statusCode,
    int? code,
    string apiMessage,
    Uri? moreInfo = null,
    bool malformedReply = false,
    bool outcomeUnknown = false)
    : AuthyException(Describe(statusCode, code, apiMessage, outcomeUnknown))
{
    /// <summary>HTTP status of the reply (not the body's <c>status</c>, as the official clients read it).</summary>
    public int StatusCode { get; } = statusCode;

    /// <summary>Twilio's error code (<c>60200</c>, <c>20404</c>), or null when the reply had none.</summary>
    public int? Code { get; } = code;

    /// <summary>The API's own text, e.g. <c>Invalid parameter: To</c>.</summary>
    public string ApiMessage { get; } = apiMessage;

    /// <summary>Twilio's page about the error (<c>https://www.twilio.com/docs/errors/60200</c>).</summary>
    public Uri? MoreInfo { get; } = moreInfo;

    public bool IsMalformedReply { get; } = malformedReply;

    /// <summary>A request that sends a message got a 5xx without a Twilio code: it was deliberately not repeated.</summary>
    public bool OutcomeUnknown { get; } = outcomeUnknown;

    /// <summary>
    /// A 429 that retrying cannot mend: 60202 (max check attempts), 60203 (max send attempts), 60308 and 60310
    /// (a TOTP challenge's or factor's 5 wrong codes).
    /// </summary>
    public bool IsFinalLimit => IsFinalLimitCode(Code);

    public override string ErrorId =>
        Code.HasValue ? "TwilioVerify." + Code.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)
        : OutcomeUnknown ? "TwilioVerify.OutcomeUnknown"
        : IsMalformedReply ? "TwilioVerify.MalformedReply"
        : "TwilioVerify.Http" + StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture);

    internal static bool IsFinalLimitCode(int? code) => code == 60202 || code == 60203 || code == 60308 || code == 60310;

    private static string Describe(int statusCode, int? code, string apiMessage, bool outcomeUnknown)
    {
        var text = apiMessage.TrimEnd();
        var what = code.HasValue
            ? $"Twilio error {code.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)}, HTTP {statusCode.ToString(System.Globalization.CultureInfo.InvariantCulture)}"
            : $"HTTP {statusCode.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
        var result = $"{text} ({what})";
        if (code == 60202)
        {
            result += " Not retried: this verification has had its 5 checks; start a new one (Send-TwilioVerification) once it expires or is canceled.";
        }
        else if (code == 60203)
        {
            result += " Not retried: this number has had 5 sends within 10 minutes; wait for the verification to expire, or cancel it (Stop-TwilioVerification) and send again.";
        }

        else if (code == 60310)
        {
            result += " Not retried: this factor has had its 5 wrong codes; remove it (Remove-TwilioVerifyFactor) and enrol again with New-TwilioVerifyFactor.";
        }
        else if (code == 60308)
        {
            result += " Not retried: this challenge has had its 5 wrong codes; check the next code with a new one (Test-TwilioVerifyTotp).";
        }

        if (outcomeUnknown)
        {
            result += " The outcome is unknown: the request may have been carried out, so it was not sent again. Check before retrying.";
        }

        return result;
    }
}
