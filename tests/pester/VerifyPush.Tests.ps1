# Twilio Verify push challenges (docs/api/verify.md §4.6) end to end: New-, Get- and Wait-TwilioVerifyChallenge against the
# emulator, whose control API plays the phone (enrols a push factor, approves or denies) and moves its clock, so
# expiry is covered without waiting. Nothing here sleeps: waits end on a condition (a logged request, an answer).

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-AuthyUnderTest

    $script:EmulatorService = 'VA00000000000000000000000000000001'
    $script:EmulatorAccount = 'AC00000000000000000000000000000001'
    $script:DemoToken = 'VerifyEmulatorDemoToken000000000'
    $script:NoFactor = 'YF' + '0' * 32
    $script:NoChallenge = 'YC' + '0' * 32

    # What a phone does: enrol a verified push factor, answer a challenge.
    function script:New-PushFactor([string] $Identity) {
        $factor = Invoke-EmulatorControl -Url $emulator.Url -Path "/_emulator/verify/push_factors?identity=$Identity" -Method POST
        [pscustomobject]@{ Sid = $factor.sid; Identity = $factor.identity; FactorType = $factor.factor_type; Status = $factor.status }
    }
    function script:Send-Answer([string] $Sid, [string] $Answer) {
        Invoke-EmulatorControl -Url $emulator.Url -Path "/_emulator/verify/challenges/$Sid/$Answer" -Method POST
    }
    function script:Move-EmulatorClock([int] $Seconds) {
        Invoke-EmulatorControl -Url $emulator.Url -Path "/_emulator/clock?advance_seconds=$Seconds" -Method POST | Out-Null
    }

    # A TOTP factor nobody confirmed: unverified, so a challenge on it is 60318.
    function script:New-UnverifiedFactor([string] $Identity) {
        $credential = [pscredential]::new($EmulatorAccount, (ConvertTo-SecureString $DemoToken -AsPlainText -Force))
        $factor = Invoke-RestMethod -Method Post -Uri "$($emulator.Url)/v2/Services/$EmulatorService/Entities/$Identity/Factors" `
            -Body @{ FriendlyName = 'Unconfirmed'; FactorType = 'totp' } -Authentication Basic -Credential $credential -AllowUnencryptedAuthentication
        $factor.sid
    }

    function script:Get-ChallengeRequests([string] $Method) {
        @(Get-EmulatorRequests $emulator.Url | Where-Object { $_.path -like '*/Challenges*' -and $_.method -eq $Method })
    }

    # Runs a command in a runspace of its own (a second console), connected to the same emulator.
    function script:Start-Background([scriptblock] $Script, [object[]] $Arguments) {
        $ps = [powershell]::Create()
        $null = $ps.AddScript({
                param($Module, $Url, $Account, $Token, $Service, $Script, $Arguments)
                Import-Module $Module
                $secret = ConvertTo-SecureString $Token -AsPlainText -Force
                Connect-TwilioVerify -ServiceSid $Service -Credential ([pscredential]::new($Account, $secret)) -ApiUrl $Url -LookupUrl $Url
                & ([scriptblock]::Create($Script)) @Arguments
            }).AddArgument((Join-Path $env:AUTHY_TEST_MODULE 'Authy.psd1')).AddArgument($emulator.Url).AddArgument($EmulatorAccount).AddArgument($DemoToken).AddArgument($EmulatorService).AddArgument($Script.ToString()).AddArgument($Arguments)
        [pscustomobject]@{ PowerShell = $ps; Handle = $ps.BeginInvoke() }
    }

    # Waits until the challenge has been read at least once (the wait is under way), or the background command ended.
    function script:Wait-FirstRead($Background, [string] $Sid) {
        for ($i = 0; $i -lt 600; $i++) {
            if (@(Get-ChallengeRequests GET | Where-Object path -Like "*/$Sid").Count -gt 0) { return $true }
            if ($Background.Handle.AsyncWaitHandle.WaitOne(50)) { return $false }
        }
        $false
    }

    $script:emulator = Start-TestEmulator
}

AfterAll {
    Stop-AuthyEmulator
}

Describe 'New-TwilioVerifyChallenge' {
    BeforeAll {
        $script:factor = New-PushFactor 'push-new-0001'
    }

    It 'sends a pending push with its fields in order, hidden details and lifetime' {
        $before = @(Get-ChallengeRequests POST).Count
        $details = [ordered]@{ Zeta = 'last letter first'; Amount = 1250.5; Approved = $true }
        $challenge = New-TwilioVerifyChallenge -Identity $factor.Identity -FactorSid $factor.Sid -Message "Sign in to Contoso?`nFrom Lisbon" `
            -Details $details -HiddenDetails @{ session = 's-42' } -ExpiresIn 120 -Force
        $challenge | Should -BeOfType 'Authy.Verify.Models.TwilioVerifyChallenge'
        $challenge.Sid | Should -Match '^YC[0-9a-f]{32}$'
        $challenge.Status | Should -Be 'pending'
        $challenge.FactorType | Should -Be 'push'
        $challenge.Identity | Should -Be $factor.Identity
        $challenge.FactorSid | Should -Be $factor.Sid
        $challenge.Message | Should -Be "Sign in to Contoso?`nFrom Lisbon"
        ($challenge.Fields | ForEach-Object Key) -join ',' | Should -Be 'Zeta,Amount,Approved'
        ($challenge.Fields | ForEach-Object Value) -join ',' | Should -Be 'last letter first,1250.5,true'
        $challenge.HiddenDetails['session'] | Should -Be 's-42'
        ($challenge.ExpirationDate - $challenge.DateCreated).TotalSeconds | Should -BeIn 119, 120, 121
        @(Get-ChallengeRequests POST).Count - $before | Should -Be 1
    }

    It 'takes a factor by pipeline (its Sid and Identity bind), and -ExpiresIn as a TimeSpan' {
        $challenge = $factor | New-TwilioVerifyChallenge -Message 'Piped' -ExpiresIn ([timespan]::FromMinutes(60)) -Force
        $challenge.FactorSid | Should -Be $factor.Sid
        ($challenge.ExpirationDate - $challenge.DateCreated).TotalMinutes | Should -BeGreaterThan 59
    }

    It 'sends nothing under -WhatIf' {
        $before = @(Get-ChallengeRequests POST).Count
        New-TwilioVerifyChallenge -Identity $factor.Identity -FactorSid $factor.Sid -Message 'Not sent' -WhatIf | Should -BeNullOrEmpty
        @(Get-ChallengeRequests POST).Count | Should -Be $before
    }

    It 'writes one output or one error per record, each error carrying its record' {
        $unverified = New-UnverifiedFactor 'push-new-0002'
        $rows = @(
            [pscustomobject]@{ Row = 0; Identity = $factor.Identity; FactorSid = $factor.Sid }
            [pscustomobject]@{ Row = 1; Identity = 'not an identity'; FactorSid = $factor.Sid }
            [pscustomobject]@{ Row = 2; Identity = $factor.Identity; FactorSid = $NoFactor }
            [pscustomobject]@{ Row = 3; Identity = 'push-new-0002'; FactorSid = $unverified }
            [pscustomobject]@{ Row = 4; Identity = $factor.Identity; FactorSid = 'YC' + '1' * 32 }
            [pscustomobject]@{ Row = 5; Identity = $factor.Identity }
        )
        $before = @(Get-ChallengeRequests POST).Count
        $out = @($rows | New-TwilioVerifyChallenge -Message 'Row by row' -Force -ThrottleLimit 3 -ErrorVariable errs -ErrorAction SilentlyContinue)
        $out.Count | Should -Be 1
        $out[0].FactorSid | Should -Be $factor.Sid
        $errs.Count | Should -Be 5
        $byRow = @{}
        foreach ($e in $errs) {
            $e.TargetObject.Row | Should -BeGreaterThan 0 -Because "each error carries its own row ($($e.FullyQualifiedErrorId))"
            $byRow[$e.TargetObject.Row] = $e.FullyQualifiedErrorId
        }
        $byRow[1] | Should -BeLike 'TwilioVerify.InvalidIdentity,*'
        $byRow[2] | Should -BeLike 'TwilioVerify.20404,*'
        $byRow[3] | Should -BeLike 'TwilioVerify.60318,*'
        $byRow[4] | Should -BeLike 'TwilioVerify.InvalidFactorSid,*'
        $byRow[5] | Should -BeLike 'TwilioVerify.MissingValue,*'
        # Only the three usable rows were sent.
        @(Get-ChallengeRequests POST).Count - $before | Should -Be 3
    }

    It 'is TwilioVerify.60318 on a factor nobody verified, with Twilio''s page in the recommended action' {
        $unverified = New-UnverifiedFactor 'push-new-0003'
        $err = $null
        New-TwilioVerifyChallenge -Identity 'push-new-0003' -FactorSid $unverified -Message 'Hi' -Force -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -BeLike 'TwilioVerify.60318,*'
        $err[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
        $err[0].TargetObject | Should -Be $unverified
    }
}

