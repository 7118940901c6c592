using System.Collections;
using System.Security;
using System.Text;
using Authy.Session;
using Authy.Signing;

namespace Authy.Cmdlets;

/// <summary>
/// Test-AuthyCallbackSignature: checks that a OneTouch callback really comes from Authy, by its
/// <c>X-Authy-Signature</c> (HMAC-SHA256 over nonce, method, URL and the Rails to_query form of the
/// parameters, docs/api/authy.md §2.14). Returns <c>$true</c> or <c>$false</c>; -Verbose says why it is false.
/// </summary>
/// <remarks>
/// The parameters are the JSON body of a POST callback (-Body, or -Parameters as a hashtable), or the
/// query string of a GET callback: give the full URL as received, and no -Body (or an empty one).
/// </remarks>
[Cmdlet(VerbsDiagnostic.Test, "AuthyCallbackSignature", DefaultParameterSetName = BodySet)]
[OutputType(typeof(bool))]
public sealed class TestAuthyCallbackSignatureCommand : PSCmdlet
{
    private const string BodySet = "Body";
    private const string ParametersSet = "Parameters";
    private const string HeadersBodySet = "HeadersBody";
    private const string HeadersParametersSet = "HeadersParameters";

    /// <summary>The callback URL as Authy called it (scheme, host, port, path); a query string in it is the GET parameters.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [UrlOriginalText]
    [ValidateNotNullOrEmpty]
    public string Url { get; set; } = string.Empty;

    /// <summary>The callback's HTTP method: POST or GET.</summary>
    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [Alias("HttpMethod")]
    [ValidateSet("POST", "GET", IgnoreCase = true)]
    public string Method { get; set; } = "POST";

