using System.Text;

namespace Authy.Validation;

/// <summary>
/// The one table of the column names each piped value binds from, as HR systems, spreadsheets and other
/// tools export them. The parameters' aliases are a subset of it (a test checks), the cmdlets resolve the
/// rest from the piped record through <see cref="Find"/>, and the README and help list it (tests check).
/// Names match ignoring case, spaces, dashes and underscores: <c>E-mail</c>, <c>e_mail</c> and <c>EMAIL</c>
/// are one name.
/// </summary>
public static class ColumnNames
{
    public static readonly IReadOnlyList<string> Email = new[] { "Email", "E-mail", "Email Address", "Mail", "email_address", "Work Email", "E-mail 1 - Value" };

    // Mobile names first: a row with both a Phone and a Mobile column gets its SMS and voice codes on the mobile.
    public static readonly IReadOnlyList<string> PhoneNumber = new[]
    {
        "Cellphone", "Mobile", "Mobile Phone", "Mobile Number", "Mobile Phone Number", "Cell", "Cell Phone", "Cell Phone Number", "Cell #",
        "Phone (Mobile)", "Phone", "Phone Number", "Telephone", "phone_number", "Phone 1 - Value",
    };

    public static readonly IReadOnlyList<string> CountryCode = new[] { "CountryCode", "Country Code", "country_code", "Country", "Country/Region", "Country Region" };

    public static readonly IReadOnlyList<string> AuthyId = new[] { "AuthyId", "Authy ID", "authy_id", "Id", "UserId", "user_id" };

    /// <summary>The <see cref="AuthyId"/> names that may as well be another system's id: they count only without an Authy one.</summary>
    public static readonly IReadOnlyList<string> GenericId = new[] { "Id", "UserId", "user_id" };

    /// <summary>
    /// The key a name is compared by: lower case, without spaces, dashes (the typographic ones a word processor
    /// makes of '-' too), underscores and the invisible marks exports leave (a byte-order mark on the first header).
    /// </summary>
    public static string Key(string name)
    {
        var key = new StringBuilder(name.Length);
        foreach (var character in name)
        {
            if (character != ' ' && character != '-' && character != '_' && !char.IsWhiteSpace(character)
                && !(character >= '\u2010' && character <= '\u2015') && character != '\u2212'
                && char.GetUnicodeCategory(character) != UnicodeCategory.Format)
            {
                key.Append(char.ToLowerInvariant(character));
            }
        }

        return key.ToString();
    }

    /// <summary>Whether <paramref name="column"/> is one of <paramref name="names"/>.</summary>
    public static bool Matches(string column, IReadOnlyList<string> names)
    {
        var key = Key(column);
        return names.Any(name => Key(name) == key);
    }

    /// <summary>
    /// The first column of <paramref name="columns"/> (name, value pairs in the record's order) that is one
    /// of <paramref name="names"/> and has a value that is not blank, trying the names in the table's order.
    /// With <paramref name="blankStops"/>, the first of the names the record has at all decides, and a blank
    /// value there is no value: for an id, falling through to another column (a "User ID" of another system,
    /// when the "authy_id" cell is empty) would act on somebody else.
    /// </summary>
    public static object? Find(IEnumerable<KeyValuePair<string, object?>> columns, IReadOnlyList<string> names, bool blankStops = false)
    {
        var byKey = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var column in columns)
        {
            var key = Key(column.Key);
            if (!IsBlank(column.Value) ? !byKey.TryGetValue(key, out var kept) || IsBlank(kept) : !byKey.ContainsKey(key))
            {
                byKey[key] = column.Value;
            }
        }

        foreach (var name in names)
        {
            if (byKey.TryGetValue(Key(name), out var value) && (blankStops || !IsBlank(value)))
            {
                return IsBlank(value) ? null : value;
            }
        }

        return null;
    }

    /// <summary>Whether any column is named one of <paramref name="names"/>, blank or not.</summary>
    public static bool Has(IEnumerable<KeyValuePair<string, object?>> columns, IReadOnlyList<string> names)
    {
        var keys = new HashSet<string>(names.Select(Key), StringComparer.Ordinal);
        return columns.Any(column => keys.Contains(Key(column.Key)));
    }

    /// <summary>A value that says nothing: null, empty or white space.</summary>
    public static bool IsBlank(object? value)
    {
        var raw = value is System.Management.Automation.PSObject wrapped ? wrapped.BaseObject : value;
        return raw == null || (raw is string text && text.Trim().Length == 0);
    }
}
