using System;
using System.Threading.Tasks;

namespace Authy.Emulator.Tests;

/// <summary>docs/api/authy.md §2.1–§2.5.</summary>
public class UserContractTests
{
    private const string UserNotFound =
        """{"message":"User not found.","success":false,"errors":{"message":"User not found."},"error_code":"60026"}""";

    [Fact]
    public async Task Invalid_user_lists_field_errors_in_errors_and_at_top_level()
    {
        await using var emulator = await RunningEmulator.StartAsync();

        var reply = await emulator.PostFormAsync(
            "/protected/json/users/new", ("user[email]", "not-an-email"), ("user[cellphone]", "12ab"), ("user[country_code]", "1"));

        Assert.Equal(400, reply.Status);
        Assert.Equal(
            """{"message":"User was not valid","success":false,"errors":{"email":"is invalid","cellphone":"is invalid","message":"User was not valid"},"email":"is invalid","cellphone":"is invalid","error_code":"60027"}""",
            reply.Body);
    }

    [Theory]
    [InlineData("", "555-123-4567", "1", "email", "is invalid and can't be blank")]
    [InlineData("a@example.com", "555-123-4567", "abc", "country_code", "is invalid")]
    [InlineData("a@example.com", "555-123-4567", "1000", "country_code", "is invalid")]
    [InlineData("a@example.com", "123", "1", "cellphone", "is invalid")]
    [InlineData("a@example.com", "555/123/4567", "1", "cellphone", "is invalid")]
    public async Task Each_field_is_validated(string email, string cellphone, string countryCode, string field, string text)
    {
        await using var emulator = await RunningEmulator.StartAsync();

        var reply = await emulator.PostFormAsync(
            "/protected/json/users/new", ("user[email]", email), ("user[cellphone]", cellphone), ("user[country_code]", countryCode));

        Assert.Equal(400, reply.Status);
        Assert.Equal(text, reply.Json["errors"]![field]!.GetValue<string>());
        Assert.Equal(text, reply.Json[field]!.GetValue<string>());
    }

    [Fact]
    public async Task Same_phone_and_country_code_returns_the_same_id_and_keeps_the_first_email()
    {
        await using var emulator = await RunningEmulator.StartAsync();

        var first = await emulator.CreateUserAsync("555-123-4567", 1, "first@example.com");
        var again = await emulator.CreateUserAsync("(555) 123 4567".Replace("(", "").Replace(")", ""), 1, "second@example.com");
        var otherCountry = await emulator.CreateUserAsync("555-123-4567", 44, "third@example.com");

        Assert.Equal(first, again);
        Assert.NotEqual(first, otherCountry);
        var status = await emulator.GetAsync($"/protected/json/users/{first}/status");
        Assert.Equal("first@example.com", status.Json["status"]!["email"]!.GetValue<string>());
    }

    [Fact]
    public async Task Status_has_the_documented_shape()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        var id = await emulator.CreateUserAsync("555-123-1118", 1, "alf@example.com");

        var reply = await emulator.GetAsync($"/protected/json/users/{id}/status");

