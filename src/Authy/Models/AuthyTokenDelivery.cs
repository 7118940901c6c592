namespace Authy.Models;

/// <summary>
/// The outcome of asking Authy to deliver a token by SMS, voice call or email (docs/api/authy.md §2.6–§2.8).
/// An ignored SMS or call (the user has the Authy app and force was not asked for) is a normal
/// outcome with <see cref="Ignored"/> set, not an error: Authy pushes the token to the app instead.
/// </summary>
public sealed class AuthyTokenDelivery
{
    public long AuthyId { get; set; }

    /// <summary><c>sms</c>, <c>call</c> or <c>email</c>.</summary>
    public string Channel { get; set; } = string.Empty;

    /// <summary>Authy sent (or started calling) the token.</summary>
    public bool Sent { get; set; }

    /// <summary>Authy skipped the SMS or call because the user has the app; send again with -Force to insist.</summary>
    public bool Ignored { get; set; }

    /// <summary>Masked by Authy to the last two digits, e.g. <c>+1-XXX-XXX-XX34</c>.</summary>
    public string? Cellphone { get; set; }

    /// <summary>On an ignored send: the kind of device the user last used (<c>android</c>, <c>iphone</c>, ...).</summary>
    public string? Device { get; set; }

    /// <summary>Email channel only: the address the token went to.</summary>
    public string? Email { get; set; }

    /// <summary>Email channel only: Authy's id of the email.</summary>
    public string? EmailId { get; set; }

    /// <summary>The API's message, e.g. <c>SMS token was sent</c>.</summary>
    public string? Message { get; set; }

    public override string ToString() => $"{Channel} {AuthyId}: {(Ignored ? "ignored" : Sent ? "sent" : "not sent")}";
}
