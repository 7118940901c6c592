using System.Collections.Generic;
using System.Threading.Tasks;
using PhoneNumbers;

namespace Authy.Emulator.Tests;

/// <summary>
/// Phone numbers as real input writes them (issue 9): one number in any spelling is one user,
/// libphonenumber decides what is possible and what line type a number is, and the emulator's
/// documented test numbers and error codes keep working (README "Test numbers").
/// </summary>
public sealed class PhoneNumberTests
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    [Theory]
    [InlineData(1, new[] { "4155550100", "415-555-0100", "415.555.0100", "415 555 0100", "1 415 555 0100" })]
    [InlineData(44, new[] { "07700 900123", "7700900123", "07700-900-123", "7700.900.123" })]
    [InlineData(1, new[] { "5558791790", "555-879-1790", "555.879.1790" })]
    public async Task One_number_in_any_spelling_is_one_user(int countryCode, string[] spellings)
    {
        await using var emulator = await RunningEmulator.StartAsync();
        var other = await emulator.CreateUserAsync("555-700-0001", 1, "other@example.com");

        var ids = new List<int>();
        foreach (var spelling in spellings)
        {
            ids.Add(await emulator.CreateUserAsync(spelling, countryCode, $"u{ids.Count}@example.com"));
        }

        Assert.NotEqual(other, ids[0]);
        Assert.All(ids, id => Assert.Equal(ids[0], id));
    }

    [Fact]
    public async Task The_same_digits_under_another_country_code_are_another_user()
    {
        await using var emulator = await RunningEmulator.StartAsync();

        var uk = await emulator.CreateUserAsync("5550002222", 44);
        var us = await emulator.CreateUserAsync("5550002222", 1);

        Assert.NotEqual(uk, us);
    }

    [Fact]
    public async Task The_uk_trunk_prefix_is_not_part_of_the_stored_number()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        var id = await emulator.CreateUserAsync("07700 900123", 44);

        var sms = await emulator.GetAsync($"/protected/json/sms/{id}?force=true");
        var message = (await emulator.MessagesAsync($"authy_id={id}"))[0];

        Assert.Equal("+44-XXX-XXX-XX23", sms.Json["cellphone"]!.GetValue<string>());
        Assert.Equal("7700900123", message["phone_number"]!.GetValue<string>());
    }

    [Fact]
    public async Task Italian_numbers_keep_their_leading_zero()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        var withZero = await emulator.CreateUserAsync("06 1234 5678", 39);
        var withoutZero = await emulator.CreateUserAsync("6 1234 5678", 39, "b@example.com");

        var start = await emulator.PostQueryAsync("/protected/json/phones/verification/start?via=call&country_code=39&phone_number=06-1234-5678");
        var messages = await emulator.MessagesAsync("country_code=39&phone_number=0612345678");

        Assert.NotEqual(withZero, withoutZero);
        Assert.Equal(200, start.Status);
        Assert.Equal("Call to +39 061-234-5678 initiated", start.Json["message"]!.GetValue<string>());
        Assert.Equal("0612345678", Assert.Single(messages)["phone_number"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_verification_started_in_one_spelling_is_checked_in_another()
    {
        await using var emulator = await RunningEmulator.StartAsync();

        var start = await emulator.PostQueryAsync("/protected/json/phones/verification/start?via=sms&country_code=44&phone_number=07700%20900123");
        var code = await emulator.LatestCodeAsync("country_code=44&phone_number=7700900123");
        var status = await emulator.GetAsync("/protected/json/phones/verification/status?country_code=44&phone_number=7700-900-123");
        var check = await emulator.GetAsync($"/protected/json/phones/verification/check?country_code=44&phone_number=7700900123&verification_code={code}");

        Assert.Equal("Text message sent to +44 770-090-0123.", start.Json["message"]!.GetValue<string>());
        Assert.Equal("pending", status.Json["status"]!.GetValue<string>());
        Assert.Equal(200, check.Status);
        var byTrunkSpelling = Assert.Single(await emulator.MessagesAsync("phone_number=07700%20900123"));
        var byNationalNumber = Assert.Single(await emulator.MessagesAsync("phone_number=7700900123&country_code=44"));
        Assert.Equal(byTrunkSpelling["id"]!.GetValue<int>(), byNationalNumber["id"]!.GetValue<int>());
    }

    /// <summary>Example numbers libphonenumber ships, one per (region, type) that has one.</summary>
    public static IEnumerable<object[]> ExampleNumbers()
    {
        foreach (var region in new[] { "US", "GB", "DE", "FR", "IT", "PT", "BR", "IN", "AU", "JP" })
        {
            foreach (var type in new[] { PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE, PhoneNumberType.VOIP, PhoneNumberType.TOLL_FREE })
            {
                if (Util.GetExampleNumberForType(region, type) is { } example)
                {
                    yield return new object[] { region, type.ToString() };
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(ExampleNumbers))]
    public async Task Phone_info_type_follows_the_libphonenumber_type_of_real_example_numbers(string region, string requestedType)
    {
        var example = Util.GetExampleNumberForType(region, System.Enum.Parse<PhoneNumberType>(requestedType));
        var actualType = Util.GetNumberType(example);
        var expected = actualType switch
        {
            PhoneNumberType.MOBILE or PhoneNumberType.FIXED_LINE_OR_MOBILE => "cellphone",
            PhoneNumberType.FIXED_LINE => "landline",
            PhoneNumberType.VOIP => "voip",
            PhoneNumberType.TOLL_FREE => "unknown",
            _ => throw new Xunit.Sdk.XunitException($"{region} {requestedType} example is {actualType}: not a case of this test"),
        };
        await using var emulator = await RunningEmulator.StartAsync();

        var info = await emulator.GetAsync(
            $"/protected/json/phones/info?country_code={example.CountryCode}&phone_number={Util.GetNationalSignificantNumber(example)}");

        Assert.Equal(200, info.Status);
        Assert.Equal(expected, info.Json["type"]!.GetValue<string>());
        var carrier = PhoneNumberToCarrierMapper.GetInstance().GetNameForNumber(example, Locale.English);
        if (expected == "cellphone" && carrier.Length > 0)
        {
            Assert.Equal(carrier, info.Json["provider"]!.GetValue<string>());
        }
    }

    [Theory]
    [MemberData(nameof(ExampleNumbers))]
    public async Task Verification_start_refuses_what_phone_info_calls_a_landline_or_not_provisioned(string region, string requestedType)
    {
        var example = Util.GetExampleNumberForType(region, System.Enum.Parse<PhoneNumberType>(requestedType));
        var query = $"country_code={example.CountryCode}&phone_number={Util.GetNationalSignificantNumber(example)}";
        await using var emulator = await RunningEmulator.StartAsync();

        var type = (await emulator.GetAsync("/protected/json/phones/info?" + query)).Json["type"]!.GetValue<string>();
        var sms = await emulator.PostQueryAsync("/protected/json/phones/verification/start?via=sms&" + query);
        var call = await emulator.PostQueryAsync("/protected/json/phones/verification/start?via=call&" + query);

        var (smsStatus, smsCode, callStatus) = type switch
        {
            "landline" => (403, "60082", 200),
            "unknown" => (403, "60083", 403),
            _ => (200, (string?)null, 200),
        };
        Assert.Equal(smsStatus, sms.Status);
        Assert.Equal(smsCode, sms.Json["error_code"]?.GetValue<string>());
        Assert.Equal(callStatus, call.Status);
        if (smsStatus == 200)
        {
            Assert.Equal(type == "cellphone", sms.Json["is_cellphone"]!.GetValue<bool>());
        }
    }

    [Fact]
    public async Task A_landline_libphonenumber_knows_is_refused_sms_even_without_a_test_line_number()
    {
        await using var emulator = await RunningEmulator.StartAsync();

        // 020 7946 0018: London, a range Ofcom keeps for drama; a FIXED_LINE to libphonenumber.
        var sms = await emulator.PostQueryAsync("/protected/json/phones/verification/start?via=sms&country_code=44&phone_number=020%207946%200018");
        var mobile = await emulator.PostQueryAsync("/protected/json/phones/verification/start?via=sms&country_code=44&phone_number=07400%20123456");

        Assert.Equal(PhoneNumberType.FIXED_LINE, Util.GetNumberType(Util.Parse("+442079460018", null)));
        Assert.Equal("""{"error_code":"60082","message":"Can not send SMS to landline phone numbers","errors":{"message":"Can not send SMS to landline phone numbers"},"success":false}""", sms.Body);
        Assert.Equal(200, mobile.Status);
    }

    [Theory]
    [InlineData("555-555-0001", "landline")]
    [InlineData("555-555-0002", "voip")]
    [InlineData("555-555-0003", "unknown")]
    [InlineData("555-700-0005", "cellphone")]
    [InlineData("800-155-1234", "unknown")]  // a toll-free area code, but no toll-free number to libphonenumber
    public async Task Numbers_libphonenumber_cannot_classify_keep_the_test_number_rules(string phone, string type)
    {
        await using var emulator = await RunningEmulator.StartAsync();

        var info = await emulator.GetAsync($"/protected/json/phones/info?country_code=1&phone_number={phone}");

        Assert.Equal(PhoneNumberType.UNKNOWN, Util.GetNumberType(Util.Parse("+1" + phone, null)));
        Assert.Equal(type, info.Json["type"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(351, "912 345 6789", "912 345 678")]  // Portugal: 9 digits
    [InlineData(44, "7700 9001", "7700 900123")]      // UK mobiles: 10 digits
    [InlineData(1, "555-1234", "555-555-1234")]       // 7 digits: only diallable inside the area
    [InlineData(1, "415 555 01000", "415 555 0100")]
    [InlineData(49, "1", "30 123456")]
    public async Task Impossible_lengths_are_refused_with_the_documented_errors(int countryCode, string impossible, string possible)
    {
        await using var emulator = await RunningEmulator.StartAsync();

        var start = await emulator.PostQueryAsync($"/protected/json/phones/verification/start?via=sms&country_code={countryCode}&phone_number={impossible}");
        var info = await emulator.GetAsync($"/protected/json/phones/info?country_code={countryCode}&phone_number={impossible}");
        var user = await emulator.PostFormAsync(
            "/protected/json/users/new", ("user[email]", "a@example.com"), ("user[cellphone]", impossible), ("user[country_code]", countryCode.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var control = await emulator.GetAsync($"/protected/json/phones/info?country_code={countryCode}&phone_number={possible}");

        Assert.Equal("""{"error_code":"60033","message":"Phone number is invalid","errors":{"message":"Phone number is invalid"},"success":false}""", start.Body);
        Assert.Equal(400, info.Status);
        Assert.Equal("60033", info.Json["error_code"]!.GetValue<string>());
        Assert.Equal(400, user.Status);
        Assert.Equal("60027", user.Json["error_code"]!.GetValue<string>());
        Assert.Equal("is invalid", user.Json["errors"]!["cellphone"]!.GetValue<string>());
        Assert.Equal(200, control.Status);
    }

    [Fact]
    public async Task Country_code_222_stays_60033_even_for_a_number_mauritania_could_have()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        var mauritanian = Util.GetNationalSignificantNumber(Util.GetExampleNumber("MR"));

        var start = await emulator.PostQueryAsync($"/protected/json/phones/verification/start?via=sms&country_code=222&phone_number={mauritanian}");
        var info = await emulator.GetAsync($"/protected/json/phones/info?country_code=222&phone_number={mauritanian}");
        var user = await emulator.PostFormAsync(
            "/protected/json/users/new", ("user[email]", "a@example.com"), ("user[cellphone]", mauritanian), ("user[country_code]", "222"));

        Assert.True(Util.IsPossibleNumber(Util.Parse("+222" + mauritanian, null)));
        Assert.Equal(400, start.Status);
        Assert.Equal("60033", start.Json["error_code"]!.GetValue<string>());
        Assert.Equal("60033", info.Json["error_code"]!.GetValue<string>());
        Assert.Equal(200, user.Status);  // 222 is a test hook of the Verify endpoints only, as before
    }

    [Theory]
    [InlineData("999")]
    [InlineData("0")]
    public async Task A_country_code_no_country_uses_is_403_60078_on_verify_and_invalid_on_users_new(string countryCode)
    {
        await using var emulator = await RunningEmulator.StartAsync();

        var start = await emulator.PostQueryAsync($"/protected/json/phones/verification/start?via=sms&country_code={countryCode}&phone_number=5551234567");
        var user = await emulator.PostFormAsync(
            "/protected/json/users/new", ("user[email]", "a@example.com"), ("user[cellphone]", "5551234567"), ("user[country_code]", countryCode));

        Assert.Equal("""{"error_code":"60078","message":"Invalid country code","errors":{"message":"Invalid country code"},"success":false}""", start.Body);
        Assert.Equal(400, user.Status);
        Assert.Equal("is invalid", user.Json["errors"]!["country_code"]!.GetValue<string>());
        Assert.Null(user.Json["errors"]!["cellphone"]);
    }

    [Theory]
    [InlineData("555-CALL-NOW")]
    [InlineData("+1 555 123 4567")]
    [InlineData("(555) 123-4567")]
    [InlineData("---")]
    public async Task Only_dashes_periods_and_spaces_may_separate_digits(string cellphone)
    {
        await using var emulator = await RunningEmulator.StartAsync();

        var user = await emulator.PostFormAsync(
            "/protected/json/users/new", ("user[email]", "a@example.com"), ("user[cellphone]", cellphone), ("user[country_code]", "1"));

        Assert.Equal(400, user.Status);
        Assert.Equal("is invalid", user.Json["errors"]!["cellphone"]!.GetValue<string>());
    }

    [Fact]
    public async Task Country_code_is_read_from_a_json_integer_or_string_alike()
    {
        await using var emulator = await RunningEmulator.StartAsync();

        var asInteger = await emulator.PostJsonAsync("/protected/json/users/new", """{"user":{"email":"a@example.com","cellphone":"07700 900123","country_code":44}}""");
        var asString = await emulator.PostJsonAsync("/protected/json/users/new", """{"user":{"email":"b@example.com","cellphone":"7700900123","country_code":"44"}}""");

        var id = asInteger.Json["user"]!["id"]!.GetValue<int>();
        var status = await emulator.GetAsync($"/protected/json/users/{id}/status");

        Assert.Equal(200, asInteger.Status);
        Assert.Equal(id, asString.Json["user"]!["id"]!.GetValue<int>());
        Assert.Equal(44, status.Json["status"]!["country_code"]!.GetValue<int>());
        Assert.Equal("XXX-XXX-0123", status.Json["status"]!["phone_number"]!.GetValue<string>());
    }
}
