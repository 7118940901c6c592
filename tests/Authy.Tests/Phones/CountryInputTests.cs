using System;
using Authy.Phones;
using Xunit;

namespace Authy.Tests.Phones;

/// <summary>A country as a CSV column gives it: calling codes in several spellings and ISO codes in any case.</summary>
public class CountryInputTests
{
    [Theory]
    [InlineData("1", 1, "US")]
    [InlineData(" 1 ", 1, "US")]
    [InlineData("+44", 44, "GB")]
    [InlineData("0044", 44, "GB")]
    [InlineData("001", 1, "US")]
    [InlineData("US", 1, "US")]
    [InlineData("gb", 44, "GB")]
    [InlineData("De", 49, "DE")]
    [InlineData("CA", 1, "CA")]
    [InlineData("UK", 44, "GB")]
    [InlineData("United States of America", 1, "US")]
    [InlineData("Korea, Republic of", 82, "KR")]
    [InlineData("England", 44, "GB")]
    [InlineData("UAE", 971, "AE")]
    [InlineData("Viet Nam", 84, "VN")]
    [InlineData("800", 800, "001")]
    public void Reads_calling_codes_and_iso_codes(string text, int callingCode, string region)
    {
        var country = CountryInput.Parse(text, out var problem);
        Assert.Null(problem);
        Assert.NotNull(country);
        Assert.Equal(callingCode, country!.CallingCode);
        Assert.Equal(region, country.Region);
    }

    [Fact]
    public void Reads_a_whole_number_as_given_by_a_script() => Assert.Equal(49, CountryInput.Parse(49, out _)!.CallingCode);

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void A_blank_country_is_missing_not_wrong(string? text)
    {
        Assert.Null(CountryInput.Parse(text, out var problem));
        Assert.Null(problem);
    }

    [Theory]
    [InlineData("XX", "is not a country")]
    [InlineData("0", "is not a country calling code")]
    [InlineData("999", "is not a country calling code")]
    [InlineData("1.5", "is not a country")]
    [InlineData("0x1", "is not a country")]
    [InlineData("+", "is not a country")]
    [InlineData("1000", "is not a country calling code")]
    [InlineData("$(1)", "is not a country")]
    public void Refuses_what_is_no_country_and_quotes_it(string text, string reason)
    {
        Assert.Null(CountryInput.Parse(text, out var problem));
        Assert.Contains("'" + text + "' " + reason, problem, StringComparison.Ordinal);
    }
}
