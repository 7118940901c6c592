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

    // This run's users and identities, each with the record that named it first: a user listed twice would have
    // its first row's outcome overwritten in the checkpoint, and a second user given the same identity would be
    // reported AlreadyMigrated though its own seed never moved.
    private readonly Dictionary<long, int> _userRecords = new Dictionary<long, int>();
    private readonly Dictionary<string, long> _identityUsers = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);

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

    // A stopped migration is safe to run again: every row first asks Verify what the identity holds.
    private protected override (string Effects, string WhereToCheck) UnwrittenAdvice =>
        ("Verify factors created or verified, rows not yet in the checkpoint",
         "the same command and -CheckpointPath again, which asks Verify first and never makes a second factor");

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
            catch (ArgumentException unwritable)
            {
                // Found now, under -WhatIf too, rather than after the first user's seed was exported.
                ThrowTerminatingError(new ErrorRecord(unwritable, "Authy.InvalidCheckpointPath", ErrorCategory.InvalidArgument, CheckpointPath));
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

        // A user the checkpoint has as finished keeps the identity it was moved to, whatever this row names.
        var finished = _checkpoint?.Find(authyId);
        var done = finished != null && finished.Outcome != AuthyMigrationOutcome.Failed;
        if (!ClaimOnce(authyId, done ? finished!.Identity : identity, checkOwner: !done))
        {
            return;
        }

        var target = $"Authy user {authyId} -> Verify identity {identity}";
        if (done)
        {
            if (!string.Equals(finished!.Identity, identity, StringComparison.OrdinalIgnoreCase))
            {
                WriteWarning($"Record {RecordNumber.ToString(CultureInfo.InvariantCulture)}: Authy user {authyId} is in the checkpoint as moved to Verify identity {finished.Identity}; "
                    + $"this row's identity {identity} was not used. To move the user there as well, run without this checkpoint.");
            }

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
            $"Copy to Verify: export the TOTP seed and create a verified TOTP factor with it (unless the identity already holds one; unverified factors named '{FriendlyName}' an earlier run left are removed), or export the phone number when there is no seed"))
        {
            return;
        }

        var friendlyName = FriendlyName;
        var migration = _migration!;
        Enqueue(TargetFor(authyId), (log, cancellationToken) => migration.RunAsync(authyId, identity, friendlyName, log, cancellationToken));
    }

    /// <summary>
    /// Whether this record is the first to name the user, and (with <paramref name="checkOwner"/>) the identity is
    /// no other user's, in this run or, as moved, in the checkpoint; else the record's error, before anything is sent.
    /// </summary>
    private bool ClaimOnce(long authyId, string identity, bool checkOwner)
    {
        if (_userRecords.TryGetValue(authyId, out var firstRecord))
        {
            WriteInvalidValue(
                "DuplicateUser",
                $"Authy user {authyId} was already in record {firstRecord.ToString(CultureInfo.InvariantCulture)}: each user is moved once, so this row is left out.",
                authyId);
            return false;
        }

        var owner = _identityUsers.TryGetValue(identity, out var other) ? other : checkOwner ? _checkpoint?.OtherOwner(identity, authyId) : null;
        if (owner.HasValue && owner.Value != authyId)
        {
            WriteInvalidValue(
                "DuplicateIdentity",
                $"Verify identity {identity} is Authy user {owner.Value.ToString(CultureInfo.InvariantCulture)}'s already: one identity holds one user's factor. "
                + "Give each user an identity of their own, or leave Identity out (authy- and the Authy id).",
                authyId);
            return false;
        }

        _userRecords[authyId] = RecordNumber;
        _identityUsers[identity] = authyId;
        return true;
    }
}
