using Authy.Verify.Models;

namespace Authy.Cmdlets.Verify;

/// <summary>
/// Get-TwilioVerifyEntity: with -Identity (or piped records with an Identity column) those entities (GET
/// …/Entities/{Identity}); with nothing, every entity of the service (GET …/Entities), streamed page by page, so
/// Select-Object -First stops the paging (docs/api/verify.md §4.4).
/// </summary>
[Cmdlet(VerbsCommon.Get, "TwilioVerifyEntity")]
[OutputType(typeof(TwilioVerifyEntity))]
public sealed class GetTwilioVerifyEntityCommand : VerifyIdentityCmdlet
{
    /// <summary>Entities per page when listing, 1 to 1000 (Twilio's default is 50).</summary>
    [Parameter]
    [WholeNumber]
    [ValidateRange(1, 1000)]
    public int? PageSize { get; set; }

    // A piped record must name its entity; only a call with no input and no -Identity lists them all.
    protected override bool ResolveRecord() => ReadIdentity(required: InputObject != null);

    protected override void ProcessInput()
    {
        var identity = CurrentIdentity;
        if (identity.Length == 0)
        {
            var pageSize = PageSize;
            WriteList(null, log => Verify.ListEntities(pageSize, log, CancellationToken));
            return;
        }

        Enqueue(RecordTarget, (log, cancellationToken) => Verify.GetEntityAsync(identity, log, cancellationToken));
    }
}
