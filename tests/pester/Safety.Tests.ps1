# Safety of dry runs and stops (issue 9): a failed emulator start stops the script before anything is sent,
# Stop-AuthyEmulator puts the old session back, Ctrl+C leaves the emulator running, an early stop says what
# was sent unreported, progress counts every record, and a wrong key keeps the row in -ErrorVariable.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-AuthyUnderTest
    $script:modulePath = Join-Path $env:AUTHY_TEST_MODULE 'Authy.psd1'
    $script:pwshDll = Join-Path $PSHOME 'pwsh.dll'

    # A fresh runspace with the module loaded: Start/Stop-AuthyEmulator there leave this one's emulator alone.
    function Invoke-InRunspace([string] $script) {
        $shell = [powershell]::Create()
        try {
            $null = $shell.AddScript("Import-Module '$modulePath'").AddStatement().AddScript($script)
            $output = $shell.Invoke()
            [pscustomobject]@{ Output = @($output); Errors = @($shell.Streams.Error); Warnings = @($shell.Streams.Warning); Progress = @($shell.Streams.Progress) }
        }
        finally { $shell.Dispose() }
    }

    # With -AtLeast, the emulator answers once that many SMS are in its outbox (a long poll that wakes as
    # requests finish; its 60 s bound only guards against a hang): a wait on the condition, not on the clock.
    function Get-SmsCount([string] $Url, [int] $AtLeast = 0) {
        $wait = if ($AtLeast -gt 0) { "&wait_for=$AtLeast" } else { '' }
        @((Invoke-EmulatorControl -Url $Url -Path "/_emulator/messages?channel=sms$wait").messages).Count
    }

    # The same for the request log: answers once it holds at least that many requests (in flight included).
    function Get-RequestCount([string] $Url, [int] $AtLeast) {
        @((Invoke-EmulatorControl -Url $Url -Path "/_emulator/requests?wait_for=$AtLeast").requests).Count
    }
}

Describe 'A failed Start-AuthyEmulator' {
    BeforeAll {
        # The "previous session": an emulator that must receive nothing from the failed script.
        $script:previous = Start-TestEmulator
        $script:busy = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0)
        $busy.Start()
        $script:busyPort = $busy.LocalEndpoint.Port
    }

    AfterAll {
        $busy.Stop()
        Stop-AuthyEmulator
    }

    It 'stops the script at the start error when <Name>, and sends nothing' -TestCases @(
        @{ Name = 'a Connect-Authy session is current'; Connect = $true }
        @{ Name = 'AUTHY_API_URL and AUTHY_API_KEY are set'; Connect = $false }
    ) {
        param($Name, $Connect)
        Reset-Emulator $previous.Url
        $script = Join-Path $TestDrive 'dry-run.ps1'
        $connect = if ($Connect) { "Connect-Authy -ApiKey (ConvertTo-SecureString '$($previous.KeyText)' -AsPlainText -Force) -ApiUrl '$($previous.Url)'" } else { '' }
        Set-Content -Path $script -Value @"
Import-Module '$modulePath'
$connect
Start-AuthyEmulator -Port $busyPort
New-AuthyUser -Email 'dry@example.com' -Cellphone '555-123-4567' -CountryCode 1
'CARRIED ON'
"@
        if (-not $Connect) { $env:AUTHY_API_URL = $previous.Url; $env:AUTHY_API_KEY = $previous.KeyText }
        try { $output = & dotnet $pwshDll -NoProfile -NonInteractive -File $script 2>&1 | Out-String }
        finally { Remove-Item Env:AUTHY_API_URL, Env:AUTHY_API_KEY -ErrorAction SilentlyContinue }

        $LASTEXITCODE | Should -Not -Be 0
        $output | Should -Match "port $busyPort is already in use"
        $output | Should -Not -Match 'CARRIED ON'
        Get-EmulatorRequests $previous.Url | Should -BeNullOrEmpty -Because 'nothing may reach the previous session after a failed start'
    }

    It 'is a terminating error that try/catch sees, and leaves the session as it was' {
        $result = Invoke-InRunspace @"
Connect-Authy -ApiKey (ConvertTo-SecureString '$($previous.KeyText)' -AsPlainText -Force) -ApiUrl '$($previous.Url)'
try { Start-AuthyEmulator -Port $busyPort; 'no error' } catch { `$_.FullyQualifiedErrorId; `$_.Exception.Message }
(Get-AuthyConnection).ApiUrl.AbsoluteUri
"@
        $result.Output[0] | Should -Be 'Authy.EmulatorNotStarted,Authy.Cmdlets.StartAuthyEmulatorCommand'
        $result.Output[1] | Should -BeLike "The Authy emulator did not start: port $busyPort is already in use*"
        $result.Output[2] | Should -Be ($previous.Url + '/')
    }
}

