<#
.SYNOPSIS
    One Pester worker: runs test files against a built module, in this (child) PowerShell, and writes a summary.
.DESCRIPTION
    Called by build.ps1 -Task Test, which starts several workers side by side (the suite mostly waits on
    emulators and runspaces, so two cores keep more than one file busy). The workers share one queue: the
    files listed in -QueueFile, in that order, each claimed by whichever worker is free first (a claim is a
    file created with CreateNew in -ClaimDirectory, which only one process can win), so no static split has
    to guess which files are slow.

    Everything a worker prints (Pester's detailed report, and the error records and host output that tests
    provoke on purpose) goes to its log file, which build.ps1 redirects; the console gets only build.ps1's
    summary and the failures, read from -SummaryPath.

    The test files import the module from $env:AUTHY_TEST_MODULE.
#>
param(
    [Parameter(Mandatory)] [string] $PesterPath,
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $SummaryPath,
    # The test files, one full path a line, slowest first. A file split into shards has one line per shard:
    # its path, a tab, and 'Name=Value', passed to the file's param block as -Name Value.
    [Parameter(Mandatory)] [string] $QueueFile,
    # Where workers claim files; shared by all workers of one run.
    [Parameter(Mandatory)] [string] $ClaimDirectory
)

$ErrorActionPreference = 'Stop'
# The version is the one in the path (build.ps1 takes it from Directory.Packages.props).
Import-Module $PesterPath
$env:AUTHY_TEST_MODULE = (Resolve-Path $ModulePath).Path
# Tests must never pick up a real key from the machine running them.
Remove-Item Env:AUTHY_API_KEY, Env:AUTHY_API_URL -ErrorAction SilentlyContinue

# True for the one worker that creates the claim file first.
function Test-Claim([string] $file) {
    $claim = Join-Path $ClaimDirectory (($file -replace '[\\/:\s=]', '_') + '.claim')
    try { [IO.File]::Open($claim, [IO.FileMode]::CreateNew, [IO.FileAccess]::Write).Dispose(); $true }
    catch [System.IO.IOException] { $false }
}

# Where a failure happened, as file:line of the test files (Pester's own frames left out).
function Get-FailureSite($errorRecord) {
    $sites = @("$($errorRecord.ScriptStackTrace)" -split "`n" | Where-Object { $_ -notmatch '[\\/](Pester\.ps[md]?1|Invoke-PesterSuite\.ps1)' -and $_ -match ', (.+): line (\d+)' } |
            ForEach-Object { if ($_ -match ', (.+): line (\d+)') { "$($Matches[1]):$($Matches[2])" } })
    if ($sites.Count -eq 0 -and $errorRecord.TargetObject -is [Collections.IDictionary] -and $errorRecord.TargetObject.File) {
        $sites = @("$($errorRecord.TargetObject.File):$($errorRecord.TargetObject.Line)")
    }
    $sites | Select-Object -First 3
}

function ConvertTo-Failure([string] $kind, [string] $name, [string] $file, $errorRecords) {
    [pscustomobject]@{
        Kind = $kind
        Name = $name
        File = $file
        Errors = @(foreach ($record in $errorRecords) {
                [pscustomobject]@{ Message = "$($record.Exception.Message)"; Sites = @(Get-FailureSite $record) }
            })
    }
}

$passed = 0
$failed = 0
$failures = [Collections.Generic.List[object]]::new()
$files = [Collections.Generic.List[object]]::new()

foreach ($entry in Get-Content $QueueFile) {
    if (-not $entry -or -not (Test-Claim $entry)) { continue }
    Write-Host "`n##### $entry"
    $file, $shard = $entry -split "`t", 2
    $data = @{}
    if ($shard) { $name, $value = $shard -split '=', 2; $data[$name.Trim()] = $value.Trim() }
    $configuration = New-PesterConfiguration
    $configuration.Run.Container = New-PesterContainer -Path $file -Data $data
    $configuration.Run.PassThru = $true
    # Detailed, into this worker's log: the place to look for what a test printed around a failure.
    $configuration.Output.Verbosity = 'Detailed'
    $configuration.Output.StackTraceVerbosity = 'Filtered'
    $configuration.Output.RenderMode = 'Plaintext'
    $clock = [Diagnostics.Stopwatch]::StartNew()
    $result = Invoke-Pester -Configuration $configuration
    $clock.Stop()

    # A block or file that fails outside an It counts as a failure too, never as silence.
    $fileFailed = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
    $passed += $result.PassedCount
    $failed += $fileFailed
    foreach ($test in $result.Failed) { $failures.Add((ConvertTo-Failure 'Test' $test.ExpandedPath $entry $test.ErrorRecord)) }
    foreach ($block in $result.FailedBlocks) { $failures.Add((ConvertTo-Failure 'Block' $block.ExpandedPath $entry $block.ErrorRecord)) }
    foreach ($container in $result.FailedContainers) { $failures.Add((ConvertTo-Failure 'File' ("$([IO.Path]::GetFileName($file)) $shard".Trim()) $entry $container.ErrorRecord)) }
    $files.Add([pscustomobject]@{ Path = $entry; Seconds = [math]::Round($clock.Elapsed.TotalSeconds, 2); Passed = $result.PassedCount; Failed = $fileFailed })
}

[pscustomobject]@{ Passed = $passed; Failed = $failed; Failures = $failures; Files = $files } |
    ConvertTo-Json -Depth 6 | Set-Content -Path $SummaryPath
exit ([int]($failed -gt 0))
