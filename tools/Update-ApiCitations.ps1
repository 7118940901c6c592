<#
.SYNOPSIS
    Rewrites citations of the old API notes (authy-api.md, verify-api.md) into citations of docs/api.
.DESCRIPTION
    The code used to cite notes that lived outside the repository, in several spellings:
    'authy-api.md §2.11', 'authy-api.md 2.11', 'verify-api.md section 6', 'authy-api.md 2.6-2.9',
    'verify-api.md 4.2, 4.3, 5 and 9', '../shared/verify-api.md'. Each becomes the one form the
    repository uses, a path to the notes in docs/api and a '§' before every section number:
    'docs/api/authy.md §2.11', 'docs/api/verify.md §4.2, §4.3, §5 and §9', 'docs/api/authy.md §2.6–§2.9'.

    Only the citation changes: the file name, the section numbers and what joins them. Text after the
    numbers ('6, step 5', '2.15 error table') is left as it is, and so is everything else in the file,
    byte for byte (encoding, byte-order mark, line endings). Already converted citations do not match,
    so running the script again changes nothing. tests/pester/Docs.Tests.ps1 checks the result.

    With -Text it converts that text and writes the result instead of touching files.
.EXAMPLE
    ./tools/Update-ApiCitations.ps1
    Rewrites every file of the repository that still cites the old notes, and lists the files changed.
.EXAMPLE
    ./tools/Update-ApiCitations.ps1 -WhatIf
    Lists the files that would change.
.EXAMPLE
    ./tools/Update-ApiCitations.ps1 -Text 'see authy-api.md 2.12-2.13'
    Writes 'see docs/api/authy.md §2.12–§2.13'.
#>
[CmdletBinding(SupportsShouldProcess, DefaultParameterSetName = 'Files')]
param(
    # The repository to rewrite (default: the one holding this script).
    [Parameter(ParameterSetName = 'Files')] [string] $Root = (Join-Path $PSScriptRoot '..'),
    # Text to convert instead of files.
    [Parameter(ParameterSetName = 'Text', Mandatory)] [AllowEmptyString()] [string] $Text,
    # With -Text: the folder, relative to the repository, of the file the text comes from. Only a
    # Markdown link target needs it, to point at docs/api from there.
    [Parameter(ParameterSetName = 'Text')] [string] $Directory = '.'
)

$ErrorActionPreference = 'Stop'

# Which notes each old file name now is.
$notes = @{ authy = 'docs/api/authy.md'; verify = 'docs/api/verify.md' }

# An old file name, with any folder in front of it (../shared/, /work/shared/), not already part of a
# longer name. The notes were never anywhere but in a folder named 'shared'.
$oldName = [regex] '(?<![\w-])(?<folder>(?:\.{1,2}/)*(?:/?[\w.-]+/)*?shared/)?(?<name>authy|verify)-api\.md(?<tick>`?)'

# A section list right after the name: numbers ('2.11', '§2.11', '§ 2.11', 'section 6', 'sections 1–5'),
# ranges ('2.6-2.9', '2.6–2.9'), a parenthesised remark after a number ('1.2 (auth)'), joined by ', ',
# ' and ', ', and ' or '/'. A number is never followed by a letter or a further digit group.
$number = '\d+(?:\.\d+)*(?![\w.]*\w)'
$prefix = '(?:§§?\s?|[Ss]ections?\s+|[Ss]ection\s+)?'
$item = "$prefix(?<from>$number)(?:(?<dash>\s?[–-]\s?)$prefix(?<to>$number))?(?<remark>\s\([^()\r\n]*\))?"
$separator = '(?:\s*,\s*(?:and\s+)?|\s+and\s+|\s*/\s*)'
$list = [regex] "\G(?<lead>\s+|,\s+(?=§|[Ss]ection))(?<list>$item(?:$separator$item)*)"
$oneItem = [regex] "(?<sep>^|$separator)$item"

# The list with a '§' before every number and an en dash in ranges; separators and remarks kept.
function ConvertTo-SectionList([string] $List) {
    $oneItem.Replace($List, {
            param($m)
            $text = $m.Groups['sep'].Value + '§' + $m.Groups['from'].Value
            if ($m.Groups['to'].Success) { $text += '–§' + $m.Groups['to'].Value }
            $text + $m.Groups['remark'].Value
        })
}

