using System.Collections.ObjectModel;

namespace Authy.Models;

/// <summary>
/// A read-only list in an output object (a user's devices, a request's logos) that writes itself as its items
/// joined with <c>;</c>. Export-Csv and ConvertTo-Csv write a property with its ToString(), so a plain array would
/// land in the CSV as <c>System.String[]</c>; this keeps the property a real list at the prompt (indexing,
/// <c>-contains</c>, <c>Count</c>, the pipeline) and makes the CSV cell readable: <c>sms;iphone</c>.
/// </summary>
public sealed class AuthyList<T> : ReadOnlyCollection<T>
{
    /// <summary>What separates the items in <see cref="ToString"/>; Import-Csv users split on it.</summary>
    public const string Separator = ";";

    public AuthyList(IList<T> items)
        : base(items)
    {
    }

    /// <summary>The empty list of <typeparamref name="T"/>, one per type; <see cref="AuthyList.Empty{T}"/> hands it out.</summary>
    internal static readonly AuthyList<T> EmptyList = new AuthyList<T>(Array.Empty<T>());

    public override string ToString() => string.Join(Separator, this.Select(item => item?.ToString() ?? string.Empty));
}

/// <summary>
/// Makes <see cref="AuthyList{T}"/>s. Static methods on a generic type need the type argument spelled out at
/// every call (CA1000); here it is inferred.
/// </summary>
internal static class AuthyList
{
    public static AuthyList<T> Empty<T>() => AuthyList<T>.EmptyList;

    /// <summary>A copy of <paramref name="items"/>, or the empty list for null.</summary>
    public static AuthyList<T> From<T>(IEnumerable<T>? items) =>
        items switch
        {
            null => Empty<T>(),
            AuthyList<T> list => list,
            _ => new AuthyList<T>(items.ToArray()),
        };
}
