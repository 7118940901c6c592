namespace Authy.Http;

/// <summary>Whether a request may be sent again when its first outcome is unknown.</summary>
public enum RepeatSafety
{
    /// <summary>Reads, and writes the API deduplicates (users/new returns the same id for the same phone).</summary>
    Idempotent,

    /// <summary>
    /// Sends a message or changes state (SMS, call, email, phone verification start, OneTouch create,
    /// user removal): repeated only when Authy certainly did not act on it (429, or no connection made).
    /// </summary>
    NotRepeatable,
}

/// <summary>One Authy API call: method, path below the base URL, parameters and whether it may be repeated.</summary>
public sealed class AuthyRequest
{
    public AuthyRequest(HttpMethod method, string path, RepeatSafety safety)
    {
        Method = method;
        Path = path;
        Safety = safety;
    }

    public HttpMethod Method { get; }

    /// <summary>Path below the API root, every variable segment already escaped (see <see cref="Segment(string)"/>).</summary>
    public string Path { get; }

    public RepeatSafety Safety { get; }

    /// <summary>Query parameters for GET, form body for POST, in Rack bracket notation.</summary>
    public RequestParameters Parameters { get; } = new RequestParameters();

    /// <summary>Escapes a value that becomes one path segment, so no input can add a segment or a query.</summary>
    public static string Segment(string value)
    {
        if (value == null)
        {
            throw new ArgumentNullException(nameof(value));
        }

        // System.Uri removes dot segments even when percent-encoded, so '..' would change the endpoint.
        if (value.Length == 0 || value == "." || value == "..")
        {
            throw new ArgumentException($"'{value}' cannot be used as a path segment.", nameof(value));
        }

        return Uri.EscapeDataString(value);
    }

    /// <summary>Escapes an id that becomes one path segment.</summary>
    public static string Segment(long value) => value.ToString(CultureInfo.InvariantCulture);

    public override string ToString() => Method.Method + " " + Path;
}

/// <summary>
/// Parameters in the flat Rack form the Authy server reads (<c>user[email]</c>, <c>details[Key]</c>,
/// <c>logos[][res]</c>; docs/api/authy.md §1.4), kept in the order they were added.
/// </summary>
public sealed class RequestParameters
{
    private readonly List<KeyValuePair<string, string>> _pairs = new List<KeyValuePair<string, string>>();

    public int Count => _pairs.Count;

    /// <summary>Adds a parameter; a null value leaves it out, as the API treats absent and null alike.</summary>
    public RequestParameters Add(string key, string? value)
    {
        if (value != null)
        {
            _pairs.Add(new KeyValuePair<string, string>(key, value));
        }

        return this;
    }

    public RequestParameters Add(string key, long? value) =>
        Add(key, value?.ToString(CultureInfo.InvariantCulture));

    /// <summary>Booleans travel as <c>true</c>/<c>false</c>, the spelling every client library sends.</summary>
    public RequestParameters Add(string key, bool? value) =>
        Add(key, value.HasValue ? (value.Value ? "true" : "false") : null);

    /// <summary>A hash parameter: <c>prefix[key]=value</c> per entry.</summary>
    public RequestParameters AddHash(string prefix, IEnumerable<KeyValuePair<string, string>>? entries)
    {
        if (entries != null)
        {
            foreach (var entry in entries)
            {
                Add(prefix + "[" + entry.Key + "]", entry.Value);
            }
        }

        return this;
    }

    /// <summary>An array of hashes: each element's fields kept together as <c>prefix[][field]</c>.</summary>
    public RequestParameters AddHashArray(string prefix, IEnumerable<IEnumerable<KeyValuePair<string, string>>>? elements)
    {
        if (elements != null)
        {
            foreach (var element in elements)
            {
                AddHash(prefix + "[]", element);
            }
        }

        return this;
    }

    /// <summary>The pairs as <c>application/x-www-form-urlencoded</c> text (also used for query strings).</summary>
    public string ToFormUrlEncoded()
    {
        var parts = new string[_pairs.Count];
        for (var i = 0; i < _pairs.Count; i++)
        {
            parts[i] = Uri.EscapeDataString(_pairs[i].Key) + "=" + Uri.EscapeDataString(_pairs[i].Value);
        }

        return string.Join("&", parts);
    }
}