# The path of a note as seen from a folder of the repository, for Markdown link targets.
function Get-NotePath([string] $Note, [string] $FromDirectory) {
    $from = [IO.Path]::GetFullPath([IO.Path]::Combine('/repository', $FromDirectory))
    [IO.Path]::GetRelativePath($from, [IO.Path]::Combine('/repository', $Note)) -replace '\\', '/'
}

function Convert-Citations([string] $Content, [string] $FromDirectory) {
    $result = [Text.StringBuilder]::new()
    $position = 0
    foreach ($match in $oldName.Matches($Content)) {
        if ($match.Index -lt $position) { continue }
        $note = $notes[$match.Groups['name'].Value.ToLowerInvariant()]
        $null = $result.Append($Content, $position, $match.Index - $position)
        # A Markdown link target gets a path that works from the file's folder; any other mention the
        # path from the repository's root, which is how the code names files.
        $isLinkTarget = $match.Index -ge 2 -and $Content.Substring($match.Index - 2, 2) -eq ']('
        $null = $result.Append($(if ($isLinkTarget) { Get-NotePath $note $FromDirectory } else { $note }))
        $null = $result.Append($match.Groups['tick'].Value)
        $position = $match.Index + $match.Length
        $sections = $list.Match($Content, $position)
        if ($sections.Success -and -not $isLinkTarget) {
            # The space before the list stays as it was (it may be a line break); a comma becomes a space.
            $lead = $sections.Groups['lead'].Value
            $null = $result.Append($(if ($lead.StartsWith(',')) { ' ' } else { $lead }))
            $null = $result.Append((ConvertTo-SectionList $sections.Groups['list'].Value))
            $position = $sections.Index + $sections.Length
        }
    }
    $null = $result.Append($Content, $position, $Content.Length - $position)
    $result.ToString()
}

if ($PSCmdlet.ParameterSetName -eq 'Text') {
    return Convert-Citations $Text $Directory
}

$Root = (Resolve-Path $Root).Path
# Text files only; build outputs and the notes themselves (whose README shows the old forms) are left
# alone, and so are this script and the test that looks for the old forms.
$extensions = '.cs', '.ps1', '.psm1', '.psd1', '.ps1xml', '.md', '.txt', '.csproj', '.props', '.targets', '.json', '.xml', '.yml', '.yaml', '.sln'
$skippedFolders = 'bin', 'obj', 'out', '.git', 'node_modules', 'TestResults'
$skippedFiles = 'docs/api/', 'tools/Update-ApiCitations.ps1', 'tests/pester/Docs.Tests.ps1'
$utf8 = [Text.UTF8Encoding]::new($false, $true)

# The files to look at, without descending into skipped folders (build outputs can be large).
function Get-TextFile([string] $Folder) {
    foreach ($entry in Get-ChildItem -LiteralPath $Folder -Force) {
        $relative = [IO.Path]::GetRelativePath($Root, $entry.FullName) -replace '\\', '/'
        if ($entry.PSIsContainer) {
            if ($entry.Name -notin $skippedFolders -and "$relative/" -notin $skippedFiles) { Get-TextFile $entry.FullName }
        }
        elseif ($entry.Extension -in $extensions -and $relative -notin $skippedFiles) {
            $entry
        }
    }
}

Get-TextFile $Root | ForEach-Object {
    $relative = [IO.Path]::GetRelativePath($Root, $_.FullName) -replace '\\', '/'
    $bytes = [IO.File]::ReadAllBytes($_.FullName)
    # Keep a byte-order mark exactly as it was.
    $bom = $bytes.Length -ge 3 -and $bytes[0] -eq 0xEF -and $bytes[1] -eq 0xBB -and $bytes[2] -eq 0xBF
    $offset = if ($bom) { 3 } else { 0 }
    try { $content = $utf8.GetString($bytes, $offset, $bytes.Length - $offset) }
    catch [Text.DecoderFallbackException] { Write-Warning "$relative is not UTF-8: left as it is."; return }
    if (-not $oldName.IsMatch($content)) { return }
    $converted = Convert-Citations $content (Split-Path $relative -Parent)
    if ($converted -ceq $content) { return }
    if ($PSCmdlet.ShouldProcess($relative, 'Rewrite API citations')) {
        $out = [Collections.Generic.List[byte]]::new()
        if ($bom) { $out.AddRange([byte[]] (0xEF, 0xBB, 0xBF)) }
        $out.AddRange($utf8.GetBytes($converted))
        [IO.File]::WriteAllBytes($_.FullName, $out.ToArray())
        $relative
    }
}
