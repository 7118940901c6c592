using System.Collections;
using System.Security;
using System.Text;
using Authy.Session;
using Authy.Verify.Signing;

namespace Authy.Cmdlets.Verify;

/// <summary>
/// Test-TwilioRequestSignature: checks that a webhook request really comes from Twilio, by its
/// <c>X-Twilio-Signature</c> (docs/api/verify.md §6). Returns <c>$true</c> or <c>$false</c>; -Detailed
/// gives a <see cref="TwilioRequestSignatureResult"/> saying why; -Verbose says why as well.
/// </summary>
/// <remarks>
/// A form POST's fields come as -Parameters (a hashtable, a NameValueCollection or an object) or as the
/// raw -Body; a JSON body (the URL has bodySHA256) must be the raw -Body, whose SHA-256 is checked too; a
/// GET request has its parameters in the URL and needs neither. The Auth Token is -AuthToken, else the one of
/// the current Verify session (Connect-TwilioVerify, Start-AuthyEmulator) when that session signs in with the
/// Account SID and its Auth Token; a session on an API key has no Auth Token (Twilio signs webhooks with the
/// account's Auth Token, never with a key secret), so -AuthToken is then required.
/// </remarks>
[Cmdlet(VerbsDiagnostic.Test, "TwilioRequestSignature", DefaultParameterSetName = SignatureBodySet)]
[OutputType(typeof(bool))]
[OutputType(typeof(TwilioRequestSignatureResult))]
public sealed class TestTwilioRequestSignatureCommand : PSCmdlet, IDisposable
{
    private const string SignatureBodySet = "SignatureBody";
    private const string SignatureParametersSet = "SignatureParameters";
    private const string HeadersBodySet = "HeadersBody";
    private const string HeadersParametersSet = "HeadersParameters";
    private const string FormContentType = "application/x-www-form-urlencoded";

    /// <summary>Longest URL accepted; Twilio's webhook URLs are far shorter.</summary>
    internal const int MaxUrlLength = 8192;

    /// <summary>The full URL Twilio called, query string included, exactly as Twilio called it.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Uri", "RequestUrl")]
    [UrlOriginalText]
    [ValidateNotNullOrEmpty]
    public string Url { get; set; } = string.Empty;

    /// <summary>The X-Twilio-Signature header. Empty or missing is $false, not an error.</summary>
    [Parameter(Mandatory = true, Position = 1, ParameterSetName = SignatureBodySet, ValueFromPipelineByPropertyName = true)]
    [Parameter(Mandatory = true, Position = 1, ParameterSetName = SignatureParametersSet, ValueFromPipelineByPropertyName = true)]
    [Alias("X-Twilio-Signature", "TwilioSignature")]
    [AllowNull]
    [AllowEmptyString]
    public string? Signature { get; set; }

    /// <summary>The request headers (hashtable or HttpListener's NameValueCollection); names in any case.</summary>
    [Parameter(Mandatory = true, ParameterSetName = HeadersBodySet, ValueFromPipelineByPropertyName = true)]
    [Parameter(Mandatory = true, ParameterSetName = HeadersParametersSet, ValueFromPipelineByPropertyName = true)]
    [CollectionToHashtable]
    public IDictionary? Headers { get; set; }

    /// <summary>The form fields of a POST: a hashtable/dictionary, a NameValueCollection, or an object whose properties are the fields.</summary>
    [Parameter(Mandatory = true, ParameterSetName = SignatureParametersSet, ValueFromPipelineByPropertyName = true)]
    [Parameter(Mandatory = true, ParameterSetName = HeadersParametersSet, ValueFromPipelineByPropertyName = true)]
    [Alias("Form", "FormFields")]
    [CollectionToHashtable]
    [AllowNull]
    public object? Parameters { get; set; }

    /// <summary>The raw request body as received: form-encoded, or JSON when the URL has bodySHA256.</summary>
    [Parameter(ParameterSetName = SignatureBodySet, ValueFromPipelineByPropertyName = true)]
    [Parameter(ParameterSetName = HeadersBodySet, ValueFromPipelineByPropertyName = true)]
    [AllowNull]
    [AllowEmptyString]
    public string? Body { get; set; }

