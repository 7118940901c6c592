using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Management.Automation;
using Authy.Validation;
using Xunit;

namespace Authy.Tests.Validation;

/// <summary>The token rule and the flat hash conversion used by Test-AuthyToken and Register-AuthyUserActivity.</summary>
public class TokenRulesTests
{
    [Theory]
    [InlineData("123456")]
    [InlineData("0000001")]
    [InlineData("1234567890")]
    public void Token_accepts_6_to_10_digits(string token) => Assert.Null(TokenRules.Token(token));

    [Theory]
    [InlineData(null, "empty")]
    [InlineData("", "empty")]
    [InlineData("12345", "5 digits")]
    [InlineData("12345678901", "11 digits")]
    [InlineData("abcdefg", "only digits")]
    [InlineData(" 1234567", "only digits")]
    [InlineData("-123456", "only digits")]
    public void Token_refuses_other_shapes_saying_why(string? token, string reason) =>
        Assert.Contains(reason, TokenRules.Token(token), System.StringComparison.Ordinal);

    [Fact]
    public void FlatHash_converts_values_invariantly_in_order()
    {
        var data = new OrderedDictionary
        {
            { "reason", "spam" },
            { "count", 3 },
            { "ratio", 1.5 },
            { "flag", true },
            { "none", null },
            { "wrapped", new PSObject("text") },
        };

        var pairs = FlatParameterHash.TryConvert(data, "Data", out var problem);

        Assert.Null(problem);
        Assert.Equal(
            new[]
            {
                new KeyValuePair<string, string>("reason", "spam"),
                new KeyValuePair<string, string>("count", "3"),
                new KeyValuePair<string, string>("ratio", "1.5"),
                new KeyValuePair<string, string>("flag", "true"),
                new KeyValuePair<string, string>("none", string.Empty),
                new KeyValuePair<string, string>("wrapped", "text"),
            },
            pairs);
    }

    [Fact]
    public void FlatHash_of_null_is_empty() => Assert.Empty(FlatParameterHash.TryConvert(null, "Data", out _)!);

    [Theory]
    [InlineData("a[b]", "x", "square brackets")]
    [InlineData(" ", "x", "square brackets")]
    [InlineData("list", null, "collection")]
    [InlineData("nested", "dict", "collection")]
    public void FlatHash_refuses_what_would_not_stay_flat(string key, string? kind, string reason)
    {
        object? value = kind == null ? new[] { 1, 2 } : kind == "dict" ? new Hashtable { { "a", 1 } } : (object)kind;
        var data = new Hashtable { { key, value } };

        var pairs = FlatParameterHash.TryConvert(data, "Data", out var problem);

        Assert.Null(pairs);
        Assert.Contains(reason, problem, System.StringComparison.Ordinal);
        Assert.StartsWith("-Data", problem, System.StringComparison.Ordinal);
    }
}