Describe 'Stop-AuthyEmulator' {
    It 'puts back the Connect-Authy session that was there before Start-AuthyEmulator' {
        $result = Invoke-InRunspace @'
Connect-Authy -ApiKey (ConvertTo-SecureString 'PreviousKey0000000000000000000001' -AsPlainText -Force) -ApiUrl 'http://127.0.0.1:9/' -Timeout 7
Start-AuthyEmulator
(Get-AuthyConnection).Source
Stop-AuthyEmulator
$after = Get-AuthyConnection
$after.ApiUrl.AbsoluteUri; $after.Source; $after.Timeout.TotalSeconds; $after.ApiKey
'@
        $result.Errors | Should -BeNullOrEmpty
        $result.Output | Should -Be @('Start-AuthyEmulator', 'http://127.0.0.1:9/', 'Connect-Authy', 7, '****0001')
    }

    It 'leaves no session when there was none before, so the environment applies again' {
        $result = Invoke-InRunspace @'
Start-AuthyEmulator
Stop-AuthyEmulator
try { Get-AuthyConnection -ErrorAction Stop; 'still connected' } catch { $_.FullyQualifiedErrorId }
'@
        $result.Output | Should -HaveCount 1
        $result.Output[0] | Should -BeLike 'Authy.NotConnected*'
    }

    It 'goes back past an emulator that a second Start-AuthyEmulator replaced' {
        $result = Invoke-InRunspace @'
Connect-Authy -ApiKey (ConvertTo-SecureString 'PreviousKey0000000000000000000002' -AsPlainText -Force) -ApiUrl 'http://127.0.0.1:9/'
Start-AuthyEmulator
Start-AuthyEmulator
Stop-AuthyEmulator
(Get-AuthyConnection).ApiUrl.AbsoluteUri
'@
        $result.Output | Should -Be @('http://127.0.0.1:9/')
    }

    It 'keeps a session connected elsewhere after Start-AuthyEmulator' {
        $result = Invoke-InRunspace @'
Start-AuthyEmulator
Connect-Authy -ApiKey (ConvertTo-SecureString 'LaterKey000000000000000000000003' -AsPlainText -Force) -ApiUrl 'http://127.0.0.1:10/'
Stop-AuthyEmulator
(Get-AuthyConnection).ApiUrl.AbsoluteUri
'@
        $result.Output | Should -Be @('http://127.0.0.1:10/')
    }
}

