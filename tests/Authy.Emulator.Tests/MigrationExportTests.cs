using System;
using System.Threading.Tasks;

namespace Authy.Emulator.Tests;

/// <summary>
/// docs/api/verify.md §7 / docs/api/authy.md §2.11: the two migration exports, the users' authenticator kinds that decide
/// what can be exported, and the switch for the account's migration tools.
/// </summary>
public class MigrationExportTests
{
    private const string SecretExportDisabled =
        """{"message":"Migration tools disabled","success":false,"errors":{"message":"Migration tools disabled"},"error_code":"60154"}""";

    private const string PhoneExportDisabled =
        """{"message":"Phone number export disabled","success":false,"errors":{"message":"Phone number export disabled"},"error_code":"60154"}""";

    private const string UserNotFound =
        """{"message":"User not found.","success":false,"errors":{"message":"User not found."},"error_code":"60026"}""";

    [Fact]
    public async Task Phone_number_export_has_the_documented_shape()
    {
        await using var emulator = await RunningEmulator.StartAsync(o => o.EnableSecretExport = true);
        var id = await emulator.CreateUserAsync("444-555-6666");

        var reply = await emulator.GetAsync($"/protected/json/users/{id}/phone_number");

        Assert.Equal(200, reply.Status);
        Assert.Equal("""{"phone_number":"444-555-6666","country_code":"1","e164":"+14445556666","updated_at":"2024-01-15T12:00:00Z"}""", reply.Body);
    }

    [Fact]
    public async Task Phone_number_export_keeps_an_italian_leading_zero_and_knows_unknown_users()
    {
        await using var emulator = await RunningEmulator.StartAsync(o => o.EnableSecretExport = true);
        var id = await emulator.CreateUserAsync("06 1234 5678", 39);

        var reply = await emulator.GetAsync($"/protected/json/users/{id}/phone_number");
        var missing = await emulator.GetAsync("/protected/json/users/999999/phone_number");
        var xml = await emulator.GetAsync($"/protected/xml/users/{id}/phone_number");

        Assert.Equal("+390612345678", reply.Json["e164"]!.GetValue<string>());
        Assert.Equal("39", reply.Json["country_code"]!.GetValue<string>());
        Assert.Equal(404, missing.Status);
        Assert.Equal(UserNotFound, missing.Body);
        Assert.Equal(404, xml.Status);
    }

    [Fact]
    public async Task Migration_tools_off_by_default_refuse_both_exports_with_60154()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        var id = await emulator.CreateUserAsync();

        var secret = await emulator.GetAsync($"/protected/json/users/{id}/secret/export");
        var phone = await emulator.GetAsync($"/protected/json/users/{id}/phone_number");

