# The move from Authy to Verify (issue 11; docs/api/verify.md §7): Export-AuthyUserPhoneNumber and Copy-AuthyUserToVerify
# against the emulator, whose users get an authenticator kind (totp has an exportable seed; app, sms and push do not).

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-AuthyUnderTest

    function script:Set-Kind([string] $Url, [long] $AuthyId, [string] $Kind) {
        Invoke-EmulatorControl -Url $Url -Path "/_emulator/users/$AuthyId/authenticator?kind=$Kind" -Method POST | Out-Null
    }

    # For the Copy-AuthyUserToVerify tests: users of each kind, and what Verify holds per identity, read straight
    # from the emulator's Verify API (retried: in the fault test that API injects faults too).
    $script:EmulatorService = 'VA00000000000000000000000000000001'
    $script:VerifyCredential = [pscredential]::new('AC00000000000000000000000000000001', (ConvertTo-SecureString 'VerifyEmulatorDemoToken000000000' -AsPlainText -Force))

    function script:New-Users([int] $Count, [string] $Kind = 'totp', [int] $From = 1) {
        for ($i = 0; $i -lt $Count; $i++) {
            $number = $From + $i
            $user = New-AuthyUser -Email "m$Kind$number@example.com" -Cellphone ('555-{0:000}-{1:0000}' -f (700 + $number % 200), $number) -CountryCode 1
            if ($Kind -ne 'totp') { Set-Kind $emulator.Url $user.AuthyId $Kind }
            [pscustomobject]@{ AuthyId = [string]$user.AuthyId; Kind = $Kind }
        }
    }

    function script:Get-Factors([string] $Identity) {
        $uri = "$($emulator.Url)/v2/Services/$EmulatorService/Entities/$Identity/Factors?PageSize=100"
        for ($try = 1; ; $try++) {
            try {
                return @((Invoke-RestMethod -Uri $uri -Authentication Basic -Credential $VerifyCredential -AllowUnencryptedAuthentication).factors)
            }
            catch {
                if ($_.Exception.Response -and [int]$_.Exception.Response.StatusCode -eq 404) { return @() }
                if ($try -ge 20) { throw }
            }
        }
    }

    # By default named as the migration names its factors, as a run that stopped before verifying one leaves it.
    function script:New-UnverifiedFactor([string] $Identity, [string] $Name = 'Migrated from Authy') {
        $uri = "$($emulator.Url)/v2/Services/$EmulatorService/Entities/$Identity/Factors"
        Invoke-RestMethod -Method Post -Uri $uri -Authentication Basic -Credential $VerifyCredential -AllowUnencryptedAuthentication -Body @{ FactorType = 'totp'; FriendlyName = $Name }
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

Describe 'Copy-AuthyUserToVerify: one outcome per row' {
    BeforeAll {
        $script:emulator = Start-TestEmulator -Options @{ EnableMigrationTools = $true }
        $script:rows = @(
            New-Users 2 'totp'
            New-Users 1 'app' 10
            New-Users 1 'sms' 20
            New-Users 1 'push' 30
            [pscustomobject]@{ AuthyId = '999999'; Kind = 'missing' }
        )
        $script:report = @($rows | Copy-AuthyUserToVerify -ThrottleLimit 4)
    }
    AfterAll { Stop-AuthyEmulator }

    It 'writes one typed row per record, in input order' {
        $report.Count | Should -Be $rows.Count
        $report[0] | Should -BeOfType 'Authy.Models.AuthyMigrationResult'
        @($report.AuthyId) | Should -Be @($rows.AuthyId)
        ($report | Format-Table | Out-String) | Should -Match 'Outcome'
    }

    It 'moves TOTP users to a verified factor with their own seed, under the derived identity' {
        foreach ($row in $report[0..1]) {
            $row.Outcome | Should -Be 'Migrated'
            $row.Identity | Should -Be ('authy-{0:D10}' -f [long]$row.AuthyId)
            $row.FactorSid | Should -Match '^YF[0-9a-f]{32}$'
            $factors = Get-Factors $row.Identity
            $factors.Count | Should -Be 1
            $factors[0].status | Should -Be 'verified'
            $factors[0].config.time_step | Should -Be 30
            $factors[0].config.alg | Should -Be 'sha1'
        }
    }

    It 'reports app, sms and push users as NeedsEnrolment with their E.164 number and a reason' {
        foreach ($row in $report[2..4]) {
            $row.Outcome | Should -Be 'NeedsEnrolment'
            $row.E164 | Should -Match '^\+1555\d{7}$'
            $row.Reason | Should -Match 'enrol'
            $row.FactorSid | Should -BeNullOrEmpty
            Get-Factors $row.Identity | Should -BeNullOrEmpty
        }
    }

    It 'reports an unknown user as Failed with the error' {
        $report[5].Outcome | Should -Be 'Failed'
        $report[5].Reason | Should -Match 'Authy\.60026'
    }

    It 'finds the migrated users AlreadyMigrated on a second run without a checkpoint, and creates no second factor' {
        $again = @($rows[0..1] | Copy-AuthyUserToVerify)
        $again.Outcome | Should -Be 'AlreadyMigrated', 'AlreadyMigrated'
        $again.FactorSid | Should -Be $report[0..1].FactorSid
        foreach ($row in $again) { (Get-Factors $row.Identity).Count | Should -Be 1 }
    }

    It 'removes an unverified factor a crashed run left, and ends with exactly one verified factor' {
        $user = New-Users 1 'totp' 40
        $identity = 'authy-{0:D10}' -f [long]$user.AuthyId
        $null = New-UnverifiedFactor $identity
        (Get-Factors $identity).Count | Should -Be 1
        $row = $user | Copy-AuthyUserToVerify
        $row.Outcome | Should -Be 'Migrated'
        $factors = @(Get-Factors $identity)
        $factors.Count | Should -Be 1
        $factors[0].sid | Should -Be $row.FactorSid
        $factors[0].status | Should -Be 'verified'
    }

    It 'leaves an unverified factor it did not make alone (a user enrolling an app), and adds its own beside it' {
        $user = New-Users 1 'totp' 42
        $identity = 'authy-{0:D10}' -f [long]$user.AuthyId
        $theirs = New-UnverifiedFactor $identity "Ann's new iPhone"
        $row = $user | Copy-AuthyUserToVerify
        $row.Outcome | Should -Be 'Migrated'
        $factors = @(Get-Factors $identity)
        $factors.Count | Should -Be 2
        ($factors | Where-Object sid -EQ $theirs.sid).status | Should -Be 'unverified'
        ($factors | Where-Object sid -EQ $row.FactorSid).status | Should -Be 'verified'
        @(Get-EmulatorRequests $emulator.Url | Where-Object method -EQ 'DELETE' | Where-Object path -Like "*$($theirs.sid)") | Should -BeNullOrEmpty
    }

    It 'refuses a user listed twice and an identity given to two users, each before any request, keeping the record numbers' {
        $users = @(New-Users 3 'totp' 60)
        $rows = @(
            [pscustomobject]@{ AuthyId = $users[0].AuthyId; Identity = 'shared-ident-0060' }
            [pscustomobject]@{ AuthyId = $users[1].AuthyId; Identity = 'shared-ident-0060' }
            [pscustomobject]@{ AuthyId = $users[0].AuthyId; Identity = 'shared-ident-0060' }
            [pscustomobject]@{ AuthyId = $users[2].AuthyId; Identity = 'own-ident-00062' }
        )
        $report = @($rows | Copy-AuthyUserToVerify -ErrorVariable refused -ErrorAction SilentlyContinue)
        @($report.AuthyId) | Should -Be @($users[0].AuthyId, $users[2].AuthyId)
        $report.Outcome | Should -Be 'Migrated', 'Migrated'
        $refused.Count | Should -Be 2
        $refused[0].FullyQualifiedErrorId | Should -BeLike 'Authy.DuplicateIdentity,*'
        $refused[0].TargetObject | Should -Be $rows[1]
        $refused[0].Exception.Message | Should -Match "^Record 2: .*shared-ident-0060.*Authy user $($users[0].AuthyId)"
        $refused[1].FullyQualifiedErrorId | Should -BeLike 'Authy.DuplicateUser,*'
        $refused[1].Exception.Message | Should -Match "^Record 3: .*record 1"
        @(Get-Factors 'shared-ident-0060').Count | Should -Be 1
        @(Get-EmulatorRequests $emulator.Url | Where-Object path -Like "*/users/$($users[1].AuthyId)/*") | Should -BeNullOrEmpty

        # -Identity given once for several piped users is the same mistake.
        $more = @(New-Users 2 'totp' 70)
        $one = @($more | Copy-AuthyUserToVerify -Identity 'one-for-all-0070' -ErrorVariable refusedToo -ErrorAction SilentlyContinue)
        $one.Count | Should -Be 1
        $refusedToo.Count | Should -Be 1
        $refusedToo[0].FullyQualifiedErrorId | Should -BeLike 'Authy.DuplicateIdentity,*'
    }

    It 'takes -Identity by property name, and refuses an identity Verify would refuse before any request' {
        $user = New-Users 1 'totp' 41
        $row = $user | Select-Object AuthyId, @{ n = 'Identity'; e = { 'customer-00041' } } | Copy-AuthyUserToVerify
        $row.Identity | Should -Be 'customer-00041'
        $row.Outcome | Should -Be 'Migrated'

        $before = @(Get-EmulatorRequests $emulator.Url).Count
        $bad = [pscustomobject]@{ AuthyId = $user.AuthyId; Identity = 'ada@example.com' }
        $bad | Copy-AuthyUserToVerify -ErrorVariable refused -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $refused.Count | Should -Be 1
        $refused[0].FullyQualifiedErrorId | Should -BeLike 'Authy.InvalidIdentity,*'
        $refused[0].TargetObject | Should -Be $bad
        @(Get-EmulatorRequests $emulator.Url).Count | Should -Be $before
    }

    It 'with -WhatIf reads nothing, writes nothing, and says per row what would happen' {
        $users = @(New-Users 2 'totp' 50)
        $checkpoint = Join-Path $TestDrive 'whatif.checkpoint'
        $before = @(Get-EmulatorRequests $emulator.Url).Count
        $transcript = Join-Path $TestDrive 'whatif.txt'
        Start-Transcript -Path $transcript -Force | Out-Null
        try { $output = @($users | Copy-AuthyUserToVerify -CheckpointPath $checkpoint -WhatIf) } finally { Stop-Transcript | Out-Null }
        $output | Should -BeNullOrEmpty
        @(Get-EmulatorRequests $emulator.Url).Count | Should -Be $before
        Test-Path $checkpoint | Should -BeFalse
        $shown = Get-Content -Raw $transcript
        foreach ($user in $users) { $shown | Should -Match ("What if: .*Authy user $($user.AuthyId) -> Verify identity authy-{0:D10}" -f [long]$user.AuthyId) }
    }

    It 'binds AuthyId from its own report, so the report feeds Remove-AuthyUser' {
        $csv = Join-Path $TestDrive 'report.csv'
        $report | Export-Csv $csv -NoTypeInformation
        $removed = @(Import-Csv $csv | Where-Object Outcome -eq Migrated | Remove-AuthyUser -Force -PassThru)
        $removed.Count | Should -Be 2
        $removes = @(Get-EmulatorRequests $emulator.Url | Where-Object path -Like '*/remove')
        # Compared as a set: with -ThrottleLimit 4 the two removals may arrive in either order.
        @($removes.path | Sort-Object) | Should -Be @($report[0..1] | ForEach-Object { "/protected/json/users/$($_.AuthyId)/remove" } | Sort-Object)
        (Get-Content -Raw $csv) | Should -Not -Match 'Secret'
    }
}

Describe 'Copy-AuthyUserToVerify: a run stopped midway resumes from its checkpoint' {
    BeforeAll {
        $script:emulator = Start-TestEmulator -Options @{ EnableMigrationTools = $true }
        $script:users = @(New-Users 24 'totp'; New-Users 4 'sms' 100)
        $script:checkpoint = Join-Path $TestDrive 'run.checkpoint'
        # A stopped pipeline: Select-Object -First stops the cmdlet with rows still in flight.
        $script:first = @($users | Copy-AuthyUserToVerify -CheckpointPath $checkpoint -ThrottleLimit 4 -WarningAction SilentlyContinue | Select-Object -First 5)
        # The crash tore the last line: half a row, no newline.
        [IO.File]::AppendAllText($checkpoint, '{"AuthyId":' + $users[-1].AuthyId + ',"Identity":"authy-')
        # Finished rows only: the marker lines ("Started") say a factor was about to be made, not that the row ended.
        $script:recorded = @(Get-Content $checkpoint | Where-Object { $_ -match '^\{.*\}$' } | ForEach-Object { $_ | ConvertFrom-Json } | Where-Object { $_.PSObject.Properties.Name -contains 'Outcome' })
        $script:requestsBefore = @(Get-EmulatorRequests $emulator.Url).Count
        $script:second = @($users | Copy-AuthyUserToVerify -CheckpointPath $checkpoint -ThrottleLimit 4)
    }
    AfterAll { Stop-AuthyEmulator }

    It 'stopped with part of the rows written and recorded' {
        $first.Count | Should -Be 5
        $recorded.Count | Should -BeGreaterOrEqual 5
        $recorded.Count | Should -BeLessThan $users.Count
    }

    It 'resumes to exactly one row per user, all finished, in input order' {
        $second.Count | Should -Be $users.Count
        @($second.AuthyId) | Should -Be @($users.AuthyId)
        @($second | Where-Object Outcome -eq 'Migrated').Count | Should -Be 24
        @($second | Where-Object Outcome -eq 'NeedsEnrolment').Count | Should -Be 4
    }

    It 'sends nothing for the users the checkpoint had as finished' {
        $requests = @(Get-EmulatorRequests $emulator.Url | Select-Object -Skip $requestsBefore)
        foreach ($row in $recorded) {
            @($requests | Where-Object { $_.path -like "*$($row.Identity)*" -or $_.path -like "*/users/$($row.AuthyId)/*" }).Count | Should -Be 0 -Because "user $($row.AuthyId) was finished before the stop"
        }
    }

    It 'leaves every identity with exactly one verified factor' {
        foreach ($row in $second | Where-Object Outcome -eq 'Migrated') {
            $factors = @(Get-Factors $row.Identity)
            $factors.Count | Should -Be 1
            $factors[0].status | Should -Be 'verified'
            $factors[0].sid | Should -Be $row.FactorSid
        }
    }

    It 'keeps no seed in the checkpoint, only the documented fields' {
        $lines = @(Get-Content $checkpoint | Where-Object { $_ -match '^\{.*\}$' } | ForEach-Object { $_ | ConvertFrom-Json })
        foreach ($line in $lines) {
            $names = @($line.PSObject.Properties.Name)
            if ($names -contains 'Started') { $names | Should -Be 'AuthyId', 'Identity', 'Started' }
            else { $names | Should -Be 'AuthyId', 'Identity', 'Outcome', 'Reason', 'E164', 'FactorSid' }
        }
        @($lines | Where-Object { $_.PSObject.Properties.Name -contains 'Started' }).Count | Should -BeGreaterThan 0 -Because 'each factor create is announced first'
    }

    It 'refuses a checkpoint path that could never be written before anything is read, under -WhatIf too' {
        $before = @(Get-EmulatorRequests $emulator.Url).Count
        foreach ($path in (Join-Path $TestDrive 'no-such-folder/migration.checkpoint'), $TestDrive) {
            foreach ($whatIf in $false, $true) {
                $failure = $null
                try { $users[0] | Copy-AuthyUserToVerify -CheckpointPath $path -WhatIf:$whatIf } catch { $failure = $_ }
                $failure.FullyQualifiedErrorId | Should -BeLike 'Authy.InvalidCheckpointPath,*'
                $failure.CategoryInfo.Category | Should -Be 'InvalidArgument'
            }
        }
        @(Get-EmulatorRequests $emulator.Url).Count | Should -Be $before
    }

    It 'warns when the checkpoint has a user under another identity, and refuses an identity it has as another user''s' {
        $user = $users[0]
        $recorded = 'authy-{0:D10}' -f [long]$user.AuthyId
        $row = [pscustomobject]@{ AuthyId = $user.AuthyId; Identity = 'renamed-ident-0001' } | Copy-AuthyUserToVerify -CheckpointPath $checkpoint -WarningVariable warned -WarningAction SilentlyContinue
        $row.Identity | Should -Be $recorded
        $warned.Count | Should -Be 1
        [string]$warned[0] | Should -Match "checkpoint as moved to Verify identity $recorded"

        # Naming another finished user's identity for a finished user is the same: the row is skipped, not refused.
        $swapped = [pscustomobject]@{ AuthyId = $user.AuthyId; Identity = ('authy-{0:D10}' -f [long]$users[1].AuthyId) }
        $again = $swapped | Copy-AuthyUserToVerify -CheckpointPath $checkpoint -WarningVariable warnedAgain -WarningAction SilentlyContinue -ErrorVariable refusedAgain -ErrorAction SilentlyContinue
        $again.Identity | Should -Be $recorded
        $refusedAgain | Should -BeNullOrEmpty
        $warnedAgain.Count | Should -Be 1

        # A user the checkpoint does not have yet may not take an identity it has as another user's.
        $newcomer = New-Users 1 'totp' 300
        $other = [pscustomobject]@{ AuthyId = $newcomer.AuthyId; Identity = $recorded }
        $other | Copy-AuthyUserToVerify -CheckpointPath $checkpoint -ErrorVariable refused -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $refused.Count | Should -Be 1
        $refused[0].FullyQualifiedErrorId | Should -BeLike 'Authy.DuplicateIdentity,*'
    }

    It 'reports as Migrated a user whose factor a stopped run made but could not record (its Started marker)' {
        $user = New-Users 1 'totp' 200
        $path = Join-Path $TestDrive 'marker.checkpoint'
        $done = @($user | Copy-AuthyUserToVerify -CheckpointPath (Join-Path $TestDrive 'other.checkpoint'))
        $done[0].Outcome | Should -Be 'Migrated'
        # As a killed run leaves it: the marker written, the row never recorded.
        Set-Content -Path $path -Value ('{"AuthyId":' + $user[0].AuthyId + ',"Identity":"' + $done[0].Identity + '","Started":true}')
        (@($user | Copy-AuthyUserToVerify -CheckpointPath $path))[0].Outcome | Should -Be 'Migrated'
        # Without the marker the same factor is someone else's earlier work.
        (@($user | Copy-AuthyUserToVerify -CheckpointPath (Join-Path $TestDrive 'fresh.checkpoint')))[0].Outcome | Should -Be 'AlreadyMigrated'
    }
}

# With the default retries most faults are absorbed; with none, many rows fail in the first run (several of them
# after a factor was created or verified), which is what the second run must settle.
Describe 'Copy-AuthyUserToVerify: 10% injected faults of every kind on both APIs, -MaxRetry <MaxRetry>' -ForEach @(
    @{ MaxRetry = 3 }
    @{ MaxRetry = 0 }
) {
    BeforeAll {
        $script:emulator = Start-TestEmulator -Options @{ EnableMigrationTools = $true }
        $script:users = @(New-Users 36 'totp'; New-Users 6 'app' 100)
        # Faults from here on, on the Authy and the Verify side alike; short timeouts so a held request costs little
        # (a request that is merely slow and times out fails its row like a fault, which the second run settles).
        Invoke-EmulatorControl -Url $emulator.Url -Path '/_emulator/faults?rate=0.1' -Method POST | Out-Null
        Connect-Authy -ApiKey $emulator.Key -ApiUrl $emulator.Url -Timeout 1 -MaxRetry $MaxRetry
        Connect-TwilioVerify -ServiceSid $EmulatorService -Credential $VerifyCredential -ApiUrl $emulator.Url -LookupUrl $emulator.Url -Timeout 1 -MaxRetry $MaxRetry
        $script:checkpoint = Join-Path $TestDrive 'faults.checkpoint'
        $script:first = @($users | Copy-AuthyUserToVerify -CheckpointPath $checkpoint -ThrottleLimit 8 -ErrorVariable firstErrors -ErrorAction SilentlyContinue)
        $script:firstErrors = $firstErrors
        $script:stats = Invoke-EmulatorControl -Url $emulator.Url -Path '/_emulator/stats'
        Write-Host ("First run under faults: " + (($first | Group-Object Outcome | ForEach-Object { "$($_.Name) $($_.Count)" }) -join ', ') + "; faults " + ($stats.faults | ConvertTo-Json -Compress))
        Invoke-EmulatorControl -Url $emulator.Url -Path '/_emulator/faults?rate=0' -Method POST | Out-Null
        # The second run as a user would make it: the default timeouts and retries.
        Connect-Authy -ApiKey $emulator.Key -ApiUrl $emulator.Url
        Connect-TwilioVerify -ServiceSid $EmulatorService -Credential $VerifyCredential -ApiUrl $emulator.Url -LookupUrl $emulator.Url
        $script:second = @($users | Copy-AuthyUserToVerify -CheckpointPath $checkpoint -ThrottleLimit 8)
    }
    AfterAll { Stop-AuthyEmulator }

    It 'injected faults of several kinds' {
        $faults = $stats.faults.PSObject.Properties | Where-Object { $_.Value -gt 0 }
        @($faults).Count | Should -BeGreaterOrEqual 3
    }

    It 'gives every row exactly one outcome in the first run' {
        $firstErrors | Should -BeNullOrEmpty
        $first.Count | Should -Be $users.Count
        @($first.AuthyId) | Should -Be @($users.AuthyId)
        # Every failure was one of the injected ones: a 429, a 5xx, a timeout or a dropped connection.
        foreach ($row in $first | Where-Object Outcome -eq 'Failed') { $row.Reason | Should -Match '^(Authy|TwilioVerify)\.(60003|20429|Http5\d\d|60000|20500|20503|Timeout|ConnectionFailed|OutcomeUnknown)' }
        if ($MaxRetry -eq 0) { @($first | Where-Object Outcome -eq 'Failed').Count | Should -BeGreaterThan 0 -Because 'without retries some injected faults must reach the report' }
    }

    It 'turns every Failed row into Migrated on the second run with the same checkpoint' {
        $second.Count | Should -Be $users.Count
        foreach ($index in 0..($users.Count - 1)) {
            $expected = if ($users[$index].Kind -eq 'totp') { 'Migrated' } else { 'NeedsEnrolment' }
            $second[$index].Outcome | Should -Be $expected -Because "row $index was $($first[$index].Outcome): $($first[$index].Reason)"
        }
    }

    It 'leaves no identity with two factors' {
        foreach ($row in $second | Where-Object Outcome -eq 'Migrated') {
            $factors = @(Get-Factors $row.Identity)
            $factors.Count | Should -Be 1
            $factors[0].status | Should -Be 'verified'
        }
    }
}