Describe 'Ctrl+C at the prompt that started the emulator' -Skip:(-not ($IsLinux -or $IsMacOS) -or -not (Get-Command setsid -ErrorAction SilentlyContinue)) {
    It 'leaves the emulator answering' {
        # A PowerShell in its own process group (as a terminal's foreground job is), reading commands from stdin.
        $info = [Diagnostics.ProcessStartInfo]::new('setsid')
        foreach ($argument in 'dotnet', $pwshDll, '-NoProfile', '-NonInteractive', '-Command', '-') { $info.ArgumentList.Add($argument) }
        $info.RedirectStandardInput = $true
        $info.RedirectStandardOutput = $true
        $info.UseShellExecute = $false
        $shell = [Diagnostics.Process]::Start($info)
        try {
            $script:pendingLine = $null
            function Read-Marker([string] $prefix, [int] $milliseconds = 120000) {
                while ($true) {
                    # A read left unfinished by an earlier call is picked up again, so no line is lost.
                    if (-not $script:pendingLine) { $script:pendingLine = $shell.StandardOutput.ReadLineAsync() }
                    $line = $script:pendingLine
                    if (-not $line.Wait($milliseconds)) { return $null }
                    $script:pendingLine = $null
                    if ($null -eq $line.Result) { throw "the child PowerShell ended before writing '$prefix'" }
                    # The line may start with terminal control sequences: match the marker anywhere.
                    $at = $line.Result.IndexOf($prefix)
                    if ($at -ge 0) { return $line.Result.Substring($at).Trim() }
                }
            }

            $shell.StandardInput.WriteLine("Import-Module '$modulePath'; `$e = Start-AuthyEmulator -PassThru; 'EMULATOR ' + `$e.Url.AbsoluteUri + ' ' + `$e.ProcessId")
            $started = Read-Marker 'EMULATOR '
            $started | Should -Not -BeNullOrEmpty -Because 'Start-AuthyEmulator reports within two minutes'
            $null, $url, $emulatorPid = $started -split ' '
            $url = $url.TrimEnd('/')
            $group = [int](& ps -o pgid= -p $emulatorPid).Trim()
            $group | Should -Be ([int](& ps -o pgid= -p $shell.Id).Trim()) -Because 'the emulator shares the group of the shell that started it'

            # Ctrl+C: SIGINT to the whole foreground process group.
            & kill -INT -- "-$group"
            $LASTEXITCODE | Should -Be 0

            # The shell handled it and takes commands again; the emulator still serves. A line that reaches the
            # shell while it handles the interrupt may be dropped with the interrupted input, so ask again until
            # it answers (each ask waits for an answer; the bound only guards against a hang).
            $alive = $null
            for ($ask = 1; $ask -le 12 -and -not $alive; $ask++) {
                $shell.StandardInput.WriteLine("'ALIVE'")
                $alive = Read-Marker 'ALIVE' 10000
            }
            $alive | Should -Be 'ALIVE' -Because 'the shell survives Ctrl+C'
            (Invoke-EmulatorControl -Url $url -Path '/_emulator/stats') | Should -Not -BeNullOrEmpty
            (Get-Process -Id $emulatorPid -ErrorAction SilentlyContinue) | Should -Not -BeNullOrEmpty

            # Stop-AuthyEmulator still stops it.
            $shell.StandardInput.WriteLine("Stop-AuthyEmulator; 'STOPPED'")
            Read-Marker 'STOPPED' | Should -Be 'STOPPED'
            # Waits on the process itself (the bound only guards against a hang).
            $emulatorProcess = Get-Process -Id $emulatorPid -ErrorAction SilentlyContinue
            if ($emulatorProcess) { $emulatorProcess.WaitForExit(60000) | Should -BeTrue -Because 'Stop-AuthyEmulator ends the emulator process' }
        }
        finally {
            $shell.StandardInput.Close()
            if (-not $shell.WaitForExit(30000)) { $shell.Kill($true) }
            $shell.Dispose()
        }
    }
}