        Assert.Equal((403, SecretExportDisabled), (secret.Status, secret.Body));
        Assert.Equal((403, PhoneExportDisabled), (phone.Status, phone.Body));
    }

    [Fact]
    public async Task Migration_tools_option_is_parsed_under_both_names()
    {
        Assert.True(Hosting.OptionsParser.Parse(new[] { "--enable-migration-tools" })!.EnableSecretExport);
        Assert.True(Hosting.OptionsParser.Parse(new[] { "--enable-secret-export" })!.EnableSecretExport);
        Assert.False(Hosting.OptionsParser.Parse(Array.Empty<string>())!.EnableSecretExport);
        await Task.CompletedTask;
    }

    [Theory]
    [InlineData("app", true)]
    [InlineData("push", true)]
    [InlineData("sms", false)]
    public async Task Users_without_a_totp_seed_export_no_secret_but_their_phone_number(string kind, bool registered)
    {
        await using var emulator = await RunningEmulator.StartAsync(o => o.EnableSecretExport = true);
        var id = await emulator.CreateUserAsync("444-555-6666");

        var set = await emulator.PostQueryAsync($"/_emulator/users/{id}/authenticator?kind={kind}", withKey: false);
        var secret = await emulator.GetAsync($"/protected/json/users/{id}/secret/export");
        var phone = await emulator.GetAsync($"/protected/json/users/{id}/phone_number");
        var status = await emulator.GetAsync($"/protected/json/users/{id}/status");

        Assert.Equal(200, set.Status);
        Assert.Equal(kind, set.Json["kind"]!.GetValue<string>());
        Assert.False(set.Json["exportable"]!.GetValue<bool>());
        Assert.Equal((404, UserNotFound), (secret.Status, secret.Body));
        Assert.Equal("+14445556666", phone.Json["e164"]!.GetValue<string>());
        Assert.Equal(registered, status.Json["status"]!["registered"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Totp_kind_exports_a_seed_whose_code_matches_the_otp_and_keeps_it_across_exports()
    {
        await using var emulator = await RunningEmulator.StartAsync(o => o.EnableSecretExport = true);
        var id = await emulator.CreateUserAsync();
        await emulator.PostQueryAsync($"/_emulator/users/{id}/authenticator?kind=app", withKey: false);

        var set = await emulator.PostFormAsync($"/_emulator/users/{id}/authenticator", ("kind", "totp"));
        var first = await emulator.GetAsync($"/protected/json/users/{id}/secret/export");
        var second = await emulator.GetAsync($"/protected/json/users/{id}/secret/export");

        Assert.Equal(200, set.Status);
        Assert.DoesNotContain("secret", set.Body, StringComparison.Ordinal);
        var seed = first.Json["secret"]!.GetValue<string>();
        Assert.Matches("^[A-Z2-7]{32}$", seed);
        Assert.Equal(seed, second.Json["secret"]!.GetValue<string>());
        Assert.Equal(Domain.Codes.Totp(seed, emulator.Clock.UtcNow), first.Json["otp"]!.GetValue<string>());
    }

    [Fact]
    public async Task Authenticator_control_refuses_an_unknown_kind_and_an_unknown_user()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        var id = await emulator.CreateUserAsync();

        var badKind = await emulator.PostQueryAsync($"/_emulator/users/{id}/authenticator?kind=fax", withKey: false);
        var noKind = await emulator.PostQueryAsync($"/_emulator/users/{id}/authenticator", withKey: false);
        var noUser = await emulator.PostQueryAsync("/_emulator/users/999999/authenticator?kind=sms", withKey: false);

        Assert.Equal(400, badKind.Status);
        Assert.Equal(400, noKind.Status);
        Assert.Equal(404, noUser.Status);
    }

    [Fact]
    public async Task Enrolling_a_generic_authenticator_makes_an_app_user_exportable()
    {
        await using var emulator = await RunningEmulator.StartAsync(o => o.EnableSecretExport = true);
        var id = await emulator.CreateUserAsync();
        await emulator.PostQueryAsync($"/_emulator/users/{id}/authenticator?kind=sms", withKey: false);

        await emulator.PostFormAsync($"/protected/json/users/{id}/secret", ("label", "Example"));
        var secret = await emulator.GetAsync($"/protected/json/users/{id}/secret/export");

        Assert.Equal(200, secret.Status);
    }
}

/// <summary>POST /_emulator/faults: ending injected faults for a rerun against the same state.</summary>
public class FaultRateControlTests
{
    [Fact]
    public async Task Fault_rate_can_be_set_to_zero_and_back_and_refuses_nonsense()
    {
        await using var emulator = await RunningEmulator.StartAsync(o =>
        {
            o.FaultRate = 1;
            o.FaultKinds = new[] { Hosting.FaultKind.ServiceUnavailable503 };
        });

        Assert.Equal(503, (await emulator.GetAsync("/protected/json/app/details")).Status);
        var off = await emulator.PostQueryAsync("/_emulator/faults?rate=0", withKey: false);
        var ok = await emulator.GetAsync("/protected/json/app/details");
        var on = await emulator.PostQueryAsync("/_emulator/faults?rate=1", withKey: false);
        var again = await emulator.GetAsync("/protected/json/app/details");
        var bad = await emulator.PostQueryAsync("/_emulator/faults?rate=2", withKey: false);

        Assert.Equal("""{"fault_rate":0}""", off.Body);
        Assert.Equal(200, ok.Status);
        Assert.Equal(200, on.Status);
        Assert.Equal(503, again.Status);
        Assert.Equal(400, bad.Status);
    }
    [Fact]
    public async Task Reset_puts_back_the_fault_rate_the_emulator_started_with()
    {
        await using var emulator = await RunningEmulator.StartAsync(o =>
        {
            o.FaultRate = 0;
            o.FaultKinds = new[] { Hosting.FaultKind.ServiceUnavailable503 };
        });

        await emulator.PostQueryAsync("/_emulator/faults?rate=1", withKey: false);
        Assert.Equal(503, (await emulator.GetAsync("/protected/json/app/details")).Status);
        await emulator.PostQueryAsync("/_emulator/reset", withKey: false);

        // A test that raised the rate and failed before lowering it leaves no faults to the next test after its reset.
        Assert.Equal(200, (await emulator.GetAsync("/protected/json/app/details")).Status);
    }
}