    /// <summary>The request's Content-Type; with -Headers it is read from them when not given.</summary>
    [Parameter(ParameterSetName = SignatureBodySet, ValueFromPipelineByPropertyName = true)]
    [Parameter(ParameterSetName = HeadersBodySet, ValueFromPipelineByPropertyName = true)]
    [Alias("Content-Type")]
    [AllowNull]
    [AllowEmptyString]
    public string? ContentType { get; set; }

    /// <summary>The account's Auth Token, which signs Twilio's requests; without it, the Verify session's Auth Token.</summary>
    [Parameter]
    public SecureString? AuthToken { get; set; }

    /// <summary>
    /// The token the signatures are checked with: -AuthToken, or the Verify session's, borrowed (the caller's or
    /// the session's to dispose); or TWILIO_AUTH_TOKEN's, which this cmdlet made and disposes.
    /// </summary>
    private SecureString? token;

    private SecureString? environmentToken;

    /// <summary>Write a result object saying why, instead of a Boolean.</summary>
    [Parameter]
    public SwitchParameter Detailed { get; set; }

    protected override void BeginProcessing()
    {
        if (!MyInvocation.BoundParameters.ContainsKey(nameof(AuthToken)))
        {
            token = SessionToken();
            return;
        }

        if (AuthToken == null || AuthToken.Length == 0)
        {
            // The parameter's value is never part of the message.
            ThrowTerminatingError(new ErrorRecord(
                new ArgumentException("The Auth Token is empty: give the Auth Token of the Twilio account (32 characters, from the Console) as a SecureString."),
                "TwilioVerify.InvalidAuthToken",
                ErrorCategory.InvalidArgument,
                null));
        }

        token = AuthToken;
    }

    protected override void ProcessRecord()
    {
        var problem = UrlProblem(Url);
        if (problem != null)
        {
            WriteError(new ErrorRecord(new ArgumentException(problem), "TwilioVerify.InvalidUrl", ErrorCategory.InvalidArgument, InputRules.Shorten(Url ?? string.Empty)));
            return;
        }

        List<KeyValuePair<string, string>>? form;
        try
        {
            // With bodySHA256 in the URL no fields are signed, so none are read (or refused).
            form = TwilioRequestSignature.BodyHashValues(Url).Count > 0 ? null : FormParameters();
        }
        catch (FormatException invalid)
        {
            WriteError(new ErrorRecord(new ArgumentException(invalid.Message, invalid), "TwilioVerify.InvalidParameters", ErrorCategory.InvalidArgument, Url));
            return;
        }

        var result = Check(form);
        if (!result.IsValid)
        {
            WriteVerbose(result.Message);
        }

        if (Detailed.IsPresent)
        {
            WriteObject(result);
        }
        else
        {
            WriteObject(result.IsValid);
        }
    }

    private TwilioRequestSignatureResult Check(List<KeyValuePair<string, string>>? form)
    {
        var signature = Headers != null ? SignatureInput.HeaderValue(Headers, TwilioRequestSignature.SignatureHeader) : Signature;
        var hashedBody = TwilioRequestSignature.BodyHashValues(Url).Count > 0;

        // The URL decides what was signed: with bodySHA256 the raw body (never the parsed fields) is
        // hashed; without it a form body's fields are signed, and any other body is one Twilio did not send.
        string? rawBody;
        if (hashedBody)
        {
            rawBody = IsParametersSet ? null : Body;
        }
        else
        {
            rawBody = form == null ? Body : null;
        }

        var key = KeyBytes();
        try
        {
            var result = TwilioRequestSignature.Evaluate(key, Url, signature, hashedBody ? null : form, rawBody);
            if (result.Outcome == TwilioSignatureOutcome.SignatureMissing && Headers != null)
            {
                result.Message = $"Not signed: the headers have no {TwilioRequestSignature.SignatureHeader}.";
            }
            else if (result.Outcome == TwilioSignatureOutcome.BodyMissing)
            {
                result.Message += IsParametersSet ? " Use -Body instead of -Parameters." : " Use -Body.";
            }
            else if (result.Outcome == TwilioSignatureOutcome.BodyHashMissing)
            {
                result.Message += $" (Content-Type '{InputRules.Shorten(EffectiveContentType() ?? string.Empty)}'.)";
            }

            return result;
        }
        finally
        {
            Array.Clear(key, 0, key.Length);
        }
    }

