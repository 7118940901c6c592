namespace Authy.Verify.Models;

/// <summary>
/// A verification (Send-, Get-, Stop-TwilioVerification; docs/api/verify.md §4.2): where the code went and
/// where it stands. Property names are PascalCase forms of the API's fields, so the object pipes into
/// Test-TwilioVerification and Stop-TwilioVerification by property name.
/// </summary>
public sealed class TwilioVerification : TwilioServiceResource
{
    /// <summary><c>VE…</c>; the same for every resend to the same To while the verification is pending.</summary>
    public string Sid { get; set; } = string.Empty;

    /// <summary>The E.164 number or e-mail address the code went to.</summary>
    public string To { get; set; } = string.Empty;

    /// <summary><c>sms</c>, <c>call</c>, <c>email</c> or <c>whatsapp</c>: the last channel used.</summary>
    public string? Channel { get; set; }

    /// <summary><c>pending</c>, <c>approved</c>, <c>canceled</c>, <c>max_attempts_reached</c>, <c>expired</c>, <c>failed</c>.</summary>
    public string Status { get; set; } = string.Empty;

    /// <summary>True only once the code was approved.</summary>
    public bool Valid { get; set; }

    /// <summary>How many times a code was sent for this verification (the 6th send within 10 minutes is refused, 60203).</summary>
    public int SendCount { get; set; }

    public string? Amount { get; set; }

    public string? Payee { get; set; }

    /// <summary>Carrier type from the verification's lookup (<c>mobile</c>, <c>landline</c>), when the service does lookups.</summary>
    public string? CarrierType { get; set; }

    public override string ToString() => Sid;
}
