namespace Authy.Validation;

/// <summary>
/// Parameter validation by an <see cref="InputRules"/> rule, at binding time. Only for parameters that do not
/// bind from piped records: PowerShell refuses a record at binding before the cmdlet sees it, so its error has
/// no record number, a blank CSV cell cannot mean "not given", and the records after it are numbered one short.
/// Those parameters are checked per record instead (AuthyPipelineCmdlet.ReadRequired, TryReadOptional).
/// </summary>
public abstract class ValidateRuleAttribute : ValidateEnumeratedArgumentsAttribute
{
    protected abstract string? Check(string? value);

    protected override void ValidateElement(object element)
    {
        var value = element is PSObject wrapped ? wrapped.BaseObject : element;
        var problem = Check(value as string ?? Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture));
        if (problem != null)
        {
            throw new ValidationMetadataException(problem);
        }
    }
}

/// <summary>An IPv4 or IPv6 address.</summary>
[System.AttributeUsage(System.AttributeTargets.Property | System.AttributeTargets.Field)]
public sealed class ValidateIpAddressAttribute : ValidateRuleAttribute
{
    protected override string? Check(string? value) => InputRules.IpAddress(value);
}