    /// <summary>
    /// The Auth Token of the Verify session, found as every Verify cmdlet finds it (Connect-TwilioVerify, else the
    /// TWILIO_* variables), or a terminating error saying why there is none: the Verify cmdlets' one message and
    /// id, with -AuthToken named as the other way. The messages name the user (a SID, never a secret).
    /// </summary>
    private SecureString SessionToken()
    {
        // Without a connected session, TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN are enough, as for Twilio's own
        // libraries: a signature needs no Verify service, and the Auth Token is the one to use even where an API
        // key (which the Verify cmdlets would prefer) is set too.
        if (VerifySessionStore.Current == null && (environmentToken = VerifySession.AuthTokenFromEnvironment()) != null)
        {
            return environmentToken;
        }

        var session = VerifySessionStore.Resolve(out var failure);
        if (session == null)
        {
            failure!.ErrorDetails = new ErrorDetails(failure.Exception.Message)
            {
                RecommendedAction = "Give -AuthToken (the Twilio account's Auth Token, as a SecureString), or set TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN (a signature needs no Verify service), or connect as the message says.",
            };
            ThrowTerminatingError(failure);
        }

        if (!session!.Username.StartsWith("AC", StringComparison.Ordinal))
        {
            ThrowTerminatingError(new ErrorRecord(
                new InvalidOperationException($"The Verify session signs in with the API key {session.Username}, and Twilio signs webhooks with the account's Auth Token, not with an API key secret: give -AuthToken (the Auth Token of account {session.AccountSid}, from the Console)."),
                "TwilioVerify.AuthTokenRequired",
                ErrorCategory.AuthenticationError,
                null));
        }

        return session.Secret;
    }

    public void Dispose() => environmentToken?.Dispose();

    private bool IsParametersSet => ParameterSetName is SignatureParametersSet or HeadersParametersSet;

    /// <summary>
    /// The form fields to sign: -Parameters, or a form-encoded -Body; null when the body is not a form (a
    /// JSON body). No body at all is no fields (a GET request, or a POST without fields).
    /// </summary>
    private List<KeyValuePair<string, string>>? FormParameters()
    {
        if (IsParametersSet)
        {
            return FromObject(Parameters);
        }

        if (string.IsNullOrEmpty(Body))
        {
            return new List<KeyValuePair<string, string>>();
        }

        var contentType = EffectiveContentType();
        var isForm = string.IsNullOrWhiteSpace(contentType) ||
            contentType!.Split(';')[0].Trim().Equals(FormContentType, StringComparison.OrdinalIgnoreCase);
        if (!isForm)
        {
            return null;
        }

        return new List<KeyValuePair<string, string>>(TwilioRequestSignature.ParseForm(Body));
    }

    private string? EffectiveContentType()
    {
        if (!string.IsNullOrWhiteSpace(ContentType))
        {
            return ContentType;
        }

        return Headers != null ? SignatureInput.HeaderValue(Headers, "Content-Type") : null;
    }

    private byte[] KeyBytes() => Encoding.UTF8.GetBytes(SecureText.Reveal(token ?? throw new InvalidOperationException("BeginProcessing has not run.")));

    /// <summary>Why the URL cannot be what Twilio called, or null. Checked before anything is computed.</summary>
    internal static string? UrlProblem(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return "The URL is empty: give the full URL Twilio called, such as https://example.com/twilio/webhook?x=1.";
        }

