namespace Authy.Api;

/// <summary>Application details and monthly statistics (docs/api/authy.md §2.19, §2.20).</summary>
public sealed partial class AuthyApi
{
    private static readonly string[] EnglishMonths = CultureInfo.InvariantCulture.DateTimeFormat.MonthNames;

    /// <summary>The application the key belongs to (2.19).</summary>
    public async Task<AuthyApplication> GetApplicationAsync(string? userIp, IRequestLog? log, CancellationToken cancellationToken)
    {
        var request = Get(Protected + "app/details");
        request.Parameters.Add("user_ip", userIp);
        var reply = await SendAsync(request, log, cancellationToken).ConfigureAwait(false);
        var app = JsonFields.Object(reply, "app")
            ?? throw new AuthyApiException(200, null, "Authy sent application details without an app.", malformedReply: true);

        return new AuthyApplication
        {
            AppId = JsonFields.Long(app, "app_id") ?? 0,
            Name = JsonFields.String(app, "name"),
            Plan = JsonFields.String(app, "plan"),
            SmsEnabled = JsonFields.Bool(app, "sms_enabled"),
            PhoneCallsEnabled = JsonFields.Bool(app, "phone_calls_enabled"),
            OnetouchEnabled = JsonFields.Bool(app, "onetouch_enabled"),
            WhiteLabel = JsonFields.NullableBool(app, "white_label"),
            Message = JsonFields.String(reply, "message"),
        };
    }

    /// <summary>
    /// The last 12 months of usage (2.20), one flat record per month in the order Authy sends them,
    /// each carrying the application-wide <c>app_id</c> and <c>total_users</c>.
    /// </summary>
    public async Task<IReadOnlyList<AuthyMonthlyStatistics>> GetApplicationStatisticsAsync(
        string? userIp, IRequestLog? log, CancellationToken cancellationToken)
    {
        var request = Get(Protected + "app/stats");
        request.Parameters.Add("user_ip", userIp);
        var reply = await SendAsync(request, log, cancellationToken).ConfigureAwait(false);
        var appId = JsonFields.Long(reply, "app_id") ?? 0;
        var totalUsers = JsonFields.Long(reply, "total_users") ?? 0;
        var months = JsonFields.Array(reply, "stats")
            ?? throw new AuthyApiException(200, null, "Authy sent application statistics without stats.", malformedReply: true);

        var result = new List<AuthyMonthlyStatistics>(months.Count);
        foreach (var month in months)
        {
            var name = JsonFields.String(month, "month") ?? string.Empty;
            result.Add(new AuthyMonthlyStatistics
            {
                AppId = appId,
                Year = JsonFields.Int(month, "year") ?? 0,
                Month = name,
                MonthNumber = MonthNumberOf(name),
                SmsCount = JsonFields.Long(month, "sms_count") ?? 0,
                CallsCount = JsonFields.Long(month, "calls_count") ?? 0,
                UsersCount = JsonFields.Long(month, "users_count") ?? 0,
                AuthsCount = JsonFields.Long(month, "auths_count") ?? 0,
                ApiCallsCount = JsonFields.Long(month, "api_calls_count") ?? 0,
                TotalUsers = totalUsers,
            });
        }

        return result;
    }

    private static int MonthNumberOf(string name)
    {
        for (var i = 0; i < 12; i++)
        {
            if (string.Equals(EnglishMonths[i], name.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return i + 1;
            }
        }

        return 0;
    }
}
