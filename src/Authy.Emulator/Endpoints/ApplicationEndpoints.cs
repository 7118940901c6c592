using Authy.Emulator.Pipeline;

namespace Authy.Emulator.Endpoints;

/// <summary>Application details and monthly statistics (docs/api/authy.md §2.19, §2.20).</summary>
internal sealed class ApplicationEndpoints
{
    private readonly EmulatorServices _services;

    public ApplicationEndpoints(EmulatorServices services)
    {
        _services = services;
    }

    public void Map(ApiRouteBuilder routes)
    {
        routes.Get("/protected/{format}/app/details", Details);
        routes.Get("/protected/{format}/app/stats", Stats);
    }

    private static ApiResponse Details(ApiRequest request) =>
        ApiResponse.Ok(new JsonObject
        {
            ["app"] = new JsonObject
            {
                ["name"] = EmulatorServices.AppName,
                ["plan"] = "pay_as_you_go",
                ["sms_enabled"] = true,
                ["phone_calls_enabled"] = true,
                ["app_id"] = EmulatorServices.AppId,
                ["onetouch_enabled"] = true,
            },
            ["message"] = "Application information.",
            ["success"] = true,
        });

    /// <summary>The last 12 months, oldest first, counted from what this emulator actually saw.</summary>
    private ApiResponse Stats(ApiRequest request)
    {
        var stats = new JsonArray();
        int totalUsers;
        lock (_services.State.Gate)
        {
            totalUsers = _services.State.CountLiveUsers(request.Now, _services.Options.DeletionDelay);
            var first = new DateTime(request.Now.UtcDateTime.Year, request.Now.UtcDateTime.Month, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(-11);
            for (var i = 0; i < 12; i++)
            {
                var month = first.AddMonths(i);
                _services.State.Months.TryGetValue((month.Year, month.Month), out var activity);
                stats.Add(new JsonObject
                {
                    ["sms_count"] = activity?.SmsCount ?? 0,
                    ["calls_count"] = activity?.CallsCount ?? 0,
                    ["users_count"] = activity?.UsersCount ?? 0,
                    ["auths_count"] = activity?.AuthsCount ?? 0,
                    ["month"] = month.ToString("MMMM", CultureInfo.InvariantCulture),
                    ["api_calls_count"] = activity?.ApiCallsCount ?? 0,
                    ["year"] = month.Year,
                });
            }
        }

        return ApiResponse.Ok(new JsonObject
        {
            ["message"] = "Monthly statistics.",
            ["count"] = stats.Count,
            ["total_users"] = totalUsers,
            ["app_id"] = EmulatorServices.AppId,
            ["success"] = true,
            ["stats"] = stats,
        });
    }
}
