using Authy.Emulator.Domain;
using Authy.Emulator.Pipeline;

namespace Authy.Emulator.Endpoints;

/// <summary>
/// Phone Intelligence (docs/api/authy.md §2.18): the line type libphonenumber gives the number, or for
/// numbers it cannot classify the deterministic test-number rules (<see cref="PhoneNumberRules.Lookup"/>).
/// </summary>
internal static class PhoneInfoEndpoints
{
    public static void Map(ApiRouteBuilder routes) => routes.Get("/protected/{format}/phones/info", PhoneInfo);

    private static ApiResponse PhoneInfo(ApiRequest request)
    {
        if (PhoneParameters.TryRead(request.Parameters, out var phone) is { } invalid)
        {
            return invalid;
        }

        var lookup = PhoneNumberRules.Lookup(phone);
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
