using System.IO;
using System.Text;
using Newtonsoft.Json;

namespace Authy.Migration;

/// <summary>
/// The checkpoint file of Copy-AuthyUserToVerify: one JSON object per line per finished row (AuthyId, Identity,
/// Outcome, Reason, E164, FactorSid; never a seed), appended and flushed as each row ends, so a killed run loses
/// at most the rows in flight. On reading, a line that does not parse (the torn last line of a killed run) is
/// skipped, and the last line for an AuthyId wins. A row about to create a Verify factor first writes a marker
/// line (<c>{"AuthyId":…,"Identity":…,"Started":true}</c>), so a run killed after the factor was made, but before
/// its row was recorded, is resumed as that row's own work (Migrated), not as someone else's (AlreadyMigrated).
/// </summary>
/// <remarks>
/// Flushed to the operating system per row, not fsync'ed: that survives the process being killed, which is the
/// crash this is for, at no cost to the rate. After a power cut the last rows may be missing; they are then
/// simply done again, and safely, because every row first asks Verify what the identity already holds. The
/// checkpoint saves requests and keeps the report; it is not what prevents a second factor.
/// </remarks>
internal sealed class MigrationCheckpoint
{
    private readonly object _gate = new object();
    private readonly string _path;
    private readonly Dictionary<long, AuthyMigrationResult> _rows = new Dictionary<long, AuthyMigrationResult>();
    // The user each moved identity belongs to, by the rows in _rows: a second user must not be reported as moved there.
    private readonly Dictionary<string, long> _owners = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);
    // The identities each user's factor was about to be created under (a rerun may name another identity).
    private readonly Dictionary<long, HashSet<string>> _started = new Dictionary<long, HashSet<string>>();
    private bool _needsNewLine;

    private MigrationCheckpoint(string path)
    {
        _path = path;
    }

    /// <summary>
    /// Reads the rows a file already holds (none when it does not exist). Nothing is written until a row ends, so a
    /// path that could never be written (a folder, or in a folder that does not exist) is refused here with an
    /// <see cref="ArgumentException"/>, before any user's seed is read.
    /// </summary>
    public static MigrationCheckpoint Open(string path)
    {
        var checkpoint = new MigrationCheckpoint(path);
        if (Directory.Exists(path))
        {
            throw new ArgumentException($"The checkpoint path '{path}' is a folder: give a file in it, e.g. '{Path.Combine(path, "migration.checkpoint")}'.");
        }

        var folder = Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(folder) && !Directory.Exists(folder))
        {
            throw new ArgumentException($"The checkpoint file's folder '{folder}' does not exist: create it first, or give a file in an existing folder.");
        }

        if (!File.Exists(path))
        {
            return checkpoint;
        }

        var bytes = File.ReadAllBytes(path);
        checkpoint._needsNewLine = bytes.Length > 0 && bytes[bytes.Length - 1] != (byte)'\n';
        foreach (var line in Encoding.UTF8.GetString(bytes).Split('\n'))
        {
            var started = ParseStarted(line);
            if (started != null)
            {
                checkpoint.AddStarted(started.Value.AuthyId, started.Value.Identity);
                continue;
            }

            var row = Parse(line);
            if (row != null)
            {
                checkpoint.Keep(row);
            }
        }

        return checkpoint;
    }

    /// <summary>
    /// The user a finished row (Migrated or AlreadyMigrated) moved to <paramref name="identity"/>, other than
    /// <paramref name="authyId"/>; null when none did.
    /// </summary>
    public long? OtherOwner(string identity, long authyId)
    {
        lock (_gate)
        {
            return _owners.TryGetValue(identity, out var owner) && owner != authyId ? owner : null;
        }
    }

    /// <summary>The last row recorded for the user, or null.</summary>
    public AuthyMigrationResult? Find(long authyId)
    {
        lock (_gate)
        {
            return _rows.TryGetValue(authyId, out var row) ? row : null;
        }
    }

    /// <summary>Whether a run of this checkpoint began creating the user's factor under this identity (the marker line).</summary>
    public bool WasStarted(long authyId, string identity)
    {
        lock (_gate)
        {
            return _started.TryGetValue(authyId, out var identities) && identities.Contains(identity);
        }
    }

    /// <summary>Appends the marker that the user's factor is about to be created, and flushes it.</summary>
    public void MarkStarted(long authyId, string identity)
    {
        var json = new JObject { ["AuthyId"] = authyId, ["Identity"] = identity, ["Started"] = true }.ToString(Formatting.None);
        Append(json);
        lock (_gate)
        {
            AddStarted(authyId, identity);
        }
    }

    /// <summary>Caller holds the gate, or has the checkpoint to itself (while opening).</summary>
    private void AddStarted(long authyId, string identity)
    {
        if (!_started.TryGetValue(authyId, out var identities))
        {
            _started[authyId] = identities = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        }

        identities.Add(identity);
    }

    /// <summary>Appends the row and flushes it. Safe from any worker thread.</summary>
    public void Record(AuthyMigrationResult row)
    {
        var json = new JObject
        {
            ["AuthyId"] = row.AuthyId,
            ["Identity"] = row.Identity,
            ["Outcome"] = row.Outcome.ToString(),
            ["Reason"] = row.Reason,
            ["E164"] = row.E164,
            ["FactorSid"] = row.FactorSid,
        }.ToString(Formatting.None);
        Append(json);
        lock (_gate)
        {
            Keep(row);
        }
    }

    /// <summary>Caller holds the gate, or has the checkpoint to itself (while opening).</summary>
    private void Keep(AuthyMigrationResult row)
    {
        if (_rows.TryGetValue(row.AuthyId, out var before) && _owners.TryGetValue(before.Identity, out var owner) && owner == row.AuthyId)
        {
            _owners.Remove(before.Identity);
        }

        _rows[row.AuthyId] = row;
        if (row.Outcome != AuthyMigrationOutcome.Migrated && row.Outcome != AuthyMigrationOutcome.AlreadyMigrated)
        {
            return;
        }

        // The user whose own seed moved there owns the identity: an AlreadyMigrated row of another user (written by
        // a version that let two users share one identity) does not take it over.
        if (_owners.TryGetValue(row.Identity, out var holder) && holder != row.AuthyId
            && _rows.TryGetValue(holder, out var owned) && owned.Outcome == AuthyMigrationOutcome.Migrated
            && string.Equals(owned.Identity, row.Identity, StringComparison.OrdinalIgnoreCase)
            && row.Outcome == AuthyMigrationOutcome.AlreadyMigrated)
        {
            return;
        }

        _owners[row.Identity] = row.AuthyId;
    }

    private void Append(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json + "\n");
        lock (_gate)
        {
            // Opened per row: no handle outlives the row, so a stopped pipeline (whose cmdlet is never told to
            // clean up) leaves nothing open, and the next run in the same session can append at once.
            using (var stream = new FileStream(_path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite))
            {
                if (_needsNewLine)
                {
                    // The torn line of a killed run stays alone on its line, where reading skips it.
                    stream.WriteByte((byte)'\n');
                    _needsNewLine = false;
                }

                stream.Write(bytes, 0, bytes.Length);
                stream.Flush();
            }
        }
    }

    /// <summary>The AuthyId and identity of a marker line, or null for any other line.</summary>
    private static (long AuthyId, string Identity)? ParseStarted(string line)
    {
        line = line.Trim();
        if (line.Length == 0 || line[0] != '{' || !line.Contains("\"Started\""))
        {
            return null;
        }

        try
        {
            var json = JObject.Parse(line);
            var authyId = json.Value<long?>("AuthyId");
            var identity = json.Value<string>("Identity");
            return json.Value<bool?>("Started") == true && authyId is > 0 && !string.IsNullOrEmpty(identity) ? (authyId.Value, identity!) : null;
        }
        catch (Exception unreadable) when (unreadable is JsonException || unreadable is FormatException || unreadable is InvalidCastException || unreadable is OverflowException)
        {
            return null;
        }
    }

    private static AuthyMigrationResult? Parse(string line)
    {
        line = line.Trim();
        if (line.Length == 0 || line[0] != '{')
        {
            return null;
        }

        try
        {
            var json = JObject.Parse(line);
            var authyId = json.Value<long?>("AuthyId");
            var identity = json.Value<string>("Identity");
            if (authyId == null || authyId < 1 || string.IsNullOrEmpty(identity)
                || !Enum.TryParse<AuthyMigrationOutcome>(json.Value<string>("Outcome"), out var outcome))
            {
                return null;
            }

            return new AuthyMigrationResult
            {
                AuthyId = authyId.Value,
                Identity = identity!,
                Outcome = outcome,
                Reason = json.Value<string>("Reason"),
                E164 = json.Value<string>("E164"),
                FactorSid = json.Value<string>("FactorSid"),
            };
        }
        catch (Exception unreadable) when (unreadable is JsonException || unreadable is FormatException || unreadable is InvalidCastException || unreadable is OverflowException)
        {
            return null;
        }
    }
}
