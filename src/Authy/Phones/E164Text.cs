using System.Text;

namespace Authy.Phones;

/// <summary>The E.164 spelling of a calling code and national number, for the models' <c>E164</c> property.</summary>
internal static class E164Text
{
    /// <summary><c>+</c>, the calling code and the national number's digits; null when either is unknown.</summary>
    public static string? From(int? countryCode, string? nationalNumber)
    {
        if (countryCode == null || countryCode <= 0 || string.IsNullOrEmpty(nationalNumber))
        {
            return null;
        }

        var text = new StringBuilder("+").Append(countryCode.Value.ToString(CultureInfo.InvariantCulture));
        foreach (var character in nationalNumber!)
        {
            if (character >= '0' && character <= '9')
            {
                text.Append(character);
            }
        }

        return text.ToString();
    }
}
