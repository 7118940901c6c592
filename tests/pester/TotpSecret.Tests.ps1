# Export-AuthyTotpSecret (docs/api/authy.md §2.11): refused until enabled, then the seed as a SecureString.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-AuthyUnderTest
}

Describe 'Export-AuthyTotpSecret where migration tools are disabled' {
    BeforeAll { $script:emulator = Start-TestEmulator }
    AfterAll { Stop-AuthyEmulator }

    It 'reports Authy.60154 as NotEnabled for each user, carrying the record' {
        $user = New-AuthyUser -Email 'seed@example.com' -Cellphone '555-700-0001' -CountryCode 1
        $user | Export-AuthyTotpSecret -ErrorVariable failures -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'Authy.60154,*'
        $failures[0].CategoryInfo.Category | Should -Be 'NotEnabled'
        $failures[0].TargetObject.AuthyId | Should -Be $user.AuthyId
    }
}

Describe 'Export-AuthyTotpSecret where migration tools are enabled' {
    BeforeAll {
        $script:emulator = Start-TestEmulator -Options @{ EnableSecretExport = $true }
        $script:users = @(
            New-AuthyUser -Email 'seed1@example.com' -Cellphone '555-700-0011' -CountryCode 1
            New-AuthyUser -Email 'seed2@example.com' -Cellphone '555-700-0012' -CountryCode 1
        )
    }
    AfterAll { Stop-AuthyEmulator }

    It 'returns the seed as a SecureString only, and the current code' {
        $seed = Export-AuthyTotpSecret -AuthyId $users[0].AuthyId
        $seed | Should -BeOfType 'Authy.Models.AuthyTotpSecret'
        $seed.Secret | Should -BeOfType 'System.Security.SecureString'
        $seed.Secret.Length | Should -BeGreaterThan 10
        $seed.PlainTextSecret | Should -BeNullOrEmpty
        $seed.Otp | Should -Match '^\d{6}$'
        ($seed | Out-String) | Should -Not -Match ([regex]::Escape((ConvertFrom-SecureString $seed.Secret -AsPlainText)))
    }

    It 'gives the seed as text with -AsPlainText, the same seed each time, for piped users' {
        $seeds = @($users | Export-AuthyTotpSecret -AsPlainText)
        $seeds.AuthyId | Should -Be $users.AuthyId
        $seeds | ForEach-Object { $_.PlainTextSecret | Should -Match '^[A-Z2-7]+=*$' }
        $seeds[0].PlainTextSecret | Should -Be (ConvertFrom-SecureString (Export-AuthyTotpSecret -AuthyId $users[0].AuthyId).Secret -AsPlainText)
        $seeds[0].PlainTextSecret | Should -Not -Be $seeds[1].PlainTextSecret
        # The table view never shows the seed.
        ($seeds | Out-String) | Should -Not -Match ([regex]::Escape($seeds[0].PlainTextSecret))
    }

    It 'reports an unknown user as Authy.60026' {
        { Export-AuthyTotpSecret -AuthyId 424242 -ErrorAction Stop } | Should -Throw -ErrorId 'Authy.60026,*'
    }
}
