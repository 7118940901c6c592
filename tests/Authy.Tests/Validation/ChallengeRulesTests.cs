using System;
using System.Collections;
using System.Collections.Specialized;
using System.Linq;
using Authy.Validation;
using Xunit;

namespace Authy.Tests.Validation;

/// <summary>ChallengeRules: push challenge inputs (identities: TotpRulesTests) as docs/api/verify.md §4.4–§4.6 and §5 allow them.</summary>
public class ChallengeRulesTests
{
    [Fact]
    public void Keeps_the_order_of_an_ordered_dictionary_in_the_fields()
    {
        var details = new OrderedDictionary { ["Zeta"] = "1", ["Alpha"] = 2, ["Mid"] = true };
        var fields = ChallengeRules.Fields(details, out var problem);
        Assert.Null(problem);
        Assert.Equal(new[] { "Zeta=1", "Alpha=2", "Mid=true" }, fields!.Select(f => f.Key + "=" + f.Value).ToArray());
    }

    [Theory]
    [InlineData(37, 1)]
    [InlineData(1, 129)]
    [InlineData(1, 0)]
    public void Refuses_labels_over_36_and_values_over_128_or_empty(int labelLength, int valueLength)
    {
        var details = new Hashtable { [new string('l', labelLength)] = new string('v', valueLength) };
        Assert.Null(ChallengeRules.Fields(details, out var problem));
        Assert.NotNull(problem);
    }

    [Fact]
    public void Refuses_21_fields()
    {
        var details = new Hashtable();
        for (var i = 0; i < 21; i++)
        {
            details["f" + i] = "v";
        }

        Assert.Null(ChallengeRules.Fields(details, out var problem));
        Assert.Contains("20", problem);
    }

    [Fact]
    public void Measures_hidden_details_as_the_JSON_sent()
    {
        // {"k":"…"} is 8 characters around the value; a quote is escaped to two.
        Assert.NotNull(ChallengeRules.HiddenDetails(new Hashtable { ["k"] = new string('h', 1016) }, out var atLimit));
        Assert.Null(atLimit);
        Assert.Null(ChallengeRules.HiddenDetails(new Hashtable { ["k"] = new string('h', 1017) }, out var tooLong));
        Assert.NotNull(tooLong);
        Assert.Null(ChallengeRules.HiddenDetails(new Hashtable { ["k"] = new string('"', 509) }, out var escaped));
        Assert.NotNull(escaped);
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(3600, true)]
    [InlineData(0, false)]
    [InlineData(3601, false)]
    [InlineData(-5, false)]
    public void Takes_lifetimes_of_1_second_to_60_minutes(int seconds, bool accepted) =>
        Assert.Equal(accepted, ChallengeRules.ExpiresIn(TimeSpan.FromSeconds(seconds)) == null);

    [Fact]
    public void Refuses_a_lifetime_that_is_not_whole_seconds() => Assert.NotNull(ChallengeRules.ExpiresIn(TimeSpan.FromMilliseconds(1500)));
}
