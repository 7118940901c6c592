using System;
using System.IO;
using Authy.Migration;
using Xunit;

namespace Authy.Tests.Migration;

/// <summary>MigrationCheckpoint: which user a moved identity belongs to, and the paths it refuses before any row runs.</summary>
public sealed class MigrationCheckpointTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "checkpoint-tests-" + Guid.NewGuid().ToString("N"));

    public MigrationCheckpointTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void The_user_whose_seed_moved_owns_the_identity_though_another_user_was_recorded_there_later()
    {
        // Written by a version that let two users share one identity: user 6 came out AlreadyMigrated on user 5's factor.
        var path = Path.Combine(_folder, "shared.checkpoint");
        File.WriteAllLines(path, new[]
        {
            """{"AuthyId":5,"Identity":"shared-ident-0001","Outcome":"Migrated","FactorSid":"YF00000000000000000000000000000005"}""",
            """{"AuthyId":6,"Identity":"shared-ident-0001","Outcome":"AlreadyMigrated","FactorSid":"YF00000000000000000000000000000005"}""",
        });

        var checkpoint = MigrationCheckpoint.Open(path);

        Assert.Null(checkpoint.OtherOwner("SHARED-IDENT-0001", 5));
        Assert.Equal(5, checkpoint.OtherOwner("shared-ident-0001", 6));
        Assert.Equal(5, checkpoint.OtherOwner("shared-ident-0001", 7));
    }

    [Fact]
    public void A_failed_row_owns_nothing_and_a_later_row_for_the_same_user_moves_its_claim()
    {
        var path = Path.Combine(_folder, "moved.checkpoint");
        File.WriteAllLines(path, new[]
        {
            """{"AuthyId":8,"Identity":"first-ident-0008","Outcome":"Migrated"}""",
            """{"AuthyId":9,"Identity":"other-ident-0009","Outcome":"Failed"}""",
            """{"AuthyId":8,"Identity":"second-ident-0008","Outcome":"AlreadyMigrated"}""",
        });

        var checkpoint = MigrationCheckpoint.Open(path);

        Assert.Null(checkpoint.OtherOwner("other-ident-0009", 1));
        Assert.Null(checkpoint.OtherOwner("first-ident-0008", 1));
        Assert.Equal(8, checkpoint.OtherOwner("second-ident-0008", 1));
    }

    [Fact]
    public void A_path_that_could_never_be_written_is_refused_when_opened()
    {
        Assert.Throws<ArgumentException>(() => MigrationCheckpoint.Open(_folder));
        Assert.Throws<ArgumentException>(() => MigrationCheckpoint.Open(Path.Combine(_folder, "missing", "run.checkpoint")));
        Assert.Null(MigrationCheckpoint.Open(Path.Combine(_folder, "new.checkpoint")).Find(1));
    }
}