Describe 'Get-TwilioVerifyChallenge' {
    BeforeAll {
        $script:listed = New-PushFactor 'push-list-0001'
        $script:other = New-PushFactor 'push-list-0001'
        $script:sent = @(1..5 | ForEach-Object { New-TwilioVerifyChallenge -Identity 'push-list-0001' -FactorSid $listed.Sid -Message "Push $_" -Force })
        $script:otherSent = New-TwilioVerifyChallenge -Identity 'push-list-0001' -FactorSid $other.Sid -Message 'Other device' -Force
        Send-Answer $sent[1].Sid approve | Out-Null
        Send-Answer $sent[3].Sid deny | Out-Null
    }

    It 'fetches one by SID, and a piped challenge again with its current status' {
        (Get-TwilioVerifyChallenge -Identity 'push-list-0001' -ChallengeSid $sent[1].Sid).Status | Should -Be 'approved'
        $again = @($sent | Get-TwilioVerifyChallenge)
        ($again | ForEach-Object Status) -join ',' | Should -Be 'pending,approved,pending,denied,pending'
    }

    It 'lists an identity''s challenges, filtered by -Status and -FactorSid on Twilio''s side' {
        @(Get-TwilioVerifyChallenge -Identity 'push-list-0001').Count | Should -Be 6
        $pending = @(Get-TwilioVerifyChallenge -Identity 'push-list-0001' -Status pending -FactorSid $listed.Sid)
        ($pending | ForEach-Object Sid) -join ',' | Should -Be (($sent[0], $sent[2], $sent[4] | ForEach-Object Sid) -join ',')
        (Get-ChallengeRequests GET)[-1].query | Should -Match 'Status=pending'
        (Get-ChallengeRequests GET)[-1].query | Should -Match "FactorSid=$($listed.Sid)"
        (Get-TwilioVerifyChallenge -Identity 'push-list-0001' -NewestFirst | Select-Object -First 1).Sid | Should -Be $otherSent.Sid
    }

    It 'lists a piped factor''s challenges' {
        @($other | Get-TwilioVerifyChallenge).Sid | Should -Be $otherSent.Sid
    }

    It 'lists a piped entity''s challenges (its Sid is the entity''s own), as Get-TwilioVerifyFactor lists its factors' {
        $entity = Get-TwilioVerifyEntity -Identity 'push-list-0001'
        $entity.Sid | Should -Match '^YE'
        @($entity | Get-TwilioVerifyChallenge).Count | Should -Be 6
    }

    It 'reads one page only for Select-Object -First 1, two for -First 3' {
        $before = @(Get-ChallengeRequests GET).Count
        @(Get-TwilioVerifyChallenge -Identity 'push-list-0001' -PageSize 2 | Select-Object -First 1).Count | Should -Be 1
        @(Get-ChallengeRequests GET).Count - $before | Should -Be 1
        @(Get-TwilioVerifyChallenge -Identity 'push-list-0001' -PageSize 2 | Select-Object -First 3).Count | Should -Be 3
        @(Get-ChallengeRequests GET).Count - $before | Should -Be 3
    }

    It 'refuses a list filter with a challenge SID, and an unknown challenge is TwilioVerify.20404 for its record' {
        $err = $null
        $sent[0] | Get-TwilioVerifyChallenge -Status pending -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -BeLike 'TwilioVerify.FilterWithChallengeSid,*'
        $row = [pscustomobject]@{ Identity = 'push-list-0001'; Sid = $NoChallenge }
        $err = $null
        $row | Get-TwilioVerifyChallenge -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -BeLike 'TwilioVerify.20404,*'
        $err[0].TargetObject.Sid | Should -Be $NoChallenge
    }
}

