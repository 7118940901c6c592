namespace Authy.Models;

/// <summary>What Authy knows of a user (Get-AuthyUser; docs/api/authy.md §2.3).</summary>
public sealed class AuthyUserStatus
{
    public long AuthyId { get; set; }

    /// <summary>The user has used a valid token before.</summary>
    public bool Confirmed { get; set; }

    /// <summary>The user has registered the Authy app.</summary>
    public bool Registered { get; set; }

    public int CountryCode { get; set; }

    /// <summary>Masked by Authy: only the last four digits, e.g. <c>XXX-XXX-1234</c>.</summary>
    public string? PhoneNumber { get; set; }

    public string? Email { get; set; }

    private AuthyList<string> devices = AuthyList.Empty<string>();
    private AuthyList<AuthyDevice> detailedDevices = AuthyList.Empty<AuthyDevice>();
    private AuthyList<AuthyDevice> deletedDevices = AuthyList.Empty<AuthyDevice>();

    /// <summary>Device kinds: <c>android</c>, <c>iphone</c>, <c>authy_chrome</c>, <c>sms</c>, ...; <c>sms;iphone</c> in a CSV.</summary>
    public IReadOnlyList<string> Devices { get => devices; set => devices = AuthyList.From(value); }

    public bool HasHardToken { get; set; }

    /// <summary>Marked for deletion.</summary>
    public bool AccountDisabled { get; set; }

    /// <summary>The devices in full; each device's OsType in a CSV.</summary>
    public IReadOnlyList<AuthyDevice> DetailedDevices { get => detailedDevices; set => detailedDevices = AuthyList.From(value); }

    public IReadOnlyList<AuthyDevice> DeletedDevices { get => deletedDevices; set => deletedDevices = AuthyList.From(value); }

    public string? Message { get; set; }

    public override string ToString() => AuthyId.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
