using System.Collections;
using Authy.Verify;
using Authy.Verify.Models;

namespace Authy.Cmdlets.Verify;

/// <summary>
/// Send-TwilioVerification: starts a Twilio Verify verification, one per input record, sending a code by SMS,
/// call, e-mail or WhatsApp (POST /v2/Services/{VA}/Verifications; docs/api/verify.md §4.2). A send within the
/// pending window resends the same code. Numbers bind from the same CSV columns as the Authy cmdlets.
/// </summary>
[Cmdlet(VerbsCommunications.Send, "TwilioVerification", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(TwilioVerification))]
public sealed class SendTwilioVerificationCommand : VerifyRecipientCmdlet
{
    private static readonly string[] EmailRecipientNames = new[] { "To" }.Concat(ColumnNames.Email).ToArray();

    /// <summary><c>sms</c> (default, also for a blank value), <c>call</c>, <c>email</c> or <c>whatsapp</c>.</summary>
    /// <remarks>
    /// -Channel, -Locale and -DeviceIp are checked per record in <see cref="ResolveRecord"/>, not by validation
    /// attributes: those refuse a blank or padded CSV cell at binding, without the record's number (AuthyPipelineCmdlet).
    /// </remarks>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(VerifyChannelCompleter))]
    public string Channel { get; set; } = "sms";

    /// <summary>Language of the message or call (<c>en</c>, <c>fr</c>, <c>pt-BR</c>); Twilio picks one by country when not given.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? Locale { get; set; }

    /// <summary>The name shown in the message instead of the service's.</summary>
    [Parameter]
    [ValidateSingleLineText(30)]
    public string? CustomFriendlyName { get; set; }

    /// <summary>A code you generated (4-10 letters or digits); the service must allow custom codes.</summary>
    [Parameter]
    [ValidateCustomCode]
    public string? CustomCode { get; set; }

    /// <summary>A message text instead of Twilio's (deprecated by Twilio; templates replace it).</summary>
    [Parameter]
    [ValidateMultiLineText(1600)]
    public string? CustomMessage { get; set; }

    /// <summary>PSD2: the amount of the transaction the code approves (with -Payee).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? Amount { get; set; }

    /// <summary>PSD2: who is paid (with -Amount).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? Payee { get; set; }

    /// <summary>The Android SMS Retriever hash added to the SMS (sms only).</summary>
    [Parameter]
    [ValidateAppHash]
    public string? AppHash { get; set; }

    /// <summary>Up to 10 tags (keys and values up to 128 characters) recorded with the verification.</summary>
    [Parameter]
    public Hashtable? Tags { get; set; }

    /// <summary>The IP address of the device asking for the code.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? DeviceIp { get; set; }

    /// <summary>Send without asking for confirmation.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    private string _to = string.Empty;
    private string _channel = "sms";
    private string? _locale;
    private string? _deviceIp;

    protected override bool ResolveRecord()
    {
        if (!TryReadOptional(Channel, "InvalidChannel", value => InputRules.OneOf("a channel", value, VerifyRules.Channels), out var channelText)
            || !TryReadOptional(Locale, "InvalidLocale", VerifyRules.Locale, out _locale)
            || !TryReadIpAddress(DeviceIp, out _deviceIp))
        {
            return false;
        }

        // A blank cell is no channel given: the default, as for a CSV without the column.
        _channel = channelText?.ToLowerInvariant() ?? "sms";
        var to = ReadTo();
        if (_channel == "email")
        {
            // To as given, else the record's To or e-mail column; never its E164 (a piped AuthyUser has both).
            to = IsOnCommandLine(nameof(To)) || PipedRecord == null ? to : FromRecord(null, EmailRecipientNames);
            if (to == null)
            {
                WriteMissing("e-mail address", nameof(To), EmailRecipientNames);
                return false;
            }

            var address = InputRules.TrimBlanks(Text(to));
            var problem = InputRules.Email(address);
            if (problem != null)
            {
                WriteInvalidValue("InvalidEmail", problem, to);
                return false;
            }

            _to = address;
            return true;
        }

        string phone;
        if (to != null)
        {
            phone = Text(to);
            if (phone.IndexOf('@') >= 0)
            {
                WriteInvalidValue("InvalidPhoneNumber", $"'{InputRules.Shorten(phone)}' is an e-mail address: use -Channel email to send a code by e-mail.", to);
                return false;
            }
        }
        else
        {
            var number = FromRecord(PhoneNumber, ColumnNames.PhoneNumber);
            if (number == null)
            {
                WriteMissing("phone number", nameof(To), RecipientNames);
                return false;
            }

            phone = Text(number);
        }

        var e164 = E164Of(phone);
        if (e164 == null)
        {
            return false;
        }

        _to = e164;
        return true;
    }

    protected override void ProcessInput()
    {
        var tags = VerifyRules.Tags(Tags, out var tagProblem);
        if (tagProblem != null)
        {
            WriteInvalidValue("InvalidTags", tagProblem, Tags);
            return;
        }

        if (!TryReadPsd2(Amount, Payee, out var amount, out var payee))
        {
            return;
        }

        if ((amount == null) != (payee == null))
        {
            WriteInvalidValue("MissingValue", "-Amount and -Payee go together: give both, or neither.", amount ?? payee);
            return;
        }

        // Captured now: the next record rebinds the properties while this call is still in flight.
        var start = new VerificationStart
        {
            To = _to,
            Channel = _channel,
            Locale = _locale == null ? null : VerifyRules.CanonicalLocale(_locale),
            CustomFriendlyName = CustomFriendlyName,
            CustomCode = CustomCode,
            CustomMessage = CustomMessage,
            Amount = amount,
            Payee = payee,
            AppHash = AppHash,
            DeviceIp = _deviceIp,
            Tags = tags,
        };

        EnqueueConfirmed(TargetFor(To ?? PhoneNumber), start.To, $"Send a verification code by {start.Channel}", Force, (log, cancellationToken) =>
            Verify.StartVerificationAsync(start, log, cancellationToken));
    }
}
