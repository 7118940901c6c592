using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Linq;

namespace Authy.Models
{
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

        public static AuthyList<T> Empty { get; } = new AuthyList<T>(Array.Empty<T>());

        /// <summary>A copy of <paramref name="items"/>, or the empty list for null.</summary>
        public static AuthyList<T> From(IEnumerable<T>? items) =>
            items switch
            {
                null => Empty,
                AuthyList<T> list => list,
                _ => new AuthyList<T>(items.ToArray()),
            };

        public override string ToString() => string.Join(Separator, this.Select(item => item?.ToString() ?? string.Empty));
    }
}
