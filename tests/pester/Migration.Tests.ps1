# The move from Authy to Verify (issue 11; verify-api.md 7): Export-AuthyUserPhoneNumber and Copy-AuthyUserToVerify
# against the emulator, whose users get an authenticator kind (totp has an exportable seed; app, sms and push do not).

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-AuthyUnderTest

    function script:Set-Kind([string] $Url, [long] $AuthyId, [string] $Kind) {
        Invoke-EmulatorControl -Url $Url -Path "/_emulator/users/$AuthyId/authenticator?kind=$Kind" -Method POST | Out-Null
    }
}

Describe 'Export-AuthyUserPhoneNumber where the migration tools are off' {
    BeforeAll { $script:emulator = Start-TestEmulator }
    AfterAll { Stop-AuthyEmulator }

    It 'reports Authy.60154 per user, saying that Twilio Support has to enable the migration tools' {
        $user = New-AuthyUser -Email 'phone-off@example.com' -Cellphone '555-710-0001' -CountryCode 1
        $user | Export-AuthyUserPhoneNumber -ErrorVariable failures -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'Authy.60154,*'
        $failures[0].CategoryInfo.Category | Should -Be 'NotEnabled'
        $failures[0].TargetObject.AuthyId | Should -Be $user.AuthyId
        $failures[0].Exception.Message | Should -Match 'Phone number export disabled'
        $failures[0].Exception.Message | Should -Match 'Twilio Support has to enable the migration tools'
    }

    It 'says the same for the seed export' {
        { Export-AuthyTotpSecret -AuthyId 1 -ErrorAction Stop } | Should -Throw -ExpectedMessage '*Twilio Support has to enable the migration tools*'
    }
}

Describe 'Export-AuthyUserPhoneNumber where the migration tools are on' {
    BeforeAll {
        $script:emulator = Start-TestEmulator -Options @{ EnableMigrationTools = $true }
        $script:users = @(
            New-AuthyUser -Email 'phone1@example.com' -Cellphone '444-555-6666' -CountryCode 1
            New-AuthyUser -Email 'phone2@example.com' -Cellphone '06 1234 5678' -CountryCode 39
        )
        Set-Kind $emulator.Url $users[1].AuthyId 'sms'
    }
    AfterAll { Stop-AuthyEmulator }

    It 'gives number, country code, E.164 and date for piped users of any kind, in input order' {
        $numbers = @($users | Export-AuthyUserPhoneNumber)
        $numbers.Count | Should -Be 2
        $numbers[0] | Should -BeOfType 'Authy.Models.AuthyUserPhoneNumber'
        $numbers.AuthyId | Should -Be $users.AuthyId
        $numbers[0].PhoneNumber | Should -Be '444-555-6666'
        $numbers[0].CountryCode | Should -Be 1
        $numbers[0].E164 | Should -Be '+14445556666'
        $numbers[0].UpdatedAt | Should -BeOfType 'System.DateTimeOffset'
        $numbers[1].E164 | Should -Be '+390612345678'
    }

    It 'binds AuthyId from a CSV column and has a table view' {
        $csv = $users | Select-Object @{ n = 'authy_id'; e = { [string]$_.AuthyId } } | ConvertTo-Csv | ConvertFrom-Csv
        $numbers = @($csv | Export-AuthyUserPhoneNumber)
        $numbers.E164 | Should -Be '+14445556666', '+390612345678'
        ($numbers | Format-Table | Out-String) | Should -Match 'E164'
    }

    It 'reports an unknown user as Authy.60026 carrying the record' {
        { Export-AuthyUserPhoneNumber -AuthyId 424242 -ErrorAction Stop } | Should -Throw -ErrorId 'Authy.60026,*'
    }
}
