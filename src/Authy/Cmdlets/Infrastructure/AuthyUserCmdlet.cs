using System.Management.Automation;
using Authy.Validation;

namespace Authy.Cmdlets.Infrastructure
{
    /// <summary>
    /// Base of the cmdlets that act on one Authy user: the AuthyId, bound from a piped number, from the
    /// output of New-AuthyUser or Get-AuthyUser, or from a CSV column named id or authy_id, and validated
    /// the same way everywhere (a positive whole number, so nothing but digits can reach a URL path).
    /// </summary>
    public abstract class AuthyUserCmdlet : AuthyPipelineCmdlet
    {
        /// <summary>The user's Authy id.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id", "authy_id", "UserId")]
        [WholeNumber]
        [ValidateRange(1, long.MaxValue)]
        public long AuthyId { get; set; }
    }
}
