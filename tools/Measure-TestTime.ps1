<#
.SYNOPSIS
    Times the README's test command (build.ps1 -Task Test) for an older commit and for the current tree, in
    the same run, and prints both times and their ratio.
.DESCRIPTION
    The older commit is exported (git archive) into a temporary folder, and the current tree (with its
    uncommitted edits) copied beside it; each side builds from nothing into an
    output folder of its own, with CI=true as on CI, so neither reuses the other's build. The sides run one
    after the other (never at once: they would compete for the same cores), alternating when -Rounds is more
    than 1, and the table shows each round and the medians. Logs are kept in the temporary folder, whose path
    is printed. Times are wall-clock seconds of the whole command, as a developer waits for it; on a busy
    machine both sides slow down, so compare the ratio, not the seconds.
.EXAMPLE
    dotnet pwsh ./tools/Measure-TestTime.ps1 -BaseRef ab28bcc
#>
[CmdletBinding()]
param(
    # The commit (or any git ref) to compare against.
    [string] $BaseRef = 'ab28bcc',

    # How many times to run each side.
    [ValidateRange(1, 10)]
    [int] $Rounds = 1
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$root = (Resolve-Path (Join-Path $PSScriptRoot '..')).Path
$work = Join-Path ([IO.Path]::GetTempPath()) ('measure-test-time-' + [guid]::NewGuid().ToString('N').Substring(0, 8))
New-Item -ItemType Directory -Path $work | Out-Null

$commit = (& git -C $root rev-parse --short "$BaseRef^{commit}").Trim()
if ($LASTEXITCODE -ne 0) { throw "git does not know '$BaseRef'." }
$baseTree = Join-Path $work "base-$commit"
New-Item -ItemType Directory -Path $baseTree | Out-Null
# git archive: the committed tree only, no build outputs and no .git to share with this clone.
& git -C $root archive --format=tar -o (Join-Path $work 'base.tar') $commit
if ($LASTEXITCODE -ne 0) { throw "git archive $commit failed." }
& tar -xf (Join-Path $work 'base.tar') -C $baseTree
if ($LASTEXITCODE -ne 0) { throw 'Unpacking the archive failed.' }

# The current tree, as it is now (uncommitted edits and new files included, ignored files such as out/ left
# out), copied too: the run then measures what was there at the start even if the tree changes meanwhile.
$currentTree = Join-Path $work 'current'
foreach ($relative in @(& git -C $root ls-files --cached --others --exclude-standard)) {
    $source = Join-Path $root $relative
    if (-not (Test-Path -LiteralPath $source -PathType Leaf)) { continue }
    $target = Join-Path $currentTree $relative
    New-Item -ItemType Directory -Force -Path (Split-Path $target) | Out-Null
    Copy-Item -LiteralPath $source -Destination $target
}

& dotnet tool restore --tool-manifest (Join-Path $root '.config/dotnet-tools.json') | Out-Null
$pwshDll = Join-Path $PSHOME 'pwsh.dll'

# One run of the test command in $tree: seconds, the closing 'N passed, N failed' line, the exit code.
function Measure-Run([string] $label, [string] $tree, [int] $round) {
    $out = Join-Path $work "out-$label-$round"
    $log = Join-Path $work "$label-$round.log"
    Write-Host "Round ${round}: $label ($tree) ..."
    $env:CI = 'true'
    $clock = [Diagnostics.Stopwatch]::StartNew()
    & dotnet $pwshDll -NoProfile -NonInteractive -File (Join-Path $tree 'build.ps1') -Task Test -OutputPath $out *> $log
    $exit = $LASTEXITCODE
    $clock.Stop()
    $closing = @(Get-Content $log | Where-Object { $_ -match '^\d+ passed, \d+ failed$' }) | Select-Object -Last 1
    [pscustomobject]@{
        Round = $round; Side = $label; Seconds = [math]::Round($clock.Elapsed.TotalSeconds, 1)
        Result = if ($closing) { $closing } else { '(no summary line)' }; Exit = $exit; Lines = @(Get-Content $log).Count; Log = $log
    }
}

$runs = foreach ($round in 1..$Rounds) {
    # Alternating, so a load that changes during the run does not always favour the same side.
    $sides = @(@('base', $baseTree), @('current', $currentTree))
    if ($round % 2 -eq 0) { [array]::Reverse($sides) }
    foreach ($side in $sides) { Measure-Run $side[0] $side[1] $round }
}

function Get-Median([double[]] $values) {
    $sorted = @($values | Sort-Object)
    $middle = [int][math]::Floor($sorted.Count / 2)
    if ($sorted.Count % 2) { $sorted[$middle] } else { ($sorted[$middle - 1] + $sorted[$middle]) / 2 }
}

$runs | Format-Table Round, Side, Seconds, Result, Exit, Lines -AutoSize | Out-Host
$base = Get-Median @($runs | Where-Object Side -EQ 'base' | ForEach-Object Seconds)
$current = Get-Median @($runs | Where-Object Side -EQ 'current' | ForEach-Object Seconds)
Write-Host ("base {0} ({1}): {2:n1} s   current tree: {3:n1} s   ratio current/base: {4:n2}" -f $BaseRef, $commit, $base, $current, ($current / $base))
Write-Host "Logs and build outputs: $work"
if (@($runs | Where-Object Exit -NE 0).Count) { Write-Warning 'A run failed: its time is not a fair comparison; see its log.'; exit 1 }
