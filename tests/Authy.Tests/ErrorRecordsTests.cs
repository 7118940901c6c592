using System;
using System.Management.Automation;
using Authy.Cmdlets.Infrastructure;
using Authy.Http;
using Xunit;

namespace Authy.Tests;

/// <summary>AuthyErrorRecords: the ErrorRecord a failure becomes (ErrorId, category, target, recommended action).</summary>
public class ErrorRecordsTests
{
    [Theory]
    [InlineData("60001", 401, ErrorCategory.AuthenticationError)]
    [InlineData("60020", 401, ErrorCategory.AuthenticationError)]
    [InlineData("60003", 429, ErrorCategory.LimitsExceeded)]
    [InlineData("60007", 503, ErrorCategory.NotEnabled)]
    [InlineData("60026", 404, ErrorCategory.ObjectNotFound)]
    [InlineData("60049", 404, ErrorCategory.ObjectNotFound)]
    [InlineData("60027", 400, ErrorCategory.InvalidArgument)]
    [InlineData("60060", 503, ErrorCategory.ResourceUnavailable)]
    [InlineData("60082", 403, ErrorCategory.PermissionDenied)]
    [InlineData(null, 404, ErrorCategory.ObjectNotFound)]
    [InlineData(null, 429, ErrorCategory.LimitsExceeded)]
    [InlineData(null, 418, ErrorCategory.NotSpecified)]
    public void Api_errors_get_a_category_by_code_then_status(string? code, int status, ErrorCategory expected)
    {
        Assert.Equal(expected, AuthyErrorRecords.CategoryOf(new AuthyApiException(status, code, "Text.")));
    }

    [Fact]
    public void Malformed_and_unknown_outcome_have_their_own_categories()
    {
        Assert.Equal(ErrorCategory.ProtocolError, AuthyErrorRecords.CategoryOf(new AuthyApiException(200, null, "x", malformedReply: true)));
        Assert.Equal(ErrorCategory.OperationTimeout, AuthyErrorRecords.CategoryOf(new AuthyApiException(503, null, "x", outcomeUnknown: true)));
    }

    [Fact]
    public void Api_error_record_carries_error_id_target_and_action()
    {
        var failure = new AuthyApiException(404, "60026", "User not found.");

        var record = AuthyErrorRecords.From(failure, 1635L);

        Assert.Equal("Authy.60026", record.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, record.CategoryInfo.Category);
        Assert.Equal(1635L, record.TargetObject);
        Assert.Same(failure, record.Exception);
        Assert.Contains("AuthyId", record.ErrorDetails.RecommendedAction, StringComparison.Ordinal);
    }

    [Fact]
    public void A_single_aggregate_is_unwrapped()
    {
        var failure = new AuthyApiException(400, "60027", "User was not valid");

        var record = AuthyErrorRecords.From(new AggregateException(failure), "row");

        Assert.Same(failure, record.Exception);
        Assert.Equal("Authy.60027", record.FullyQualifiedErrorId);
    }

    [Theory]
    [InlineData(true, false, "Authy.Timeout", ErrorCategory.OperationTimeout)]
    [InlineData(false, false, "Authy.ConnectionFailed", ErrorCategory.ConnectionError)]
    [InlineData(false, true, "Authy.OutcomeUnknown", ErrorCategory.ConnectionError)]
    [InlineData(true, true, "Authy.OutcomeUnknown", ErrorCategory.OperationTimeout)]
    public void Connection_failures(bool timedOut, bool unknown, string errorId, ErrorCategory category)
    {
        var record = AuthyErrorRecords.From(new AuthyConnectionException("No answer.", timedOut, unknown, null), null);

        Assert.Equal(errorId, record.FullyQualifiedErrorId);
        Assert.Equal(category, record.CategoryInfo.Category);
        Assert.False(string.IsNullOrEmpty(record.ErrorDetails.RecommendedAction));
        Assert.Equal(unknown, record.ErrorDetails.RecommendedAction.StartsWith("Check whether it took effect", StringComparison.Ordinal));
    }

    [Fact]
    public void Unexpected_failures_are_reported_as_such()
    {
        var record = AuthyErrorRecords.From(new InvalidOperationException("bug"), null);

        Assert.Equal("Authy.UnexpectedError", record.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.NotSpecified, record.CategoryInfo.Category);
    }

    [Fact]
    public void Only_an_invalid_key_stops_the_pipeline()
    {
        Assert.True(AuthyErrorRecords.IsFatal(new AuthyApiException(401, "60001", "Invalid API key")));
        Assert.False(AuthyErrorRecords.IsFatal(new AuthyApiException(401, "60020", "Token is invalid")));
        Assert.False(AuthyErrorRecords.IsFatal(new AuthyApiException(401, null, "Invalid API key.")));
        Assert.False(AuthyErrorRecords.IsFatal(new AuthyConnectionException("x", true, false, null)));
    }

    [Fact]
    public void Invalid_input_record()
    {
        var record = AuthyErrorRecords.Invalid("InvalidToken", "The token must be digits.", "abc");

        Assert.Equal("Authy.InvalidToken", record.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, record.CategoryInfo.Category);
        Assert.Equal("abc", record.TargetObject);
        Assert.IsType<ArgumentException>(record.Exception);
    }
}
