namespace Authy.Emulator.State;

/// <summary>One API request as GET /_emulator/requests shows it (API key already redacted).</summary>
internal sealed class RequestLogEntry
{
    public required long Id { get; init; }

    public required DateTimeOffset Time { get; init; }

    public required string Method { get; init; }

    public required string Path { get; init; }

    public required string Query { get; init; }

    public required JsonObject Parameters { get; init; }

    /// <summary>Status sent; null while in flight or when the connection was dropped.</summary>
    public int? Status { get; set; }

    /// <summary>The injected fault ("429", "500", "503", "reset", "timeout", "rate_limit"), else null.</summary>
    public string? Fault { get; set; }
}

/// <summary>
/// The API requests received, oldest first. Bounded so that long benchmark runs cannot exhaust
/// memory: beyond <see cref="Capacity"/> the oldest entries are dropped.
/// </summary>
internal sealed class RequestLog
{
    public const int Capacity = 100_000;

    private readonly object _gate = new();
    private readonly LinkedList<RequestLogEntry> _entries = new();
    private long _nextId = 1;

    public RequestLogEntry Add(DateTimeOffset time, string method, string path, string query, JsonObject parameters)
    {
        lock (_gate)
        {
            var entry = new RequestLogEntry
            {
                Id = _nextId++, Time = time, Method = method, Path = path, Query = query, Parameters = parameters,
            };
            _entries.AddLast(entry);
            if (_entries.Count > Capacity)
            {
                _entries.RemoveFirst();
            }

            return entry;
        }
    }

    public void Complete(RequestLogEntry entry, int? status, string? fault)
    {
        lock (_gate)
        {
            entry.Status = status;
            entry.Fault = fault;
        }
    }

    public JsonArray ToJson()
    {
        lock (_gate)
        {
            var array = new JsonArray();
            foreach (var entry in _entries)
            {
                array.Add(new JsonObject
                {
                    ["id"] = entry.Id,
                    ["time"] = Json.CompactJson.IsoTime(entry.Time),
                    ["method"] = entry.Method,
                    ["path"] = entry.Path,
                    ["query"] = entry.Query,
                    ["parameters"] = entry.Parameters.DeepClone(),
                    ["status"] = entry.Status,
                    ["fault"] = entry.Fault,
                });
            }

            return array;
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _entries.Clear();
            _nextId = 1;
        }
    }
}
