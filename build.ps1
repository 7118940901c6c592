<#
.SYNOPSIS
    The one entry point for building, testing and demonstrating the Authy module.
.DESCRIPTION
    Build  assembles the module into out/Authy (manifest, Authy.dll, Newtonsoft.Json.dll, format file,
           help, and the emulator under out/Authy/emulator), stamping the manifest's ModuleVersion (from
           Directory.Build.props, through the assembly) and ReleaseNotes (CHANGELOG.md's newest section).
    Test   builds, runs the xunit projects, then Pester against out/Authy in a child PowerShell, and ends
           with the line 'N passed, N failed' summing both. Exits non-zero on any failure.
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

    [string[]] $PesterTest
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$root = $PSScriptRoot
$outRoot = [IO.Path]::GetFullPath($OutputPath)
$artifacts = Join-Path $outRoot 'artifacts'
$moduleOut = Join-Path $outRoot 'Authy'
$xunitProjects = @('tests/Authy.Tests/Authy.Tests.csproj', 'tests/Authy.Emulator.Tests/Authy.Emulator.Tests.csproj', 'tests/Authy.TwilioOracle.Tests/Authy.TwilioOracle.Tests.csproj')

function Invoke-Dotnet {
    & dotnet @args
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($args -join ' ') failed with exit code $LASTEXITCODE." }
}

# A child PowerShell of the same version, so the module's DLL is never locked in the session that builds.
function Invoke-ChildPwsh {
    param([string[]] $Arguments)
    & dotnet (Join-Path $PSHOME 'pwsh.dll') -NoProfile -NonInteractive @Arguments | Out-Host
    return $LASTEXITCODE
}

function Invoke-Build {
    Write-Host "Building the module ($Configuration)..."
    Invoke-Dotnet build (Join-Path $root 'src/Authy/Authy.csproj') -c $Configuration --nologo -v quiet --artifacts-path $artifacts
    Invoke-Dotnet publish (Join-Path $root 'src/Authy.Emulator/Authy.Emulator.csproj') -c $Configuration --nologo -v quiet --artifacts-path $artifacts -o (Join-Path $moduleOut 'emulator')

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

    foreach ($project in $(if ($Suite -ne 'Pester') { $xunitProjects })) {
        $name = [IO.Path]::GetFileNameWithoutExtension($project)
        Write-Host "`n=== xunit: $name ==="
        & dotnet test (Join-Path $root $project) -c $Configuration --nologo --artifacts-path $artifacts --logger "trx;LogFileName=$name.trx" --results-directory $results
        $trx = Join-Path $results "$name.trx"
        if (Test-Path $trx) {
            $counts = Get-TrxCounts $trx
            $passed += $counts.Passed
            $failed += $counts.Failed
        }
        if ($LASTEXITCODE -ne 0 -and -not (Test-Path $trx)) { $brokenSteps += "xunit $name (exit $LASTEXITCODE, no results)" }
    }

    if ($Suite -eq 'Xunit') { Write-Summary $passed $failed $brokenSteps; return }

    Write-Host "`n=== Pester ==="
    # Restores the tools project (which downloads Pester) and prints the version it downloaded, the one
    # Directory.Packages.props pins.
    # (Called directly: passed through a function's $args, '-getProperty:PesterVersion' is split in two.)
    $printed = & dotnet msbuild (Join-Path $root 'tests/pester/tools/PesterTools.csproj') '-t:Restore' '-getProperty:PesterVersion' -nologo '-v:quiet'
    if ($LASTEXITCODE -ne 0) { throw "Restoring Pester failed with exit code $LASTEXITCODE." }
    $pesterVersion = "$(@($printed)[-1])".Trim()
    if ($pesterVersion -notmatch '^\d+\.\d+\.\d+$') { throw "No Pester version in Directory.Packages.props (PesterVersion read as '$pesterVersion')." }
    $packages = ((& dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', '').Trim()
    $pester = Join-Path $packages "pester/$pesterVersion/tools/Pester.psd1"
    $summary = Join-Path $results 'pester-summary.json'
    # From the command line (pwsh -File) a list arrives as one comma-separated string.
    $tests = if ($PesterTest) { ($PesterTest -split ',' | ForEach-Object { (Resolve-Path $_.Trim()).Path }) -join ';' } else { Join-Path $root 'tests/pester' }
    $exit = Invoke-ChildPwsh @('-File', (Join-Path $root 'tests/pester/Invoke-PesterSuite.ps1'), '-PesterPath', $pester, '-ModulePath', $moduleOut, '-SummaryPath', $summary, '-TestPath', $tests)
    if (Test-Path $summary) {
        $counts = Get-Content -Raw $summary | ConvertFrom-Json
        $passed += $counts.Passed
        $failed += $counts.Failed
    }
    else {
        $brokenSteps += "Pester (exit $exit, no summary)"
    }

    Write-Summary $passed $failed $brokenSteps
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
