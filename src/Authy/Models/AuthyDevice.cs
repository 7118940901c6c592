namespace Authy.Models;

/// <summary>A device of a user, or the device that produced a token (docs/api/authy.md §2.3, §2.9, §2.14).</summary>
public sealed class AuthyDevice
{
    public long? DeviceId { get; set; }

    public string? DeviceType { get; set; }

    public string? OsType { get; set; }

    public string? RegistrationMethod { get; set; }

    public string? RegistrationDeviceId { get; set; }

    public DateTimeOffset? RegistrationDate { get; set; }

    public DateTimeOffset? CreationDate { get; set; }

    public DateTimeOffset? LastSyncDate { get; set; }

    public string? Country { get; set; }

    public string? Region { get; set; }

    public string? City { get; set; }

    public string? Ip { get; set; }

    public override string ToString() => OsType ?? DeviceType ?? "device";
}
