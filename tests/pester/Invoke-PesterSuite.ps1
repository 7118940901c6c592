<#
.SYNOPSIS
    Runs the Pester suite against a built module, in this (child) PowerShell, and writes a summary.
.DESCRIPTION
    Called by build.ps1 -Task Test. The test files import the module from $env:AUTHY_TEST_MODULE.
#>
param(
    [Parameter(Mandatory)] [string] $PesterPath,
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $SummaryPath,
    # Files or folders to run, separated by ';' (default: this folder).
    [string] $TestPath = $PSScriptRoot
)

$ErrorActionPreference = 'Stop'
# The version is the one in the path (build.ps1 takes it from Directory.Packages.props).
Import-Module $PesterPath
$env:AUTHY_TEST_MODULE = (Resolve-Path $ModulePath).Path
# Tests must never pick up a real key from the machine running them.
Remove-Item Env:AUTHY_API_KEY, Env:AUTHY_API_URL -ErrorAction SilentlyContinue

$configuration = New-PesterConfiguration
$configuration.Run.Path = $TestPath -split ';'
$configuration.Run.PassThru = $true
$configuration.Output.Verbosity = 'Detailed'
$configuration.Output.StackTraceVerbosity = 'Filtered'
# CI logs are files: colour escapes would only clutter them.
if ($env:CI -or [Console]::IsOutputRedirected) { $configuration.Output.RenderMode = 'Plaintext' }
$result = Invoke-Pester -Configuration $configuration

# A block or file that fails outside an It counts as a failure too, never as silence.
$failed = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
@{ Passed = $result.PassedCount; Failed = $failed } | ConvertTo-Json | Set-Content -Path $SummaryPath
exit ([int]($failed -gt 0))
