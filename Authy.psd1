@{
    RootModule           = 'Authy.dll'
    # Stamped by build.ps1 into out/Authy/Authy.psd1: the version from the assembly (<Version> in
    # Directory.Build.props), the release notes from the newest section of CHANGELOG.md.
    ModuleVersion        = '0.0.0'
    GUID                 = '6f1d2c1e-8a43-4c1b-9a57-3f0d6f4b2e91'
    Author               = 'Authy for PowerShell contributors'
    CompanyName          = 'Community'
    Copyright            = '(c) Authy for PowerShell contributors. MIT License.'
    Description          = 'Two-factor authentication with the Authy API from PowerShell: register users, send and verify tokens by SMS, voice and app, OneTouch push approvals, phone verification, with bulk pipeline import, safe retries and a built-in emulator for dry runs.'
    # PowerShell 7 only: nothing here runs the module on Windows PowerShell 5.1 (.NET Framework), so the manifest
    # does not claim it (README, Compatibility). 7.2 is the oldest PowerShell 7 still on a .NET whose runtime
    # carries everything the netstandard2.0 assemblies reference; only 7.6 is tested.
    PowerShellVersion    = '7.2'
    CompatiblePSEditions = @('Core')
    FormatsToProcess     = @('Authy.Format.ps1xml')
    CmdletsToExport      = @(
        'Connect-Authy'
        'Disconnect-Authy'
        'Get-AuthyConnection'
        'New-AuthyUser'
        'Get-AuthyUser'
        'Remove-AuthyUser'
        'Set-AuthyUser'
        'Register-AuthyUserActivity'
        'New-AuthyQrCode'
        'Export-AuthyTotpSecret'
        'Export-AuthyUserPhoneNumber'
        'Copy-AuthyUserToVerify'
        'Send-AuthySms'
        'Invoke-AuthyCall'
        'Send-AuthyEmail'
        'Test-AuthyToken'
        'New-AuthyApprovalRequest'
        'Get-AuthyApprovalStatus'
        'Wait-AuthyApprovalRequest'
        'Test-AuthyCallbackSignature'
        'Test-TwilioRequestSignature'
        'Connect-TwilioVerify'
        'Get-TwilioVerifyConnection'
        'Disconnect-TwilioVerify'
        'Send-TwilioVerification'
        'Test-TwilioVerification'
        'Get-TwilioVerification'
        'Stop-TwilioVerification'
        'Get-TwilioPhoneInfo'
        'Get-TwilioVerifyService'
        'New-TwilioVerifyService'
        'Set-TwilioVerifyService'
        'New-TwilioVerifyChallenge'
        'Get-TwilioVerifyChallenge'
        'Wait-TwilioVerifyChallenge'
        'New-TwilioVerifyFactor'
        'Confirm-TwilioVerifyFactor'
        'Test-TwilioVerifyTotp'
        'Get-TwilioVerifyFactor'
        'Remove-TwilioVerifyFactor'
        'Get-TwilioVerifyEntity'
        'New-TwilioVerifyEntity'
        'Remove-TwilioVerifyEntity'
        'Start-AuthyPhoneVerification'
        'Test-AuthyPhoneVerification'
        'Get-AuthyPhoneVerificationStatus'
        'Get-AuthyPhoneInfo'
        'Get-AuthyApplication'
        'Get-AuthyApplicationStatistics'
        'Start-AuthyEmulator'
        'Stop-AuthyEmulator'
    )
    FunctionsToExport    = @()
    AliasesToExport      = @()
    VariablesToExport    = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('Authy', 'Twilio', '2FA', 'MFA', 'TwoFactor', 'OTP', 'OneTouch', 'Security', 'PSEdition_Core', 'Windows', 'Linux', 'MacOS')
            LicenseUri   = 'https://github.com/authy-powershell/Authy/blob/main/LICENSE'
            ProjectUri   = 'https://github.com/authy-powershell/Authy'
            ReleaseNotes = 'Stamped from CHANGELOG.md by build.ps1.'
        }
    }
}
