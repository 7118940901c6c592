using System;
using System.Management.Automation;
using System.Security;
using Authy.Http;
using Authy.Session;
using Authy.Validation;
using Xunit;

namespace Authy.Tests.Validation;

/// <summary>The rules added against hostile input: free text, whole numbers, IP addresses, keys and proxies.</summary>
public class TextRulesTests
{
    [Theory]
    [InlineData("login")]
    [InlineData("Überweisung bestätigen")]
    [InlineData("\u05e9\u05dc\u05d5\u05dd \u200f!")] // Hebrew with a right-to-left mark: allowed.
    [InlineData("emoji \ud83d\udd12 ok")]
    public void Text_accepts_ordinary_single_lines(string value) => Assert.Null(TextRules.Text("Text", value, 255, multiline: false));

    [Theory]
    [InlineData("", "empty")]
    [InlineData("   ", "empty")]
    [InlineData("a\r\nb", "U+000D")]
    [InlineData("a\0b", "U+0000")]
    [InlineData("a\u202eb", "bidirectional")]
    [InlineData("a\u2066b", "bidirectional")]
    public void Text_refuses_blank_control_bidi_and_broken_text(string value, string reason) =>
        Assert.Contains(reason, TextRules.Text("Text", value, 255, multiline: false), StringComparison.Ordinal);

    [Fact]
    public void Text_refuses_a_lone_surrogate() =>
        // Built at run time: a lone surrogate in attribute data does not survive xunit's serialisation.
        Assert.Contains("surrogate", TextRules.Text("Text", "a" + (char)0xD800 + "b", 255, multiline: false), StringComparison.Ordinal);

    [Fact]
    public void Multiline_text_allows_line_breaks_but_not_other_controls()
    {
        Assert.Null(TextRules.Text("Text", "line one\r\nline two\tend", 255, multiline: true));
        Assert.NotNull(TextRules.Text("Text", "bell\a", 255, multiline: true));
        Assert.Contains("at most 5", TextRules.Text("Text", "abcdef", 5, multiline: true), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("007", "007")]
    [InlineData(" 42 ", "42")]
    [InlineData("+1", "+1")]
    public void WholeNumber_keeps_digit_text(string input, string expected) =>
        Assert.Equal(expected, new WholeNumberAttribute().Transform(null!, input));

    [Theory]
    [InlineData("1.5")]
    [InlineData("1e3")]
    [InlineData("0x10")]
    [InlineData("1kb")]
    [InlineData(" 2.0 ")]
    public void WholeNumber_refuses_other_spellings_of_numbers(string input) =>
        Assert.Throws<ArgumentTransformationMetadataException>(() => new WholeNumberAttribute().Transform(null!, input));

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("../1")]
    public void WholeNumber_leaves_text_that_is_no_number_to_PowerShell(string input) =>
        Assert.Same(input, new WholeNumberAttribute().Transform(null!, input));

    [Fact]
    public void WholeNumber_refuses_fractions_and_booleans_and_leaves_objects_alone()
    {
        Assert.Throws<ArgumentTransformationMetadataException>(() => new WholeNumberAttribute().Transform(null!, 1.5));
        Assert.Throws<ArgumentTransformationMetadataException>(() => new WholeNumberAttribute().Transform(null!, 2.5m));
        Assert.Throws<ArgumentTransformationMetadataException>(() => new WholeNumberAttribute().Transform(null!, double.NaN));
        Assert.Throws<ArgumentTransformationMetadataException>(() => new WholeNumberAttribute().Transform(null!, true));
        Assert.Equal(3.0, new WholeNumberAttribute().Transform(null!, 3.0));
        var record = new object();
        Assert.Same(record, new WholeNumberAttribute().Transform(null!, record));
    }

    [Theory]
    [InlineData("203.0.113.7", true)]
    [InlineData("0.0.0.0", true)]
    [InlineData("2001:db8::7", true)]
    [InlineData("::1", true)]
    [InlineData("1", false)]
    [InlineData("010.0.0.1", false)]
    [InlineData("0x7f.0.0.1", false)]
    [InlineData("256.1.1.1", false)]
    [InlineData("fe80::1%eth0", false)]
    [InlineData("203.0.113.7\n", false)]
    public void IpAddress_takes_only_plain_spellings(string value, bool valid)
    {
        Assert.Equal(valid, InputRules.IpAddress(value) == null);
    }

    [Fact]
    public void Uuid_and_phone_rules_refuse_a_trailing_line_break()
    {
        Assert.NotNull(OneTouchRules.Uuid("550e8400-e29b-41d4-a716-446655440000\n"));
        Assert.Null(Authy.Phones.PhoneNumberParser.Normalize("5551234567\n", null, out _, out var phoneMessage));
        Assert.Contains("U+000A", phoneMessage);
        Assert.NotNull(InputRules.Email("a@example.com\n"));
    }

    [Theory]
    [InlineData("\u200Bzw@example.com", "U+200B")]
    [InlineData("ada@exa\u00ADmple.com", "U+00AD")]
    [InlineData("ada\u2060@example.com", "U+2060")]
    public void An_email_with_an_invisible_character_is_refused_naming_it(string email, string named)
    {
        var problem = InputRules.Email(email);
        Assert.NotNull(problem);
        Assert.Contains(named, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_joiner_inside_a_non_latin_word_of_an_address_is_allowed() =>
        Assert.Null(InputRules.Email("info@\u0645\u06CC\u200C\u0647\u0627.example"));

    [Theory]
    [InlineData("abc def")]
    [InlineData("abc\r\nX-Evil: 1")]
    [InlineData("k\u00e9y")]
    [InlineData("abc\0def")]
    public void ApiKey_must_be_visible_ascii_and_the_message_never_repeats_it(string key)
    {
        var problem = AuthySession.CheckApiKey(SecureText.Protect(key));
        Assert.NotNull(problem);
        Assert.DoesNotContain(key, problem, StringComparison.Ordinal);
        Assert.DoesNotContain("abc", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Reveal_keeps_a_NUL_inside_the_text() =>
        Assert.Equal("abc\0def", SecureText.Reveal(SecureText.Protect("abc\0def")));

    [Fact]
    public void Proxy_must_be_http_or_https()
    {
        Assert.Throws<ArgumentException>(() => new AuthyClientSettings(new Uri("https://api.authy.com"), proxy: new Uri("javascript:alert(1)")));
        Assert.Throws<ArgumentException>(() => new AuthyClientSettings(new Uri("https://api.authy.com"), proxy: new Uri("file:///etc/passwd")));
        Assert.Equal(new Uri("http://proxy:8080"), new AuthyClientSettings(new Uri("https://api.authy.com"), proxy: new Uri("http://proxy:8080")).Proxy);
    }

    [Fact]
    public void Shorten_shows_control_and_bidi_characters_as_escapes() =>
        Assert.Equal("a\\u202Eb\\r\\n\\u0000", InputRules.Shorten("a\u202eb\r\n\0"));
}