Describe 'Wait-TwilioVerifyChallenge' {
    BeforeAll {
        $script:waiting = New-PushFactor 'push-wait-0001'
        function script:New-Push([string] $Message = 'Wait for me') { New-TwilioVerifyChallenge -Identity 'push-wait-0001' -FactorSid $waiting.Sid -Message $Message -Force }
    }

    It 'writes an approved challenge, and a denied one' {
        $approved = New-Push; Send-Answer $approved.Sid approve | Out-Null
        $denied = New-Push; Send-Answer $denied.Sid deny | Out-Null
        $answers = @($approved, $denied | Wait-TwilioVerifyChallenge -PollInterval 0.1)
        ($answers | ForEach-Object Status) -join ',' | Should -Be 'approved,denied'
        $answers[0].DateResponded | Should -Not -BeNullOrEmpty
    }

    It 'keeps reading until the phone answers' {
        $challenge = New-Push 'Answered while waiting'
        $background = Start-Background { param($Identity, $Sid) Wait-TwilioVerifyChallenge -Identity $Identity -ChallengeSid $Sid -PollInterval 0.1 -Timeout 120 } @('push-wait-0001', $challenge.Sid)
        try {
            Wait-FirstRead $background $challenge.Sid | Should -BeTrue -Because 'the wait should have read the challenge, pending'
            Send-Answer $challenge.Sid approve | Out-Null
            $result = @($background.PowerShell.EndInvoke($background.Handle))
            $background.PowerShell.Streams.Error | Should -BeNullOrEmpty
            $result.Count | Should -Be 1
            $result[0].Status | Should -Be 'approved'
            @(Get-ChallengeRequests GET | Where-Object path -Like "*/$($challenge.Sid)").Count | Should -BeGreaterThan 1
        }
        finally { $background.PowerShell.Dispose() }
    }

    It 'waits for several at once under -ThrottleLimit, writing them in input order, one error for an unknown one' {
        $challenges = @(1..6 | ForEach-Object { New-Push "Batch $_" })
        0..5 | ForEach-Object { Send-Answer $challenges[$_].Sid $(if ($_ % 2) { 'deny' } else { 'approve' }) | Out-Null }
        $unknown = [pscustomobject]@{ Identity = 'push-wait-0001'; Sid = $NoChallenge }
        $rows = @($challenges[0..2]) + $unknown + @($challenges[3..5])
        $answers = @($rows | Wait-TwilioVerifyChallenge -ThrottleLimit 3 -PollInterval 0.1 -ErrorVariable errs -ErrorAction SilentlyContinue)
        ($answers | ForEach-Object Sid) -join ',' | Should -Be (($challenges | ForEach-Object Sid) -join ',')
        ($answers | ForEach-Object Status) -join ',' | Should -Be 'approved,denied,approved,denied,approved,denied'
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'TwilioVerify.20404,*'
        $errs[0].TargetObject.Sid | Should -Be $NoChallenge
    }

    It 'ends with one TwilioVerify.ChallengeTimeout error per record still pending at -Timeout' {
        $first = New-Push 'Nobody answers'
        $second = New-Push 'Nobody answers either'
        $answers = @($first, $second | Wait-TwilioVerifyChallenge -Timeout 0.2 -PollInterval 0.1 -ErrorVariable errs -ErrorAction SilentlyContinue)
        $answers | Should -BeNullOrEmpty
        $errs.Count | Should -Be 2
        foreach ($e in $errs) {
            $e.FullyQualifiedErrorId | Should -BeLike 'TwilioVerify.ChallengeTimeout,*'
            $e.CategoryInfo.Category | Should -Be 'OperationTimeout'
            $e.Exception.LastStatus.Status | Should -Be 'pending'
            $e.ErrorDetails.RecommendedAction | Should -Match 'Timeout'
        }
        ($errs | ForEach-Object { $_.TargetObject.Sid }) -join ',' | Should -Be "$($first.Sid),$($second.Sid)"
    }

    It 'stops at once on Ctrl+C, writing nothing' {
        $challenge = New-Push 'Stopped wait'
        $background = Start-Background { param($Identity, $Sid) Wait-TwilioVerifyChallenge -Identity $Identity -ChallengeSid $Sid -PollInterval 0.1 -Timeout 600 } @('push-wait-0001', $challenge.Sid)
        try {
            Wait-FirstRead $background $challenge.Sid | Should -BeTrue
            # PowerShell.Stop() is what Ctrl+C does; it returns once the pipeline has stopped.
            $background.PowerShell.Stop()
            $background.PowerShell.InvocationStateInfo.State | Should -Be 'Stopped'
            $background.PowerShell.Streams.Error | Should -BeNullOrEmpty
        }
        finally { $background.PowerShell.Dispose() }
    }

    It 'refuses a bad -Timeout or -PollInterval before any request' -ForEach @(
        @{ Splat = @{ Timeout = 0 }; Id = 'TwilioVerify.InvalidTimeout' }
        @{ Splat = @{ Timeout = [timespan]::FromDays(367) }; Id = 'TwilioVerify.InvalidTimeout' }
        @{ Splat = @{ PollInterval = 0.01 }; Id = 'TwilioVerify.InvalidPollInterval' }
    ) {
        $before = @(Get-ChallengeRequests GET).Count
        { Wait-TwilioVerifyChallenge -Identity 'push-wait-0001' -ChallengeSid $NoChallenge @Splat } | Should -Throw -ErrorId "$Id,*"
        @(Get-ChallengeRequests GET).Count | Should -Be $before
    }
}

# Last: moving the emulator's clock cannot be undone, and would put later -ExpiresIn requests in its past.
Describe 'Expiry, on the emulator''s clock' {
    It 'writes a challenge past its expiration date as expired, which the phone can no longer answer' {
        $factor = New-PushFactor 'push-expire-0001'
        $challenge = New-TwilioVerifyChallenge -Identity $factor.Identity -FactorSid $factor.Sid -Message 'Too late' -ExpiresIn 60 -Force
        $challenge.Status | Should -Be 'pending'
        Move-EmulatorClock 61
        $answer = $challenge | Wait-TwilioVerifyChallenge -PollInterval 0.1
        $answer.Status | Should -Be 'expired'
        { Send-Answer $challenge.Sid approve } | Should -Throw '*409*'
        @(Get-TwilioVerifyChallenge -Identity $factor.Identity -Status expired).Sid | Should -Be $challenge.Sid
    }
}
