namespace Authy.Models;

/// <summary>The outcome of verifying a token (Test-AuthyToken -Detailed; docs/api/authy.md §2.9).</summary>
public sealed class AuthyTokenVerification
{
    public long AuthyId { get; set; }

    /// <summary>HTTP 200 and <c>token</c> = <c>is valid</c>: the only test every official library trusts.</summary>
    public bool IsValid { get; set; }

    /// <summary>The API's message, e.g. <c>Token is valid.</c> or <c>Token is invalid. Token was used recently.</c></summary>
    public string? Message { get; set; }

    /// <summary>The device that produced the token (an SMS token has <c>OsType</c> <c>sms</c>), when Authy says.</summary>
    public AuthyDevice? Device { get; set; }

    /// <summary>Why a token was refused: <c>60020</c> wrong token, <c>60019</c> used recently. Null when valid.</summary>
    public string? ErrorCode { get; set; }

    public override string ToString() => IsValid ? "valid" : "invalid" + (ErrorCode != null ? " (" + ErrorCode + ")" : string.Empty);
}
