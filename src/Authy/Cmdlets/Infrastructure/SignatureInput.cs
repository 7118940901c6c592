using System.Collections;

namespace Authy.Cmdlets.Infrastructure;

/// <summary>
/// How the two signature cmdlets (Test-AuthyCallbackSignature, Test-TwilioRequestSignature) read a request
/// as a web framework hands it over: its headers, and its URL exactly as it was called.
/// </summary>
internal static class SignatureInput
{
    /// <summary>A header's value (the first, when it repeats), trimmed; names in any case; null when absent.</summary>
    internal static string? HeaderValue(IDictionary headers, string name)
    {
        foreach (DictionaryEntry entry in headers)
        {
            var entryName = Convert.ToString(entry.Key is PSObject key ? key.BaseObject : entry.Key, CultureInfo.InvariantCulture)?.Trim();
            if (string.Equals(entryName, name, StringComparison.OrdinalIgnoreCase))
            {
                var value = entry.Value is PSObject wrapped ? wrapped.BaseObject : entry.Value;
                if (value is string text)
                {
                    return text.Trim();
                }

                if (value is IEnumerable values)
                {
                    foreach (var item in values)
                    {
                        return Convert.ToString(item is PSObject inner ? inner.BaseObject : item, CultureInfo.InvariantCulture)?.Trim();
                    }

                    return null;
                }

                return Convert.ToString(value, CultureInfo.InvariantCulture)?.Trim();
            }
        }

        return null;
    }
}
