using System.Collections.ObjectModel;
using Authy.Phones;

namespace Authy.Cmdlets.Infrastructure;

/// <summary>
/// Base of the cmdlets that take pipeline input: adds <c>-ThrottleLimit</c> and <c>-Unordered</c>, keeps the
/// piped record so every output or error can name the record it answers for, and reads values the record
/// holds under column names PowerShell's aliases cannot express (<see cref="ColumnNames"/>).
/// </summary>
/// <remarks>
/// The values a record must supply are not Mandatory: a row without them would otherwise get PowerShell's
/// generic "cannot be bound" error, which neither names the row nor says which columns would bind.
/// Derived cmdlets check for them in <see cref="ResolveRecord"/> and write the module's own error. Nor do the
/// parameters that bind by property name carry validation attributes (ValidateSet, ValidateRange, the module's
/// Validate* rules): the binder would refuse a blank or padded cell before <see cref="ProcessRecord"/>, with a
/// generic error, and the record would not be counted, so every later record's "Record N" would be wrong. They
/// are read with <see cref="ReadRequired"/> and <see cref="TryReadOptional"/>, which trim, treat blank as not
/// given and write the record's error.
/// </remarks>
public abstract class AuthyPipelineCmdlet : AuthyCmdlet, IDynamicParameters
{
    private const string InputObjectName = "InputObject";

    private RuntimeDefinedParameter? _inputObject;
    private int _recordNumber;

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
    protected PSObject? InputObject => _inputObject?.Value as PSObject;

    /// <summary>
    /// Declares <c>-InputObject</c> only when this invocation reads a pipeline. As a static
    /// <c>[Parameter(DontShow = true)]</c> it was hidden from Get-Help and tab completion but still listed by
    /// Get-Command -Syntax, which shows DontShow parameters (PowerShell/PowerShell#18503). Get-Command asks for
    /// dynamic parameters outside any pipeline, so there it is absent; a piped call binds it exactly as before.
    /// </summary>
    public object? GetDynamicParameters()
    {
        if (!MyInvocation.ExpectingInput)
        {
            return null;
        }

        var attributes = new Collection<Attribute> { new ParameterAttribute { ValueFromPipeline = true, DontShow = true } };
        _inputObject = new RuntimeDefinedParameter(InputObjectName, typeof(PSObject), attributes);
        return new RuntimeDefinedParameterDictionary { { InputObjectName, _inputObject } };
    }

    /// <summary>The record the current outcome belongs to: the piped object, else the value given directly.</summary>
    protected object? TargetFor(object? directValue) => InputObject ?? directValue;

    protected sealed override void ProcessRecord()
    {
        _recordNumber++;
        if (ResolveRecord())
        {
            ProcessInput();
        }
    }

    /// <summary>
    /// Fills in and checks what the current record must supply before <see cref="ProcessInput"/> runs; on a
    /// problem it writes one error carrying the record and returns false, so nothing is sent for it.
    /// </summary>
    protected virtual bool ResolveRecord() => true;

    /// <summary>Validates, asks ShouldProcess and enqueues the call for the current record.</summary>
    protected abstract void ProcessInput();

    /// <summary>
    /// The value of a parameter for this record: as given on the command line, else the first column of the piped
    /// record whose name is one of <paramref name="names"/>, in that order (ignoring case, spaces, dashes,
    /// underscores), else as the binder bound it. For ids, <paramref name="blankStops"/>: a blank cell in the first
    /// matching column is no value, not a reason to read the next (see <see cref="ColumnNames.Find"/>).
    /// </summary>
    /// <remarks>
    /// The table's order, not the binder's: with an HR export's employee <c>ID</c> beside <c>Authy ID</c>, or
    /// <c>Phone</c> beside <c>Mobile</c>, PowerShell binds whichever alias it meets first, and the wrong user
    /// would be removed or a landline sent the SMS.
    /// </remarks>
    protected object? FromRecord(object? bound, IReadOnlyList<string> names, bool blankStops = false)
    {
        if (PipedRecord is not { } record || (!ColumnNames.IsBlank(bound) && IsCommandLineBinding(bound!)))
        {
            return ColumnNames.IsBlank(bound) ? null : bound;
        }

        return ColumnNames.Find(Columns(record), names, blankStops) ?? (ColumnNames.IsBlank(bound) ? null : bound);
    }