Describe 'An early stop of a state-changing pipeline' {
    BeforeAll {
        # Slow enough that requests are still in flight when the pipeline stops.
        $script:emulator = Start-TestEmulator -Options @{ LatencyMs = 400 }
        Connect-Authy -ApiKey $emulator.Key -ApiUrl $emulator.Url
        $rows = foreach ($i in 1..40) { [pscustomobject]@{ email = "stop$i@example.com"; phone = ('555-{0:d7}' -f (7000 + $i)); country_code = '1' } }
        $script:users = @($rows | New-AuthyUser -ThrottleLimit 16)
    }

    AfterAll { Stop-AuthyEmulator }

    It 'warns once with the count of requests sent whose results were not written (Select-Object -First 1)' {
        $users.Count | Should -Be 40
        Get-SmsCount $emulator.Url | Should -Be 0

        $all = @(& { $users | Send-AuthySms -Force -ThrottleLimit 8 | Select-Object -First 1 } 3>&1)
        $written = @($all | Where-Object { $_ -is [Authy.Models.AuthyTokenDelivery] })
        $warnings = @($all | Where-Object { $_ -is [System.Management.Automation.WarningRecord] })

        $written | Should -HaveCount 1
        $warnings | Should -HaveCount 1
        $warnings[0].Message | Should -Match '^Send-AuthySms stopped with (\d+) requests? sent, or possibly sent'
        $warned = [int]($warnings[0].Message -replace '^Send-AuthySms stopped with (\d+) .*$', '$1')
        $warned | Should -BeGreaterThan 0
        # At most the queue's bound (4 x -ThrottleLimit): results finished behind a slow first one wait there.
        $warned | Should -BeLessOrEqual 32

        # The emulator's outbox, once every request that reached it is in: what was sent = written + warned.
        Get-SmsCount $emulator.Url -AtLeast ($written.Count + $warned) | Should -BeGreaterOrEqual ($written.Count + $warned)
        Get-SmsCount $emulator.Url | Should -Be ($written.Count + $warned)
    }

    It 'tells a Verify command''s early stop where Verify''s requests are checked, not Authy''s' {
        $all = @(& { 1..20 | ForEach-Object { [pscustomobject]@{ To = '+1555{0:d7}' -f (8000 + $_) } } | Send-TwilioVerification -Force -ThrottleLimit 8 | Select-Object -First 1 } 3>&1)
        $warnings = @($all | Where-Object { $_ -is [System.Management.Automation.WarningRecord] })
        $warnings | Should -HaveCount 1
        $warnings[0].Message | Should -Match '^Send-TwilioVerification stopped with \d+ requests? sent'
        $warnings[0].Message | Should -Match 'Get-TwilioVerification'
        $warnings[0].Message | Should -Not -Match 'Get-AuthyUser|Authy console'
    }

    It 'writes a refused row in its turn, after the rows before it; -ErrorAction Stop stops there, sending no later row' {
        $rows = @('+15550007001', '+15550007002', '+15550007003', '+15550007004', '555-not-a-number', '+15550007006') | ForEach-Object { [pscustomobject]@{ To = $_ } }
        $merged = @($rows | Send-TwilioVerification -Force -ThrottleLimit 4 -ErrorAction Continue 2>&1)
        $merged.Count | Should -Be 6
        foreach ($i in 0, 1, 2, 3, 5) { $merged[$i] | Should -BeOfType 'Authy.Verify.Models.TwilioVerification' }
        $merged[4] | Should -BeOfType [System.Management.Automation.ErrorRecord]
        $merged[4].TargetObject | Should -Be $rows[4]

        $sendsBefore = @(Get-EmulatorRequests $emulator.Url | Where-Object { $_.method -eq 'POST' -and $_.path -like '*/Verifications' }).Count
        $written = [System.Collections.Generic.List[object]]::new()
        { $rows | Send-TwilioVerification -Force -ThrottleLimit 4 -ErrorAction Stop | ForEach-Object { $written.Add($_) } } | Should -Throw
        @($written.To) | Should -Be @($rows[0..3].To)
        $sends = @(Get-EmulatorRequests $emulator.Url | Where-Object { $_.method -eq 'POST' -and $_.path -like '*/Verifications' }).Count - $sendsBefore
        $sends | Should -Be 4 -Because 'the stop comes before record 6 is sent'
    }

    It 'warns the same way when stopped like Ctrl+C' {
        $smsBefore = Get-SmsCount $emulator.Url
        $requestsBefore = @(Get-EmulatorRequests $emulator.Url).Count
        $ids = @($users.AuthyId)
        $shell = [powershell]::Create()
        $null = $shell.AddScript("Import-Module '$modulePath'; Connect-Authy -ApiKey (ConvertTo-SecureString '$($emulator.KeyText)' -AsPlainText -Force) -ApiUrl '$($emulator.Url)'").AddStatement().
            AddScript("$($ids -join ',') | Send-AuthySms -Force -ThrottleLimit 4")
        $output = [System.Management.Automation.PSDataCollection[psobject]]::new()
        $async = $shell.BeginInvoke([System.Management.Automation.PSDataCollection[psobject]] $null, $output)
        # Stop (what Ctrl+C does) once requests are in flight.
        Get-RequestCount $emulator.Url -AtLeast ($requestsBefore + 4) | Should -BeGreaterOrEqual ($requestsBefore + 4)
        $shell.Stop()
        $shell.InvocationStateInfo.State | Should -Be 'Stopped'
        $written = $output.Count
        $warnings = @($shell.Streams.Warning)
        # Let the stopped pipeline's thread finish its teardown before the runspace goes away.
        try { $shell.EndInvoke($async) } catch [System.Management.Automation.PipelineStoppedException] { }
        $shell.Dispose()

        $warnings | Should -HaveCount 1
        $warned = [int]($warnings[0].Message -replace '^Send-AuthySms stopped with (\d+) .*$', '$1')
        $warned | Should -BeGreaterThan 0
        $warned | Should -BeLessOrEqual 16
        Get-SmsCount $emulator.Url -AtLeast ($smsBefore + $written + $warned) | Should -BeGreaterOrEqual ($smsBefore + $written + $warned)
        Get-SmsCount $emulator.Url | Should -Be ($smsBefore + $written + $warned)
    }

    It 'does not warn for a read-only cmdlet' {
        $all = @(& { $users | Get-AuthyUser -ThrottleLimit 8 | Select-Object -First 1 } 3>&1)
        @($all | Where-Object { $_ -is [System.Management.Automation.WarningRecord] }) | Should -BeNullOrEmpty
        @($all | Where-Object { $_ -is [Authy.Models.AuthyUserStatus] }) | Should -HaveCount 1
    }

    It 'does not warn when every result was written' {
        $all = @(& { $users | Select-Object -First 3 | Send-AuthySms -Force -ThrottleLimit 8 } 3>&1)
        @($all | Where-Object { $_ -is [System.Management.Automation.WarningRecord] }) | Should -BeNullOrEmpty
    }
}

