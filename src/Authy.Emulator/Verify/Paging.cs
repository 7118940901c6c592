namespace Authy.Emulator.Verify;

/// <summary>
/// List pages with all seven <c>meta</c> keys (docs/api/verify.md §3). <c>PageSize</c> 1–1000 (default 50),
/// <c>Page</c> is the client's page number, <c>PageToken</c> is opaque: "PT" and the offset of the
/// page's first record. Page URLs carry this emulator's own host and keep the list's filters.
/// </summary>
internal static class Paging
{
    public const int DefaultPageSize = 50;

    private static readonly string[] PagingParameters = { "PageSize", "Page", "PageToken" };

    public static ApiResponse List(VerifyRequest request, string path, string key, IReadOnlyList<JsonObject> records)
    {
        var pageSize = request.Int("PageSize", 1, 1000, TwilioJson.InvalidParameter) ?? DefaultPageSize;
        var page = request.Int("Page", 0, int.MaxValue, TwilioJson.InvalidParameter) ?? 0;
        long offset = (long)page * pageSize;
        if (request.Get("PageToken") is { } token)
        {
            if (!token.StartsWith("PT", StringComparison.Ordinal) ||
                !long.TryParse(token.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out offset))
            {
                throw new TwilioErrorException(TwilioJson.Error(400, 20001, "Invalid PageToken"));
            }
        }

        var filters = string.Concat(request.Parameters
            .Where(p => Array.IndexOf(PagingParameters, p.Key) < 0)
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .SelectMany(p => p.Value.Select(v => "&" + Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(v ?? ""))));
        string PageUrl(int number, long? start) =>
            request.BaseUrl + path + "?PageSize=" + pageSize.ToString(CultureInfo.InvariantCulture) +
            "&Page=" + number.ToString(CultureInfo.InvariantCulture) +
            (start is { } s ? "&PageToken=PT" + s.ToString(CultureInfo.InvariantCulture) : "") + filters;

        var items = new JsonArray();
        for (var i = offset; i < records.Count && i < offset + pageSize; i++)
        {
            items.Add(records[(int)i]);
        }

        var hasNext = offset + pageSize < records.Count;
        var body = new JsonObject
        {
            [key] = items,
            ["meta"] = new JsonObject
            {
                ["page"] = page,
                ["page_size"] = pageSize,
                ["first_page_url"] = PageUrl(0, null),
                ["previous_page_url"] = page > 0 ? PageUrl(page - 1, Math.Max(0, offset - pageSize)) : null,
                ["url"] = PageUrl(page, request.Has("PageToken") ? offset : null),
                ["next_page_url"] = hasNext ? PageUrl(page + 1, offset + pageSize) : null,
                ["key"] = key,
            },
        };
        return ApiResponse.Ok(body);
    }
}
