using System.Globalization;
using System.Text.Json.Nodes;
using Authy.Emulator.Domain;
using Authy.Emulator.Json;
using Authy.Emulator.Pipeline;

namespace Authy.Emulator.Endpoints;

/// <summary>Phone Intelligence (authy-api.md 2.18), answered from the deterministic test-number rules.</summary>
internal sealed class PhoneInfoEndpoints
{
    public void Map(ApiRouteBuilder routes) => routes.Get("/protected/{format}/phones/info", PhoneInfo);

    private static ApiResponse PhoneInfo(ApiRequest request)
    {
        if (PhoneParameters.TryRead(request.Parameters, out var countryCode, out var digits) is { } invalid)
        {
            return invalid;
        }

        var lookup = PhoneNumbers.Lookup(countryCode, digits);
        var asOf = request.Now.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        return ApiResponse.Ok(new JsonObject
        {
            ["message"] = $"Phone number information as of {asOf} UTC",
            ["type"] = lookup.TypeName,
            ["provider"] = lookup.Provider,
            ["ported"] = lookup.Ported,
            ["success"] = true,
        });
    }
}
