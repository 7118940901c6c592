using System;
using Authy.Phones;
using Xunit;

namespace Authy.Tests.Phones;

/// <summary>
/// Phone numbers as people write them: each spelling of one number must give the same calling code and
/// national number, and what is truly not a number must be refused with a sentence that quotes it.
/// </summary>
public class PhoneNumberParserTests
{
    private static NormalizedPhoneNumber Parse(string phone, string? country)
    {
        var number = PhoneNumberParser.Normalize(phone, Country(country), out var problem, out var message);
        Assert.True(number != null, $"'{phone}' with '{country}' was refused ({problem}): {message}");
        Assert.Equal(PhoneProblem.None, problem);
        return number!;
    }

    private static CountryInput? Country(string? text)
    {
        var country = CountryInput.Parse(text, out var problem);
        Assert.Null(problem);
        return country;
    }

    [Theory]
    [InlineData("4155550100", "1")]
    [InlineData("(415) 555-0100", "1")]
    [InlineData("415-555-0100", "US")]
    [InlineData("415.555.0100", "us")]
    [InlineData("415 555 0100", " 1 ")]
    [InlineData("+1 415-555-0100", null)]
    [InlineData("+14155550100", null)]
    [InlineData("+1 (415) 555-0100", "+1")]
    [InlineData(" 415 555 0100 ", "001")]
    [InlineData("1-415-555-0100", "1")]
    [InlineData("14155550100", "1")]
    [InlineData("415\u00A0555\u00A00100", "CA")]
    [InlineData("415\u2013555\u20130100", "1")]
    public void Spellings_of_one_US_number_are_one_number(string phone, string? country)
    {
        var number = Parse(phone, country);
        Assert.Equal(1, number.CountryCode);
        Assert.Equal("4155550100", number.NationalNumber);
        Assert.Equal("+14155550100", number.E164);
    }

    [Fact]
    public void A_national_number_that_repeats_the_country_code_is_not_registered_as_a_longer_number()
    {
        Assert.Equal("5558791790", Parse("1-555-879-1790", "1").NationalNumber);
        Assert.Equal("7700900123", Parse("44 7700 900123", "44").NationalNumber);
    }

    [Theory]
    [InlineData("07700 900123", "44")]
    [InlineData("07700900123", "GB")]
    [InlineData("7700 900123", "gb")]
    [InlineData("+44 (0)7700 900123", null)]
    [InlineData("+44 7700 900123", "UK")]
    [InlineData("0044 7700 900123", "GB")]
    [InlineData("0044 7700 900123", null)]
    [InlineData("00 44 7700 900123", null)]
    [InlineData("0044 (0)7700 900123", null)]
    [InlineData("(+44) 7700 900123", null)]
    [InlineData("(+44) (0)7700 900123", "GB")]
    public void The_UK_trunk_prefix_is_dropped(string phone, string? country)
    {
        var number = Parse(phone, country);
        Assert.Equal(44, number.CountryCode);
        Assert.Equal("7700900123", number.NationalNumber);
    }

    [Theory]
    [InlineData("06 1234 5678", "39", "0612345678")]
    [InlineData("+39 06 1234 5678", null, "0612345678")]
    [InlineData("0151 23456789", "DE", "15123456789")]
    [InlineData("06 12 34 56 78", "FR", "612345678")]
    [InlineData("090-1234-5678", "JP", "9012345678")]
    [InlineData("0412 345 678", "AU", "412345678")]
    [InlineData("(11) 91234-5678", "BR", "11912345678")]
    [InlineData("098765 43210", "IN", "9876543210")]
    [InlineData("612 34 56 78", "ES", "612345678")]
    public void Each_country_keeps_or_drops_its_leading_zero_as_its_numbering_plan_says(string phone, string? country, string national) =>
        Assert.Equal(national, Parse(phone, country).NationalNumber);

    [Theory]
    [InlineData("555-CALL-NOW", "1", "letters")]
    [InlineData("1-800-FLOWERS", "1", "letters")]
    [InlineData("415 555 0100 ext 12", "1", "is an extension")]
    [InlineData("415 555 0100 call after 5", "1", "letters")]
    [InlineData("4.15555E+09", "1", "scientific notation")]
    [InlineData("415 555 0100\u200E", "1", "U+200E")]
    [InlineData("415 555\u00AD0100", "1", "U+00AD")]
    [InlineData("4,15555E+09", "1", "scientific notation")]
    [InlineData("555-01", "1", "too short")]
    [InlineData("4155550100999999", "1", "too long")]
    [InlineData("415#555#0100", "1", "'#' is not allowed")]
    [InlineData("4155550100\n", "1", "U+000A")]
    [InlineData("415+5550100", "1", "'+' is not allowed")]
    [InlineData("\u0664\u0661\u0665\u0665\u0665\u0665\u0660\u0661\u0660\u0660", "1", "U+0664")]
    [InlineData("+999 1234 5678", null, "calling code")]
    [InlineData("", "1", "empty")]
    public void What_is_not_a_number_is_refused_with_the_value_quoted(string phone, string? country, string reason)
    {
        var number = PhoneNumberParser.Normalize(phone, Country(country), out var problem, out var message);
        Assert.Null(number);
        Assert.Equal(PhoneProblem.InvalidPhoneNumber, problem);
        Assert.Contains(reason, message, StringComparison.Ordinal);
        if (phone.Length > 0)
        {
            Assert.Contains(string.Concat("'", phone.Trim('\n').AsSpan(0, Math.Min(8, phone.Trim('\n').Length))), message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_expected_lengths_are_named()
    {
        PhoneNumberParser.Normalize("7700 9001", Country("GB"), out _, out var message);
        Assert.Contains("7, 9 or 10 digits", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_plus_that_contradicts_the_country_is_refused()
    {
        var number = PhoneNumberParser.Normalize("+44 7700 900123", Country("1"), out var problem, out var message);
        Assert.Null(number);
        Assert.Equal(PhoneProblem.InvalidCountryCode, problem);
        Assert.Contains("+44", message, StringComparison.Ordinal);
        Assert.Contains("'1'", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("415-555-0100 ext. 12", "ext. 12")]
    [InlineData("415-555-0100 x123", "x123")]
    [InlineData("415-555-0100x123", "x123")]
    [InlineData("+1 415 555 0100;ext=123", ";ext=123")]
    [InlineData("(415) 555-0100 #12", "#12")]
    [InlineData("415 555 0100 Extension 7", "Extension 7")]
    public void An_extension_is_refused_naming_what_to_drop(string phone, string extension)
    {
        var number = PhoneNumberParser.Normalize(phone, CountryInput.Parse("US", out _), out var problem, out var message);
        Assert.Null(number);
        Assert.Equal(PhoneProblem.InvalidPhoneNumber, problem);
        Assert.Contains($"'{extension}' is an extension", message, StringComparison.Ordinal);
        Assert.DoesNotContain("Write digits", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_national_number_without_a_country_says_the_country_is_missing()
    {
        var number = PhoneNumberParser.Normalize("415 555 0100", null, out var problem, out var message);
        Assert.Null(number);
        Assert.Equal(PhoneProblem.MissingCountry, problem);
        Assert.Contains("no country", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fictional_ranges_are_accepted_because_only_the_length_is_checked() =>
        Assert.Equal("5557000001", Parse("555-700-0001", "1").NationalNumber);
}
