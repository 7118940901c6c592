using System.Collections;
using System.Management.Automation.Language;

namespace Authy.Validation;

/// <summary>
/// Tab completion for -CountryCode: calling codes with the country names, matched by the digits
/// typed so far or by a name ('New-AuthyUser -CountryCode ger' offers 49), and ISO 3166 codes by
/// their first letters ('-CountryCode g' offers GB).
/// </summary>
public sealed class CountryCodeCompleter : IArgumentCompleter
{
    // The most common calling codes; -CountryCode accepts every calling code and ISO code, this list only helps typing.
    private static readonly KeyValuePair<int, string>[] CallingCodes =
    {
        Code(1, "United States, Canada"), Code(7, "Russia, Kazakhstan"), Code(20, "Egypt"), Code(27, "South Africa"),
        Code(30, "Greece"), Code(31, "Netherlands"), Code(32, "Belgium"), Code(33, "France"), Code(34, "Spain"),
        Code(36, "Hungary"), Code(39, "Italy"), Code(40, "Romania"), Code(41, "Switzerland"), Code(43, "Austria"),
        Code(44, "United Kingdom"), Code(45, "Denmark"), Code(46, "Sweden"), Code(47, "Norway"), Code(48, "Poland"),
        Code(49, "Germany"), Code(51, "Peru"), Code(52, "Mexico"), Code(53, "Cuba"), Code(54, "Argentina"),
        Code(55, "Brazil"), Code(56, "Chile"), Code(57, "Colombia"), Code(58, "Venezuela"), Code(60, "Malaysia"),
        Code(61, "Australia"), Code(62, "Indonesia"), Code(63, "Philippines"), Code(64, "New Zealand"),
        Code(65, "Singapore"), Code(66, "Thailand"), Code(81, "Japan"), Code(82, "South Korea"), Code(84, "Vietnam"),
        Code(86, "China"), Code(90, "Turkey"), Code(91, "India"), Code(92, "Pakistan"), Code(93, "Afghanistan"),
        Code(94, "Sri Lanka"), Code(95, "Myanmar"), Code(98, "Iran"), Code(212, "Morocco"), Code(213, "Algeria"),
        Code(216, "Tunisia"), Code(218, "Libya"), Code(220, "Gambia"), Code(221, "Senegal"), Code(233, "Ghana"),
        Code(234, "Nigeria"), Code(254, "Kenya"), Code(255, "Tanzania"), Code(256, "Uganda"), Code(260, "Zambia"),
        Code(263, "Zimbabwe"), Code(351, "Portugal"), Code(352, "Luxembourg"), Code(353, "Ireland"),
        Code(354, "Iceland"), Code(356, "Malta"), Code(357, "Cyprus"), Code(358, "Finland"), Code(359, "Bulgaria"),
        Code(370, "Lithuania"), Code(371, "Latvia"), Code(372, "Estonia"), Code(380, "Ukraine"), Code(381, "Serbia"),
        Code(385, "Croatia"), Code(386, "Slovenia"), Code(420, "Czech Republic"), Code(421, "Slovakia"),
        Code(502, "Guatemala"), Code(503, "El Salvador"), Code(504, "Honduras"), Code(505, "Nicaragua"),
        Code(506, "Costa Rica"), Code(507, "Panama"), Code(591, "Bolivia"), Code(593, "Ecuador"), Code(595, "Paraguay"),
        Code(598, "Uruguay"), Code(852, "Hong Kong"), Code(853, "Macau"), Code(855, "Cambodia"), Code(880, "Bangladesh"),
        Code(886, "Taiwan"), Code(961, "Lebanon"), Code(962, "Jordan"), Code(965, "Kuwait"), Code(966, "Saudi Arabia"),
        Code(971, "United Arab Emirates"), Code(972, "Israel"), Code(974, "Qatar"), Code(977, "Nepal"),
    };

    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var typed = (wordToComplete ?? string.Empty).Trim('\'', '"', '+', ' ');
        foreach (var entry in CallingCodes)
        {
            var digits = entry.Key.ToString(CultureInfo.InvariantCulture);
            if (digits.StartsWith(typed, StringComparison.Ordinal)
                || (typed.Length > 2 && entry.Value.IndexOf(typed, StringComparison.OrdinalIgnoreCase) >= 0))
            {
                yield return new CompletionResult(digits, $"{digits} ({entry.Value})", CompletionResultType.ParameterValue, $"+{digits} {entry.Value}");
            }
        }

        // ISO 3166 codes (-CountryCode takes them too): 'g' offers GB, GR, ...; only once a letter is typed,
        // so an empty word lists the calling codes people know best rather than 245 regions.
        if (typed.Length is 1 or 2 && char.IsLetter(typed[0]))
        {
            foreach (var region in Phones.PhoneNumberParser.Regions())
            {
                if (region.Key.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
                {
                    var calling = region.Value.ToString(CultureInfo.InvariantCulture);
                    yield return new CompletionResult(region.Key, $"{region.Key} (+{calling})", CompletionResultType.ParameterValue, $"{region.Key}: calling code +{calling}");
                }
            }
        }
    }

    private static KeyValuePair<int, string> Code(int code, string countries) => new KeyValuePair<int, string>(code, countries);
}