Describe 'The progress bar' {
    BeforeAll {
        $script:emulator = Start-TestEmulator -Options @{ LatencyMs = 150 }
        Connect-Authy -ApiKey $emulator.Key -ApiUrl $emulator.Url
        $rows = foreach ($i in 1..24) { [pscustomobject]@{ email = "progress$i@example.com"; phone = ('555-{0:d7}' -f (8000 + $i)); country_code = '1' } }
        $script:users = @($rows | New-AuthyUser -ThrottleLimit 16)
    }

    AfterAll { Stop-AuthyEmulator }

    It 'counts refused records as done and failed, and never shows more in progress than -ThrottleLimit' {
        $users.Count | Should -Be 24
        # 30 records: 24 valid, 6 refused before any request (ExpiresIn not whole seconds).
        $records = @(foreach ($user in $users) { "[pscustomobject]@{ AuthyId = $($user.AuthyId); Message = 'Log in?' }" }) +
            @(foreach ($i in 1..6) { "[pscustomobject]@{ AuthyId = $($users[$i].AuthyId); Message = 'Log in?'; ExpiresIn = [timespan]::FromMilliseconds(1500) }" })
        $result = Invoke-InRunspace @"
`$ProgressPreference = 'Continue'
Connect-Authy -ApiKey (ConvertTo-SecureString '$($emulator.KeyText)' -AsPlainText -Force) -ApiUrl '$($emulator.Url)'
@($($records -join ', ')) | New-AuthyApprovalRequest -ThrottleLimit 2
"@
        $result.Output | Should -HaveCount 24
        $result.Errors | Should -HaveCount 6
        $bars = @($result.Progress | Where-Object Activity -EQ 'New-AuthyApprovalRequest')
        $bars.Count | Should -BeGreaterThan 1 -Because 'the run lasts well over the one-second delay before a bar appears'
        foreach ($bar in $bars) {
            $bar.StatusDescription | Should -Match '^(\d+) done, (\d+) failed, (\d+) in progress'
            [int]($bar.StatusDescription -replace '^.* failed, (\d+) in progress.*$', '$1') | Should -BeLessOrEqual 2
        }

        $final = $bars | Where-Object RecordType -EQ 'Completed'
        $final | Should -HaveCount 1
        $final.StatusDescription | Should -Match '^30 done, 6 failed, 0 in progress'
    }
}

Describe 'A wrong API key in a bulk run' {
    BeforeAll {
        $script:emulator = Start-TestEmulator
    }

    AfterAll { Stop-AuthyEmulator }

    It 'stops the pipeline, and the README failure report still lists the row it was on' {
        $csv = Join-Path $TestDrive 'users.csv'
        $created = Join-Path $TestDrive 'created.csv'
        $failedCsv = Join-Path $TestDrive 'failed.csv'
        @(foreach ($i in 1..20) { [pscustomobject]@{ email = "wrongkey$i@example.com"; phone = ('555-{0:d7}' -f (9000 + $i)); country_code = '1' } }) |
            Export-Csv -Path $csv -NoTypeInformation

        $result = Invoke-InRunspace @"
Connect-Authy -ApiKey (ConvertTo-SecureString 'WrongKey000000000000000000000000' -AsPlainText -Force) -ApiUrl '$($emulator.Url)'
Import-Csv '$csv' | New-AuthyUser -ThrottleLimit 4 -ErrorVariable failed | Export-Csv '$created' -NoTypeInformation
'AFTER THE PIPELINE'
`$failed | ForEach-Object { `$_.TargetObject | Add-Member -PassThru Error `$_.Exception.Message } | Export-Csv '$failedCsv' -NoTypeInformation
try { Import-Csv '$csv' | New-AuthyUser -ThrottleLimit 4; 'not stopped' } catch { `$_.FullyQualifiedErrorId; `$_.TargetObject.email }
"@
        # Terminating for the pipeline (the next statement runs, as for any terminating error).
        $result.Output[0] | Should -Be 'AFTER THE PIPELINE'
        $result.Output[1] | Should -Be 'Authy.60001,Authy.Cmdlets.NewAuthyUserCommand'
        $result.Output[2] | Should -BeLike 'wrongkey*@example.com'

        $report = @(Import-Csv $failedCsv)
        $report | Should -HaveCount 1
        $report[0].email | Should -BeLike 'wrongkey*@example.com'
        $report[0].phone | Should -Not -BeNullOrEmpty
        $report[0].Error | Should -Match 'Invalid API key'
        @(Get-Content $created -ErrorAction SilentlyContinue | Select-Object -Skip 1) | Should -BeNullOrEmpty
    }
}
