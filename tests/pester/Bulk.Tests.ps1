# Bulk work through the pipeline: every row accounted for under injected faults, nothing sent twice,
# cancellation, progress, ordering.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-AuthyUnderTest

    function New-UserRows([int] $count, [int] $offset = 0) {
        foreach ($i in 1..$count) {
            [pscustomobject]@{ email = "bulk$($offset + $i)@example.com"; phone = ('555-{0:d7}' -f ($offset + $i)); country_code = '1' }
        }
    }
}

Describe 'A 500-row import under every kind of fault' {
    BeforeAll {
        # One request in twenty meets a fault: some fifty over the run, every kind many times over.
        $script:emulator = Start-TestEmulator -Options @{ FaultRate = 0.05; FaultKinds = '429', '500', '503', 'reset', 'timeout'; Seed = 7 }
        # A short timeout keeps the 'timeout' faults quick (in input order, a row waiting out its timeout holds
        # back every row behind it, so this timeout is most of the file's time; a reply that is merely slow and
        # times out is one more fault the checks below allow for); more retries keep the idempotent calls succeeding.
        Connect-Authy -ApiKey $emulator.Key -ApiUrl $emulator.Url -Timeout 0.5 -MaxRetry 6

        $csv = Join-Path $TestDrive 'users.csv'
        New-UserRows 500 | Export-Csv -Path $csv -NoTypeInformation
        $script:rows = @(Import-Csv $csv)
        $script:users = @(Import-Csv $csv | New-AuthyUser -ThrottleLimit 16 -ErrorVariable userErrors -ErrorAction SilentlyContinue)
        $script:userErrors = @($userErrors)

        $script:deliveries = @($users | Send-AuthySms -Force -ThrottleLimit 16 -ErrorVariable smsErrors -ErrorAction SilentlyContinue)
        $script:smsErrors = @($smsErrors)
        $script:stats = Invoke-EmulatorControl -Url $emulator.Url -Path '/_emulator/stats'
        # The checks below read the emulator's state through the module: with the faults on, each would wait out
        # timeouts and retries of its own that test nothing more.
        Invoke-EmulatorControl -Url $emulator.Url -Path '/_emulator/faults?rate=0' -Method POST | Out-Null
    }

    AfterAll { Stop-AuthyEmulator }

    It 'injected faults of every kind' {
        foreach ($kind in '429', '500', '503', 'reset', 'timeout') {
            $stats.faults.$kind | Should -BeGreaterThan 0 -Because "faults of kind $kind were asked for"
        }
    }

    It 'gives each row exactly one outcome' {
        ($users.Count + $userErrors.Count) | Should -Be 500
        $accounted = @($users.Email) + @($userErrors | ForEach-Object { $_.TargetObject.email })
        ($accounted | Sort-Object -Unique).Count | Should -Be 500
        $userErrors | ForEach-Object { $rows.email | Should -Contain $_.TargetObject.email }
    }

    It 'creates every user once: distinct ids, each known to the emulator' {
        ($users.AuthyId | Sort-Object -Unique).Count | Should -Be $users.Count
        $statuses = @($users | Get-AuthyUser -ThrottleLimit 16)
        $statuses.Count | Should -Be $users.Count
        ($statuses.AuthyId | Sort-Object -Unique).Count | Should -Be $users.Count
    }

    It 'accounts for every SMS: one delivery or one error per user' {
        ($deliveries.Count + $smsErrors.Count) | Should -Be $users.Count
        $smsErrors.Count | Should -BeGreaterThan 0 -Because 'a 5% fault rate must hit some SMS'
    }

    It 'never sends an SMS twice' {
        $sentTwice = @($users | Where-Object { $stats.messages."$($_.AuthyId)".sms -gt 1 } | ForEach-Object AuthyId)
        $sentTwice | Should -BeNullOrEmpty -Because 'every user gets at most one SMS'
        $deliveredNotOnce = @($deliveries | Where-Object { $stats.messages."$($_.AuthyId)".sms -ne 1 } | ForEach-Object AuthyId)
        $deliveredNotOnce | Should -BeNullOrEmpty -Because 'a delivery reported is exactly one SMS sent'
        $deliveries.Count | Should -BeGreaterThan 0
    }

    It 'says the outcome is unknown for SMS that may have been sent' {
        $unknown = @($smsErrors | Where-Object { $_.FullyQualifiedErrorId -like 'Authy.OutcomeUnknown,*' })
        $unknown.Count | Should -BeGreaterThan 0
        $unknown | ForEach-Object { $_.Exception.Message | Should -Match 'outcome is unknown' }
        $smsErrors | ForEach-Object { $_.TargetObject | Should -Not -BeNullOrEmpty }
    }
}

