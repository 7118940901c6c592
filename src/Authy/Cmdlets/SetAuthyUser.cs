namespace Authy.Cmdlets;

/// <summary>Set-AuthyUser: changes a user's email address (users/{id}/update, docs/api/authy.md §2.4).</summary>
[Cmdlet(VerbsCommon.Set, "AuthyUser", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(AuthyOperationResult))]
public sealed class SetAuthyUserCommand : AuthyUserCmdlet
{
    /// <summary>The new email address.</summary>
    /// <remarks>
    /// Checked per record in <see cref="ProcessInput"/>, not by a validation attribute, which refuses a blank or bad
    /// CSV cell at binding without the record's number (AuthyPipelineCmdlet); a blank one is the record's MissingValue.
    /// </remarks>
    [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
    [Alias("EmailAddress", "Mail")]
    public string Email { get; set; } = string.Empty;

    /// <summary>Write the result of each update.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessInput()
    {
        var email = ReadRequired(Email, ColumnNames.Email, "email address", nameof(Email), "InvalidEmail", InputRules.Email);
        if (email == null)
        {
            return;
        }

        var authyId = ResolvedAuthyId;
        var passThru = PassThru.IsPresent;
        EnqueueConfirmed(TargetFor(authyId), $"Authy user {authyId}", $"Set email to <{email}>", async (log, cancellationToken) =>
        {
            var result = await Api.UpdateUserEmailAsync(authyId, email, log, cancellationToken).ConfigureAwait(false);
            return passThru ? result : null;
        });
    }
}
