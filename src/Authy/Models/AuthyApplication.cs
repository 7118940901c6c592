namespace Authy.Models;

/// <summary>The application the API key belongs to (Get-AuthyApplication; docs/api/authy.md §2.19).</summary>
public sealed class AuthyApplication
{
    public long AppId { get; set; }

    public string? Name { get; set; }

    /// <summary>E.g. <c>pay_as_you_go</c>, <c>starter</c>.</summary>
    public string? Plan { get; set; }

    public bool SmsEnabled { get; set; }

    public bool PhoneCallsEnabled { get; set; }

    public bool OnetouchEnabled { get; set; }

    /// <summary>Only in 2013-2015 replies (2.19); null when absent.</summary>
    public bool? WhiteLabel { get; set; }

    public string? Message { get; set; }

    public override string ToString() => Name ?? AppId.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
