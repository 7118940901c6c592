using Authy.Api;

namespace Authy.Cmdlets;

/// <summary>
/// Test-AuthyToken: verifies a token (verify/{token}/{id}, docs/api/authy.md §2.9). Writes $true or $false, so
/// <c>if (Test-AuthyToken ...)</c> is safe: a wrong or reused token is $false, never an error record.
/// An unknown user or a bad key is an error. -Detailed writes an AuthyTokenVerification instead.
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "AuthyToken")]
[OutputType(typeof(bool))]
[OutputType(typeof(AuthyTokenVerification))]
public sealed class TestAuthyTokenCommand : AuthyUserCmdlet
{
    private static readonly string[] TokenNames = { "Token", "Code" };

    /// <summary>The token the user typed: 6 to 10 digits, as text so leading zeros are kept.</summary>
    /// <remarks>
    /// Checked per record in <see cref="ProcessInput"/>, not by a validation attribute, which refuses a blank or bad
    /// CSV cell at binding without the record's number (AuthyPipelineCmdlet); a blank one is the record's MissingValue.
    /// </remarks>
    [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
    [Alias("Code")]
    public string Token { get; set; } = string.Empty;

    /// <summary>The action the token was sent for (Send-AuthySms -Action); a token sent for an action verifies only with it.</summary>
    [Parameter]
    [ValidateSingleLineText(AuthyApi.MaxActionLength)]
    public string? Action { get; set; }

    /// <summary>Write an AuthyTokenVerification (message, device, error code) instead of $true/$false.</summary>
    [Parameter]
    public SwitchParameter Detailed { get; set; }

    /// <summary>
    /// Leave out force=true. Authy then accepts any token from a user who has never verified one
    /// (docs/api/authy.md §2.9): use it only to reproduce that legacy behaviour.
    /// </summary>
    [Parameter]
    public SwitchParameter AllowUnconfirmed { get; set; }

    protected override void ProcessInput()
    {
        var token = ReadRequired(Token, TokenNames, "token", nameof(Token), "InvalidToken", TokenRules.Token);
        if (token == null)
        {
            return;
        }

        var authyId = ResolvedAuthyId;
        var action = Action;
        var force = !AllowUnconfirmed.IsPresent;
        EnqueueVerdict(
            TargetFor(authyId),
            Detailed.IsPresent,
            (log, cancellationToken) => Api.VerifyTokenAsync(authyId, token, force, action, log, cancellationToken),
            verification => verification.IsValid);
    }
}
