namespace Authy.Emulator.Json;

/// <summary>
/// What an API handler answers: an HTTP status and a JSON body whose key order is the wire order.
/// <see cref="IsError"/> picks the XML root element (<c>&lt;errors&gt;</c> vs <c>&lt;hash&gt;</c>, docs/api/authy.md §1.9).
/// </summary>
public sealed record ApiResponse(int Status, JsonObject Body, bool IsError)
{
    public static ApiResponse Ok(JsonObject body) => new(200, body, false);

    public static ApiResponse Error(int status, JsonObject body) => new(status, body, true);
}
