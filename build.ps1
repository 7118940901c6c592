<#
.SYNOPSIS
    The one entry point for building, testing and demonstrating the Authy module.
.DESCRIPTION
    Build  assembles the module into out/Authy (manifest, Authy.dll, Newtonsoft.Json.dll, format file,
           help, and the emulator under out/Authy/emulator), stamping the manifest's ModuleVersion (from
           Directory.Build.props, through the assembly) and ReleaseNotes (CHANGELOG.md's newest section).
    Test   builds, runs Pester against out/Authy in -PesterJobs child PowerShells (their output in
           test-results/pester-*.log) while the xunit projects run, prints the failures and each suite's
           summary, and ends with the line 'N passed, N failed' summing both. Exits non-zero on any failure.
    Demo   builds, starts the emulator, walks through the cmdlets and prints their objects.
    Bench  builds and prints the benchmark table (bench/Bench.ps1): ratios against baselines run alongside.
    Clean  removes out/ and every bin/ and obj/ folder.
.EXAMPLE
    dotnet tool restore && dotnet pwsh ./build.ps1 -Task Test
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Demo', 'Bench', 'Clean')]
    [string] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # Where everything built goes: artifacts/ (bin, obj), Authy/ (the module), test-results/.
    # A separate folder lets two builds run side by side without sharing obj/ folders.
    [string] $OutputPath = (Join-Path $PSScriptRoot 'out'),

    # Test only: which suites to run, and which Pester files (default: all of tests/pester).
    [ValidateSet('All', 'Xunit', 'Pester')]
    [string] $Suite = 'All',

    [string[]] $PesterTest,

    # Test only: how many child PowerShells run the Pester files side by side.
    [ValidateRange(1, 16)]
    [int] $PesterJobs = 2
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$root = $PSScriptRoot
$outRoot = [IO.Path]::GetFullPath($OutputPath)
$artifacts = Join-Path $outRoot 'artifacts'
$moduleOut = Join-Path $outRoot 'Authy'
$xunitProjects = @('tests/Authy.Tests/Authy.Tests.csproj', 'tests/Authy.Emulator.Tests/Authy.Emulator.Tests.csproj', 'tests/Authy.TwilioOracle.Tests/Authy.TwilioOracle.Tests.csproj')

# A build step as CI should show it: its warnings and errors only (MSBuild prints 'Build succeeded' and a
# timing block even at -v quiet); everything when it fails.
function Invoke-DotnetBuild {
    $output = & dotnet @args 2>&1
    $exitCode = $LASTEXITCODE
    if ($exitCode -ne 0) { $output | Out-Host; throw "dotnet $($args -join ' ') failed with exit code $exitCode." }
    $output | Where-Object { "$_" -match ': (warning|error) ' } | Select-Object -Unique | Out-Host
}

# A child PowerShell of the same version, so the module's DLL is never locked in the session that builds.
function Invoke-ChildPwsh {
    param([string[]] $Arguments)
    & dotnet (Join-Path $PSHOME 'pwsh.dll') -NoProfile -NonInteractive @Arguments | Out-Host
    return $LASTEXITCODE
}

function Invoke-Build {
    Write-Host "Building the module ($Configuration)..."
    # From empty: out/Authy must hold exactly what ships, not an assembly an earlier build copied and this one no longer does.
    Remove-Item -Recurse -Force $moduleOut -ErrorAction SilentlyContinue
    Invoke-DotnetBuild build (Join-Path $root 'src/Authy/Authy.csproj') -c $Configuration --nologo -v quiet --artifacts-path $artifacts
    Invoke-DotnetBuild publish (Join-Path $root 'src/Authy.Emulator/Authy.Emulator.csproj') -c $Configuration --nologo -v quiet --artifacts-path $artifacts -o (Join-Path $moduleOut 'emulator')

    $bin = Join-Path $artifacts "bin/Authy/$($Configuration.ToLowerInvariant())"
    New-Item -ItemType Directory -Force -Path $moduleOut | Out-Null
    Copy-Item -Force (Join-Path $bin 'Authy.dll'), (Join-Path $bin 'Newtonsoft.Json.dll'), (Join-Path $bin 'PhoneNumbers.dll'), (Join-Path $bin 'QRCoder.dll') $moduleOut
    # Not copied: libphonenumber's netstandard2.0 dependencies (System.Memory, System.Buffers, ...). PowerShell 7,
    # the only edition the manifest declares, has newer copies of its own, so they would only be conflict risks.
    Copy-Item -Force (Join-Path $root 'Authy.psd1'), (Join-Path $root 'src/Authy/Authy.Format.ps1xml'), (Join-Path $root 'LICENSE') $moduleOut
    Set-ManifestFacts -Manifest (Join-Path $moduleOut 'Authy.psd1') -Assembly (Join-Path $moduleOut 'Authy.dll') -Changelog (Join-Path $root 'CHANGELOG.md')
    # Help (en-US/Authy.dll-Help.xml, about_Authy) from docs/, with syntax read from the built cmdlets; in a child
    # PowerShell, since it imports the module.
    $helpExit = Invoke-ChildPwsh @('-File', (Join-Path $root 'tools/Build-Help.ps1'), '-ModulePath', $moduleOut)
    if ($helpExit -ne 0) { throw "Building the help failed (exit $helpExit); see the problems listed above." }
    Write-Host "Module assembled in $moduleOut"
}

# The newest '## [x.y.z]' section of the changelog (Unreleased skipped): its version and its text.
function Get-ChangelogRelease([string] $path) {
    $version = $null
    $notes = [Collections.Generic.List[string]]::new()
    foreach ($line in Get-Content $path) {
        if ($line -match '^## ') {
            if ($version) { break }
            if ($line -match '^## \[(\d+\.\d+\.\d+)\]') { $version = $Matches[1] }
            continue
        }
        if ($version) { $notes.Add($line) }
    }
    if (-not $version) { throw "$path has no '## [x.y.z]' section to take the release notes from." }
    [pscustomobject]@{ Version = $version; Notes = ($notes -join "`n").Trim() }
}

# The copied manifest gets its facts from their one home each: ModuleVersion from the assembly just built
# (whose version is <Version> in Directory.Build.props), ReleaseNotes from the changelog's newest section,
# which must be that same version. The checked-in Authy.psd1 holds placeholders.
function Set-ManifestFacts([string] $Manifest, [string] $Assembly, [string] $Changelog) {
    $moduleVersion = [Reflection.AssemblyName]::GetAssemblyName($Assembly).Version.ToString(3)
    $release = Get-ChangelogRelease $Changelog
    if ($release.Version -ne $moduleVersion) {
        throw "The module is version $moduleVersion (Directory.Build.props) but the newest section of CHANGELOG.md is [$($release.Version)]: add a '## [$moduleVersion]' section with its notes."
    }

    $text = Get-Content -Raw $Manifest
    foreach ($fact in @(@{ Key = 'ModuleVersion'; Value = $moduleVersion }, @{ Key = 'ReleaseNotes'; Value = $release.Notes })) {
        $pattern = "(?m)^(\s*$($fact.Key)\s*=\s*)'(?:[^']|'')*'"
        if ([regex]::Matches($text, $pattern).Count -ne 1) { throw "Authy.psd1 must have exactly one $($fact.Key) = '...' line to stamp." }
        # Single-quoted in the manifest: only the quote itself needs escaping (and '$' for Regex.Replace).
        $quoted = "'" + $fact.Value.Replace("'", "''") + "'"
        $text = [regex]::Replace($text, $pattern, '${1}' + $quoted.Replace('$', '$$'))
    }
    # With a BOM: Windows PowerShell 5.1 reads a manifest without one in the ANSI code page.
    [IO.File]::WriteAllText($Manifest, $text, [Text.UTF8Encoding]::new($true))
}

function Get-TrxCounts([string] $path) {
    [xml] $trx = Get-Content -Raw $path
    $counters = $trx.TestRun.ResultSummary.Counters
    [pscustomobject]@{ Passed = [int]$counters.passed; Failed = [int]$counters.failed + [int]$counters.error + [int]$counters.timeout }
}

function Invoke-Test {
    Invoke-Build
    $results = Join-Path $outRoot 'test-results'
    Remove-Item -Recurse -Force $results -ErrorAction SilentlyContinue
    New-Item -ItemType Directory -Force -Path $results | Out-Null

    $passed = 0
    $failed = 0
    $brokenSteps = @()

    # Pester first, in the background: its workers mostly wait (emulators, runspaces, latency), so xunit
    # runs meanwhile. Their output goes to log files; only the summary and the failures reach the console.
    $pesterRun = if ($Suite -ne 'Xunit') { Start-PesterWorkers $results }

    if ($Suite -ne 'Pester') {
        Write-Host "`n=== xunit ==="
        # One build of every test project (the module and emulator are up to date from Invoke-Build), then
        # each project's tests without building or restoring again.
        foreach ($project in $xunitProjects) {
            Invoke-DotnetBuild build (Join-Path $root $project) -c $Configuration --nologo -v quiet --artifacts-path $artifacts
        }
        foreach ($project in $xunitProjects) {
            $name = [IO.Path]::GetFileNameWithoutExtension($project)
            # Minimal console logger: the one 'Passed!/Failed!' line per project, and each failure in full.
            $output = & dotnet test (Join-Path $root $project) -c $Configuration --no-build --no-restore --nologo -v quiet --artifacts-path $artifacts `
                --logger "trx;LogFileName=$name.trx" --logger 'console;verbosity=minimal' --results-directory $results
            $exitCode = $LASTEXITCODE
            # vstest's own banner lines say nothing a reader needs.
            $output | Where-Object { $_ -notmatch '^(Test run for |A total of \d+ test files? matched|Results File: )' -and $_.Trim() } | Out-Host
            $trx = Join-Path $results "$name.trx"
            if (Test-Path $trx) {
                $counts = Get-TrxCounts $trx
                $passed += $counts.Passed
                $failed += $counts.Failed
            }
            if ($exitCode -ne 0 -and -not (Test-Path $trx)) { $brokenSteps += "xunit $name (exit $exitCode, no results)" }
        }
    }

    if ($pesterRun) {
        $counts = Wait-PesterWorkers $pesterRun
        $passed += $counts.Passed
        $failed += $counts.Failed
        $brokenSteps += $counts.BrokenSteps
    }

    Write-Summary $passed $failed $brokenSteps
}

# Starts -PesterJobs child PowerShells that share one queue of test files (tests/pester/Invoke-PesterSuite.ps1),
# slowest first as the last run measured them (largest first when there is no record).
function Start-PesterWorkers([string] $results) {
    # Restores the tools project (which downloads Pester) and prints the version it downloaded, the one
    # Directory.Packages.props pins.
    # (Called directly: passed through a function's $args, '-getProperty:PesterVersion' is split in two.)
    $printed = & dotnet msbuild (Join-Path $root 'tests/pester/tools/PesterTools.csproj') '-t:Restore' '-getProperty:PesterVersion' -nologo '-v:quiet'
    if ($LASTEXITCODE -ne 0) { throw "Restoring Pester failed with exit code $LASTEXITCODE." }
    $pesterVersion = "$(@($printed)[-1])".Trim()
    if ($pesterVersion -notmatch '^\d+\.\d+\.\d+$') { throw "No Pester version in Directory.Packages.props (PesterVersion read as '$pesterVersion')." }
    $packages = ((& dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', '').Trim()
    $pester = Join-Path $packages "pester/$pesterVersion/tools/Pester.psd1"

    # From the command line (pwsh -File) a list arrives as one comma-separated string.
    $paths = if ($PesterTest) { $PesterTest -split ',' | ForEach-Object { (Resolve-Path $_.Trim()).Path } } else { Join-Path $root 'tests/pester' }
    $files = @(Get-ChildItem -Path $paths -Recurse -File -Filter '*.Tests.ps1' | Select-Object -ExpandProperty FullName -Unique)
    if ($files.Count -eq 0) { throw "No *.Tests.ps1 file in $($paths -join ', ')." }
    # A file with a '# PesterShards: Name = a; b; c' line near its top is queued once per value, with -Name value.
    $files = @(foreach ($file in $files) {
            $declared = Get-Content $file -TotalCount 20 | Where-Object { $_ -match '^#\s*PesterShards:\s*(\w+)\s*=\s*(.+)$' } | Select-Object -First 1
            if ($declared -and $declared -match '^#\s*PesterShards:\s*(\w+)\s*=\s*(.+)$') {
                $name = $Matches[1]
                foreach ($value in $Matches[2] -split ';') { "$file`t$name=$($value.Trim())" }
            }
            else { $file }
        })
    # Times by path relative to the repository: this output folder's last run, else the record checked in as
    # tests/pester/timings.json (a copy of one; it only sets the order, so an old copy costs a little time at most).
    $timings = Join-Path $outRoot 'pester-timings.json'
    $seconds = @{}
    foreach ($record in $timings, (Join-Path $root 'tests/pester/timings.json')) {
        if (Test-Path $record) { foreach ($entry in @(Get-Content -Raw $record | ConvertFrom-Json)) { $seconds[$entry.Path] = [double]$entry.Seconds }; break }
    }
    $queue = Join-Path $results 'pester-queue.txt'
    $files | Sort-Object { $relative = [IO.Path]::GetRelativePath($root, $_); if ($seconds.ContainsKey($relative)) { $seconds[$relative] } else { 0 } }, { (Get-Item ($_ -split "`t")[0]).Length } -Descending |
        Set-Content $queue
    $claims = Join-Path $results 'pester-claims'
    New-Item -ItemType Directory -Force -Path $claims | Out-Null

    $count = [math]::Max(1, [math]::Min($PesterJobs, $files.Count))
    Write-Host "`n=== Pester ${pesterVersion}: $($files.Count) files and shards, $count workers (logs: $results/pester-*.log) ==="
    $workers = foreach ($n in 1..$count) {
        $summary = Join-Path $results "pester-$n.json"
        $arguments = @((Join-Path $PSHOME 'pwsh.dll'), '-NoProfile', '-NonInteractive', '-File', (Join-Path $root 'tests/pester/Invoke-PesterSuite.ps1'),
            '-PesterPath', $pester, '-ModulePath', $moduleOut, '-SummaryPath', $summary, '-QueueFile', $queue, '-ClaimDirectory', $claims)
        # Quoted for the one command line Start-Process builds.
        $quoted = $arguments | ForEach-Object { '"' + ($_ -replace '"', '\"') + '"' }
        $process = Start-Process -FilePath 'dotnet' -ArgumentList $quoted -NoNewWindow -PassThru `
            -RedirectStandardOutput (Join-Path $results "pester-$n.log") -RedirectStandardError (Join-Path $results "pester-$n.stderr.log")
        [pscustomobject]@{ Number = $n; Process = $process; Summary = $summary }
    }
    [pscustomobject]@{ Workers = @($workers); Timings = $timings; Root = $root; Clock = [Diagnostics.Stopwatch]::StartNew(); Results = $results }
}

# Waits for the workers, prints each failure (test, message, file:line) and Pester's summary, and keeps
# the per-file times for the next run's queue order.
function Wait-PesterWorkers($run) {
    $passed = 0; $failed = 0; $broken = @(); $failures = @(); $files = @()
    foreach ($worker in $run.Workers) {
        $worker.Process.WaitForExit()
        if (Test-Path $worker.Summary) {
            $summary = Get-Content -Raw $worker.Summary | ConvertFrom-Json
            $passed += $summary.Passed
            $failed += $summary.Failed
            $failures += @($summary.Failures)
            $files += @($summary.Files)
        }
        else {
            $broken += "Pester worker $($worker.Number) (exit $($worker.Process.ExitCode), no summary; see $($run.Results)/pester-$($worker.Number).log)"
        }
    }
    $run.Clock.Stop()

    foreach ($failure in $failures) {
        Write-Host "`n[-] $($failure.Name)$(if ($failure.Kind -ne 'Test') { " ($($failure.Kind.ToLowerInvariant()) failed outside its tests)" })"
        foreach ($problem in @($failure.Errors)) {
            foreach ($line in "$($problem.Message)" -split "`r?`n") { Write-Host "    $line" }
            foreach ($site in @($problem.Sites)) { Write-Host "    at $site" }
        }
        if (-not @($failure.Errors)) { Write-Host "    in $($failure.File)" }
    }
    Write-Host ("`nPester: {0} passed, {1} failed, in {2:n0} s." -f $passed, $failed, $run.Clock.Elapsed.TotalSeconds)
    if ($files) {
        # Merged with older records, so a run of a few files keeps the others' times.
        $known = @{}
        if (Test-Path $run.Timings) { foreach ($entry in @(Get-Content -Raw $run.Timings | ConvertFrom-Json) | Where-Object { -not [IO.Path]::IsPathRooted($_.Path) }) { $known[$entry.Path] = $entry } }
        foreach ($entry in $files) { $known[[IO.Path]::GetRelativePath($run.Root, $entry.Path)] = [pscustomobject]@{ Path = [IO.Path]::GetRelativePath($run.Root, $entry.Path); Seconds = $entry.Seconds } }
        $known.Values | Sort-Object Seconds -Descending | Select-Object Path, Seconds | ConvertTo-Json -AsArray | Set-Content $run.Timings
    }
    [pscustomobject]@{ Passed = $passed; Failed = $failed; BrokenSteps = $broken }
}

