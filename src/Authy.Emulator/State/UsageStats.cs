namespace Authy.Emulator.State;

/// <summary>Counters behind GET /_emulator/stats: API requests per route template and faults per kind.</summary>
internal sealed class UsageStats
{
    public static readonly string[] FaultNames = { "429", "500", "503", "reset", "timeout" };

    private readonly object _gate = new();
    private readonly Dictionary<string, long> _routes = new();
    private readonly Dictionary<string, long> _faults = new();
    private long _requestsTotal;
    private long _rateLimited;

    /// <summary><paramref name="route"/> is "METHOD template", e.g. "GET /protected/{format}/sms/{authy_id}".</summary>
    public void CountRequest(string route)
    {
        lock (_gate)
        {
            _requestsTotal++;
            _routes[route] = _routes.GetValueOrDefault(route) + 1;
        }
    }

    public void CountFault(string fault)
    {
        lock (_gate)
        {
            _faults[fault] = _faults.GetValueOrDefault(fault) + 1;
        }
    }

    public void CountRateLimited()
    {
        lock (_gate)
        {
            _rateLimited++;
        }
    }

    public JsonObject ToJson(JsonObject messages)
    {
        lock (_gate)
        {
            var routes = new JsonObject();
            foreach (var (route, count) in _routes.OrderBy(r => r.Key, System.StringComparer.Ordinal))
            {
                routes[route] = count;
            }

            var faults = new JsonObject();
            foreach (var name in FaultNames)
            {
                faults[name] = _faults.GetValueOrDefault(name);
            }

            return new JsonObject
            {
                ["requests_total"] = _requestsTotal,
                ["routes"] = routes,
                ["messages"] = messages,
                ["faults"] = faults,
                ["rate_limited"] = _rateLimited,
            };
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _routes.Clear();
            _faults.Clear();
            _requestsTotal = 0;
            _rateLimited = 0;
        }
    }
}
