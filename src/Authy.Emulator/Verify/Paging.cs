namespace Authy.Emulator.Verify;

/// <summary>
/// List pages with all seven <c>meta</c> keys (docs/api/verify.md §3). <c>PageSize</c> 1–1000 (default 50),
/// <c>Page</c> is the client's page number. <c>PageToken</c> is opaque to clients and keyset-based, as
/// Twilio's is: <c>PA</c> and a record's <see cref="VerifyRecord.ListKey"/> asks for the records after
/// that record, <c>PB</c> and a key for the records before it. A token names a place in the list's
/// order, not an offset, so a client that deletes the records it was given while it pages (a
/// <c>Get-TwilioVerifyFactor | Remove-TwilioVerifyFactor</c> pipeline) skips none of the later ones,
/// and the record a token names need not exist any more. Without a token, <c>Page</c> times
/// <c>PageSize</c> is the offset. Page URLs carry this emulator's own host and keep the list's filters.
/// </summary>
internal static class Paging
{
    public const int DefaultPageSize = 50;

    private static readonly string[] PagingParameters = { "PageSize", "Page", "PageToken" };

    /// <summary>
    /// One page of <paramref name="records"/>, which are in creation order, or in reverse creation
    /// order when <paramref name="descending"/>. Only the page's records are turned into JSON.
    /// </summary>
    public static ApiResponse List<T>(
        VerifyRequest request, string path, string key, IReadOnlyList<T> records, Func<T, JsonObject> toJson, bool descending = false)
        where T : VerifyRecord
    {
        var pageSize = request.Int("PageSize", 1, 1000, TwilioJson.InvalidParameter) ?? DefaultPageSize;
        var page = request.Int("Page", 0, int.MaxValue, TwilioJson.InvalidParameter) ?? 0;

        // Positions along the list: a record's key, negated in a descending list, so that "after" is
        // always "greater" and the list is sorted by position either way.
        long Position(long listKey) => descending ? -listKey : listKey;
        long KeyAt(long position) => Math.Max(0, descending ? -position : position);

        // The first index whose record's position is above (or at, when inclusive) the bound.
        int IndexAfter(long bound, bool inclusive)
        {
            int low = 0, high = records.Count;
            while (low < high)
            {
                var middle = low + ((high - low) / 2);
                var at = Position(records[middle].ListKey);
                if (at > bound || (inclusive && at == bound))
                {
                    high = middle;
                }
                else
                {
                    low = middle + 1;
                }
            }

            return low;
        }

        int start, end;
        (char Kind, long Key)? token = null;
        if (request.Get("PageToken") is { } raw)
        {
            token = ParseToken(raw);
            if (token.Value.Kind == 'A')
            {
                start = IndexAfter(Position(token.Value.Key), inclusive: false);
                end = (int)Math.Min(records.Count, (long)start + pageSize);
            }
            else
            {
                end = IndexAfter(Position(token.Value.Key), inclusive: true);
                start = Math.Max(0, end - pageSize);
            }
        }
        else
        {
            start = (int)Math.Min(records.Count, (long)page * pageSize);
            end = (int)Math.Min(records.Count, (long)start + pageSize);
        }

        // The neighbours' tokens name this page's last and first records. An empty page has neither,
        // so they name the place its own token named, one step further out to take in a record there.
        long? nextPosition = null, previousPosition = null;
        if (start < end)
        {
            nextPosition = Position(records[end - 1].ListKey);
            previousPosition = Position(records[start].ListKey);
        }
        else if (token is { } empty)
        {
            var at = Position(empty.Key);
            (previousPosition, nextPosition) = empty.Kind == 'A' ? (at + 1, at) : (at, at - 1);
        }

        var filters = string.Concat(request.Parameters
            .Where(p => Array.IndexOf(PagingParameters, p.Key) < 0)
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .SelectMany(p => p.Value.Select(v => "&" + Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(v ?? ""))));
        string PageUrl(int number, string? pageToken) =>
            request.BaseUrl + path + "?PageSize=" + pageSize.ToString(CultureInfo.InvariantCulture) +
            "&Page=" + number.ToString(CultureInfo.InvariantCulture) +
            (pageToken is null ? "" : "&PageToken=" + pageToken) + filters;
        static string Token(char kind, long listKey) => "P" + kind + listKey.ToString(CultureInfo.InvariantCulture);

        var items = new JsonArray();
        for (var i = start; i < end; i++)
        {
            items.Add(toJson(records[i]));
        }

        // An empty page reached by Page alone has no record to name: its previous page is by offset too.
        var previousUrl = page == 0 ? null
            : previousPosition is { } before ? PageUrl(page - 1, Token('B', KeyAt(before)))
            : PageUrl(page - 1, null);
        var nextUrl = end < records.Count && nextPosition is { } after ? PageUrl(page + 1, Token('A', KeyAt(after))) : null;
        var body = new JsonObject
        {
            [key] = items,
            ["meta"] = new JsonObject
            {
                ["page"] = page,
                ["page_size"] = pageSize,
                ["first_page_url"] = PageUrl(0, null),
                ["previous_page_url"] = previousUrl,
                ["url"] = PageUrl(page, token is { } t ? Token(t.Kind, t.Key) : null),
                ["next_page_url"] = nextUrl,
                ["key"] = key,
            },
        };
        return ApiResponse.Ok(body);
    }

    /// <summary><c>PA</c> or <c>PB</c> and a record's list key; anything else is 400/20001, as is <see cref="long.MaxValue"/>, one past which would overflow.</summary>
    private static (char Kind, long Key) ParseToken(string token)
    {
        if (token.Length < 3 || token[0] != 'P' || token[1] is not ('A' or 'B') ||
            !long.TryParse(token.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out var listKey) ||
            listKey == long.MaxValue)
        {
            throw new TwilioErrorException(TwilioJson.Error(400, 20001, "Invalid PageToken"));
        }

        return (token[1], listKey);
    }
}
