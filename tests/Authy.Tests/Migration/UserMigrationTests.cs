using System;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Authy.Http;
using Authy.Migration;
using Authy.Models;
using Authy.Tests.Support;
using Authy.Verify;
using Xunit;

namespace Authy.Tests.Migration;

/// <summary>
/// One user's move when Verify stops answering part-way (docs/api/verify.md §7): the second run with the same
/// checkpoint must know a factor the first run made as that row's own work.
/// </summary>
public sealed class UserMigrationTests : IDisposable
{
    private const string Identity = "authy-0000000004";
    private const string FactorSid = "YF00000000000000000000000000000004";
    private const string Seed = """{"secret":"GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ","otp":"012345","success":true}""";
    private const string ServerError = """{"code": 20500, "message": "Internal Server Error", "more_info": "https://www.twilio.com/docs/errors/20500", "status": 500}""";
    private const string NoFactors = """{"factors":[],"meta":{"page":0,"page_size":100,"next_page_url":null}}""";

    private readonly string _checkpointPath = Path.Combine(Path.GetTempPath(), "authy-migration-" + Guid.NewGuid().ToString("N") + ".checkpoint");

    public void Dispose() => File.Delete(_checkpointPath);

    private static string Factor(string status) =>
        "{\"sid\":\"" + FactorSid + "\",\"identity\":\"" + Identity + "\",\"friendly_name\":\"Ada\",\"status\":\"" + status
        + "\",\"factor_type\":\"totp\",\"config\":{\"alg\":\"sha1\",\"skew\":1,\"code_length\":6,\"time_step\":30}}";

    private Task<AuthyMigrationResult> Run(ScriptedHandler verifyHandler, string identity = Identity)
    {
        var authy = new Harness(new ScriptedHandler(Step.Json(200, Seed)), maxRetry: 0);
        var migration = new UserMigration(authy.Api, new VerifyHarness(verifyHandler, maxRetry: 0).Api, MigrationCheckpoint.Open(_checkpointPath));
        return migration.RunAsync(4, identity, "Ada", authy.Log, CancellationToken.None);
    }

    [Fact]
    public async Task A_verification_whose_outcome_Verify_cannot_tell_fails_naming_the_factor_so_the_next_run_calls_it_Migrated()
    {
        // Listed (none), created, the verification's reply lost in a 500, and the list that would tell lost too.
        var first = await Run(new ScriptedHandler(
            Step.Json(200, NoFactors),
            Step.Json(201, Factor("unverified")),
            Step.Json(500, ServerError),
            Step.Json(500, ServerError)));

        Assert.Equal(AuthyMigrationOutcome.Failed, first.Outcome);
        Assert.Equal(FactorSid, first.FactorSid);
        Assert.StartsWith("TwilioVerify.", first.Reason, StringComparison.Ordinal);

        // The verification had gone through: the next run finds the factor verified.
        var second = await Run(new ScriptedHandler(Step.Json(200, "{\"factors\":[" + Factor("verified") + "],\"meta\":{\"page\":0,\"page_size\":100,\"next_page_url\":null}}")));

        Assert.Equal(AuthyMigrationOutcome.Migrated, second.Outcome);
        Assert.Equal(FactorSid, second.FactorSid);
    }

    [Theory]
    [InlineData(Identity, AuthyMigrationOutcome.Migrated)]
    [InlineData("crm-000000000004", AuthyMigrationOutcome.AlreadyMigrated)]
    public async Task A_started_marker_counts_only_for_the_identity_it_names(string markedIdentity, AuthyMigrationOutcome expected)
    {
        // A killed run announced a factor for user 4 under one identity and recorded nothing more.
        File.WriteAllText(_checkpointPath, "{\"AuthyId\":4,\"Identity\":\"" + markedIdentity + "\",\"Started\":true}\n");

        var rerun = await Run(new ScriptedHandler(Step.Json(200, "{\"factors\":[" + Factor("verified") + "],\"meta\":{\"page\":0,\"page_size\":100,\"next_page_url\":null}}")));

        Assert.Equal(expected, rerun.Outcome);
    }

    [Fact]
    public async Task A_verified_factor_this_checkpoint_never_made_is_AlreadyMigrated()
    {
        var first = await Run(new ScriptedHandler(Step.Json(500, ServerError)));
        Assert.Equal(AuthyMigrationOutcome.Failed, first.Outcome);
        Assert.Null(first.FactorSid);

        var second = await Run(new ScriptedHandler(Step.Json(200, "{\"factors\":[" + Factor("verified") + "],\"meta\":{\"page\":0,\"page_size\":100,\"next_page_url\":null}}")));

        Assert.Equal(AuthyMigrationOutcome.AlreadyMigrated, second.Outcome);
    }
}
