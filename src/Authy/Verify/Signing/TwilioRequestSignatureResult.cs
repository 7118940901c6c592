namespace Authy.Verify.Signing;

/// <summary>Why Test-TwilioRequestSignature said what it said.</summary>
public enum TwilioSignatureOutcome
{
    /// <summary>The signature matches (and, for a JSON body, so does its hash).</summary>
    Valid,

    /// <summary>No X-Twilio-Signature was given (or the header is missing): not signed.</summary>
    SignatureMissing,

    /// <summary>The signature is not Twilio's for this URL and these parameters with this Auth Token.</summary>
    SignatureMismatch,

    /// <summary>The URL's bodySHA256 is not the SHA-256 of the body: the body was changed.</summary>
    BodyHashMismatch,

    /// <summary>A JSON (non-form) body, but the URL has no bodySHA256: Twilio always adds one for such a body.</summary>
    BodyHashMissing,

    /// <summary>The URL has bodySHA256 but no raw body was given, so its hash cannot be checked.</summary>
    BodyMissing,
}

/// <summary>
/// What Test-TwilioRequestSignature -Detailed writes. It never holds the Auth Token or the expected
/// signature: only what the caller gave, and which URL variant matched.
/// </summary>
public sealed class TwilioRequestSignatureResult
{
    /// <summary>True when the request is Twilio's: act on it only then.</summary>
    public bool IsValid { get; set; }

    /// <summary>Why: Valid, or the first check that failed.</summary>
    public TwilioSignatureOutcome Outcome { get; set; }

    /// <summary>The reason in a sentence.</summary>
    public string Message { get; set; } = string.Empty;

    /// <summary>The URL as given.</summary>
    public string Url { get; set; } = string.Empty;

    /// <summary>The URL text whose signature matched (the given one, or its port or quote variant); empty when none did.</summary>
    public string MatchedUrl { get; set; } = string.Empty;

    /// <summary>How many form parameters were signed (0 for a JSON body or a GET request).</summary>
    public int ParameterCount { get; set; }

    /// <summary>True when a body's SHA-256 was checked against the URL's bodySHA256.</summary>
    public bool BodyHashChecked { get; set; }

    public override string ToString() => IsValid ? "Valid" : Outcome.ToString();
}
