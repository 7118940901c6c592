using Authy.Verify.Models;

namespace Authy.Cmdlets.Verify;

/// <summary>
/// Get-TwilioVerifyFactor: one factor by -FactorSid (GET …/Factors/{YF}), or every factor of the identity
/// (GET …/Factors), streamed page by page so Select-Object -First stops the paging (docs/api/verify.md §4.5). Twilio
/// never shows a factor's secret again after its creation, so these objects carry none.
/// </summary>
[Cmdlet(VerbsCommon.Get, "TwilioVerifyFactor")]
[OutputType(typeof(TwilioVerifyFactor))]
public sealed class GetTwilioVerifyFactorCommand : VerifyIdentityCmdlet
{
    /// <summary>The factor: YF and 32 hexadecimal digits; without it, all of the identity's factors.</summary>
    [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
    [Alias("factor_sid", "Sid")]
    public string? FactorSid { get; set; }

    /// <summary>Factors per page when listing, 1 to 1000 (Twilio's default is 50).</summary>
    [Parameter]
    [WholeNumber]
    [ValidateRange(1, 1000)]
    public int? PageSize { get; set; }

    private string? _factorSid;

    protected override bool ResolveRecord()
    {
        if (!ReadIdentity(required: true))
        {
            return false;
        }

        _factorSid = ReadFactorSid(FactorSid, required: false, out var ok);
        return ok;
    }

    protected override void ProcessInput()
    {
        var identity = CurrentIdentity;
        var sid = _factorSid;
        if (sid == null)
        {
            var pageSize = PageSize;
            WriteList(RecordTarget, log => Verify.ListFactors(identity, pageSize, log, CancellationToken));
            return;
        }

        Enqueue(RecordTarget, (log, cancellationToken) => Verify.GetFactorAsync(identity, sid, log, cancellationToken));
    }
}
