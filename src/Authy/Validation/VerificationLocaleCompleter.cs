namespace Authy.Validation;

/// <summary>Tab completion for -Locale from the Verify v1 list.</summary>
public sealed class VerificationLocaleCompleter : ChoiceCompleter
{
    public VerificationLocaleCompleter()
        : base(PhoneVerificationRules.Locales)
    {
    }
}
