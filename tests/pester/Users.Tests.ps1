# The user lifecycle end to end: the built module against a running emulator.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-AuthyUnderTest
    $script:emulator = Start-TestEmulator
}

AfterAll {
    Stop-AuthyEmulator
}

Describe 'New-AuthyUser, Get-AuthyUser, Remove-AuthyUser' {
    BeforeEach {
        Reset-Emulator $emulator.Url
        Connect-Authy -ApiKey $emulator.Key -ApiUrl $emulator.Url
    }

    It 'registers a user, reads its status and removes it' {
        $user = New-AuthyUser -Email 'ada@example.com' -Cellphone '555-123-4567' -CountryCode 1
        $user | Should -BeOfType 'Authy.Models.AuthyUser'
        $user.AuthyId | Should -BeGreaterThan 0
        $user.Email | Should -Be 'ada@example.com'
        $user.Cellphone | Should -Be '5551234567'
        $user.E164 | Should -Be '+15551234567'

        $status = $user | Get-AuthyUser
        $status | Should -BeOfType 'Authy.Models.AuthyUserStatus'
        $status.AuthyId | Should -Be $user.AuthyId
        $status.CountryCode | Should -Be 1
        $status.PhoneNumber | Should -Be 'XXX-XXX-4567'
        $status.Confirmed | Should -BeFalse

        $removed = $user | Remove-AuthyUser -Force -PassThru
        $removed.Success | Should -BeTrue
        $removed.AuthyId | Should -Be $user.AuthyId
        (Get-EmulatorRequests $emulator.Url | Where-Object path -Like '*/remove').Count | Should -Be 1
    }

    It 'gives the same id for the same phone and country code' {
        $first = New-AuthyUser -Email 'one@example.com' -Cellphone '555 222 3333' -CountryCode 44
        $second = New-AuthyUser -Email 'two@example.com' -Cellphone '5552223333' -CountryCode 44
        $second.AuthyId | Should -Be $first.AuthyId
    }

    It 'takes CSV rows by property name and pipes on into Get-AuthyUser' {
        $csv = Join-Path $TestDrive 'users.csv'
        @(
            'email,phone,country_code'
            'a@example.com,555-000-0001,1'
            'b@example.com,555-000-0002,44'
            'c@example.com,912 000 003,351'
        ) | Set-Content -Path $csv

        $statuses = @(Import-Csv $csv | New-AuthyUser | Get-AuthyUser)
        $statuses.Count | Should -Be 3
        $statuses.CountryCode | Should -Be @(1, 44, 351)
        $statuses.PhoneNumber | Should -Be @('XXX-XXX-0001', 'XXX-XXX-0002', 'XXX-XXX-0003')
    }

    It 'turns a bad row into one error record carrying that row, and keeps the good rows' {
        $rows = @(
            [pscustomobject]@{ Email = 'good1@example.com'; Cellphone = '555-000-0011'; CountryCode = '1' }
            [pscustomobject]@{ Email = 'not-an-email'; Cellphone = '555-000-0012'; CountryCode = '1' }
            [pscustomobject]@{ Email = 'good2@example.com'; Cellphone = '555-000-0013'; CountryCode = '1' }
        )
        $users = @($rows | New-AuthyUser -ErrorVariable failures -ErrorAction SilentlyContinue)

        $users.Email | Should -Be @('good1@example.com', 'good2@example.com')
        $failures.Count | Should -Be 1
        $failures[0].TargetObject | Should -Be $rows[1]
        $failures[0].Exception.Message | Should -Match 'not an email address'
        # The bad row never reached the API.
        (Get-EmulatorRequests $emulator.Url | Where-Object path -Like '*/users/new').Count | Should -Be 2
    }

    It 'maps an API error of a piped record to an error record carrying that record' {
        $records = @([pscustomobject]@{ authy_id = 999999 })
        $records | Get-AuthyUser -ErrorVariable failures -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'Authy.60026,*'
        $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $failures[0].TargetObject | Should -Be $records[0]
        $failures[0].Exception.StatusCode | Should -Be 404
    }

    It 'reports an unknown id as Authy.60026' {
        { Get-AuthyUser -AuthyId 424242 -ErrorAction Stop } | Should -Throw -ErrorId 'Authy.60026,*'
    }

    It 'reports a wrong key as Authy.60001' {
        Connect-Authy -ApiKey (ConvertTo-SecureString 'wrong-key-0000000000000000000000' -AsPlainText -Force) -ApiUrl $emulator.Url
        { Get-AuthyUser -AuthyId 1 -ErrorAction Stop } | Should -Throw -ErrorId 'Authy.60001,*'
    }

    It 'sends nothing for Remove-AuthyUser -WhatIf' {
        $user = New-AuthyUser -Email 'keep@example.com' -Cellphone '555-000-0021' -CountryCode 1
        $user | Remove-AuthyUser -WhatIf
        $user | Remove-AuthyUser -Force -WhatIf
        (Get-EmulatorRequests $emulator.Url | Where-Object path -Like '*/remove').Count | Should -Be 0
        (Get-AuthyUser -AuthyId $user.AuthyId).AccountDisabled | Should -BeFalse
    }

    It 'writes outputs in input order with several requests in flight' {
        $rows = 1..24 | ForEach-Object { [pscustomobject]@{ Email = "order$_@example.com"; Cellphone = ('555-100-{0:d4}' -f $_); CountryCode = 1 } }
        $users = @($rows | New-AuthyUser -ThrottleLimit 8)
        $users.Email | Should -Be $rows.Email
    }

    It 'validates before sending: <Name>' -ForEach @(
        @{ Name = 'email'; Splat = @{ Email = 'x@'; Cellphone = '5551234567'; CountryCode = 1 }; ErrorId = 'Authy.InvalidEmail' }
        @{ Name = 'cellphone letters'; Splat = @{ Email = 'a@example.com'; Cellphone = '555-CALL-NOW'; CountryCode = 1 }; ErrorId = 'Authy.InvalidPhoneNumber' }
        @{ Name = 'cellphone too short'; Splat = @{ Email = 'a@example.com'; Cellphone = '12'; CountryCode = 1 }; ErrorId = 'Authy.InvalidPhoneNumber' }
        @{ Name = 'country code 0'; Splat = @{ Email = 'a@example.com'; Cellphone = '5551234567'; CountryCode = 0 }; ErrorId = 'Authy.InvalidCountryCode' }
        @{ Name = 'country code 1000'; Splat = @{ Email = 'a@example.com'; Cellphone = '5551234567'; CountryCode = 1000 }; ErrorId = 'Authy.InvalidCountryCode' }
        @{ Name = 'no country for a national number'; Splat = @{ Email = 'a@example.com'; Cellphone = '5551234567' }; ErrorId = 'Authy.MissingValue' }
        @{ Name = 'no phone at all'; Splat = @{ Email = 'a@example.com'; CountryCode = 1 }; ErrorId = 'Authy.MissingValue' }
    ) {
        { New-AuthyUser @Splat -ErrorAction Stop } | Should -Throw -ErrorId "$ErrorId,*"
        Get-EmulatorRequests $emulator.Url | Should -BeNullOrEmpty
    }

    It 'reads a blank Authy id cell of an exported CSV as missing, for that numbered row, and never as another column''s id' {
        $user = New-AuthyUser -Email 'blank@example.com' -Cellphone '555-000-0031' -CountryCode 1
        $before = @(Get-EmulatorRequests $emulator.Url).Count
        # Another system's numeric "User ID" beside an empty authy_id: reading it would act on the wrong user.
        $rows = "`"User ID`",`"authy_id`"`r`n`"7`",`"$($user.AuthyId)`"`r`n`"1`",`"`"`r`n`"9`",`" `"`r`n" | ConvertFrom-Csv
        $out = @($rows | Get-AuthyUser -ErrorVariable bad -ErrorAction SilentlyContinue)
        $out.Count | Should -Be 1
        $bad.Count | Should -Be 2
        $bad | ForEach-Object { $_.FullyQualifiedErrorId | Should -BeLike 'Authy.MissingValue,*' }
        $bad[0].Exception.Message | Should -BeLike 'Record 2 has no Authy id*'
        $bad[1].TargetObject.'User ID' | Should -Be '9'
        @(Get-EmulatorRequests $emulator.Url).Count | Should -Be ($before + 1)
    }

    It 'refuses an AuthyId that is not a positive integer' {
        { Get-AuthyUser -AuthyId 0 -ErrorAction Stop } | Should -Throw -ErrorId 'Authy.InvalidAuthyId*'
        { Get-AuthyUser -AuthyId -5 -ErrorAction Stop } | Should -Throw -ErrorId 'Authy.InvalidAuthyId*'
        { Get-AuthyUser -AuthyId '../1' -ErrorAction Stop } | Should -Throw -ErrorId 'Authy.InvalidAuthyId*'
        { Get-AuthyUser -AuthyId 1.5 -ErrorAction Stop } | Should -Throw -ErrorId 'Authy.InvalidAuthyId*'
        Get-EmulatorRequests $emulator.Url | Should -BeNullOrEmpty
    }
}

