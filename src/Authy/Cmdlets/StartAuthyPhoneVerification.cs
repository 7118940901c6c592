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

    private static readonly string[] CodeLengthNames = { "CodeLength", "code_length" };

    /// <summary>How the code is delivered: <c>sms</c> (default, also for a blank value) or <c>call</c>.</summary>
    /// <remarks>
    /// -Via, -CodeLength and -Locale are checked per record in <see cref="ProcessInput"/>, not by ValidateSet,
    /// ValidateRange or a validation attribute: those refuse a blank or padded CSV cell at binding, without the
    /// record's number (AuthyPipelineCmdlet).
    /// </remarks>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(PhoneVerificationViaCompleter))]
    public string Via { get; set; } = "sms";

    /// <summary>Digits in the code, 4-10; Authy's default is 4.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("code_length")]
    [WholeNumber(LeaveToCmdlet = true)]
    public int? CodeLength { get; set; }

    /// <summary>Language of the message or call; Authy picks one by country when not given.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
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
        if (CodeLength == WholeNumberAttribute.NotAWholeNumber)
        {
            // '1.5', 'six': this record's error, quoting what it held.
            var given = IsOnCommandLine(nameof(CodeLength)) ? null : FromRecord(null, CodeLengthNames);
            WriteInvalidValue(
                "InvalidCodeLength",
                (given != null ? $"'{InputRules.Shorten(Text(given))}'" : "The -CodeLength given") + $" is not a code length: a whole number of digits from {PhoneVerificationRules.MinCodeLength} to {PhoneVerificationRules.MaxCodeLength}.",
                given);
            return;
        }

        // PowerShell binds a blank CodeLength cell as 0: from a record whose column is blank, that is no length given.
        var codeLength = CodeLength == 0 && PipedRecord != null && FromRecord(null, CodeLengthNames) == null ? null : CodeLength;
        var codeLengthProblem = codeLength.HasValue ? PhoneVerificationRules.CodeLength(codeLength.Value) : null;
        if (codeLengthProblem != null)
        {
            WriteInvalidValue("InvalidCodeLength", codeLengthProblem, codeLength);
            return;
        }

        if (!TryReadOptional(Via, "InvalidVia", value => InputRules.OneOf("a way to send the code", value, PhoneVerificationRules.Vias), out var viaText)
            || !TryReadOptional(Locale, "InvalidLocale", PhoneVerificationRules.Locale, out var localeText))
        {
            return;
        }

        // Captured now: the next record rebinds the properties while this call is still in flight.
        var phoneNumber = Phone.NationalNumber;
        var countryCode = Phone.CountryCode;
        var via = viaText?.ToLowerInvariant() ?? "sms";
        var locale = PhoneVerificationRules.CanonicalLocale(localeText);
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
