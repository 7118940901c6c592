<#
.SYNOPSIS
    A walk through the module against the emulator shipped inside it: the Authy API, Twilio Verify (its
    successor) and the move from one to the other. Run by build.ps1 -Task Demo.
.DESCRIPTION
    Each step prints the command, then runs it exactly as written in this script, in script scope,
    so -ErrorVariable and assignments behave as they would at the prompt.
#>
param([Parameter(Mandatory)] [string] $ModulePath)

$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
Import-Module (Join-Path $ModulePath 'Authy.psd1') -Force

function Step([string] $title) { Write-Host "`n== $title ==" -ForegroundColor Cyan }
function Say([string] $command) { Write-Host "PS> $command" -ForegroundColor Yellow }

Step 'Start the emulator shipped with the module (it also connects this session, to Authy and to Verify)'
Say 'Start-AuthyEmulator -EnableMigrationTools -PassThru'
Start-AuthyEmulator -EnableMigrationTools -PassThru | Out-Host
Say 'Get-AuthyConnection'
Get-AuthyConnection | Out-Host

try {
    Step 'Register a user (userRegistration.sh)'
    Say "`$user = New-AuthyUser -Email 'ada@example.com' -Cellphone '555-123-4567' -CountryCode 1"
    $user = New-AuthyUser -Email 'ada@example.com' -Cellphone '555-123-4567' -CountryCode 1
    $user | Out-Host

    Step 'Registering the same phone again returns the same id'
    Say "New-AuthyUser -Email 'ada.lovelace@example.com' -Cellphone '5551234567' -CountryCode 1"
    New-AuthyUser -Email 'ada.lovelace@example.com' -Cellphone '5551234567' -CountryCode 1 | Out-Host

    Step 'Bulk import from an HR export: its column names bind, numbers are normalised (+1 555.123.4567 is Ada again), each bad row is one error record'
    $csv = Join-Path ([IO.Path]::GetTempPath()) "authy-demo-$PID.csv"
    # Written as an HR export would be: its own header names, numbers as people type them, ISO countries.
    @('E-mail,Mobile Phone,Country', 'grace@example.com,(555) 010-0001,US', 'alan@example.com,07700 900123,GB', 'ada.l@example.com,+1 555.123.4567,', 'not-an-email,555-010-0003,1', 'edsger@example.com,06 12345678,NL', 'linus@example.com,555-CALL-NOW,US') | Set-Content $csv
    Write-Host (Get-Content -Raw $csv)
    Say "Import-Csv users.csv | New-AuthyUser -ThrottleLimit 4 -ErrorVariable failed -ErrorAction SilentlyContinue | Format-Table AuthyId, Email, Cellphone, CountryCode, E164"
    Import-Csv $csv | New-AuthyUser -ThrottleLimit 4 -ErrorVariable failed -ErrorAction SilentlyContinue | Format-Table AuthyId, Email, Cellphone, CountryCode, E164 | Out-Host
    Write-Host "Rows that failed: $($failed.Count)"
    foreach ($failure in $failed) { Write-Host "  $($failure.FullyQualifiedErrorId.Split(',')[0]): $($failure.Exception.Message)" }
    Remove-Item $csv

    Step 'User status (userStatus.sh)'
    Say "Get-AuthyUser -AuthyId $($user.AuthyId) | Format-List *"
    Get-AuthyUser -AuthyId $user.AuthyId | Format-List * | Out-Host

    Step 'An unknown user is an error record with the Authy code as its ErrorId'
    Say 'Get-AuthyUser -AuthyId 424242 -ErrorAction SilentlyContinue -ErrorVariable notFound'
    Get-AuthyUser -AuthyId 424242 -ErrorAction SilentlyContinue -ErrorVariable notFound
    Write-Host "ErrorId:  $($notFound[0].FullyQualifiedErrorId)"
    Write-Host "Category: $($notFound[0].CategoryInfo.Category)"
    Write-Host "Message:  $($notFound[0].Exception.Message)"

    Step 'Send an SMS token (sendSMS.sh), read it from the emulator outbox, verify it (verifyToken.sh)'
    Say "Send-AuthySms -AuthyId $($user.AuthyId)"
    Send-AuthySms -AuthyId $user.AuthyId | Out-Host
    $emulatorUrl = (Get-AuthyConnection).ApiUrl.AbsoluteUri.TrimEnd('/')
    $code = (Invoke-RestMethod "$emulatorUrl/_emulator/messages?authy_id=$($user.AuthyId)").messages[-1].code
    Write-Host "(the emulator's outbox says the SMS carried $code)"
    Say "Test-AuthyToken -AuthyId $($user.AuthyId) -Token $code"
    Test-AuthyToken -AuthyId $user.AuthyId -Token $code | Out-Host
    Say "Test-AuthyToken -AuthyId $($user.AuthyId) -Token $code -Detailed   # the same token again"
    Test-AuthyToken -AuthyId $user.AuthyId -Token $code -Detailed | Format-List | Out-Host

    Step 'The user installs the app: SMS and calls are ignored unless forced (sendSMS_Ignored.sh, makeCall.sh)'
    Invoke-RestMethod -Method Post "$emulatorUrl/_emulator/users/$($user.AuthyId)/app" | Out-Null
    Say "Send-AuthySms -AuthyId $($user.AuthyId)"
    Send-AuthySms -AuthyId $user.AuthyId | Out-Host
    Say "Send-AuthySms -AuthyId $($user.AuthyId) -Force"
    Send-AuthySms -AuthyId $user.AuthyId -Force | Out-Host
    Say "Invoke-AuthyCall -AuthyId $($user.AuthyId) -Force"
    Invoke-AuthyCall -AuthyId $user.AuthyId -Force | Out-Host

    Step 'OneTouch (createApprovalRequest.sh, checkRequestStatus.sh)'
    Say "`$request = New-AuthyApprovalRequest -AuthyId $($user.AuthyId) -Message 'Log in to the admin portal' -Details @{ 'IP address' = '203.0.113.7' }"
    $request = New-AuthyApprovalRequest -AuthyId $user.AuthyId -Message 'Log in to the admin portal' -Details @{ 'IP address' = '203.0.113.7' }
    $request | Out-Host
    Say '$request | Get-AuthyApprovalStatus'
    $request | Get-AuthyApprovalStatus | Out-Host
    Invoke-RestMethod -Method Post "$emulatorUrl/_emulator/approval_requests/$($request.Uuid)/approve" | Out-Null
    Write-Host '(the user taps Approve in the app: here, the emulator control API)'
    Say '$request | Wait-AuthyApprovalRequest -Timeout 30'
    $request | Wait-AuthyApprovalRequest -Timeout 30 | Out-Host

    Step 'Phone verification with a custom message (phoneVerificationRequest.sh, customPhoneVerification.sh, phoneVerificationCheck.sh)'
    Say "Start-AuthyPhoneVerification -PhoneNumber 555-987-6543 -CountryCode 1 -Via sms -CodeLength 6 -CustomMessage 'Your Contoso code is {{code}}'"
    Start-AuthyPhoneVerification -PhoneNumber 555-987-6543 -CountryCode 1 -Via sms -CodeLength 6 -CustomMessage 'Your Contoso code is {{code}}' | Out-Host
    $sent = (Invoke-RestMethod "$emulatorUrl/_emulator/messages?phone_number=5559876543&country_code=1").messages[-1]
    Write-Host "(the text sent: '$($sent.body)')"
    Say "Test-AuthyPhoneVerification -PhoneNumber 555-987-6543 -CountryCode 1 -Code $($sent.code)"
    Test-AuthyPhoneVerification -PhoneNumber 555-987-6543 -CountryCode 1 -Code $sent.code | Out-Host
    Say 'Get-AuthyPhoneVerificationStatus -PhoneNumber 555-987-6543 -CountryCode 1'
    Get-AuthyPhoneVerificationStatus -PhoneNumber 555-987-6543 -CountryCode 1 | Out-Host

    Step 'Phone intelligence and the application'
    Say 'Get-AuthyPhoneInfo -PhoneNumber 555-987-0001 -CountryCode 1'
    Get-AuthyPhoneInfo -PhoneNumber 555-987-0001 -CountryCode 1 | Out-Host
    Say 'Get-AuthyApplication'
    Get-AuthyApplication | Out-Host
    Say 'Get-AuthyApplicationStatistics | Select-Object -Last 3'
    Get-AuthyApplicationStatistics | Select-Object -Last 3 | Out-Host

    Step 'Twilio Verify, the successor: a code by SMS, checked; a wrong code is $false, not an error'
    $emulator = (Get-TwilioVerifyConnection).ApiUrl.AbsoluteUri
    Say 'Send-TwilioVerification -To +14155550100'
    Send-TwilioVerification -To +14155550100 | Out-Host
    $code = (Invoke-RestMethod "$($emulator)_emulator/messages?to=$([uri]::EscapeDataString('+14155550100'))").messages[-1].code
    Say 'Test-TwilioVerification -To +14155550100 -Code 000000; Test-TwilioVerification -To +14155550100 -Code $code'
    Test-TwilioVerification -To +14155550100 -Code 000000 | Out-Host
    Test-TwilioVerification -To +14155550100 -Code $code | Out-Host

    Step 'A Verify TOTP factor, its enrolment QR code drawn in the terminal, confirmed with the first code'
    Say '$factor = New-TwilioVerifyFactor -Identity 550e8400-e29b-41d4-a716-446655440000 -FriendlyName Ada -QrCode'
    $factor = New-TwilioVerifyFactor -Identity 550e8400-e29b-41d4-a716-446655440000 -FriendlyName Ada -QrCode
    $factor | Out-Host
    $totp = (Invoke-RestMethod "$($emulator)_emulator/verify/factors/$($factor.Sid)/code").code
    Say '$factor | Confirm-TwilioVerifyFactor -Code $totp   # the code the app shows'
    $factor | Confirm-TwilioVerifyFactor -Code $totp | Out-Host

    Step 'Move the Authy user to Verify: the same seed, so their authenticator app keeps working'
    Say '$user | Copy-AuthyUserToVerify'
    $user | Copy-AuthyUserToVerify | Out-Host

    Step 'Remove the user (deleteUser.sh): -WhatIf first, then for real'
    Say "Remove-AuthyUser -AuthyId $($user.AuthyId) -WhatIf"
    Remove-AuthyUser -AuthyId $user.AuthyId -WhatIf
    Say "Remove-AuthyUser -AuthyId $($user.AuthyId) -Force -PassThru"
    Remove-AuthyUser -AuthyId $user.AuthyId -Force -PassThru | Out-Host
    Say "Get-AuthyUser -AuthyId $($user.AuthyId)   # pending deletion: tokens keep working for a day"
    Get-AuthyUser -AuthyId $user.AuthyId | Out-Host
}
finally {
    Step 'Stop the emulator'
    Say 'Stop-AuthyEmulator'
    Stop-AuthyEmulator
}
