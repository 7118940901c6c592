using Authy.Api;
using Authy.Verify;
using Authy.Verify.Models;

namespace Authy.Migration;

/// <summary>
/// The move of one Authy user to a Verify TOTP factor (docs/api/verify.md §7), run on a worker of the cmdlet's queue.
/// Every step that can be repeated is safe to repeat, and the order makes a crash at any point harmless:
/// the identity's factors are read first, so a verified TOTP factor is never doubled and an unverified one left by
/// a killed run is removed before a new one is made.
/// </summary>
internal sealed class UserMigration
{
    /// <summary>SHA-1, 30 s: what Authy's generic-authenticator seeds give (docs/api/authy.md §1.11), so the user's app keeps working.</summary>
    internal const int TimeStep = 30;

    internal const string Algorithm = "sha1";

    /// <summary>Create-and-verify attempts per row: a second after a create or verify whose outcome was lost.</summary>
    private const int Attempts = 2;

    private readonly AuthyApi _authy;
    private readonly VerifyApi _verify;
    private readonly MigrationCheckpoint? _checkpoint;

    // Rows of one run that name the same identity (a user listed twice) take turns, so two workers never both
    // find it empty and both create a factor.
    private readonly IdentityTurns _identityTurns = new IdentityTurns();

    public UserMigration(AuthyApi authy, VerifyApi verify, MigrationCheckpoint? checkpoint)
    {
        _authy = authy;
        _verify = verify;
        _checkpoint = checkpoint;
    }

    /// <summary>
    /// The identity a user gets when none is given: <c>authy-</c> and the Authy id, zero-padded to 10 digits.
    /// Stable, so every rerun and resume finds the same entity without a mapping file; free of personal data
    /// (the Authy id is a number Authy assigned, not a name, number or address); and within Verify's rule of
    /// 8-64 dash-separated alphanumerics. A keyed hash would hide even the Authy id, but every later run would
    /// then need the same key, and losing it would break the idempotency this rule gives for free.
    /// </summary>
    public static string DerivedIdentity(long authyId) => "authy-" + authyId.ToString("D10", CultureInfo.InvariantCulture);