Describe 'Cancellation, progress and ordering' {
    BeforeAll {
        # Each reply a little over the second after which a bulk cmdlet shows its progress bar.
        $script:emulator = Start-TestEmulator -Options @{ LatencyMs = 1100 }
        $script:modulePath = Join-Path $env:AUTHY_TEST_MODULE 'Authy.psd1'

        # Runs a script in a fresh runspace with the module connected to this emulator.
        function New-ConnectedShell([string] $script) {
            $shell = [powershell]::Create()
            $null = $shell.AddScript("Import-Module '$modulePath'; Connect-Authy -ApiKey (ConvertTo-SecureString '$($emulator.KeyText)' -AsPlainText -Force) -ApiUrl '$($emulator.Url)'").AddStatement().AddScript($script)
            $shell
        }
    }

    AfterAll { Stop-AuthyEmulator }

    BeforeEach {
        Reset-Emulator $emulator.Url
        Connect-Authy -ApiKey $emulator.Key -ApiUrl $emulator.Url
    }

    It 'stops in-flight requests at once and starts no new ones' {
        $shell = New-ConnectedShell '1..200 | ForEach-Object { [pscustomobject]@{ AuthyId = $_ } } | Get-AuthyUser -ThrottleLimit 4'
        $async = $shell.BeginInvoke()
        # Wait on a condition: the emulator has received the first requests (a long poll; its bound only guards against a hang).
        @((Invoke-EmulatorControl -Url $emulator.Url -Path '/_emulator/requests?wait_for=4&timeout_seconds=30').requests).Count | Should -BeGreaterOrEqual 4

        $shell.Stop()
        $shell.InvocationStateInfo.State | Should -Be 'Stopped'
        $countAtStop = @(Get-EmulatorRequests $emulator.Url).Count
        # In flight when stopped: at most the throttle limit, so nothing was started after the stop.
        $countAtStop | Should -BeLessOrEqual 8
        $shell.Dispose()
    }

    It 'shows progress on long work, and nothing under SilentlyContinue' {
        # Two rows one after the other, 2.2 s in all: the bar, due after 1 s, shows while the second is in flight.
        # Both shells at once, as the wait is all latency.
        $shown = New-ConnectedShell "`$ProgressPreference = 'Continue'; 1..2 | ForEach-Object { [pscustomobject]@{ AuthyId = `$_ } } | Get-AuthyUser -ThrottleLimit 1"
        $silent = New-ConnectedShell "`$ProgressPreference = 'SilentlyContinue'; 1..2 | ForEach-Object { [pscustomobject]@{ AuthyId = `$_ } } | Get-AuthyUser -ThrottleLimit 1"
        $running = $shown.BeginInvoke(), $silent.BeginInvoke()
        $null = $shown.EndInvoke($running[0]), $silent.EndInvoke($running[1])

        $shown.Streams.Progress.Count | Should -BeGreaterThan 0
        $shown.Streams.Progress[0].StatusDescription | Should -Match 'done, \d+ failed'
        $silent.Streams.Progress.Count | Should -Be 0
        $shown.Streams.Error.Count | Should -Be 2 -Because 'both users are unknown to the emptied emulator'
        $silent.Streams.Error.Count | Should -Be 2 -Because 'the silent run did the same long work'
        $shown.Dispose(); $silent.Dispose()
    }

    It 'keeps input order by default and streams in completion order with -Unordered' {
        # All in flight at once: they end in whatever order the emulator's threads finish.
        $rows = New-UserRows 6 9000
        $ordered = @($rows | New-AuthyUser -ThrottleLimit 6)
        $ordered.Email | Should -Be $rows.email
        $unordered = @($rows | New-AuthyUser -ThrottleLimit 6 -Unordered)
        ($unordered.Email | Sort-Object) | Should -Be ($rows.email | Sort-Object)
    }

    It 'sends nothing with -WhatIf however many rows' {
        New-UserRows 50 5000 | New-AuthyUser -ThrottleLimit 16 -WhatIf 6>$null
        Get-EmulatorRequests $emulator.Url | Should -BeNullOrEmpty
    }
}
