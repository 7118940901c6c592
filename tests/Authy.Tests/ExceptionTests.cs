using System;
using System.Collections.Generic;
using Authy.Http;
using Xunit;

namespace Authy.Tests;

/// <summary>ErrorIds and messages of the exception types, which become PowerShell ErrorRecords.</summary>
public class ExceptionTests
{
    [Theory]
    [InlineData(404, "60026", false, false, "Authy.60026")]
    [InlineData(503, "60060", false, true, "Authy.60060")]
    [InlineData(503, null, false, true, "Authy.OutcomeUnknown")]
    [InlineData(200, null, true, false, "Authy.MalformedReply")]
    [InlineData(503, null, false, false, "Authy.Http503")]
    [InlineData(400, null, false, false, "Authy.Http400")]
    public void Api_exception_error_ids(int status, string? code, bool malformed, bool unknown, string expected)
    {
        var error = new AuthyApiException(status, code, "Text.", malformedReply: malformed, outcomeUnknown: unknown);

        Assert.Equal(expected, error.ErrorId);
        Assert.IsAssignableFrom<AuthyException>(error);
    }

    [Fact]
    public void Api_exception_message_names_code_status_and_fields()
    {
        var fields = new Dictionary<string, string> { ["email"] = "is invalid", ["cellphone"] = "is invalid" };

        var error = new AuthyApiException(400, "60027", "User was not valid.", fields);

        Assert.Equal("User was not valid: email is invalid; cellphone is invalid. (Authy error 60027, HTTP 400)", error.Message);
        Assert.Same(error.FieldErrors, error.FieldErrors);
        Assert.Equal(2, error.FieldErrors.Count);
    }

    [Fact]
    public void Api_exception_without_fields_has_an_empty_dictionary()
    {
        var error = new AuthyApiException(404, null, "User doesn't exist.");

        Assert.NotNull(error.FieldErrors);
        Assert.Empty(error.FieldErrors);
        Assert.Equal("User doesn't exist. (HTTP 404)", error.Message);
    }

    [Theory]
    [InlineData(false, false, "Authy.ConnectionFailed")]
    [InlineData(true, false, "Authy.Timeout")]
    [InlineData(true, true, "Authy.OutcomeUnknown")]
    [InlineData(false, true, "Authy.OutcomeUnknown")]
    public void Connection_exception_error_ids(bool timedOut, bool unknown, string expected)
    {
        var inner = new InvalidOperationException("inner");

        var error = new AuthyConnectionException("Could not connect.", timedOut, unknown, inner);

        Assert.Equal(expected, error.ErrorId);
        Assert.Same(inner, error.InnerException);
        Assert.StartsWith("Could not connect.", error.Message, StringComparison.Ordinal);
        Assert.Equal(unknown, error.Message.Contains("outcome is unknown", StringComparison.Ordinal));
    }
}
