using System.Collections.ObjectModel;

namespace Authy.Verify.Models;

/// <summary>
/// A push challenge's Details.Fields: the label/value pairs in the order the phone shows them, written as
/// <c>label=value;label=value</c> (like a OneTouch request's details) so that Export-Csv gives a readable cell
/// instead of a type name, while <c>$c.Fields[0].Key</c> and <c>.Value</c> still work at the prompt.
/// </summary>
public sealed class TwilioChallengeFields : ReadOnlyCollection<KeyValuePair<string, string>>
{
    private TwilioChallengeFields(IList<KeyValuePair<string, string>> fields)
        : base(fields)
    {
    }

    public static TwilioChallengeFields Empty { get; } = new TwilioChallengeFields(Array.Empty<KeyValuePair<string, string>>());

    /// <summary>A copy of <paramref name="fields"/>; null is the empty list.</summary>
    public static TwilioChallengeFields From(IEnumerable<KeyValuePair<string, string>>? fields) =>
        fields switch
        {
            null => Empty,
            TwilioChallengeFields copy => copy,
            _ => new TwilioChallengeFields(fields.ToArray()),
        };

    public override string ToString() => string.Join(AuthyList<string>.Separator, this.Select(field => field.Key + "=" + field.Value));
}