Describe 'Connect-Authy, Get-AuthyConnection, Disconnect-Authy' {
    It 'shows the connection with the key masked to its last four characters' {
        Connect-Authy -ApiKey $emulator.Key -ApiUrl $emulator.Url -Timeout 20 -MaxRetry 2
        $connection = Get-AuthyConnection
        $connection.ApiKey | Should -Be ('****' + $emulator.KeyText.Substring($emulator.KeyText.Length - 4))
        $connection.Timeout | Should -Be ([TimeSpan]::FromSeconds(20))
        $connection.MaxRetry | Should -Be 2
        ($connection | Format-List * | Out-String) | Should -Not -Match $emulator.KeyText
    }

    It 'accepts the key as the password of a credential' {
        $credential = [pscredential]::new('authy', $emulator.Key)
        Connect-Authy -Credential $credential -ApiUrl $emulator.Url
        (Get-AuthyConnection).ApiKey | Should -BeLike ('*' + $emulator.KeyText.Substring($emulator.KeyText.Length - 4))
        { Get-AuthyUser -AuthyId 1 -ErrorAction Stop } | Should -Throw -ErrorId 'Authy.60026,*'
    }

    It 'takes the key from the pipeline, as Get-Secret would give it' {
        Disconnect-Authy
        $emulator.Key | Connect-Authy -ApiUrl $emulator.Url
        (Get-AuthyConnection).Source | Should -Be 'Connect-Authy'
        { Get-AuthyUser -AuthyId 1 -ErrorAction Stop } | Should -Throw -ErrorId 'Authy.60026,*'
    }

    It 'falls back to AUTHY_API_KEY and AUTHY_API_URL' {
        Disconnect-Authy
        try {
            $env:AUTHY_API_KEY = $emulator.KeyText
            $env:AUTHY_API_URL = $emulator.Url
            (Get-AuthyConnection).Source | Should -Be 'Environment'
            { Get-AuthyUser -AuthyId 1 -ErrorAction Stop } | Should -Throw -ErrorId 'Authy.60026,*'
        }
        finally {
            Remove-Item Env:AUTHY_API_KEY, Env:AUTHY_API_URL -ErrorAction SilentlyContinue
        }
    }

    It 'says how to connect when there is no session and no environment key' {
        Disconnect-Authy
        { Get-AuthyUser -AuthyId 1 -ErrorAction Stop } | Should -Throw -ErrorId 'Authy.NotConnected*'
    }

    It 'refuses plain HTTP to anything but loopback' {
        { Connect-Authy -ApiKey $emulator.Key -ApiUrl 'http://api.authy.com' } | Should -Throw -ErrorId 'Authy.InvalidConnection*'
        { Connect-Authy -ApiKey $emulator.Key -ApiUrl 'http://localhost:1' } | Should -Not -Throw
    }
}
