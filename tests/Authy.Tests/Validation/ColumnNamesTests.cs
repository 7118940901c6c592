using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using Authy.Cmdlets.Infrastructure;
using Authy.Validation;
using Xunit;

namespace Authy.Tests.Validation;

/// <summary>
/// The column-name table is the one source: every alias a cmdlet declares for a column-bound parameter
/// must be in it, so the README and help, which are tested against the table, list every name that binds.
/// </summary>
public class ColumnNamesTests
{
    private static readonly Dictionary<string, IReadOnlyList<string>> TableByParameter = new Dictionary<string, IReadOnlyList<string>>
    {
        ["Email"] = ColumnNames.Email,
        ["Cellphone"] = ColumnNames.PhoneNumber,
        ["PhoneNumber"] = ColumnNames.PhoneNumber,
        ["CountryCode"] = ColumnNames.CountryCode,
        ["AuthyId"] = ColumnNames.AuthyId,
    };

    public static IEnumerable<object[]> ColumnBoundParameters()
    {
        var cmdlets = typeof(AuthyPipelineCmdlet).Assembly.GetTypes()
            .Where(type => !type.IsAbstract && typeof(AuthyPipelineCmdlet).IsAssignableFrom(type));
        foreach (var cmdlet in cmdlets)
        {
            foreach (var property in cmdlet.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                var byName = property.GetCustomAttributes<ParameterAttribute>().Any(parameter => parameter.ValueFromPipelineByPropertyName);
                if (byName && TableByParameter.ContainsKey(property.Name))
                {
                    yield return new object[] { cmdlet.Name, property.Name };
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(ColumnBoundParameters))]
    public void Every_alias_and_the_parameter_name_are_in_the_table(string cmdletName, string parameterName)
    {
        var cmdlet = typeof(AuthyPipelineCmdlet).Assembly.GetTypes().Single(type => type.Name == cmdletName);
        var property = cmdlet.GetProperty(parameterName)!;
        var names = property.GetCustomAttributes<AliasAttribute>().SelectMany(alias => alias.AliasNames).Append(parameterName);
        var table = TableByParameter[parameterName];
        foreach (var name in names)
        {
            Assert.True(ColumnNames.Matches(name, table), $"{cmdletName} -{parameterName} binds '{name}', which the column table does not list.");
        }
    }

    [Fact]
    public void Finds_the_cmdlets_to_check() => Assert.True(ColumnBoundParameters().Count() >= 15);

    [Theory]
    [InlineData("E-mail", "Email")]
    [InlineData("EMAIL_ADDRESS", "Email Address")]
    [InlineData("email address", "email_address")]
    [InlineData("mobile-phone", "Mobile Phone")]
    [InlineData("AUTHY ID", "authy_id")]
    public void Names_match_ignoring_case_spaces_dashes_and_underscores(string column, string name) =>
        Assert.Equal(ColumnNames.Key(name), ColumnNames.Key(column));

    [Fact]
    public void Find_takes_the_first_non_blank_column_in_the_tables_order()
    {
        var row = new[]
        {
            new KeyValuePair<string, object?>("Mobile", "  "),
            new KeyValuePair<string, object?>("Telephone", "020 7946 0000"),
            new KeyValuePair<string, object?>("Phone", "07700 900123"),
        };
        Assert.Equal("07700 900123", ColumnNames.Find(row, ColumnNames.PhoneNumber));
        Assert.Null(ColumnNames.Find(row, ColumnNames.Email));
    }

    [Fact]
    public void Find_with_blank_stops_reads_the_first_named_column_present_and_a_blank_there_as_no_value()
    {
        var row = new[]
        {
            new KeyValuePair<string, object?>("User ID", "7"),
            new KeyValuePair<string, object?>("authy_id", " "),
        };
        Assert.Equal("7", ColumnNames.Find(row, ColumnNames.AuthyId));
        Assert.Null(ColumnNames.Find(row, ColumnNames.AuthyId, blankStops: true));
        var filled = new[] { new KeyValuePair<string, object?>("authy_id", ""), new KeyValuePair<string, object?>("AuthyId", "12") };
        Assert.Equal("12", ColumnNames.Find(filled, ColumnNames.AuthyId, blankStops: true));
    }
}
