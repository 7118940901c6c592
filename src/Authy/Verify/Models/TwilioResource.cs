namespace Authy.Verify.Models;

/// <summary>
/// What every Verify resource's reply carries after its own fields: the account it belongs to, when it was made
/// and changed, and its URL. A base class, so that these come after the resource's own properties in
/// Format-List and Export-Csv, as they do in Twilio's replies.
/// </summary>
public abstract class TwilioResource
{
    /// <summary>The <c>AC…</c> SID of the account the resource belongs to.</summary>
    public string? AccountSid { get; set; }

    public DateTimeOffset? DateCreated { get; set; }

    public DateTimeOffset? DateUpdated { get; set; }

    /// <summary>The resource's own API address.</summary>
    public Uri? Url { get; set; }
}

/// <summary>A Verify resource that lives in a service (verifications, entities, factors, challenges).</summary>
public abstract class TwilioServiceResource : TwilioResource
{
    /// <summary>The <c>VA…</c> SID of the Verify service the resource lives in.</summary>
    public string? ServiceSid { get; set; }
}
