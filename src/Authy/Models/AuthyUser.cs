namespace Authy.Models;

/// <summary>A registered user (New-AuthyUser): the Authy id plus the input it was made from, so it maps back to its row.</summary>
public sealed class AuthyUser
{
    public long AuthyId { get; set; }

    public string Email { get; set; } = string.Empty;

    public string Cellphone { get; set; } = string.Empty;

    public int CountryCode { get; set; }

    /// <summary>The number in E.164 (<c>+447700900123</c>): what was sent, in the form Twilio Verify and reports use.</summary>
    public string? E164 => Phones.E164Text.From(CountryCode, Cellphone);

    /// <summary>The API's message, e.g. <c>User created successfully.</c></summary>
    public string? Message { get; set; }

    public override string ToString() => AuthyId.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
