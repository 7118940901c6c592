namespace Authy.Models;

/// <summary>How the move of one Authy user to Verify ended (Copy-AuthyUserToVerify).</summary>
public enum AuthyMigrationOutcome
{
    /// <summary>A Verify TOTP factor with the user's own seed was created and verified in this run: the authenticator app keeps working.</summary>
    Migrated,

    /// <summary>The Verify identity already held a verified TOTP factor (an earlier run, or another tool): nothing was sent.</summary>
    AlreadyMigrated,

    /// <summary>The user has no exportable seed (Authy app, SMS or push): they must enrol again, or move to SMS/voice codes at E164.</summary>
    NeedsEnrolment,

    /// <summary>Something went wrong; Reason has the error. A rerun with the same checkpoint tries the row again.</summary>
    Failed,
}

/// <summary>
/// One row of the migration report: one per input record, ready for Export-Csv. It never holds a seed.
/// </summary>
public sealed class AuthyMigrationResult
{
    public long AuthyId { get; set; }

    /// <summary>The Verify entity identity the user was (or would be) moved to.</summary>
    public string Identity { get; set; } = string.Empty;

    public AuthyMigrationOutcome Outcome { get; set; }

    /// <summary>Why, for every outcome but Migrated: what the user or the admin has to do, or the error (with its ErrorId).</summary>
    public string? Reason { get; set; }

    /// <summary>The user's number in E.164, when it was exported (NeedsEnrolment): where SMS or voice codes can go.</summary>
    public string? E164 { get; set; }

    /// <summary>The Verify TOTP factor (YF...) that now holds the user's seed.</summary>
    public string? FactorSid { get; set; }

    public override string ToString() => AuthyId.ToString(System.Globalization.CultureInfo.InvariantCulture) + " " + Outcome;
}