    /// <summary>The X-Authy-Signature-Nonce header: unix seconds as text.</summary>
    [Parameter(Mandatory = true, ParameterSetName = BodySet, ValueFromPipelineByPropertyName = true)]
    [Parameter(Mandatory = true, ParameterSetName = ParametersSet, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string Nonce { get; set; } = string.Empty;

    /// <summary>The X-Authy-Signature header: Base64 text.</summary>
    [Parameter(Mandatory = true, ParameterSetName = BodySet, ValueFromPipelineByPropertyName = true)]
    [Parameter(Mandatory = true, ParameterSetName = ParametersSet, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string Signature { get; set; } = string.Empty;

    /// <summary>The request headers (a hashtable or the NameValueCollection of HttpListener); names are matched case-insensitively.</summary>
    [Parameter(Mandatory = true, ParameterSetName = HeadersBodySet, ValueFromPipelineByPropertyName = true)]
    [Parameter(Mandatory = true, ParameterSetName = HeadersParametersSet, ValueFromPipelineByPropertyName = true)]
    [CollectionToHashtable(IgnoreCase = true)]
    public IDictionary? Headers { get; set; }

    /// <summary>
    /// The raw body of a POST callback (JSON). Left out or empty, the parameters are the query string of
    /// -Url, as in a GET callback.
    /// </summary>
    [Parameter(ParameterSetName = BodySet, ValueFromPipelineByPropertyName = true)]
    [Parameter(ParameterSetName = HeadersBodySet, ValueFromPipelineByPropertyName = true)]
    [AllowEmptyString]
    [AllowNull]
    public string? Body { get; set; }

    /// <summary>
    /// The callback's parameters as a hashtable: nested (ConvertFrom-Json -AsHashtable of the body) or with
    /// Rack keys such as <c>approval_request[transaction][message]</c>.
    /// </summary>
    [Parameter(Mandatory = true, ParameterSetName = ParametersSet, ValueFromPipelineByPropertyName = true)]
    [Parameter(Mandatory = true, ParameterSetName = HeadersParametersSet, ValueFromPipelineByPropertyName = true)]
    [AllowEmptyCollection]
    public IDictionary? Parameters { get; set; }

    /// <summary>The application's API key; the connected session's key when not given.</summary>
    [Parameter]
    public SecureString? ApiKey { get; set; }

    /// <summary>Reject a nonce older (or further in the future) than this; a bare number is seconds.</summary>
    [Parameter]
    [Validation.SecondsToTimeSpan]
    public TimeSpan? MaxAge { get; set; }

    protected override void BeginProcessing()
    {
        if (MaxAge.HasValue && MaxAge.Value <= TimeSpan.Zero)
        {
            ThrowTerminatingError(new ErrorRecord(
                new ArgumentException($"MaxAge must be more than zero; got {MaxAge.Value}."), "Authy.InvalidMaxAge", ErrorCategory.InvalidArgument, MaxAge.Value));
        }
    }

    protected override void ProcessRecord()
    {
        WriteObject(Check());
    }

    private bool Check()
    {
        string nonce;
        string signature;
        if (Headers != null)
        {
            var fromHeaders = SignatureInput.HeaderValue(Headers, CallbackSignature.NonceHeader);
            var signatureFromHeaders = SignatureInput.HeaderValue(Headers, CallbackSignature.SignatureHeader);
            if (fromHeaders == null || signatureFromHeaders == null)
            {
                WriteVerbose($"Not signed: the headers lack {(fromHeaders == null ? CallbackSignature.NonceHeader : CallbackSignature.SignatureHeader)}.");
                return false;
            }

            nonce = fromHeaders;
            signature = signatureFromHeaders;
        }
        else
        {
            nonce = Nonce;
            signature = Signature;
        }

        if (MaxAge.HasValue)
        {
            var age = CallbackSignature.NonceAge(nonce, DateTimeOffset.UtcNow);
            if (age == null)
            {
                WriteVerbose($"The nonce '{Validation.InputRules.Shorten(nonce)}' is not a time in unix seconds, so its age cannot be checked.");
                return false;
            }

            if (age.Value.Duration() > MaxAge.Value)
            {
                WriteVerbose($"The nonce is {FormatAge(age.Value)}, beyond the allowed {MaxAge.Value}: a replayed or delayed callback.");
                return false;
            }
        }

        JObject parameters;
        try
        {
            parameters = ReadParameters();
        }
        catch (FormatException invalid)
        {
            WriteVerbose("Not an Authy callback: " + invalid.Message);
            return false;
        }

        var method = Method.ToUpperInvariant();
        var key = KeyBytes();
        try
        {
            var valid = CallbackSignature.Verify(key, nonce, method, Url, parameters, signature);
            if (!valid)
            {
                // The head of the signed text holds no secret, and shows a proxy that changed the URL or scheme.
                WriteVerbose($"The signature does not match the signed text '{nonce}|{method}|{CallbackSignature.UrlWithoutQuery(Url)}|<{parameters.Count} parameters>'.");
            }

            return valid;
        }
        finally
        {
            Array.Clear(key, 0, key.Length);
        }
    }

    /// <summary>
    /// The hash Authy signed: -Parameters when given, else a non-empty -Body, else the URL's query string
    /// (a GET callback's parameters, 2.14), so a receiver can pass its request's body either way.
    /// </summary>
    private JObject ReadParameters()
    {
        switch (ParameterSetName)
        {
            case ParametersSet:
            case HeadersParametersSet:
                return PSObjectJson.FromDictionary(Parameters);
            case BodySet:
            case HeadersBodySet:
                if (!string.IsNullOrWhiteSpace(Body))
                {
                    return CallbackSignature.ParseBody(Body!);
                }

                break;
        }

        return RailsQuery.ParseNestedQuery(CallbackSignature.QueryOf(Url));
    }

    private byte[] KeyBytes()
    {
        var key = ApiKey;
        if (key == null)
        {
            var session = AuthySessionStore.Resolve(out var failure);
            if (session == null)
            {
                ThrowTerminatingError(failure);
            }

            key = session!.ApiKey;
        }

        return Encoding.UTF8.GetBytes(SecureText.Reveal(key));
    }

    private static string FormatAge(TimeSpan age) =>
        age < TimeSpan.Zero
            ? (-age).TotalSeconds.ToString("0", CultureInfo.InvariantCulture) + " s in the future"
            : age.TotalSeconds.ToString("0", CultureInfo.InvariantCulture) + " s old";
}
