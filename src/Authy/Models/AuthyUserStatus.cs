using System;

namespace Authy.Models
{
    /// <summary>What Authy knows of a user (Get-AuthyUser; authy-api.md 2.3).</summary>
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

        /// <summary>Device kinds: <c>android</c>, <c>iphone</c>, <c>authy_chrome</c>, <c>sms</c>, ...</summary>
        public string[] Devices { get; set; } = Array.Empty<string>();

        public bool HasHardToken { get; set; }

        /// <summary>Marked for deletion.</summary>
        public bool AccountDisabled { get; set; }

        public AuthyDevice[] DetailedDevices { get; set; } = Array.Empty<AuthyDevice>();

        public AuthyDevice[] DeletedDevices { get; set; } = Array.Empty<AuthyDevice>();

        public string? Message { get; set; }

        public override string ToString() => AuthyId.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
