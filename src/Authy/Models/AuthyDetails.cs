using System.Collections.ObjectModel;

namespace Authy.Models;

/// <summary>
/// The details or hidden details of a OneTouch request: a read-only dictionary that writes itself as
/// <c>key=value</c> pairs joined with <c>;</c>. Export-Csv writes a property with its ToString(), and a plain
/// dictionary would land in the CSV as its type name.
/// </summary>
public sealed class AuthyDetails : ReadOnlyDictionary<string, string>
{
    private AuthyDetails(IEnumerable<KeyValuePair<string, string>> entries)
        : base(entries.ToDictionary(entry => entry.Key, entry => entry.Value, StringComparer.Ordinal))
    {
    }

    /// <summary>A copy of <paramref name="details"/>; null stays null (Authy sent none).</summary>
    public static AuthyDetails? From(IEnumerable<KeyValuePair<string, string>>? details) =>
        details switch
        {
            null => null,
            AuthyDetails copy => copy,
            _ => new AuthyDetails(details),
        };

    public override string ToString() => string.Join(AuthyList<string>.Separator, this.Select(entry => entry.Key + "=" + entry.Value));
}
