using System.Management.Automation;
using Authy.Validation;

namespace Authy.Cmdlets.Infrastructure
{
    /// <summary>
    /// Base of the cmdlets that take pipeline input: adds <c>-ThrottleLimit</c> and <c>-Unordered</c>, and
    /// keeps the piped record so every output or error can name the record it answers for.
    /// </summary>
    public abstract class AuthyPipelineCmdlet : AuthyCmdlet
    {
        /// <summary>
        /// The piped record itself (a CSV row, an object from another cmdlet). Hidden: it exists so that an
        /// error's TargetObject is the whole record, not just the value of one of its properties.
        /// </summary>
        [Parameter(ValueFromPipeline = true, DontShow = true)]
        public PSObject? InputObject { get; set; }

        /// <summary>The most requests in flight at once for this invocation.</summary>
        [Parameter]
        [WholeNumber]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = 4;

        /// <summary>Write outcomes as they finish rather than in input order.</summary>
        [Parameter]
        public SwitchParameter Unordered { get; set; }

        protected override int ConcurrencyLimit => ThrottleLimit;

        protected override bool PreserveInputOrder => !Unordered.IsPresent;

        /// <summary>The record the current outcome belongs to: the piped object, else the value given directly.</summary>
        protected object? TargetFor(object? directValue) => InputObject ?? directValue;
    }
}