        if (url!.Length > MaxUrlLength)
        {
            return $"The URL is {url.Length} characters long, more than the {MaxUrlLength} accepted.";
        }

        foreach (var c in url)
        {
            if (char.IsControl(c) || char.IsWhiteSpace(c) || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069') || c == '\uFEFF' || c == '\u200E' || c == '\u200F')
            {
                return $"The URL '{InputRules.Shorten(Printable(url))}' holds a space, line break, control or direction character: a URL as received has none.";
            }
        }

        if (!url.StartsWith("https://", StringComparison.OrdinalIgnoreCase) && !url.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
        {
            return $"The URL '{InputRules.Shorten(url)}' is not an absolute http:// or https:// URL: give the full URL Twilio called, with scheme and host, not a path.";
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var parsed) || string.IsNullOrEmpty(parsed.Host))
        {
            return $"The URL '{InputRules.Shorten(url)}' is not a valid URL.";
        }

        if (url.IndexOf('#') >= 0)
        {
            return $"The URL '{InputRules.Shorten(url)}' has a fragment (#...): a request's URL has none, and Twilio does not sign one.";
        }

        return null;
    }

    private static string Printable(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(char.IsControl(c) || char.IsWhiteSpace(c) || c > '\u007E' ? "\\u" + ((int)c).ToString("X4", CultureInfo.InvariantCulture) : c.ToString());
        }

        return builder.ToString();
    }

    /// <summary>
    /// Form fields from a dictionary (a hashtable, Pode's $WebEvent.Data), a NameValueCollection (already
    /// a hashtable of arrays here) or an object's properties (a CSV row, Polaris's body object). A list value
    /// is a repeated field. Nested dictionaries are not form fields and are refused.
    /// </summary>
    internal static List<KeyValuePair<string, string>> FromObject(object? input)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        var value = input is PSObject wrapped ? wrapped.BaseObject : input;
        switch (value)
        {
            case null:
                return pairs;
            case IDictionary dictionary:
                foreach (DictionaryEntry entry in dictionary)
                {
                    AddField(pairs, Convert.ToString(entry.Key is PSObject key ? key.BaseObject : entry.Key, CultureInfo.InvariantCulture) ?? string.Empty, entry.Value);
                }

                return pairs;
            case string text:
                throw new FormatException($"-Parameters takes the fields as a hashtable or an object, not text ('{InputRules.Shorten(text)}'): pass a raw form body as -Body.");
            case PSCustomObject _:
                foreach (var property in ((PSObject)input!).Properties)
                {
                    AddField(pairs, property.Name, property.Value);
                }

                return pairs;
            default:
                throw new FormatException($"-Parameters takes the fields as a hashtable, a NameValueCollection or an object, not a {value.GetType().Name}.");
        }
    }

    private static void AddField(List<KeyValuePair<string, string>> pairs, string name, object? value)
    {
        value = value is PSObject wrapped ? wrapped.BaseObject : value;
        switch (value)
        {
            case null:
                pairs.Add(new KeyValuePair<string, string>(name, string.Empty));
                return;
            case string text:
                pairs.Add(new KeyValuePair<string, string>(name, text));
                return;
            case IDictionary _:
            case PSCustomObject _:
                throw new FormatException($"The field '{InputRules.Shorten(name)}' holds a nested object: form fields are text (or lists of text for a repeated field).");
            case IEnumerable items:
                foreach (var item in items)
                {
                    var inner = item is PSObject innerWrapped ? innerWrapped.BaseObject : item;
                    if (inner is IDictionary || inner is PSCustomObject || (inner is IEnumerable && !(inner is string)))
                    {
                        throw new FormatException($"The field '{InputRules.Shorten(name)}' holds a nested object: form fields are text (or lists of text for a repeated field).");
                    }

                    pairs.Add(new KeyValuePair<string, string>(name, Convert.ToString(inner, CultureInfo.InvariantCulture) ?? string.Empty));
                }

                return;
            default:
                pairs.Add(new KeyValuePair<string, string>(name, Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty));
                return;
        }
    }
}
