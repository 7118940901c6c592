<#
.SYNOPSIS
    A walk through the Authy module against the emulator shipped inside it. Run by build.ps1 -Task Demo.
#>
param([Parameter(Mandatory)] [string] $ModulePath)

$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
Import-Module (Join-Path $ModulePath 'Authy.psd1') -Force

function Step([string] $title) { Write-Host "`n== $title ==" -ForegroundColor Cyan }
function Show([string] $command) {
    Write-Host "PS> $command" -ForegroundColor Yellow
    $output = Invoke-Expression $command
    if ($null -ne $output) { $output | Out-Host }
    $output
}

Step 'Start the emulator shipped with the module (it also connects this session)'
$emulator = Show 'Start-AuthyEmulator -PassThru'
$null = Show 'Get-AuthyConnection'
try {
    Step 'Register a user (userRegistration.sh)'
    $user = Show "New-AuthyUser -Email 'ada@example.com' -Cellphone '555-123-4567' -CountryCode 1"

    Step 'Registering the same phone again returns the same id'
    $null = Show "New-AuthyUser -Email 'ada.lovelace@example.com' -Cellphone '5551234567' -CountryCode 1"

    Step 'Bulk import from CSV, piped on into Get-AuthyUser'
    $csv = Join-Path ([IO.Path]::GetTempPath()) "authy-demo-$PID.csv"
    @('email,phone,country_code', 'grace@example.com,555-010-0001,1', 'alan@example.com,7700-900123,44', 'not-an-email,555-010-0003,1', 'edsger@example.com,612-345-678,31') | Set-Content $csv
    Write-Host (Get-Content -Raw $csv)
    $null = Show "Import-Csv '$csv' | New-AuthyUser -ThrottleLimit 4 -ErrorVariable failed -ErrorAction SilentlyContinue | Get-AuthyUser"
    Write-Host "Rows that failed: $($failed.Count)"
    $failed | ForEach-Object { Write-Host "  $($_.TargetObject.email): $($_.Exception.Message)" }
    Remove-Item $csv

    Step 'User status (userStatus.sh)'
    $null = Show "Get-AuthyUser -AuthyId $($user.AuthyId) | Format-List *"

    Step 'An unknown user is an error record with the Authy code as its ErrorId'
    $null = Show "Get-AuthyUser -AuthyId 424242 -ErrorAction SilentlyContinue -ErrorVariable notFound"
    Write-Host "ErrorId: $($notFound[0].FullyQualifiedErrorId)  Category: $($notFound[0].CategoryInfo.Category)"
    Write-Host "Message: $($notFound[0].Exception.Message)"

    Step 'Remove the user (deleteUser.sh): -WhatIf first, then for real'
    $null = Show "Remove-AuthyUser -AuthyId $($user.AuthyId) -WhatIf"
    $null = Show "Remove-AuthyUser -AuthyId $($user.AuthyId) -Force -PassThru"
    $null = Show "Get-AuthyUser -AuthyId $($user.AuthyId)"
}
finally {
    Step 'Stop the emulator'
    Stop-AuthyEmulator
    Write-Host 'Done.'
}
