using System;
using System.Collections.ObjectModel;
using System.Management.Automation;
using Authy.Validation;

namespace Authy.Cmdlets.Infrastructure
{
    /// <summary>
    /// Base of the cmdlets that take pipeline input: adds <c>-ThrottleLimit</c> and <c>-Unordered</c>, and
    /// keeps the piped record so every output or error can name the record it answers for.
    /// </summary>
    public abstract class AuthyPipelineCmdlet : AuthyCmdlet, IDynamicParameters
    {
        private const string InputObjectName = "InputObject";

        private RuntimeDefinedParameter? inputObject;

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

        /// <summary>
        /// The piped record itself (a CSV row, an object from another cmdlet), bound to a hidden
        /// <c>-InputObject</c>, so that an error's TargetObject is the whole record, not just the value of one of
        /// its properties. Null when nothing is piped.
        /// </summary>
        protected PSObject? InputObject => inputObject?.Value as PSObject;

        /// <summary>
        /// Declares <c>-InputObject</c> only when this invocation reads a pipeline. As a static
        /// <c>[Parameter(DontShow = true)]</c> it was hidden from Get-Help and tab completion but still listed by
        /// Get-Command -Syntax, which shows DontShow parameters (PowerShell/PowerShell#18503). Get-Command asks for
        /// dynamic parameters outside any pipeline, so there it is absent; a piped call binds it exactly as before,
        /// missing-property errors included.
        /// </summary>
        public object? GetDynamicParameters()
        {
            if (!MyInvocation.ExpectingInput)
            {
                return null;
            }

            var attributes = new Collection<Attribute> { new ParameterAttribute { ValueFromPipeline = true, DontShow = true } };
            inputObject = new RuntimeDefinedParameter(InputObjectName, typeof(PSObject), attributes);
            return new RuntimeDefinedParameterDictionary { { InputObjectName, inputObject } };
        }

        /// <summary>The record the current outcome belongs to: the piped object, else the value given directly.</summary>
        protected object? TargetFor(object? directValue) => InputObject ?? directValue;
    }
}
