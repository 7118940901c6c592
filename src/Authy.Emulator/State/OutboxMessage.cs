namespace Authy.Emulator.State;

/// <summary>
/// A message the emulator "sent" (SMS, call, email, app push of a token, phone verification),
/// readable through GET /_emulator/messages so tests and demos can learn the code.
/// </summary>
internal sealed record OutboxMessage(
    long Id,
    string Channel,
    int? AuthyId,
    int CountryCode,
    string PhoneNumber,
    string? Email,
    string Code,
    string Body,
    string? Action,
    DateTimeOffset SentAt)
{
    public const string Sms = "sms";
    public const string Call = "call";
    public const string EmailChannel = "email";
    public const string App = "app";
    public const string VerificationSms = "verification_sms";
    public const string VerificationCall = "verification_call";

    /// <summary>Verify v2 verifications: "verify_" + the Channel (sms, call, email, whatsapp).</summary>
    public const string VerifyPrefix = "verify_";

    public static readonly string[] Channels =
    {
        Sms, Call, EmailChannel, App, VerificationSms, VerificationCall,
        VerifyPrefix + "sms", VerifyPrefix + "call", VerifyPrefix + "email", VerifyPrefix + "whatsapp",
    };
}
