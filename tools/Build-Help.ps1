<#
.SYNOPSIS
    Builds the module's help: MAML for every cmdlet (en-US/Authy.dll-Help.xml) and the about_Authy topic.
.DESCRIPTION
    Syntax and parameter metadata (parameter sets, types, mandatory, position, pipeline input, aliases,
    accepted values, defaults) come from Get-Command on the compiled cmdlets of the built module, so the help
    cannot drift from the code. Words (synopsis, description, parameter descriptions, examples, inputs,
    outputs, notes, links) come from docs/cmdlets/<Verb-Noun>.md, in the format described in
    docs/cmdlets/README.md.

    Fails (exit code 1, every problem listed) when an exported cmdlet has no markdown file, a markdown file
    names no exported cmdlet, a file documents a parameter the cmdlet does not have (or a hidden one), its
    OUTPUTS differ from the cmdlet's [OutputType], or a required section is missing or malformed.
    A visible parameter left undocumented is a warning here: tests/pester/Help.Tests.ps1 fails on it.

    Run it in its own process (build.ps1 does, in a child pwsh): it imports the built Authy.dll, which then
    stays loaded, and locked on Windows, until the process ends.
.EXAMPLE
    dotnet pwsh -NoProfile -File tools/Build-Help.ps1 -ModulePath out/Authy
