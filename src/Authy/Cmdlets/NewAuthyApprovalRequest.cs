using System.Collections;

namespace Authy.Cmdlets;

/// <summary>
/// New-AuthyApprovalRequest: pushes a OneTouch approval request to a user's Authy app
/// (onetouch/json/users/{id}/approval_requests, docs/api/authy.md §2.12).
/// </summary>
[Cmdlet(VerbsCommon.New, "AuthyApprovalRequest", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(AuthyApprovalRequest))]
public sealed class NewAuthyApprovalRequestCommand : AuthyUserCmdlet
{
    /// <summary>The longest lifetime accepted: Authy takes any integer, a year is far beyond any real use.</summary>
    private static readonly TimeSpan MaxExpiresIn = TimeSpan.FromDays(366);

    private static readonly string[] MessageNames = { "Message" };

    /// <summary>The text of the push, at most 200 characters.</summary>
    /// <remarks>
    /// Checked per record in <see cref="ProcessInput"/>, not by a validation attribute, which refuses a blank or bad
    /// CSV cell at binding without the record's number (AuthyPipelineCmdlet); a blank one is the record's MissingValue.
    /// </remarks>
    [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
    public string Message { get; set; } = string.Empty;

    /// <summary>Key/value pairs shown to the user (keys at most 20 characters, values at most 200).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public IDictionary? Details { get; set; }

    /// <summary>Key/value pairs kept with the request but not shown to the user.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("hidden_details")]
    public IDictionary? HiddenDetails { get; set; }

    /// <summary>Logos for the app to show; a URL alone is a <c>default</c> logo.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("Logos")]
    public AuthyLogo[]? Logo { get; set; }

    /// <summary>How long the user may answer; a bare number is seconds; 0 never expires. Authy's default is one day.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("seconds_to_expire", "SecondsToExpire")]
    [SecondsToTimeSpan]
    public TimeSpan? ExpiresIn { get; set; }

    protected override void ProcessInput()
    {
        // Captured now: the next record rebinds the properties while this call is still in flight.
        var message = ReadRequired(Message, MessageNames, "message", nameof(Message), "InvalidMessage", OneTouchRules.Message);
        if (message == null)
        {
            return;
        }

        var authyId = ResolvedAuthyId;
        var target = TargetFor(authyId);

        // Every rule checked before anything is sent; the first problem is the record's error.
        var problems = new[]
        {
            ReadDetails("Details", Details, out var details),
            ReadDetails("HiddenDetails", HiddenDetails, out var hiddenDetails),
            ReadLogos(Logo, out var logos),
            ReadLifetime(ExpiresIn, out var secondsToExpire),
        };
        foreach (var problem in problems)
        {
            if (problem != null)
            {
                WriteInvalid(problem.Value.ErrorId, problem.Value.Message, target);
                return;
            }
        }

        var what = $"Send OneTouch approval request '{InputRules.Shorten(message)}'";
        EnqueueConfirmed(target, $"Authy user {authyId.ToString(CultureInfo.InvariantCulture)}", what, (log, cancellationToken) =>
            Api.CreateApprovalRequestAsync(authyId, message, details, hiddenDetails, logos, secondsToExpire, log, cancellationToken));
    }

    private static (string ErrorId, string Message)? ReadDetails(string parameter, IDictionary? source, out IReadOnlyDictionary<string, string>? details)
    {
        details = null;
        if (source == null || source.Count == 0)
        {
            return null;
        }

        // Insertion order of an [ordered] hashtable is kept: Authy shows the details in the order sent.
        var result = new OrderedTextDictionary();
        foreach (DictionaryEntry entry in source)
        {
            var key = LanguagePrimitives.ConvertTo<string>(entry.Key)?.Trim() ?? string.Empty;
            var raw = entry.Value is PSObject wrapped ? wrapped.BaseObject : entry.Value;
            if (raw is IDictionary || (raw is IEnumerable && !(raw is string)))
            {
                return ("InvalidDetails", $"{parameter} value of '{key}' is a collection; details are flat key/value text.");
            }

            var value = raw == null ? string.Empty : LanguagePrimitives.ConvertTo<string>(raw) ?? string.Empty;
            var problem = OneTouchRules.Detail(parameter, key, value);
            if (problem != null)
            {
                return ("InvalidDetails", problem);
            }

            if (!result.TryAdd(key, value))
            {
                return ("InvalidDetails", $"{parameter} has the key '{key}' twice.");
            }
        }

        details = result;
        return null;
    }

    private static (string ErrorId, string Message)? ReadLogos(AuthyLogo[]? source, out IReadOnlyList<AuthyLogo>? logos)
    {
        logos = null;
        if (source == null || source.Length == 0)
        {
            return null;
        }

        // Copies, so a caller changing its objects later cannot change what is sent.
        var copies = new List<AuthyLogo>(source.Length);
        foreach (var logo in source)
        {
            copies.Add(logo == null ? null! : new AuthyLogo((logo.Res ?? string.Empty).Trim().ToLowerInvariant(), (logo.Url ?? string.Empty).Trim()));
        }

        var problem = OneTouchRules.Logos(copies);
        if (problem != null)
        {
            return ("InvalidLogo", problem);
        }

        logos = copies;
        return null;
    }

    private static (string ErrorId, string Message)? ReadLifetime(TimeSpan? expiresIn, out long? secondsToExpire)
    {
        secondsToExpire = null;
        if (!expiresIn.HasValue)
        {
            return null;
        }

        var value = expiresIn.Value;
        var problem = InputRules.WholeSeconds(
            "ExpiresIn", value, TimeSpan.Zero, MaxExpiresIn, $"0 (never expires) to {MaxExpiresIn.TotalDays.ToString(CultureInfo.InvariantCulture)} days");
        if (problem != null)
        {
            return ("InvalidExpiresIn", problem);
        }

        secondsToExpire = (long)value.TotalSeconds;
        return null;
    }

    /// <summary>A dictionary that enumerates in insertion order, the order the details are sent.</summary>
    private sealed class OrderedTextDictionary : IReadOnlyDictionary<string, string>
    {
        private readonly List<KeyValuePair<string, string>> _entries = new List<KeyValuePair<string, string>>();
        private readonly Dictionary<string, string> _index = new Dictionary<string, string>(StringComparer.Ordinal);

        public int Count => _entries.Count;

        public IEnumerable<string> Keys
        {
            get
            {
                foreach (var entry in _entries)
                {
                    yield return entry.Key;
                }
            }
        }

        public IEnumerable<string> Values
        {
            get
            {
                foreach (var entry in _entries)
                {
                    yield return entry.Value;
                }
            }
        }

        public string this[string key] => _index[key];

        public bool TryAdd(string key, string value)
        {
            if (_index.ContainsKey(key))
            {
                return false;
            }

            _index[key] = value;
            _entries.Add(new KeyValuePair<string, string>(key, value));
            return true;
        }

        public bool ContainsKey(string key) => _index.ContainsKey(key);

        public bool TryGetValue(string key, out string value) => _index.TryGetValue(key, out value!);

        public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => _entries.GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
