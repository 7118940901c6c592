using System;
using System.Linq;
using System.Threading.Tasks;
using static Authy.Emulator.Tests.Verify.VerifyCalls;

namespace Authy.Emulator.Tests.Verify;

/// <summary>Lookup v2 (docs/api/verify.md §4.12, §9.10) and POST /_emulator/clock on the Authy side.</summary>
public class LookupAndClockTests
{
    private static readonly string[] PackageKeys =
    {
        "caller_name", "sim_swap", "call_forwarding", "line_status", "line_type_intelligence", "identity_match",
        "reassigned_number", "sms_pumping_risk", "phone_number_quality_score", "pre_fill",
    };

    [Fact]
    public async Task A_valid_number_has_every_key_and_only_the_requested_packages()
    {
        await using var emulator = await RunningEmulator.StartAsync();

        var basic = await emulator.VGetAsync("/v2/PhoneNumbers/+14159929960");
        var lti = await emulator.VGetAsync("/v2/PhoneNumbers/+14159929960?Fields=line_type_intelligence,caller_name");

        AssertStatus(basic, 200);
        Assert.Equal(
            new[] { "calling_country_code", "country_code", "phone_number", "national_format", "valid", "validation_errors" }.Concat(PackageKeys).Append("url").ToArray(),
            basic.Json.AsObject().Select(p => p.Key).ToArray());
        Assert.Equal("1", basic.Json.Str("calling_country_code"));
        Assert.Equal("US", basic.Json.Str("country_code"));
        Assert.Equal("(415) 992-9960", basic.Json.Str("national_format"));
        Assert.True(basic.Json["valid"]!.GetValue<bool>());
        Assert.Null(basic.Json["validation_errors"]);
        Assert.All(PackageKeys, key => Assert.Null(basic.Json[key]));
        Assert.Equal(emulator.BaseAddress.GetLeftPart(UriPartial.Authority) + "/v2/PhoneNumbers/+14159929960", basic.Json.Str("url"));
        Assert.Equal("mobile", lti.Json["line_type_intelligence"]!.Str("type"));
        Assert.NotNull(lti.Json["caller_name"]);
        Assert.Null(lti.Json["sim_swap"]);
    }

    [Theory]
    [InlineData("+1415992", "TOO_SHORT")]
    [InlineData("+14159929960123456", "TOO_LONG")]
    [InlineData("+15551234567", "INVALID_BUT_POSSIBLE")]
    [InlineData("+9991234567", "INVALID_COUNTRY_CODE")]
    [InlineData("call-me-maybe", "NOT_A_NUMBER")]
    public async Task A_bad_number_is_200_valid_false_with_its_validation_error(string number, string error)
    {
        await using var emulator = await RunningEmulator.StartAsync();
        var reply = await emulator.VGetAsync("/v2/PhoneNumbers/" + number + "?Fields=line_type_intelligence");

        AssertStatus(reply, 200);
        Assert.False(reply.Json["valid"]!.GetValue<bool>());
        Assert.Equal(error, Assert.Single(reply.Json["validation_errors"]!.AsArray())!.GetValue<string>());
        Assert.Equal(number, reply.Json.Str("phone_number"));
        Assert.Null(reply.Json["line_type_intelligence"]);
    }

    [Fact]
    public async Task National_numbers_use_CountryCode_and_types_come_from_libphonenumber()
    {
        await using var emulator = await RunningEmulator.StartAsync();

        var uk = await emulator.VGetAsync("/v2/PhoneNumbers/020%207946%200018?CountryCode=GB&Fields=line_type_intelligence");
        var tollFree = await emulator.VGetAsync("/v2/PhoneNumbers/+18002345678?Fields=line_type_intelligence");
        var badField = await emulator.VGetAsync("/v2/PhoneNumbers/+14159929960?Fields=horoscope");

        Assert.Equal("+442079460018", uk.Json.Str("phone_number"));
        Assert.Equal("GB", uk.Json.Str("country_code"));
        Assert.Equal("44", uk.Json.Str("calling_country_code"));
        Assert.Equal("landline", uk.Json["line_type_intelligence"]!.Str("type"));
        Assert.Equal("tollFree", tollFree.Json["line_type_intelligence"]!.Str("type"));
        Assert.Null(tollFree.Json["line_type_intelligence"]!["carrier_name"]);
        AssertTwilioError(badField, 400, 60200, "Invalid parameter: Fields");
    }

    [Fact]
    public async Task The_control_clock_expires_authy_phone_verifications_too()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        await emulator.PostQueryAsync("/protected/json/phones/verification/start?via=sms&country_code=1&phone_number=987-654-3210");
        var code = await emulator.LatestCodeAsync("phone_number=9876543210&country_code=1");

        var moved = await emulator.ControlPostAsync("/_emulator/clock?advance_seconds=600");
        var now = await emulator.GetAsync("/_emulator/clock", withKey: false);
        var check = await emulator.GetAsync($"/protected/json/phones/verification/check?country_code=1&phone_number=9876543210&verification_code={code}");

        AssertStatus(moved, 200);
        Assert.Equal("2024-01-15T12:10:00Z", moved.Json.Str("now"));
        Assert.Equal(600, now.Json["offset_seconds"]!.GetValue<int>());
        Assert.Equal(404, check.Status);
        Assert.Contains("60023", check.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_control_clock_moves_the_authy_deletion_delay_and_refuses_bad_input()
    {
        await using var emulator = await RunningEmulator.StartAsync(o => o.DeletionDelay = TimeSpan.FromSeconds(3600));
        var id = await emulator.CreateUserAsync();
        await emulator.PostFormAsync($"/protected/json/users/{id}/remove");

        var before = await emulator.GetAsync($"/protected/json/users/{id}/status");
        await emulator.ControlPostAsync("/_emulator/clock?advance_seconds=3600");
        var after = await emulator.GetAsync($"/protected/json/users/{id}/status");
        var zero = await emulator.ControlPostAsync("/_emulator/clock?advance_seconds=0");
        var negative = await emulator.ControlPostAsync("/_emulator/clock?advance_seconds=-5");
        var text = await emulator.ControlPostAsync("/_emulator/clock");

        AssertStatus(before, 200);
        AssertStatus(after, 404);
        Assert.Equal(400, zero.Status);
        Assert.Equal(400, negative.Status);
        Assert.Equal(400, text.Status);
    }
}