    /// <summary>
    /// Writes that the current record lacks a value: which one, the columns the record has, and the
    /// names that would bind. Without a piped record, the parameter to give.
    /// </summary>
    protected void WriteMissing(string what, string parameterName, IReadOnlyList<string> names)
    {
        string message;
        var record = PipedRecord;
        var blankColumn = record == null ? null : names
            .Select(name => Columns(record).FirstOrDefault(column => ColumnNames.Key(column.Key) == ColumnNames.Key(name) && ColumnNames.IsBlank(column.Value)).Key)
            .FirstOrDefault(column => column != null);
        if (record != null && Columns(record).All(column => ColumnNames.IsBlank(column.Value)))
        {
            // A spreadsheet's trailing ';;;;' line, or a blank row: nothing in it at all.
            message = $"{RecordName} is empty: every cell is blank. Remove the line, or filter such rows out (Where-Object {{ $_.PSObject.Properties.Value -ne '' }}).";
        }
        else if (blankColumn != null)
        {
            // The column is there and bound; its cell is empty. Listing the names that bind would suggest otherwise.
            message = $"{RecordName} has no {what}: its '{InputRules.Shorten(blankColumn)}' cell is blank. Fill it in, or give -{parameterName}.";
        }
        else if (record != null)
        {
            var columns = Columns(record).Select(column => "'" + InputRules.Shorten(column.Key) + "'").ToList();
            message = string.Format(
                CultureInfo.InvariantCulture,
                "{0} has no {1}. Its columns are {2}; a column named {3} gives the {1} (case, spaces, dashes and underscores do not matter), or give -{4}.",
                RecordName,
                what,
                columns.Count == 0 ? "none" : string.Join(", ", columns),
                JoinOr(names),
                parameterName);

            // One column whose name holds the separators: the file was read with the wrong delimiter.
            if (columns.Count == 1 && Columns(record).First().Key is var only && (only.IndexOf(';') >= 0 || only.IndexOf('\t') >= 0))
            {
                message += $" Its one column name holds '{(only.IndexOf(';') >= 0 ? ";" : "\\t")}': read the file with Import-Csv -Delimiter '{(only.IndexOf(';') >= 0 ? ";" : "`t")}'.";
            }
        }
        else
        {
            message = $"No {what} was given: use -{parameterName}.";
        }

        WriteInvalid("MissingValue", message, TargetFor(null));
    }

    /// <summary>
    /// Writes a refused value of the current record, its message prefixed with the record's number when piped. A
    /// value given on the command line (-Channel smss) would be refused for every record alike: that stops the
    /// command at the first, before anything is sent, rather than writing one error per row of a long CSV.
    /// </summary>
    protected void WriteInvalidValue(string errorId, string message, object? directValue)
    {
        if (directValue != null && IsCommandLineValue(directValue))
        {
            ThrowTerminatingError(AuthyErrorRecords.Invalid(errorId, message, directValue, ErrorIdPrefix));
        }

        WriteInvalid(errorId, PipedRecord != null ? RecordName + ": " + message : message, TargetFor(directValue));
    }

    // The values bound on the command line, taken before the first record binds any (BeginProcessing): a value
    // read from one of these parameters is the same object for every record.
    private object[]? _commandLineValues;

    private HashSet<string>? _commandLineNames;

    protected override void BeginProcessing()
    {
        _commandLineValues = MyInvocation.BoundParameters.Values.Select(bound => bound is PSObject wrapped ? wrapped.BaseObject : bound).ToArray();
        _commandLineNames = new HashSet<string>(MyInvocation.BoundParameters.Keys, StringComparer.OrdinalIgnoreCase);
        base.BeginProcessing();
    }

    /// <summary>Whether <paramref name="parameter"/> was given on the command line, not bound from a piped record.</summary>
    protected bool IsOnCommandLine(string parameter) => _commandLineNames?.Contains(parameter) == true;

    /// <summary>
    /// Whether <paramref name="value"/> is what a parameter given on the command line holds for this record: a value,
    /// or what a delay-bind script block (<c>-Email { $_.'Personal Email' }</c>) gave for it. The user chose it;
    /// the record's columns do not overrule it.
    /// </summary>
    private bool IsCommandLineBinding(object value)
    {
        var unwrapped = value is PSObject wrapped ? wrapped.BaseObject : value;
        return _commandLineNames != null && _commandLineNames.Any(name =>
            MyInvocation.BoundParameters.TryGetValue(name, out var current)
            && ReferenceEquals(current is PSObject boxed ? boxed.BaseObject : current, unwrapped));
    }

    // Only with records piped in: a single call keeps its one non-terminating error.
    private bool IsCommandLineValue(object value) =>
        MyInvocation.ExpectingInput && _commandLineValues != null
        && _commandLineValues.Any(bound => ReferenceEquals(bound, value is PSObject wrapped ? wrapped.BaseObject : value));

    /// <summary>
    /// One value the record must supply, read and checked the same way in every cmdlet: from
    /// <paramref name="bound"/> or the record's <paramref name="names"/> columns, without the blanks around it
    /// (<see cref="InputRules.TrimBlanks"/>: line breaks are not trimmed, so the check refuses them), then
    /// <paramref name="check"/>. Null, with the record's error written, when it is missing (naming
    /// <paramref name="parameter"/> and the columns) or the check finds a problem (<paramref name="errorId"/>).
    /// </summary>
    /// <remarks>
    /// Checked here, not by a validation attribute: PowerShell's binder refuses a row before ProcessRecord, with a
    /// generic error that has no record number, and the rows after it would be numbered one short.
    /// </remarks>
    protected string? ReadRequired(object? bound, IReadOnlyList<string> names, string what, string parameter, string errorId, Func<string, string?> check)
    {
        var value = FromRecord(bound, names);
        if (value == null)
        {
            WriteMissing(what, parameter, names);
            return null;
        }

        var text = InputRules.TrimBlanks(Text(value));
        var problem = check(text);
        if (problem != null)
        {
            WriteInvalidValue(errorId, problem, value);
            return null;
        }

        return text;
    }

    /// <summary>
    /// An optional value of the current record, without the blanks around it: a blank one (an empty CSV cell) is
    /// not given, so <paramref name="value"/> is null and the default applies. False, with the record's error written
    /// (<paramref name="errorId"/>), when <paramref name="check"/> finds a problem. Not a validation attribute, for
    /// the reason <see cref="ReadRequired"/> gives.
    /// </summary>
    protected bool TryReadOptional(string? bound, string errorId, Func<string, string?> check, out string? value)
    {
        value = ColumnNames.IsBlank(bound) ? null : InputRules.TrimBlanks(bound!);
        var problem = value == null ? null : check(value);
        if (problem != null)
        {
            WriteInvalidValue(errorId, problem, bound);
            value = null;
            return false;
        }

        return true;
    }

    /// <summary>An optional IP address of the current record (-UserIp, -DeviceIp), read as <see cref="TryReadOptional"/> does.</summary>
    protected bool TryReadIpAddress(string? bound, out string? address) =>
        TryReadOptional(bound, "InvalidIpAddress", InputRules.IpAddress, out address);

    /// <summary>
    /// Parses the current record's phone number and country into the form sent to Authy, writing the
    /// record's error when either is wrong or the country is missing.
    /// </summary>
    protected NormalizedPhoneNumber? ReadPhoneNumber(string phone, object? country, string countryParameter)
    {
        var countryInput = CountryInput.Parse(country, out var countryProblem);
        if (countryProblem != null)
        {
            WriteInvalidValue("InvalidCountryCode", countryProblem, country);
            return null;
        }

        var number = PhoneNumberParser.Normalize(phone, countryInput, out var problem, out var message);
        switch (problem)
        {
            case PhoneProblem.None:
                return number;
            case PhoneProblem.MissingCountry:
                if (PipedRecord != null)
                {
                    message += $" Columns that give the country: {JoinOr(ColumnNames.CountryCode)}.";
                }
                else
                {
                    message += $" Use -{countryParameter}.";
                }

                WriteInvalidValue("MissingValue", message, phone);
                return null;
            case PhoneProblem.InvalidCountryCode:
                WriteInvalidValue("InvalidCountryCode", message, phone);
                return null;
            default:
                WriteInvalidValue("InvalidPhoneNumber", message, phone);
                return null;
        }
    }

    /// <summary>"Record 17": the piped record's position in this invocation's input, counted from 1.</summary>
    private string RecordName => "Record " + _recordNumber.ToString(CultureInfo.InvariantCulture);

    /// <summary>The current record's number in this invocation, from 1, as the record's errors name it.</summary>
    private protected int RecordNumber => _recordNumber;

    private static string JoinOr(IReadOnlyList<string> names) =>
        string.Join(", ", names.Take(names.Count - 1).Select(name => "'" + name + "'")) + " or '" + names[names.Count - 1] + "'";

    /// <summary>The current input when it is a record with columns (a CSV row, another cmdlet's output); null for a bare value or none.</summary>
    protected PSObject? PipedRecord => InputObject != null && !IsScalar(InputObject.BaseObject) ? InputObject : null;

    /// <summary>A bare number or string piped in (<c>'+14155550100' | Send-TwilioVerification</c>), else null.</summary>
    protected object? PipedValue => InputObject != null && IsScalar(InputObject.BaseObject) ? InputObject.BaseObject : null;

    /// <summary>Whether the piped record has a column named one of <paramref name="names"/>, blank or not.</summary>
    protected bool HasColumn(IReadOnlyList<string> names) => PipedRecord is { } record && ColumnNames.Has(Columns(record), names);

    /// <summary>A record's value as text (a CSV gives strings; another cmdlet's output may give numbers).</summary>
    protected static string Text(object value) =>
        Convert.ToString(value is PSObject wrapped ? wrapped.BaseObject : value, CultureInfo.InvariantCulture) ?? string.Empty;

    // A piped number or string is a value, not a record with columns (42 | Get-AuthyUser).
    private static bool IsScalar(object value) => value is string || value.GetType().IsPrimitive || value is decimal;

    private static IEnumerable<KeyValuePair<string, object?>> Columns(PSObject record)
    {
        foreach (var property in record.Properties)
        {
            if (!property.IsGettable)
            {
                continue;
            }

            object? value;
            try
            {
                value = property.Value;
            }
            catch (GetValueException)
            {
                continue;
            }

            yield return new KeyValuePair<string, object?>(property.Name, value);
        }
    }
}
