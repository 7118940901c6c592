namespace Authy.Cmdlets.Infrastructure;

/// <summary>
/// Base of the cmdlets that act on one Authy user: the AuthyId, bound from a piped number, from the
/// output of New-AuthyUser or Get-AuthyUser, or from a CSV column of <see cref="ColumnNames.AuthyId"/>,
/// and validated the same way everywhere (a positive whole number, so nothing but digits can reach a URL path).
/// </summary>
public abstract class AuthyUserCmdlet : AuthyPipelineCmdlet
{
    /// <summary>The user's Authy id. Not Mandatory so that a row without it gets the module's error (see the base class).</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Id", "authy_id", "UserId", "Authy ID", "user_id")]
    // No ValidateRange: a blank CSV cell binds as 0, and PowerShell would refuse the row with "the 0 argument is
    // less than the minimum" outside the cmdlet, unnumbered and without the row. The range is checked below.
    [WholeNumber(LeaveToCmdlet = true)]
    public long AuthyId { get; set; }

    /// <summary>The current record's Authy id: the parameter, else the record's Authy id column.</summary>
    protected long ResolvedAuthyId { get; private set; }

    protected override bool ResolveRecord()
    {
        ResolvedAuthyId = 0;
        // A record's columns are read below, whatever the binder made of one of them.
        if (AuthyId == WholeNumberAttribute.NotAWholeNumber && (PipedRecord == null || IsOnCommandLine(nameof(AuthyId))))
        {
            // Text or a number that is no id ('1.5', '0x3', '12ab', $true): this record's error, with what it held.
            // Given on the command line, it is no record's value (and stops a piped command: WriteInvalidValue).
            var given = IsOnCommandLine(nameof(AuthyId)) ? null : FromRecord(null, ColumnNames.AuthyId, blankStops: true) ?? PipedValue;
            WriteInvalidValue(
                "InvalidAuthyId",
                (given != null ? $"'{InputRules.Shorten(Text(given))}'" : "The -AuthyId given") + " is not an Authy id: use the user's id, a positive whole number written in digits.",
                given);
            return false;
        }

        // From a piped record, the id is read from its columns in the table's order, not taken as the binder bound
        // it: beside 'Authy ID', an HR export's employee 'ID' would otherwise pick the user to remove.
        if (AuthyId > 0 && (PipedRecord == null || IsOnCommandLine(nameof(AuthyId))))
        {
            ResolvedAuthyId = AuthyId;
            return true;
        }

        if (PipedRecord != null && IsAmbiguousGenericId(out var ambiguity))
        {
            WriteInvalidValue("AmbiguousAuthyId", ambiguity!, null);
            return false;
        }

        var column = FromRecord(null, ColumnNames.AuthyId, blankStops: true);
        if (column == null)
        {
            // A record with a blank or no id column lacks one; a number given as such (-AuthyId 0, or 0 piped) is refused.
            var fromRecord = PipedRecord != null;
            if (AuthyId < 0 || (AuthyId == 0 && !fromRecord && MyInvocation.BoundParameters.ContainsKey(nameof(AuthyId))))
            {
                WriteInvalidValue("InvalidAuthyId", $"'{AuthyId.ToString(CultureInfo.InvariantCulture)}' is not an Authy id: use the user's id, a positive whole number written in digits.", AuthyId);
                return false;
            }

            WriteMissing("Authy id", nameof(AuthyId), ColumnNames.AuthyId);
            return false;
        }

        // The same rule as the parameter's: digits only, positive, within a long.
        var text = (column is PSObject wrapped ? wrapped.BaseObject : column).ToString()!.Trim(' ');
        if (text.Length > 19 || !long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id < 1)
        {
            WriteInvalidValue("InvalidAuthyId", $"'{InputRules.Shorten(text)}' is not an Authy id: use the user's id, a positive whole number written in digits.", column);
            return false;
        }

        ResolvedAuthyId = id;
        return true;
    }

    /// <summary>
    /// A record without an Authy id column whose generic id columns (Id, UserId, user_id) disagree: which one is
    /// Authy's cannot be told, and guessing could act on another user.
    /// </summary>
    private bool IsAmbiguousGenericId(out string? message)
    {
        message = null;
        var authySpecific = ColumnNames.AuthyId.Except(ColumnNames.GenericId).ToList();
        if (HasColumn(authySpecific))
        {
            return false;
        }

        // One entry per column: UserId and user_id are one name to the table.
        var values = ColumnNames.GenericId
            .GroupBy(ColumnNames.Key)
            .Select(names => (Name: names.First(), Value: FromRecord(null, names.ToList())))
            .Where(found => found.Value != null)
            .ToList();
        if (values.Select(found => Text(found.Value!).Trim()).Distinct(StringComparer.Ordinal).Count() < 2)
        {
            return false;
        }

        message = "The record's id columns disagree (" + string.Join(", ", values.Select(found => $"{found.Name} '{InputRules.Shorten(Text(found.Value!))}'"))
            + "), and none is named for Authy: add an AuthyId column, or remove the other system's id.";
        return true;
    }
}
