using Authy.Validation;
using Xunit;

namespace Authy.Tests.Verify;

/// <summary>VerifyRules.CanonicalLocale: locales as exports and people write them, as Twilio spells them.</summary>
public class VerifyLocaleTests
{
    [Theory]
    [InlineData("EN", "en")]
    [InlineData("pt_br", "pt-BR")]
    [InlineData("PT-BR", "pt-BR")]
    [InlineData("zh-hant", "zh-Hant")]
    [InlineData("en-GB", "en-GB")]
    public void A_locale_is_sent_as_Twilio_spells_it(string given, string sent)
    {
        Assert.Null(VerifyRules.Locale(given));
        Assert.Equal(sent, VerifyRules.CanonicalLocale(given));
    }
}
