using System.Linq;
using Authy.Validation;
using Xunit;

namespace Authy.Tests.Validation;

/// <summary>
/// The rules the cmdlets apply per record to values that bind from CSV columns (they used to be validation
/// attributes, which refused a row at binding without its record number), and the completion that replaced ValidateSet's.
/// </summary>
public class RecordRulesTests
{
    [Theory]
    [InlineData("sms")]
    [InlineData("WhatsApp")]
    public void OneOf_accepts_a_choice_in_any_case(string value) => Assert.Null(InputRules.OneOf("a channel", value, VerifyRules.Channels));

    [Fact]
    public void OneOf_names_what_was_expected_and_every_choice() =>
        Assert.Equal("'fax' is not a channel: use sms, call, email or whatsapp.", InputRules.OneOf("a channel", "fax", VerifyRules.Channels));

    [Theory]
    [InlineData("", "The verification code is empty.")]
    [InlineData("12", "'12' has 2 characters; a verification code has 4 to 10.")]
    [InlineData("12-4", "'12-4' is not a verification code: use only the letters A-Z and the digits 0-9.")]
    public void Verify_code_messages_speak_of_a_verification_code(string value, string message) =>
        Assert.Equal(message, VerifyRules.VerificationCode(value));

    [Fact]
    public void Custom_code_messages_still_speak_of_a_custom_code() =>
        Assert.Equal("The custom code is empty.", PhoneVerificationRules.CustomCode(string.Empty));

    [Theory]
    [InlineData("es", true)]
    [InlineData("pt-BR", true)]
    [InlineData("pt_BR", true)]
    [InlineData("e", false)]
    [InlineData("en\n", false)]
    [InlineData("english-language", false)]
    public void Token_locale_has_the_shape_Authy_takes(string value, bool accepted) =>
        Assert.Equal(accepted, TokenRules.Locale(value) == null);

    [Theory]
    [InlineData(3, false)]
    [InlineData(4, true)]
    [InlineData(10, true)]
    [InlineData(11, false)]
    public void Code_length_is_4_to_10(int value, bool accepted) =>
        Assert.Equal(accepted, PhoneVerificationRules.CodeLength(value) == null);

    [Fact]
    public void Completers_offer_the_values_that_start_with_what_is_typed_in_alphabetical_order()
    {
        Assert.Equal(new[] { "call", "email", "sms", "whatsapp" }, new VerifyChannelCompleter().CompleteArgument("Send-TwilioVerification", "Channel", string.Empty, null!, null!).Select(result => result.CompletionText));
        Assert.Equal(new[] { "call" }, new PhoneVerificationViaCompleter().CompleteArgument("Start-AuthyPhoneVerification", "Via", "'C", null!, null!).Select(result => result.CompletionText));
        Assert.Equal(new[] { "banned" }, new ActivityTypeCompleter().CompleteArgument("Register-AuthyUserActivity", "Type", "ba", null!, null!).Select(result => result.CompletionText));
    }
}