    public async Task<AuthyMigrationResult> RunAsync(long authyId, string identity, string friendlyName, IRequestLog log, CancellationToken cancellationToken)
    {
        using (await _identityTurns.TakeAsync(identity, cancellationToken).ConfigureAwait(false))
        {
            var earlier = _checkpoint?.Find(authyId);
            AuthyMigrationResult result;
            try
            {
                result = await MoveAsync(authyId, identity, friendlyName, earlier, log, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception failure) when (IsRowFailure(failure, cancellationToken))
            {
                result = Row(authyId, identity, AuthyMigrationOutcome.Failed, Describe(failure));
            }

            _checkpoint?.Record(result);
            return result;
        }
    }

    private async Task<AuthyMigrationResult> MoveAsync(
        long authyId, string identity, string friendlyName, AuthyMigrationResult? earlier, IRequestLog log, CancellationToken cancellationToken)
    {
        var factors = await TotpFactorsAsync(identity, log, cancellationToken).ConfigureAwait(false);
        var verified = factors.FirstOrDefault(IsVerified);
        if (verified != null)
        {
            // The factor an earlier, failed attempt of this checkpoint created, whose verification went through
            // although its reply was lost: this row's own work, so Migrated.
            // Likewise a factor a killed run of this checkpoint made before it could record the row (its marker is there).
            if ((earlier != null && earlier.Outcome == AuthyMigrationOutcome.Failed && string.Equals(earlier.FactorSid, verified.Sid, StringComparison.Ordinal))
                || (earlier == null && _checkpoint?.WasStarted(authyId, identity) == true))
            {
                return Row(authyId, identity, AuthyMigrationOutcome.Migrated, null, factorSid: verified.Sid);
            }

            log.Verbose($"Authy user {authyId}: Verify identity {identity} already holds verified TOTP factor {verified.Sid}; nothing sent.");
            return Row(authyId, identity, AuthyMigrationOutcome.AlreadyMigrated, "The Verify identity already holds a verified TOTP factor.", factorSid: verified.Sid);
        }

        await RemoveUnverifiedAsync(authyId, identity, friendlyName, factors, log, cancellationToken).ConfigureAwait(false);

        AuthyTotpSecret seed;
        try
        {
            seed = await _authy.ExportTotpSecretAsync(authyId, includePlainText: false, log, cancellationToken).ConfigureAwait(false);
        }
        catch (AuthyApiException noSeed) when (noSeed.ErrorCode == "60026")
        {
            // Authy answers "not found" both for a user without an exportable seed and for a missing user; the
            // phone-number export tells them apart, and gives the number SMS or voice codes can go to.
            return await WithoutSeedAsync(authyId, identity, log, cancellationToken).ConfigureAwait(false);
        }

        using (var secret = seed.Secret)
        {
            var digits = CodeLength(seed.Otp);

            // A seed that is not Base32 fails here, before Verify holds a factor that could never be verified.
            TotpCode.Compute(secret, DateTimeOffset.UtcNow, TimeStep, digits);
            string? factorSid = null;
            _checkpoint?.MarkStarted(authyId, identity);
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    var created = await _verify.NewTotpFactorAsync(
                        new TotpFactorRequest
                        {
                            Identity = identity,
                            FriendlyName = friendlyName,
                            Secret = secret,
                            TimeStep = TimeStep,
                            CodeLength = digits,
                            Skew = 1,
                            Algorithm = Algorithm,
                        },
                        log,
                        cancellationToken).ConfigureAwait(false);
                    created.Secret?.Dispose();
                    created.BindingUri?.Dispose();
                    factorSid = created.Sid;

                    // A code for now, not the exported one: that was current when Authy answered, and a busy run
                    // may reach this point a step or more later.
                    var code = TotpCode.Compute(secret, DateTimeOffset.UtcNow, TimeStep, digits);
                    var checkedFactor = await _verify.VerifyFactorAsync(identity, factorSid, code, log, cancellationToken).ConfigureAwait(false);
                    if (IsVerified(checkedFactor))
                    {
                        log.Verbose($"Authy user {authyId}: moved to Verify identity {identity} as verified TOTP factor {factorSid}.");
                        return Row(authyId, identity, AuthyMigrationOutcome.Migrated, null, factorSid: factorSid);
                    }

                    // A wrong code is a 200 with the factor still unverified. Not retried: the seed gives the same
                    // code again, and only a clock far off would explain it.
                    await _verify.RemoveFactorAsync(identity, factorSid, log, cancellationToken).ConfigureAwait(false);
                    return Row(
                        authyId,
                        identity,
                        AuthyMigrationOutcome.Failed,
                        "Verify did not accept the code computed from the exported seed, so the new factor was removed. Check this machine's clock (codes change every 30 seconds).");
                }
                catch (AuthyException lost) when (IsRowFailure(lost, cancellationToken) && !(lost is TwilioApiException twilio && twilio.StatusCode >= 400 && twilio.StatusCode < 500 && twilio.StatusCode != 429))
                {
                    // The create or the verification failed in a way that may have taken effect (a timeout, a
                    // dropped connection, a 5xx): those are never repeated blindly. Ask Verify what happened.
                    IReadOnlyList<TwilioVerifyFactor> now;
                    try
                    {
                        now = await TotpFactorsAsync(identity, log, cancellationToken).ConfigureAwait(false);
                    }
                    catch (Exception unanswered) when (IsRowFailure(unanswered, cancellationToken))
                    {
                        // Verify could not say either. The row fails naming the factor it made, so a later run with
                        // this checkpoint that finds that factor verified knows it as this row's own work (Migrated),
                        // not someone else's (AlreadyMigrated).
                        return Row(authyId, identity, AuthyMigrationOutcome.Failed, Describe(unanswered), factorSid: factorSid);
                    }

                    var done = now.FirstOrDefault(IsVerified);
                    if (done != null)
                    {
                        return Row(authyId, identity, AuthyMigrationOutcome.Migrated, null, factorSid: done.Sid);
                    }

                    await RemoveUnverifiedAsync(authyId, identity, friendlyName, now, log, cancellationToken).ConfigureAwait(false);
                    if (attempt >= Attempts)
                    {
                        return Row(authyId, identity, AuthyMigrationOutcome.Failed, Describe(lost), factorSid: factorSid);
                    }

                    log.Verbose($"Authy user {authyId}: {lost.ErrorId} while creating or verifying the factor; no factor is left, trying once more.");
                    factorSid = null;
                }
            }
        }
    }

    private async Task<AuthyMigrationResult> WithoutSeedAsync(long authyId, string identity, IRequestLog log, CancellationToken cancellationToken)
    {
        AuthyUserPhoneNumber phone;
        try
        {
            phone = await _authy.ExportUserPhoneNumberAsync(authyId, log, cancellationToken).ConfigureAwait(false);
        }
        catch (AuthyApiException missing) when (missing.ErrorCode == "60026")
        {
            return Row(authyId, identity, AuthyMigrationOutcome.Failed, "Authy.60026: there is no such Authy user (or it was removed).");
        }

        return Row(
            authyId,
            identity,
            AuthyMigrationOutcome.NeedsEnrolment,
            "No exportable TOTP seed: the user's codes come from the Authy app, SMS or push, which Verify cannot take over. Ask the user to enrol a new authenticator, or send codes by SMS or voice to E164 (Send-TwilioVerification).",
            e164: phone.E164);
    }

    /// <summary>The identity's TOTP factors; none when Verify does not know the identity yet (20404).</summary>
    private async Task<IReadOnlyList<TwilioVerifyFactor>> TotpFactorsAsync(string identity, IRequestLog log, CancellationToken cancellationToken)
    {
        try
        {
            var all = await _verify.ListFactorsAsync(identity, 100, log, cancellationToken).ConfigureAwait(false);
            return all.Where(factor => string.Equals(factor.FactorType, "totp", StringComparison.OrdinalIgnoreCase)).ToList();
        }
        catch (TwilioApiException unknown) when (unknown.Code == 20404)
        {
            return Array.Empty<TwilioVerifyFactor>();
        }
    }

    /// <summary>
    /// Removes the unverified TOTP factors a migration made (named <paramref name="friendlyName"/>), left by a run that
    /// stopped between creating and verifying one. Any other unverified factor is the application's own (a user
    /// enrolling an app right now) and is left alone: the new factor goes beside it.
    /// </summary>
    private async Task RemoveUnverifiedAsync(
        long authyId, string identity, string friendlyName, IEnumerable<TwilioVerifyFactor> factors, IRequestLog log, CancellationToken cancellationToken)
    {
        foreach (var stale in factors.Where(factor => !IsVerified(factor)))
        {
            if (!string.Equals(stale.FriendlyName, friendlyName, StringComparison.Ordinal))
            {
                log.Verbose($"Authy user {authyId}: left unverified TOTP factor {stale.Sid} of Verify identity {identity} alone: it is not named '{friendlyName}', so no migration made it.");
                continue;
            }

            try
            {
                await _verify.RemoveFactorAsync(identity, stale.Sid, log, cancellationToken).ConfigureAwait(false);
            }
            catch (TwilioApiException gone) when (gone.Code == 20404)
            {
                // Already gone (Verify deletes unverified factors itself after a while): what was wanted.
            }

            log.Verbose($"Authy user {authyId}: removed unverified TOTP factor {stale.Sid} of Verify identity {identity}, left by an earlier run.");
        }
    }

    private static bool IsVerified(TwilioVerifyFactor factor) => string.Equals(factor.Status, "verified", StringComparison.OrdinalIgnoreCase);

    /// <summary>The exported code's length when it is a code Verify takes (<see cref="TotpRules.Code"/>), else the usual 6.</summary>
    private static int CodeLength(string? otp) => otp != null && TotpRules.Code(otp) == null ? TotpRules.CodeDigits(otp).Length : 6;

    /// <summary>
    /// Failures that end one row as Failed. A stop (Ctrl+C, Select-Object -First) is not one, and neither are
    /// the failures that would fail every row (a wrong Authy key, wrong Twilio credentials): those stop the cmdlet.
    /// </summary>
    private static bool IsRowFailure(Exception failure, CancellationToken cancellationToken) =>
        !cancellationToken.IsCancellationRequested
        && (failure is AuthyException || failure is FormatException)
        && !AuthyErrorRecords.IsFatal(failure);

    /// <summary>The error for the report: its ErrorId and message (the HTTP core keeps credentials out of both).</summary>
    private static string Describe(Exception failure) =>
        failure is AuthyException known ? known.ErrorId + ": " + known.Message : "The exported seed could not be used: " + failure.Message;

    private static AuthyMigrationResult Row(long authyId, string identity, AuthyMigrationOutcome outcome, string? reason, string? e164 = null, string? factorSid = null) =>
        new AuthyMigrationResult { AuthyId = authyId, Identity = identity, Outcome = outcome, Reason = reason, E164 = e164, FactorSid = factorSid };
}