# The closing line CI reads: 'N passed, N failed', summing xunit and Pester.
function Write-Summary([int] $passed, [int] $failed, [string[]] $brokenSteps) {
    Write-Host ''
    foreach ($step in $brokenSteps) { Write-Host "Broken step: $step" }
    Write-Host "$passed passed, $failed failed"
    if ($failed -gt 0 -or $brokenSteps.Count -gt 0) { exit 1 }
}

function Invoke-Demo {
    Invoke-Build
    $exit = Invoke-ChildPwsh @('-File', (Join-Path $root 'docs/Demo.ps1'), '-ModulePath', $moduleOut)
    if ($exit -ne 0) { throw "The demo failed (exit $exit)." }
}

function Invoke-Bench {
    Invoke-Build
    $exit = Invoke-ChildPwsh @('-File', (Join-Path $root 'bench/Bench.ps1'), '-ModulePath', $moduleOut)
    if ($exit -ne 0) { throw "The benchmark failed (exit $exit)." }
}

function Invoke-Clean {
    Remove-Item -Recurse -Force $outRoot -ErrorAction SilentlyContinue
    Get-ChildItem -Path (Join-Path $root 'src'), (Join-Path $root 'tests') -Directory -Recurse -Include bin, obj |
        Remove-Item -Recurse -Force -ErrorAction SilentlyContinue
}

switch ($Task) {
    'Build' { Invoke-Build }
    'Test' { Invoke-Test }
    'Demo' { Invoke-Demo }
    'Bench' { Invoke-Bench }
    'Clean' { Invoke-Clean }
}
