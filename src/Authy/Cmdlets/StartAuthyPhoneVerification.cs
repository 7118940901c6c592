namespace Authy.Cmdlets;

/// <summary>
/// Start-AuthyPhoneVerification: sends a verification code to a phone by SMS or call, one per input
/// record (phones/verification/start, docs/api/authy.md §2.15). Repeating it within 10 minutes resends the same code.
/// </summary>
[Cmdlet(VerbsLifecycle.Start, "AuthyPhoneVerification", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(AuthyPhoneVerification))]
public sealed class StartAuthyPhoneVerificationCommand : PhoneNumberCmdlet
{
    private const string CodePlaceholder = "{{code}}";

    /// <summary>How the code is delivered: <c>sms</c> (default) or <c>call</c>.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateSet("sms", "call")]
    public string Via { get; set; } = "sms";

    /// <summary>Digits in the code, 4-10; Authy's default is 4.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("code_length")]
    [WholeNumber]
    [ValidateRange(PhoneVerificationRules.MinCodeLength, PhoneVerificationRules.MaxCodeLength)]
    public int? CodeLength { get; set; }

    /// <summary>Language of the message or call; Authy picks one by country when not given.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateVerificationLocale]
    [ArgumentCompleter(typeof(VerificationLocaleCompleter))]
    public string? Locale { get; set; }

    /// <summary>The text to send instead of Authy's, with <c>{{code}}</c> where the code goes. Must be enabled for the application.</summary>
    [Parameter]
    [ValidateMultiLineText(1600)]
    public string? CustomMessage { get; set; }

    /// <summary>A code you generated (4-10 characters) to send instead of Authy's. Must be enabled for the application.</summary>
    [Parameter]
    [ValidateCustomCode]
    public string? CustomCode { get; set; }

    protected override void ProcessInput()
    {
        // Captured now: the next record rebinds the properties while this call is still in flight.
        var phoneNumber = Phone.NationalNumber;
        var countryCode = Phone.CountryCode;
        var via = Via.ToLowerInvariant();
        var codeLength = CodeLength;
        var locale = PhoneVerificationRules.CanonicalLocale(Locale);
        var customMessage = CustomMessage;
        var customCode = CustomCode;

        if (customMessage != null && customCode == null && customMessage.IndexOf(CodePlaceholder, System.StringComparison.Ordinal) < 0)
        {
            WriteWarning($"The custom message has no {CodePlaceholder} placeholder, so the code will not be in it.");
        }

        var how = via == "call" ? "Call" : "Text";
        EnqueueConfirmed(TargetFor(PhoneNumber), Phone.E164, $"{how} a phone verification code", (log, cancellationToken) =>
            Api.StartPhoneVerificationAsync(phoneNumber, countryCode, via, codeLength, locale, customMessage, customCode, log, cancellationToken));
    }
}
