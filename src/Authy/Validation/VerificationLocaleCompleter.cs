using System.Collections;
using System.Management.Automation.Language;

namespace Authy.Validation;

/// <summary>Tab completion for -Locale from the Verify v1 list.</summary>
public sealed class VerificationLocaleCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var typed = (wordToComplete ?? string.Empty).Trim('\'', '"');
        foreach (var locale in PhoneVerificationRules.Locales)
        {
            if (locale.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
            {
                yield return new CompletionResult(locale, locale, CompletionResultType.ParameterValue, locale);
            }
        }
    }
}