        Assert.Equal(
            """{"status":{"authy_id":1,"confirmed":false,"registered":false,"country_code":1,"phone_number":"XXX-XXX-1118","email":"alf@example.com","devices":[],"has_hard_token":false,"account_disabled":false,"detailed_devices":[],"deleted_devices":[]},"message":"User status.","success":true}""",
            reply.Body);
    }

    [Theory]
    [InlineData("/protected/json/users/99/status", "GET")]
    [InlineData("/protected/json/users/tony/status", "GET")]
    [InlineData("/protected/json/users/99/remove", "POST")]
    [InlineData("/protected/json/users/99/delete", "POST")]
    [InlineData("/protected/json/users/delete/99", "POST")]
    [InlineData("/protected/json/users/99/update", "POST")]
    [InlineData("/protected/json/sms/99", "GET")]
    [InlineData("/protected/json/call/99", "GET")]
    [InlineData("/protected/json/email/99", "POST")]
    [InlineData("/protected/json/verify/1234567/99", "GET")]
    [InlineData("/protected/json/users/99/secret", "POST")]
    public async Task Unknown_user_is_404_60026_everywhere(string path, string method)
    {
        await using var emulator = await RunningEmulator.StartAsync();

        var reply = method == "GET" ? await emulator.GetAsync(path) : await emulator.PostQueryAsync(path + "?email=a%40example.com");

        Assert.Equal(404, reply.Status);
        Assert.Equal(UserNotFound, reply.Body);
    }

    [Theory]
    [InlineData("/protected/json/users/{0}/remove")]
    [InlineData("/protected/json/users/{0}/delete")]
    [InlineData("/protected/json/users/delete/{0}")]
    public async Task All_three_removal_paths_mark_the_user_for_removal(string template)
    {
        await using var emulator = await RunningEmulator.StartAsync();
        var id = await emulator.CreateUserAsync();

        var reply = await emulator.PostQueryAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, template, id));

        Assert.Equal("""{"message":"User removed from application","success":true}""", reply.Body);
        var status = await emulator.GetAsync($"/protected/json/users/{id}/status");
        Assert.True(status.Json["status"]!["account_disabled"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Removed_user_keeps_verifying_until_the_deletion_delay_then_is_gone()
    {
        await using var emulator = await RunningEmulator.StartAsync(o => o.DeletionDelay = TimeSpan.FromSeconds(60));
        var id = await emulator.CreateUserAsync();
        Assert.Equal(200, (await emulator.GetAsync($"/protected/json/sms/{id}")).Status);
        var code = await emulator.LatestCodeAsync($"authy_id={id}");
        Assert.Equal(200, (await emulator.PostQueryAsync($"/protected/json/users/{id}/remove")).Status);

        emulator.Clock.Advance(TimeSpan.FromSeconds(59));
        var stillValid = await emulator.GetAsync($"/protected/json/verify/{code}/{id}?force=true");
        emulator.Clock.Advance(TimeSpan.FromSeconds(1));
        var gone = await emulator.GetAsync($"/protected/json/users/{id}/status");
        var recreated = await emulator.CreateUserAsync();

        Assert.Equal(200, stillValid.Status);
        Assert.Equal(404, gone.Status);
        Assert.Equal(UserNotFound, gone.Body);
        Assert.NotEqual(id, recreated);
    }

    [Fact]
    public async Task Users_new_during_pending_removal_revives_the_same_user()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        var id = await emulator.CreateUserAsync();
        await emulator.PostQueryAsync($"/protected/json/users/{id}/remove");

        var again = await emulator.CreateUserAsync();

        Assert.Equal(id, again);
        var status = await emulator.GetAsync($"/protected/json/users/{id}/status");
        Assert.False(status.Json["status"]!["account_disabled"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Update_changes_the_email()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        var id = await emulator.CreateUserAsync();

        var reply = await emulator.PostFormAsync($"/protected/json/users/{id}/update", ("email", "new@example.com"));
        var bad = await emulator.PostFormAsync($"/protected/json/users/{id}/update", ("email", "nope"));

        Assert.Equal("""{"message":"User was updated successfully","success":true}""", reply.Body);
        Assert.Equal(400, bad.Status);
        var status = await emulator.GetAsync($"/protected/json/users/{id}/status");
        Assert.Equal("new@example.com", status.Json["status"]!["email"]!.GetValue<string>());
    }

    [Fact]
    public async Task Register_activity_accepts_known_types_only()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        var id = await emulator.CreateUserAsync();

        var ok = await emulator.PostFormAsync(
            $"/protected/json/users/{id}/register_activity", ("type", "password_reset"), ("user_ip", "10.0.0.1"), ("data[reason]", "forgot"));
        var bad = await emulator.PostFormAsync($"/protected/json/users/{id}/register_activity", ("type", "dancing"));

        Assert.Equal("""{"message":"Activity was created.","success":true}""", ok.Body);
        Assert.Equal(400, bad.Status);
        Assert.Equal(
            """{"message":"You can only create the following activities: password_reset, banned, unbanned, cookie_login.","success":false,"errors":{"message":"You can only create the following activities: password_reset, banned, unbanned, cookie_login."},"error_code":"60029"}""",
            bad.Body);
    }
}