#>
[CmdletBinding()]
param(
    # The assembled module folder (holding Authy.psd1), e.g. out/Authy.
    [Parameter(Mandatory)]
    [string] $ModulePath,

    # The folder of <Verb-Noun>.md files.
    [string] $SourcePath = (Join-Path $PSScriptRoot '../docs/cmdlets'),

    # The about topic, copied as it is.
    [string] $AboutPath = (Join-Path $PSScriptRoot '../docs/about_Authy.help.txt')
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$mamlNs = 'http://schemas.microsoft.com/maml/2004/10'
$commandNs = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
$devNs = 'http://schemas.microsoft.com/maml/dev/2004/10'
$knownSections = 'SYNOPSIS', 'DESCRIPTION', 'PARAMETERS', 'EXAMPLES', 'INPUTS', 'OUTPUTS', 'NOTES', 'RELATED LINKS'
$requiredSections = 'SYNOPSIS', 'DESCRIPTION', 'EXAMPLES', 'OUTPUTS'
$commonParameters = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters

# Said of -WhatIf and -Confirm when a file does not describe them itself.
$standardDescriptions = @{
    WhatIf  = 'Shows what would happen if the cmdlet runs. Nothing is sent to Authy.'
    Confirm = 'Prompts you for confirmation before each record is sent to Authy.'
}

$script:problems = [System.Collections.Generic.List[string]]::new()
function Add-Problem([string] $file, [string] $message) { $script:problems.Add("${file}: $message") }

#region Markdown

# Splits a help file into its sections: # title, ## sections, ### subsections, each with its lines.
function Read-HelpMarkdown([string] $path) {
    $doc = [ordered]@{ Title = $null; Sections = [ordered]@{} }
    $section = $null
    $sub = $null
    $inFence = $false
    $lineNumber = 0
    foreach ($line in [IO.File]::ReadAllLines($path)) {
        $lineNumber++
        if ($line -match '^\s*```') { $inFence = -not $inFence }
        if (-not $inFence -and $line -match '^(#{1,3}) (.+?)\s*$') {
            $level = $Matches[1].Length
            $text = $Matches[2]
            if ($level -eq 1) {
                if ($doc.Title) { Add-Problem $path "line ${lineNumber}: a second '# ' title." }
                $doc.Title = $text
                continue
            }
            if ($level -eq 2) {
                $name = $text.ToUpperInvariant()
                if ($name -notin $knownSections) { Add-Problem $path "line ${lineNumber}: unknown section '## $text' (known: $($knownSections -join ', '))." }
                if ($doc.Sections.Contains($name)) { Add-Problem $path "line ${lineNumber}: section '## $text' appears twice." }
                $section = [ordered]@{ Lines = [System.Collections.Generic.List[string]]::new(); Subs = [System.Collections.Generic.List[object]]::new() }
                $doc.Sections[$name] = $section
                $sub = $null
                continue
            }
            if ($null -eq $section) { Add-Problem $path "line ${lineNumber}: '### $text' outside a section." ; continue }
            $sub = [ordered]@{ Title = $text; Line = $lineNumber; Lines = [System.Collections.Generic.List[string]]::new() }
            $section.Subs.Add($sub)
            continue
        }
        if ($null -ne $sub) { $sub.Lines.Add($line) }
        elseif ($null -ne $section) { $section.Lines.Add($line) }
        elseif ($line.Trim()) { Add-Problem $path "line ${lineNumber}: text before the first section." }
    }
    if ($inFence) { Add-Problem $path 'a ``` code fence is never closed.' }
    $doc
}

# '{{columns:Email}}' stands for the column names of that field in the module's one table
# ([Authy.Validation.ColumnNames]), so the help lists exactly the names that bind.
function Expand-ColumnNames([string] $text) {
    [regex]::Replace($text, '\{\{columns:(\w+)\}\}', {
            param($match)
            $field = $match.Groups[1].Value
            $names = [Authy.Validation.ColumnNames].GetField($field)
            if (-not $names) { Add-Problem 'help' "{{columns:$field}} names no field of Authy.Validation.ColumnNames."; return $match.Value }
            $list = @($names.GetValue($null))
            ($list[0..($list.Count - 2)] -join ', ') + ' or ' + $list[-1]
        })
}

# Markdown inline syntax to plain text, as Get-Help shows it.
function ConvertTo-PlainText([string] $text) {
    $text = Expand-ColumnNames $text
    $text = [regex]::Replace($text, '\[([^\]]+)\]\(([^)]+)\)', '$1 ($2)')
    $text = [regex]::Replace($text, '\*\*([^*]+)\*\*', '$1')
    $text = $text -replace '`', ''
    $text
}

# Lines to paragraphs: blank lines separate them; each list item ('- ', '* ', '1. ') is a paragraph of its own;
# a fenced block is one paragraph, its lines kept.
function ConvertTo-Paragraphs([string[]] $lines) {
    $paragraphs = [System.Collections.Generic.List[string]]::new()
    $current = [System.Collections.Generic.List[string]]::new()
    $fence = $null
    $flush = {
        if ($current.Count) { $paragraphs.Add((ConvertTo-PlainText (($current | ForEach-Object Trim) -join ' '))) }
        $current.Clear()
    }
    foreach ($line in $lines) {
        if ($null -ne $fence) {
            if ($line -match '^\s*```') { $paragraphs.Add(($fence -join "`n")); $fence = $null }
            else { $fence.Add($line) }
            continue
        }
        if ($line -match '^\s*```') { & $flush; $fence = [System.Collections.Generic.List[string]]::new(); continue }
        if (-not $line.Trim()) { & $flush; continue }
        if ($line -match '^\s*([-*]|\d+\.)\s+') { & $flush; $current.Add(($line.Trim() -replace '^\*\s+', '- ')); continue }
        $current.Add($line)
    }
    & $flush
    , $paragraphs.ToArray()
}

# An example: the first ```powershell block is the code, the text after it the remarks.
function Read-Example($sub, [string] $path) {
    $code = $null
    $before = [System.Collections.Generic.List[string]]::new()
    $after = [System.Collections.Generic.List[string]]::new()
    $inCode = $false
    foreach ($line in $sub.Lines) {
        if ($null -eq $code -and -not $inCode -and $line -match '^\s*```') { $inCode = $true; $code = [System.Collections.Generic.List[string]]::new(); continue }
        if ($inCode) {
            if ($line -match '^\s*```') { $inCode = $false } else { $code.Add($line) }
            continue
        }
        if ($null -eq $code) { $before.Add($line) } else { $after.Add($line) }
    }
    if ($null -eq $code -or -not ($code -join '').Trim()) { Add-Problem $path "line $($sub.Line): example '$($sub.Title)' has no code block." }
    if ((ConvertTo-Paragraphs $before).Count) { Add-Problem $path "line $($sub.Line): example '$($sub.Title)' has text before its code block; put it after." }
    $remarks = ConvertTo-Paragraphs $after
    if (-not $remarks.Count) { Add-Problem $path "line $($sub.Line): example '$($sub.Title)' does not explain itself (no text after the code)." }
    [pscustomobject]@{ Title = $sub.Title; Code = if ($code) { ($code -join "`n").Trim("`n") } else { '' }; Remarks = $remarks }
}

# Related links: '- [text](uri)' or '- text'.
function Read-Links([string[]] $lines) {
    foreach ($line in $lines) {
        if (-not $line.Trim()) { continue }
        if ($line -match '^\s*[-*]\s+\[([^\]]+)\]\(([^)]+)\)\s*$') { [pscustomobject]@{ Text = $Matches[1]; Uri = $Matches[2] } }
        elseif ($line -match '^\s*[-*]\s+(.+?)\s*$') { [pscustomobject]@{ Text = (ConvertTo-PlainText $Matches[1]); Uri = '' } }
    }
}

#endregion

#region Metadata from the compiled cmdlets

function Test-Hidden($parameter) {
    foreach ($attribute in $parameter.Attributes) {
        if ($attribute -is [System.Management.Automation.ParameterAttribute] -and $attribute.DontShow) { return $true }
    }
    $false
}

# The name a person reads: Int64, String[], TimeSpan (for TimeSpan?), SwitchParameter.
function Get-ShortTypeName([type] $type) {
    $inner = [Nullable]::GetUnderlyingType($type)
    if ($inner) { $type = $inner }
    if ($type.IsArray) { return (Get-ShortTypeName $type.GetElementType()) + '[]' }
    $type.Name
}

function Get-FullTypeName([type] $type) {
    $inner = [Nullable]::GetUnderlyingType($type)
    if ($inner) { $type = $inner }
    $type.FullName
}

function Get-ValidValues($parameter) {
    foreach ($attribute in $parameter.Attributes) {
        if ($attribute -is [System.Management.Automation.ValidateSetAttribute]) { return , @($attribute.ValidValues) }
    }
    $null
}

# Defaults the code states: the value a fresh cmdlet object holds, when it is more than the type's zero value.
function Get-DefaultValues([System.Management.Automation.CmdletInfo] $command) {
    $defaults = @{}
    $instance = $null
    try { $instance = [Activator]::CreateInstance($command.ImplementingType) }
    catch { Write-Warning "$($command.Name): cannot create the cmdlet to read its defaults: $($_.Exception.Message)"; return $defaults }
    try {
        foreach ($name in $command.Parameters.Keys) {
            $property = $command.ImplementingType.GetProperty($name)
            if (-not $property -or -not $property.CanRead) { continue }
            $value = $property.GetValue($instance)
            if ($null -eq $value) { continue }
            if ($value -is [System.Management.Automation.SwitchParameter]) { continue }
            if ($value -is [string] -and -not $value) { continue }
            if ($value.GetType().IsValueType -and $value.Equals([Activator]::CreateInstance($value.GetType()))) { continue }
            $defaults[$name] = if ($value -is [timespan]) { $value.ToString() } else { [string]$value }
        }
    }
    finally {
        if ($instance -is [IDisposable]) { $instance.Dispose() }
    }
    $defaults
}

# One parameter's facts across its parameter sets.
function Get-ParameterFacts([System.Management.Automation.CmdletInfo] $command, [string] $name, [hashtable] $defaults) {
    $meta = $command.Parameters[$name]
    $sets = @($meta.ParameterSets.Values)
    $positions = @($sets | ForEach-Object Position | Where-Object { $_ -ge 0 } | Sort-Object -Unique)
    $byValue = [bool]($sets | Where-Object ValueFromPipeline)
    $byName = [bool]($sets | Where-Object ValueFromPipelineByPropertyName)
    $pipeline = if ($byValue -and $byName) { 'True (ByPropertyName, ByValue)' } elseif ($byValue) { 'True (ByValue)' } elseif ($byName) { 'True (ByPropertyName)' } else { 'False' }
    $mandatory = @($sets | Where-Object { -not $_.IsMandatory }).Count -eq 0
    [pscustomobject]@{
        Name        = $meta.Name
        Type        = $meta.ParameterType
        IsSwitch    = $meta.SwitchParameter
        Required    = $mandatory
        Position    = if ($positions.Count) { [string]$positions[0] } else { 'named' }
        Pipeline    = $pipeline
        Aliases     = @($meta.Aliases)
        ValidValues = Get-ValidValues $meta
        Default     = if (-not $mandatory -and $defaults.ContainsKey($meta.Name)) { $defaults[$meta.Name] } else { 'None' }
    }
}

#endregion

#region MAML

function Add-Element($writer, [string] $prefix, [string] $name, [string] $ns, [string] $text) {
    $writer.WriteStartElement($prefix, $name, $ns)
    if ($null -ne $text) { $writer.WriteString($text) }
    $writer.WriteEndElement()
}

function Add-Description($writer, [string[]] $paragraphs) {
    $writer.WriteStartElement('maml', 'description', $mamlNs)
    foreach ($para in $paragraphs) { Add-Element $writer 'maml' 'para' $mamlNs $para }
    if (-not $paragraphs) { Add-Element $writer 'maml' 'para' $mamlNs '' }
    $writer.WriteEndElement()
}

function Add-Type($writer, [string] $name) {
    $writer.WriteStartElement('dev', 'type', $devNs)
    Add-Element $writer 'maml' 'name' $mamlNs $name
    Add-Element $writer 'maml' 'uri' $mamlNs ''
    $writer.WriteEndElement()
}

# A <command:parameter> as it appears in a syntax item (set-specific facts) or in the parameter list.
function Add-Parameter($writer, $facts, [string[]] $description, [bool] $required, [string] $position, [bool] $inSyntax) {
    $writer.WriteStartElement('command', 'parameter', $commandNs)
    $writer.WriteAttributeString('required', $required.ToString().ToLowerInvariant())
    $writer.WriteAttributeString('variableLength', $facts.Type.IsArray.ToString().ToLowerInvariant())
    $writer.WriteAttributeString('globbing', 'false')
    $writer.WriteAttributeString('pipelineInput', $facts.Pipeline)
    $writer.WriteAttributeString('position', $position)
    $writer.WriteAttributeString('aliases', $(if ($facts.Aliases.Count) { $facts.Aliases -join ', ' } else { 'none' }))
    Add-Element $writer 'maml' 'name' $mamlNs $facts.Name
    Add-Description $writer $description
    if ($facts.ValidValues -and $inSyntax) {
        $writer.WriteStartElement('command', 'parameterValueGroup', $commandNs)
        foreach ($value in $facts.ValidValues) {
            $writer.WriteStartElement('command', 'parameterValue', $commandNs)
            $writer.WriteAttributeString('required', 'false')
            $writer.WriteAttributeString('command', 'variableLength', $commandNs, 'false')
            $writer.WriteString($value)
            $writer.WriteEndElement()
        }
        $writer.WriteEndElement()
    }
    elseif (-not ($facts.IsSwitch -and $inSyntax)) {
        # A switch takes no value: no <parameterValue> in the syntax, so it shows as [-Force].
        $writer.WriteStartElement('command', 'parameterValue', $commandNs)
        $writer.WriteAttributeString('required', $(if ($facts.IsSwitch) { 'false' } else { 'true' }))
        $writer.WriteAttributeString('variableLength', $facts.Type.IsArray.ToString().ToLowerInvariant())
        $writer.WriteString((Get-ShortTypeName $facts.Type))
        $writer.WriteEndElement()
    }
    Add-Type $writer (Get-FullTypeName $facts.Type)
    Add-Element $writer 'dev' 'defaultValue' $devNs $facts.Default
    $writer.WriteEndElement()
}

#endregion

$moduleManifest = Join-Path $ModulePath 'Authy.psd1'
if (-not (Test-Path $moduleManifest)) { throw "No module at '$ModulePath' (no Authy.psd1): build it first." }
$module = Import-Module $moduleManifest -Force -PassThru
$commands = @(Get-Command -Module $module.Name -CommandType Cmdlet | Sort-Object Name)
if (-not $commands) { throw "The module at '$ModulePath' exports no cmdlets." }

$files = @(Get-ChildItem -Path $SourcePath -Filter '*.md' | Where-Object Name -NE 'README.md')
foreach ($file in $files) {
    if ($file.BaseName -notin $commands.Name) { Add-Problem $file.FullName "documents '$($file.BaseName)', which the module does not export." }
}

$helpFolder = Join-Path $ModulePath 'en-US'
New-Item -ItemType Directory -Force -Path $helpFolder | Out-Null
$target = Join-Path $helpFolder "$([IO.Path]::GetFileName($commands[0].DLL))-Help.xml"

$settings = [System.Xml.XmlWriterSettings]@{ Indent = $true; Encoding = [System.Text.UTF8Encoding]::new($false) }
$buffer = [IO.MemoryStream]::new()
$writer = [System.Xml.XmlWriter]::Create($buffer, $settings)
$writer.WriteStartDocument()
$writer.WriteStartElement('helpItems', 'http://msh')
$writer.WriteAttributeString('schema', 'maml')

foreach ($command in $commands) {
    $path = Join-Path $SourcePath "$($command.Name).md"
    if (-not (Test-Path $path)) { Add-Problem $path "missing: every exported cmdlet needs its help file ($($command.Name))."; continue }
    $doc = Read-HelpMarkdown $path
    if ($doc.Title -cne $command.Name) { Add-Problem $path "the title is '# $($doc.Title)'; expected '# $($command.Name)'." }
    foreach ($name in $requiredSections) {
        if (-not $doc.Sections.Contains($name)) { Add-Problem $path "no '## $name' section." }
    }
    $section = { param($name) if ($doc.Sections.Contains($name)) { $doc.Sections[$name] } else { $null } }

    $synopsis = if (& $section 'SYNOPSIS') { ConvertTo-Paragraphs (& $section 'SYNOPSIS').Lines } else { @() }
    if ($synopsis.Count -ne 1) { Add-Problem $path "the synopsis must be one paragraph (found $($synopsis.Count))." }
    $description = if (& $section 'DESCRIPTION') { ConvertTo-Paragraphs (& $section 'DESCRIPTION').Lines } else { @() }
    if (-not $description.Count) { Add-Problem $path 'the description is empty.' }

    # Parameters: every one documented must exist and be visible; the ones left out are reported.
    $visible = @($command.Parameters.Values | Where-Object { $_.Name -notin $commonParameters -and -not (Test-Hidden $_) } | ForEach-Object Name)
    $documented = [ordered]@{}
    $parametersSection = & $section 'PARAMETERS'
    if ($parametersSection) {
        foreach ($sub in $parametersSection.Subs) {
            if ($sub.Title -notmatch '^-(\w+)$') { Add-Problem $path "line $($sub.Line): '### $($sub.Title)' is not a parameter heading ('### -Name')."; continue }
            $name = $Matches[1]
            $meta = $command.Parameters[$name]
            if (-not $meta) { Add-Problem $path "line $($sub.Line): documents -$name, which $($command.Name) does not have."; continue }
            if ($meta.Name -cne $name) { Add-Problem $path "line $($sub.Line): -$name is spelt -$($meta.Name) in the code." }
            if (Test-Hidden $meta) { Add-Problem $path "line $($sub.Line): documents -$name, which is hidden (DontShow)."; continue }
            if ($name -in $commonParameters -and $name -notin 'WhatIf', 'Confirm') { Add-Problem $path "line $($sub.Line): -$name is a common parameter; about_CommonParameters describes it."; continue }
            $paragraphs = ConvertTo-Paragraphs $sub.Lines
            if (-not $paragraphs.Count) { Add-Problem $path "line $($sub.Line): -$name has no description." }
            $documented[$meta.Name] = $paragraphs
        }
    }
    foreach ($name in $visible) {
        if (-not $documented.Contains($name)) { Write-Warning "$($command.Name): -$name is not described in $path." }
    }
    foreach ($name in 'WhatIf', 'Confirm') {
        if ($command.Parameters.ContainsKey($name) -and -not $documented.Contains($name)) { $documented[$name] = @($standardDescriptions[$name]) }
    }

    $examples = @(if (& $section 'EXAMPLES') { foreach ($sub in (& $section 'EXAMPLES').Subs) { Read-Example $sub $path } })
    if ($examples.Count -lt 2) { Add-Problem $path "has $($examples.Count) example(s); at least two are needed." }
    elseif (-not ($examples | Where-Object { $_.Code -match '\|' })) { Add-Problem $path 'no example shows a pipeline (a | in its code).' }

    # Outputs must be exactly the [OutputType] of the code; System.Void is written 'None'.
    $declared = @($command.OutputType | ForEach-Object { if ($_.Name -eq 'System.Void') { 'None' } else { $_.Name } })
    if (-not $declared) { $declared = @('None') }
    $outputs = [ordered]@{}
    foreach ($sub in @(if (& $section 'OUTPUTS') { (& $section 'OUTPUTS').Subs })) {
        $outputs[$sub.Title] = ConvertTo-Paragraphs $sub.Lines
        if ($sub.Title -notin $declared) { Add-Problem $path "OUTPUTS names '$($sub.Title)', which is not in the cmdlet's [OutputType] ($($declared -join ', '))." }
    }
    foreach ($type in $declared) {
        if (-not $outputs.Contains($type)) { Add-Problem $path "OUTPUTS does not describe '$type', from the cmdlet's [OutputType]." }
    }

    $inputs = [ordered]@{}
    foreach ($sub in @(if (& $section 'INPUTS') { (& $section 'INPUTS').Subs })) {
        if ($sub.Title -ne 'None' -and -not ($sub.Title -as [type])) { Add-Problem $path "INPUTS names '$($sub.Title)', which is not a type." }
        $inputs[$sub.Title] = ConvertTo-Paragraphs $sub.Lines
    }
    if (-not $inputs.Count) { $inputs['None'] = @('This cmdlet takes no pipeline input.') }

    $notes = if (& $section 'NOTES') { ConvertTo-Paragraphs (& $section 'NOTES').Lines } else { @() }
    $links = @(if (& $section 'RELATED LINKS') { Read-Links (& $section 'RELATED LINKS').Lines })

    $defaults = Get-DefaultValues $command
    $facts = @{}
    foreach ($name in $command.Parameters.Keys) {
        if ($name -in $visible -or $name -in 'WhatIf', 'Confirm') { $facts[$name] = Get-ParameterFacts $command $name $defaults }
    }
    $describe = { param($name) if ($documented.Contains($name)) { $documented[$name] } else { @() } }

    $writer.WriteStartElement('command', 'command', $commandNs)
    $writer.WriteAttributeString('xmlns', 'maml', $null, $mamlNs)
    $writer.WriteAttributeString('xmlns', 'command', $null, $commandNs)
    $writer.WriteAttributeString('xmlns', 'dev', $null, $devNs)

    $writer.WriteStartElement('command', 'details', $commandNs)
    Add-Element $writer 'command' 'name' $commandNs $command.Name
    Add-Element $writer 'command' 'verb' $commandNs $command.Verb
    Add-Element $writer 'command' 'noun' $commandNs $command.Noun
    Add-Description $writer $synopsis
    $writer.WriteEndElement()

    Add-Description $writer $description

    # Syntax: one item per parameter set, default set first; positional parameters by position, then
    # mandatory ones, then the rest in the order the code declares them, -WhatIf and -Confirm last.
    $writer.WriteStartElement('command', 'syntax', $commandNs)
    foreach ($set in @($command.ParameterSets | Sort-Object { -not $_.IsDefault })) {
        $writer.WriteStartElement('command', 'syntaxItem', $commandNs)
        Add-Element $writer 'maml' 'name' $mamlNs $command.Name
        $index = 0
        $ordered = $set.Parameters | Where-Object { $facts.ContainsKey($_.Name) } |
            ForEach-Object { [pscustomobject]@{ P = $_; I = $index++ } } |
            Sort-Object @{ e = { if ($_.P.Position -ge 0) { 0 } elseif ($_.P.Name -in 'WhatIf', 'Confirm') { 3 } elseif ($_.P.IsMandatory) { 1 } else { 2 } } }, @{ e = { if ($_.P.Position -ge 0) { $_.P.Position } else { $_.I } } }
        foreach ($item in $ordered) {
            $p = $item.P
            Add-Parameter $writer $facts[$p.Name] (& $describe $p.Name) $p.IsMandatory $(if ($p.Position -ge 0) { [string]$p.Position } else { 'named' }) $true
        }
        $writer.WriteEndElement()
    }
    $writer.WriteEndElement()

    # Parameters: in the order the file describes them, then any it left out, -WhatIf and -Confirm last.
    $writer.WriteStartElement('command', 'parameters', $commandNs)
    $order = @($documented.Keys | Where-Object { $_ -notin 'WhatIf', 'Confirm' }) + @($visible | Where-Object { -not $documented.Contains($_) }) + @('WhatIf', 'Confirm' | Where-Object { $facts.ContainsKey($_) })
    foreach ($name in $order) {
        $f = $facts[$name]
        Add-Parameter $writer $f (& $describe $name) $f.Required $f.Position $false
    }
    $writer.WriteEndElement()

    $writer.WriteStartElement('command', 'inputTypes', $commandNs)
    foreach ($entry in $inputs.GetEnumerator()) {
        $writer.WriteStartElement('command', 'inputType', $commandNs)
        Add-Type $writer $entry.Key
        Add-Description $writer $entry.Value
        $writer.WriteEndElement()
    }
    $writer.WriteEndElement()

    $writer.WriteStartElement('command', 'returnValues', $commandNs)
    foreach ($type in $declared) {
        $writer.WriteStartElement('command', 'returnValue', $commandNs)
        Add-Type $writer $type
        Add-Description $writer $(if ($outputs.Contains($type)) { $outputs[$type] } else { @() })
        $writer.WriteEndElement()
    }
    $writer.WriteEndElement()

    if ($notes.Count) {
        $writer.WriteStartElement('maml', 'alertSet', $mamlNs)
        $writer.WriteStartElement('maml', 'alert', $mamlNs)
        foreach ($para in $notes) { Add-Element $writer 'maml' 'para' $mamlNs $para }
        $writer.WriteEndElement()
        $writer.WriteEndElement()
    }

    $writer.WriteStartElement('command', 'examples', $commandNs)
    foreach ($example in $examples) {
        $writer.WriteStartElement('command', 'example', $commandNs)
        Add-Element $writer 'maml' 'title' $mamlNs "--------- $($example.Title) ---------"
        Add-Element $writer 'dev' 'code' $devNs $example.Code
        $writer.WriteStartElement('dev', 'remarks', $devNs)
        foreach ($para in $example.Remarks) { Add-Element $writer 'maml' 'para' $mamlNs $para }
        # An empty paragraph last, so the next example's title does not stick to this one's text.
        Add-Element $writer 'maml' 'para' $mamlNs ''
        $writer.WriteEndElement()
        $writer.WriteEndElement()
    }
    $writer.WriteEndElement()

    $writer.WriteStartElement('maml', 'relatedLinks', $mamlNs)
    foreach ($link in $links) {
        $writer.WriteStartElement('maml', 'navigationLink', $mamlNs)
        Add-Element $writer 'maml' 'linkText' $mamlNs $link.Text
        Add-Element $writer 'maml' 'uri' $mamlNs $link.Uri
        $writer.WriteEndElement()
    }
    $writer.WriteEndElement()

    $writer.WriteEndElement() # command:command
}

$writer.WriteEndElement()
$writer.WriteEndDocument()
$writer.Flush()

if ($problems.Count) {
    foreach ($problem in $problems) { Write-Host "Help problem: $problem" -ForegroundColor Red }
    Write-Host "The help was not built: $($problems.Count) problem(s)." -ForegroundColor Red
    exit 1
}

[IO.File]::WriteAllBytes($target, $buffer.ToArray())
if (-not (Test-Path $AboutPath)) { Write-Host "Help problem: the about topic '$AboutPath' is missing." -ForegroundColor Red; exit 1 }
Copy-Item -Force $AboutPath $helpFolder
Write-Host "Help for $($commands.Count) cmdlets written to $target, with $([IO.Path]::GetFileName($AboutPath))."
