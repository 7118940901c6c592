using System.Collections;
using System.Management.Automation.Language;

namespace Authy.Validation;

/// <summary>
/// Tab completion from a fixed list. The parameters that bind from piped records check their list per record
/// (a ValidateSet would refuse a blank CSV cell at binding, without the record's number), so completion, which
/// ValidateSet gave for free, comes from here, in the same alphabetical order.
/// </summary>
public abstract class ChoiceCompleter : IArgumentCompleter
{
    private readonly IReadOnlyList<string> _choices;

    protected ChoiceCompleter(IReadOnlyList<string> choices)
    {
        _choices = choices;
    }

    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var typed = (wordToComplete ?? string.Empty).Trim('\'', '"');
        return _choices
            .Where(choice => choice.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
            .OrderBy(choice => choice, StringComparer.OrdinalIgnoreCase)
            .Select(choice => new CompletionResult(choice, choice, CompletionResultType.ParameterValue, choice))
            .ToList();
    }
}

/// <summary>Send-TwilioVerification -Channel.</summary>
public sealed class VerifyChannelCompleter : ChoiceCompleter
{
    public VerifyChannelCompleter()
        : base(VerifyRules.Channels)
    {
    }
}

/// <summary>Start-AuthyPhoneVerification -Via.</summary>
public sealed class PhoneVerificationViaCompleter : ChoiceCompleter
{
    public PhoneVerificationViaCompleter()
        : base(PhoneVerificationRules.Vias)
    {
    }
}

/// <summary>Register-AuthyUserActivity -Type.</summary>
public sealed class ActivityTypeCompleter : ChoiceCompleter
{
    public ActivityTypeCompleter()
        : base(InputRules.ActivityTypes)
    {
    }
}
