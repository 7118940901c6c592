using Authy.Migration;
using Authy.Session;

namespace Authy.Cmdlets;

/// <summary>
/// Copy-AuthyUserToVerify: moves each piped Authy user to Twilio Verify (docs/api/verify.md §7). A user with an exportable
/// TOTP seed gets a Verify TOTP factor with that seed, verified with a code computed from it, so the user's
/// authenticator app keeps working and nobody is asked for anything; any other user is reported with the phone
/// number SMS or voice codes can go to. One report row per input record; a checkpoint file makes reruns and
/// resumes skip finished users.
/// </summary>
[Cmdlet(VerbsCommon.Copy, "AuthyUserToVerify", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(AuthyMigrationResult))]
public sealed class CopyAuthyUserToVerifyCommand : AuthyUserCmdlet
{
    private VerifySession? _verifySession;
    private MigrationCheckpoint? _checkpoint;
    private UserMigration? _migration;

    /// <summary>
    /// The Verify identity for the user (8-64 letters, digits and single dashes); by property name too. Without it,
    /// <c>authy-</c> and the zero-padded Authy id (see UserMigration.DerivedIdentity).
    /// </summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("VerifyIdentity")]
    public string? Identity { get; set; }

    /// <summary>The new factors' name in Verify (at most 64 characters).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string FriendlyName { get; set; } = "Migrated from Authy";

    /// <summary>
    /// A file of finished rows (created if missing): a rerun or a resume after a crash writes their rows again without
    /// sending anything for them. Failed rows are tried again.
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? CheckpointPath { get; set; }

    protected override void BeginProcessing()
    {
        var problem = TotpRules.FriendlyName(FriendlyName);
        if (problem != null)
        {
            ThrowTerminatingError(AuthyErrorRecords.Invalid("InvalidText", problem, FriendlyName));
        }

        base.BeginProcessing();

        if (CheckpointPath != null)
        {
            var path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(CheckpointPath);
            try
            {
                _checkpoint = MigrationCheckpoint.Open(path);
            }
            catch (Exception unreadable) when (unreadable is System.IO.IOException || unreadable is UnauthorizedAccessException)
            {
                ThrowTerminatingError(new ErrorRecord(unreadable, "Authy.CheckpointUnreadable", ErrorCategory.ReadError, CheckpointPath));
            }
        }

        _migration = new UserMigration(Api, _verifySession!.Api, _checkpoint);
    }

    /// <summary>Both sessions, each found as its own cmdlets find it: Authy (Connect-Authy) and Verify (Connect-TwilioVerify).</summary>
    protected override void OpenSession()
    {
        base.OpenSession();
        _verifySession = VerifySessionStore.Resolve(out var failure);
        if (_verifySession == null)
        {
            ThrowTerminatingError(failure);
        }
    }

    protected override void ProcessInput()
    {
        var authyId = ResolvedAuthyId;
        var identity = string.IsNullOrWhiteSpace(Identity) ? UserMigration.DerivedIdentity(authyId) : Identity!.Trim();
        // The module's one identity rule (the Verify TOTP cmdlets use it too).
        var identityProblem = TotpRules.Identity(identity);
        if (identityProblem != null)
        {
            WriteInvalidValue("InvalidIdentity", identityProblem + " Use nothing personal, such as an e-mail address or a phone number.", Identity);
            return;
        }

        var target = $"Authy user {authyId} -> Verify identity {identity}";
        var finished = _checkpoint?.Find(authyId);
        if (finished != null && finished.Outcome != AuthyMigrationOutcome.Failed)
        {
            // Finished in an earlier run: its row again, nothing sent.
            if (ShouldProcess(target, $"Skip: the checkpoint has it as {finished.Outcome}"))
            {
                Enqueue(TargetFor(authyId), (log, cancellationToken) => Task.FromResult(finished));
            }

            return;
        }

        // -WhatIf stops here: nothing secret is read and nothing is written, the checkpoint included.
        if (!ShouldProcess(
            target,
            "Copy to Verify: export the TOTP seed and create a verified TOTP factor with it (unless the identity already holds one), or export the phone number when there is no seed"))
        {
            return;
        }

        var friendlyName = FriendlyName;
        var migration = _migration!;
        Enqueue(TargetFor(authyId), (log, cancellationToken) => migration.RunAsync(authyId, identity, friendlyName, log, cancellationToken));
    }
}
