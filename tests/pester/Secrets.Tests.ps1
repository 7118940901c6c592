# The canary test: a unique API key goes in (as a SecureString or PSCredential only), every exported
# cmdlet runs with -Verbose -Debug through success and failure, and the key must come out nowhere:
# not in the six streams, not in $Error, not in Get-AuthyConnection, not in the transcript, not in any
# URL or parameter the emulator logged.
#
# Each phase is independent (its own emulator, its own transcript), so build.ps1 runs them as separate shards,
# side by side with other files: the PesterShards line below names them ('migration' is the last Describe's two
# runs). Without -Phase, the file runs them all.
# PesterShards: Phase = success; wrong key; 5xx faults; timeouts and resets; migration
param([string] $Phase)

BeforeDiscovery {
    # The phases, each against its own emulator; every one of them runs every API cmdlet. Every request of the
    # last phase meets a fault: a short client timeout makes each 'timeout' fault cost a twentieth of a second, not one.
    # Half the attempts of the 5xx phase meet one, so its calls end in every way (a success, a success on the retry,
    # an error after it) while it waits out half as many back-offs.
    $script:phases = @(
        @{ Name = 'success'; Emulator = 'canary'; Connect = 'ApiKey' }
        @{ Name = 'wrong key'; Emulator = 'other key'; Connect = 'Credential' }
        @{ Name = '5xx faults'; Emulator = 'canary'; Faults = @('500', '503'); FaultRate = 0.5; Connect = 'ApiKey'; MaxRetry = 1 }
        @{ Name = 'timeouts and resets'; Emulator = 'canary'; Faults = @('timeout', 'reset'); FaultRate = 1.0; Connect = 'Credential'; Timeout = 0.05; MaxRetry = 0 }
    ) | Where-Object { -not $Phase -or $_.Name -eq $Phase }
    $script:migrationRuns = @(
        @{ Name = 'clean run'; FaultRate = 0 }
        @{ Name = 'faults on both APIs'; FaultRate = 0.3 }
    ) | Where-Object { -not $Phase -or $Phase -eq 'migration' }
    if (-not $phases -and -not $migrationRuns) { throw "No phase is named '$Phase'." }
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-AuthyUnderTest

    # The canary: 'Cnry' and 32 letters from g-v (a GUID's hex digits moved out of the hex range), so no
    # uuid or hash in any output can match part of it by chance. Built character by character into a
    # SecureString: the text never passes through a cmdlet parameter.
    $letters = 'ghijklmnopqrstuv'
    $script:CanaryText = 'Cnry' + -join ([guid]::NewGuid().ToString('N').ToCharArray() | ForEach-Object { $letters[[Convert]::ToInt32([string]$_, 16)] })
    $script:CanaryKey = [securestring]::new()
    foreach ($character in $CanaryText.ToCharArray()) { $CanaryKey.AppendChar($character) }
    $CanaryKey.MakeReadOnly()
    $script:CanaryCredential = [pscredential]::new('authy', $CanaryKey)
    # A second canary, 'Vrfy' and 32 letters, as the Twilio Auth Token (with the emulator's account) and as an
    # API key secret; the emulator is told to accept it as the Auth Token. Both canaries are looked for everywhere.
    $script:VerifyService = 'VA00000000000000000000000000000001'
    $script:VerifyAccount = 'AC00000000000000000000000000000001'
    $script:VerifyCanaryText = 'Vrfy' + -join ([guid]::NewGuid().ToString('N').ToCharArray() | ForEach-Object { $letters[[Convert]::ToInt32([string]$_, 16)] })
    $script:VerifyCanary = [securestring]::new()
    foreach ($character in $VerifyCanaryText.ToCharArray()) { $VerifyCanary.AppendChar($character) }
    $VerifyCanary.MakeReadOnly()
    $script:CanaryTokenCredential = [pscredential]::new($VerifyAccount, $VerifyCanary)
    $script:CanaryKeySecretCredential = [pscredential]::new('SK00000000000000000000000000000001', $VerifyCanary)

    # A third canary, a TOTP seed: 'TOTP' and 28 Base32 letters (A-P), enrolled with New-TwilioVerifyFactor -Secret.
    # The seed Twilio makes for a factor enrolled without -Secret joins the pieces once it is known (Add-SeedCanary).
    $script:TotpCanaryText = 'TOTP' + -join ([guid]::NewGuid().ToString('N').Substring(0, 28).ToCharArray() | ForEach-Object { [char](65 + [Convert]::ToInt32([string]$_, 16)) })
    $script:TotpCanary = ConvertTo-SecureString $TotpCanaryText -AsPlainText -Force
    # Not Base32 ('1' is not a Base32 digit): refused before any request, and the refusal must not echo it.
    $script:BadTotpCanary = ConvertTo-SecureString ($TotpCanaryText.Substring(0, 20) + '1' + $TotpCanaryText.Substring(20)) -AsPlainText -Force

    # Any 8 consecutive characters of the canary count as a leak: a truncated, split or partly masked key
    # is still a leak (the mask shows 4). Also its UTF-16 hex and Base64 spellings.
    $script:CanaryPieces = @(
        foreach ($text in $CanaryText, $VerifyCanaryText, $TotpCanaryText) {
            for ($i = 0; $i -le $text.Length - 8; $i++) { $text.Substring($i, 8) }
            [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes($text)).Substring(0, 16)
            (-join ([Text.Encoding]::Unicode.GetBytes($text) | ForEach-Object { $_.ToString('x2') })).Substring(0, 32)
        }
        # The Basic header's value: base64 of 'AC...:secret', whose tail spells the secret at an offset.
        [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes($VerifyAccount + ':' + $VerifyCanaryText)).Substring(44, 16)
    )

    # The seeds that went to Twilio as Binding.Secret, by design: the one place a seed may appear (the request log).
    $script:SeedPieces = [Collections.Generic.List[string]]::new()
    foreach ($i in 0..($TotpCanaryText.Length - 8)) { $SeedPieces.Add($TotpCanaryText.Substring($i, 8)) }

    # All pieces in one case-blind alternation: one scan of a text in .NET, not a PowerShell loop of IndexOf calls
    # per piece (the searches were a good part of this file's time).
    function script:New-PieceFinder([string[]] $Pieces) {
        [regex]::new((($Pieces | ForEach-Object { [regex]::Escape($_) }) -join '|'), 'IgnoreCase, CultureInvariant, Compiled')
    }
    $script:CanaryFinder = New-PieceFinder $CanaryPieces
    $script:SeedFinder = New-PieceFinder $SeedPieces

    # The seed Twilio made for a factor becomes a canary too, from the moment it is known.
    function script:Add-SeedCanary($Factor) {
        if (-not $Factor -or -not $Factor.Secret) { return }
        $seed = [Net.NetworkCredential]::new('', $Factor.Secret).Password
        $script:CanaryPieces = @($CanaryPieces) + @(for ($i = 0; $i -le $seed.Length - 8; $i++) { $seed.Substring($i, 8) })
        $script:CanaryFinder = New-PieceFinder $CanaryPieces
    }

    function script:Get-FactorCode($Factor) {
        if (-not $Factor) { return '123456' }
        try { (Invoke-EmulatorControl -Url $phaseUrl -Path "/_emulator/verify/factors/$($Factor.Sid)/code").code } catch { '123456' }
    }

    function script:Find-Canary([string] $Text) {
        if (-not $Text) { return $null }
        $found = $CanaryFinder.Match($Text)
        if (-not $found.Success) { return $null }
        # Says where, without repeating the canary itself.
        $at = $found.Index
        "found at offset $at near: " + $Text.Substring([Math]::Max(0, $at - 60), [Math]::Min(60, $at)).Replace("`n", ' ')
    }

    # Everything an error record can show: its rendering, Get-Error's deep view, every exception in the
    # chain (message, ToString, properties), InvocationInfo and the bound parameter values as text.
    # The same record reaches several checks (*>&1, -ErrorVariable and $Error hold the same error records), and
    # rendering it (Get-Error, Format-List *) is most of this file's time: each object is rendered once and its
    # text reused. Keyed by reference, so every distinct object is still rendered and searched.
    $script:RecordTexts = [Collections.Generic.Dictionary[object, string]]::new([Collections.Generic.ReferenceEqualityComparer]::Instance)
    # Get-Error's deep view costs 30 ms a record, more than all the other parts together. What it adds is nested
    # structure (an exception's properties' properties), and records of one kind (the same error id, whichever
    # cmdlet wrote it, and chain of exception types) share their structure; the key is the same in every call. So it renders the first record of
    # each kind, and the other parts render every record.
    $script:DeepViewKinds = [Collections.Generic.HashSet[string]]::new([StringComparer]::Ordinal)
    function script:Get-RecordText($Record) {
        if ($null -ne $Record -and $RecordTexts.ContainsKey($Record)) { return $RecordTexts[$Record] }
        # A verbose, debug or warning record is its message: rendering it (a few ms each, hundreds of them) adds
        # only a prefix and the names of its InvocationInfo and PipelineIterationInfo types.
        if ($Record -is [Management.Automation.InformationalRecord]) { return $Record.Message + "`n" + $Record.ToString() }
        $parts = [Collections.Generic.List[string]]::new()
        $parts.Add([string]$Record)
        $parts.Add(($Record | Out-String -Width 4096))
        $parts.Add(($Record | Format-List * -Force | Out-String -Width 4096))
        if ($Record -is [Management.Automation.ErrorRecord]) {
            $parts.Add($Record.FullyQualifiedErrorId)
            $parts.Add([string]$Record.ErrorDetails)
            if ($Record.ErrorDetails) { $parts.Add([string]$Record.ErrorDetails.RecommendedAction) }
            $parts.Add($Record.ScriptStackTrace)
            $parts.Add(($Record.CategoryInfo | Out-String -Width 4096))
            $parts.Add(($Record.TargetObject | Format-List * -Force | Out-String -Width 4096))
            $chain = @(for ($inner = $Record.Exception; $inner; $inner = $inner.InnerException) { $inner.GetType().FullName }) -join '>'
            if ($DeepViewKinds.Add(($Record.FullyQualifiedErrorId -replace ',.*$', '') + '|' + $chain)) { $parts.Add(($Record | Get-Error | Out-String -Width 4096)) }
            $exception = $Record.Exception
            while ($exception) {
                $parts.Add($exception.Message)
                $parts.Add($exception.ToString())
                $parts.Add(($exception | Format-List * -Force | Out-String -Width 4096))
                if ($exception -is [AggregateException]) { foreach ($inner in $exception.InnerExceptions) { $parts.Add($inner.ToString()) } }
                $exception = $exception.InnerException
            }
            $invocation = $Record.InvocationInfo
            if ($invocation) {
                $parts.Add(($invocation | Format-List * -Force | Out-String -Width 4096))
                $parts.Add($invocation.PositionMessage)
                $parts.Add($invocation.Line)
                foreach ($bound in $invocation.BoundParameters.GetEnumerator()) {
                    $parts.Add("$($bound.Key) = $($bound.Value)")
                    $parts.Add(($bound.Value | Out-String -Width 4096))
                }
                $parts.Add(($invocation.UnboundArguments | Out-String -Width 4096))
            }
        }
        elseif ($null -ne $Record) {
            $parts.Add(($Record | Format-List * -Force | Out-String -Width 4096))
        }
        $text = $parts -join "`n"
        if ($null -ne $Record) { $RecordTexts[$Record] = $text }
        $text
    }

    $script:Evidence = [Collections.Generic.List[object]]::new()
    $script:Transcript = Join-Path $TestDrive 'transcript.txt'
    $script:KnownUuid = '550e8400-e29b-41d4-a716-446655440000'

    # Every cmdlet of the module, with -Verbose -Debug and all variables of the common parameters.
    # $state carries what one step made (a user, a request) to the next; in a failing phase the
    # fallbacks are used and the calls fail, which is the point.
    $script:Steps = @(
        { Get-AuthyConnection @common }
        { $state.User = New-AuthyUser -Email 'canary@example.com' -Cellphone '555-600-0001' -CountryCode 1 @common; $state.User }
        { Get-AuthyUser -AuthyId $state.Id -UserIp '203.0.113.7' @common }
        { Get-AuthyUser -AuthyId 999999 @common }
        { Set-AuthyUser -AuthyId $state.Id -Email 'canary2@example.com' -PassThru @common }
        { Register-AuthyUserActivity -AuthyId $state.Id -Type cookie_login -Data @{ reason = 'canary' } @common }
        { New-AuthyQrCode -AuthyId $state.Id -Label 'Canary App' -Size 200 @common }
        { Export-AuthyTotpSecret -AuthyId $state.Id @common }
        { Export-AuthyUserPhoneNumber -AuthyId $state.Id @common }
        { $state.User | Copy-AuthyUserToVerify -CheckpointPath (Join-Path $TestDrive "canary-$phaseName.checkpoint") @common }
        { Send-AuthySms -AuthyId $state.Id -Force -Action 'login' -ActionMessage 'Log in' @common }
        { Invoke-AuthyCall -AuthyId $state.Id -Force @common }
        { Send-AuthyEmail -AuthyId $state.Id @common }
        { Test-AuthyToken -AuthyId $state.Id -Token (Get-LastCode $state.Id) -Action 'login' -Detailed @common }
        { Test-AuthyToken -AuthyId $state.Id -Token '0000000' @common }
        { Test-AuthyToken -AuthyId 999999 -Token '1234567' @common }
        { $state.Request = New-AuthyApprovalRequest -AuthyId $state.Id -Message 'Log in?' -Details @{ Place = 'Here' } @common; $state.Request }
        { Approve-Current; Get-AuthyApprovalStatus -Uuid $state.Uuid @common }
        { Wait-AuthyApprovalRequest -Uuid $state.Uuid -Timeout 2 -PollInterval 0.5 @common }
        { Get-AuthyApprovalStatus -Uuid $KnownUuid @common }
        { Test-AuthyCallbackSignature -Url 'https://example.com/hook' -Method POST -Nonce ([DateTimeOffset]::UtcNow.ToUnixTimeSeconds()) -Signature 'AAAA' -Body '{"a":1}' -MaxAge 300 @common }
        { Test-AuthyCallbackSignature -Url 'https://example.com/hook?x=1' -Method GET -Headers @{ 'x-authy-signature' = 'AAAA'; 'x-authy-signature-nonce' = '1' } -ApiKey $CanaryKey @common }
        # The canary as a Twilio Auth Token: a wrong signature, a JSON body, a refused URL and refused fields.
        { Test-TwilioRequestSignature -Url 'https://example.com/twilio?x=1' -Signature 'AAAA' -Parameters @{ Digits = '1234' } -AuthToken $CanaryKey -Detailed @common }
        { Test-TwilioRequestSignature -Url 'https://example.com/twilio?bodySHA256=00' -Headers @{ 'x-twilio-signature' = 'AAAA' } -Body '{"a":1}' -AuthToken $CanaryKey @common }
        { Test-TwilioRequestSignature -Url '/relative' -Signature 'AAAA' -AuthToken $CanaryKey @common; Test-TwilioRequestSignature -Url 'https://example.com/' -Signature 'AAAA' -Parameters @{ a = @{ b = 1 } } -AuthToken $CanaryKey @common }
        { $state.Verification = Start-AuthyPhoneVerification -PhoneNumber '555-600-0002' -CountryCode 1 -Via sms @common; $state.Verification }
        { Test-AuthyPhoneVerification -PhoneNumber '555-600-0002' -CountryCode 1 -Code (Get-LastVerificationCode) -Detailed @common }
        { Test-AuthyPhoneVerification -PhoneNumber '555-600-0009' -CountryCode 1 -Code '0000' @common }
        { Get-AuthyPhoneVerificationStatus -Uuid $(if ($state.Verification) { $state.Verification.Uuid } else { $KnownUuid }) @common }
        { Get-AuthyPhoneVerificationStatus -PhoneNumber '555-600-0002' -CountryCode 1 @common }
        { Get-AuthyPhoneInfo -PhoneNumber '555-600-0003' -CountryCode 1 -UserIp '2001:db8::7' @common }
        { Get-AuthyApplication @common }
        # Twilio Verify, with the canary as the Auth Token (or the API key secret).
        { Get-TwilioVerifyConnection @common }
        { $state.Otp = Send-TwilioVerification -To '+15556000005' -Tags @{ k = 'v' } -Force @common; $state.Otp }
        { Test-TwilioVerification -To '+15556000005' -Code '000000' -Detailed @common }
        { Test-TwilioVerification -To '+15556000005' -Code (Get-LastVerifyCode '+15556000005') -Detailed @common }
        { Get-TwilioVerification -VerificationSid $(if ($state.Otp) { $state.Otp.Sid } else { 'VE0123456789abcdef0123456789abcdef' }) @common }
        { Send-TwilioVerification -PhoneNumber '555-600-0006' -CountryCode US -Force @common | Stop-TwilioVerification -Force @common }
        { Stop-TwilioVerification -VerificationSid 'VE0123456789abcdef0123456789abcdef' -Force @common }
        { Get-TwilioPhoneInfo '+12015550123' -Fields line_type_intelligence, caller_name @common; Get-TwilioPhoneInfo '+1555' @common }
        { Get-TwilioVerifyService -PageSize 1 @common | Select-Object -First 2; Get-TwilioVerifyService -Current @common; Get-TwilioVerifyService -ServiceSid 'VA0123456789abcdef0123456789abcdef' @common }
        { $state.Service = New-TwilioVerifyService -FriendlyName 'Canary service' -TotpIssuer 'Canary' -Force @common; $state.Service }
        { Set-TwilioVerifyService -ServiceSid $(if ($state.Service) { $state.Service.Sid } else { 'VA0123456789abcdef0123456789abcdef' }) -CodeLength 8 -TotpSkew 2 -Force @common }
        # Push challenges: a factor enrolled as a phone would, a push with details, the list, and a wait for the answer.
        { $state | Add-Member -Force Push $(try { Invoke-RestMethod -Method Post -Uri "$phaseUrl/_emulator/verify/push_factors?identity=canary-push-0001" } catch { $null }) }
        { $state | Add-Member -Force Challenge (New-TwilioVerifyChallenge -Identity 'canary-push-0001' -FactorSid $(if ($state.Push) { $state.Push.sid } else { 'YF0123456789abcdef0123456789abcdef' }) -Message 'Canary push' -Details @{ k = 'v' } -HiddenDetails @{ h = 'v' } -ExpiresIn 60 -Force @common); $state.Challenge }
        { Get-TwilioVerifyChallenge -Identity 'canary-push-0001' -PageSize 1 @common | Select-Object -First 2 }
        { $sid = if ($state.Challenge) { $state.Challenge.Sid } else { 'YC0123456789abcdef0123456789abcdef' }; try { Invoke-RestMethod -Method Post -Uri "$phaseUrl/_emulator/verify/challenges/$sid/approve" | Out-Null } catch { }; Wait-TwilioVerifyChallenge -Identity 'canary-push-0001' -ChallengeSid $sid -Timeout 5 -PollInterval 0.1 @common }
        # Verify TOTP: the canary seed enrolled with -Secret, a seed Twilio makes, a seed refused as not Base32, and
        # the QR code drawn to the host and to a file.
        { $state.Factor = New-TwilioVerifyFactor -Identity 'canary-totp-0001' -FriendlyName 'Canary' -Secret $TotpCanary -QrCode -QrCodePath (Join-Path $TestDrive 'canary.png') -Force @common; $state.Factor }
        { $state.Made = New-TwilioVerifyFactor -Identity 'canary-totp-0001' -FriendlyName 'Made' -Force @common; Add-SeedCanary $state.Made; $state.Made }
        { New-TwilioVerifyFactor -Identity 'canary-totp-0002' -FriendlyName 'Refused' -Secret $BadTotpCanary -Force @common }
        { Confirm-TwilioVerifyFactor -Identity 'canary-totp-0001' -FactorSid $(if ($state.Factor) { $state.Factor.Sid } else { 'YF0123456789abcdef0123456789abcdef' }) -Code (Get-FactorCode $state.Factor) -Detailed @common }
        { Test-TwilioVerifyTotp -Identity 'canary-totp-0001' -FactorSid $(if ($state.Factor) { $state.Factor.Sid } else { 'YF0123456789abcdef0123456789abcdef' }) -Code (Get-FactorCode $state.Factor) -Detailed @common }
        { Get-TwilioVerifyFactor -Identity 'canary-totp-0001' @common; Get-TwilioVerifyFactor -Identity 'canary-totp-0001' -FactorSid 'YF0123456789abcdef0123456789abcdef' @common }
        { New-TwilioVerifyEntity -Identity 'canary-entity-0001' -Force @common; Get-TwilioVerifyEntity -PageSize 1 @common | Select-Object -First 2; Get-TwilioVerifyEntity -Identity 'canary-entity-0001' @common }
        { Remove-TwilioVerifyFactor -Identity 'canary-totp-0001' -FactorSid $(if ($state.Made) { $state.Made.Sid } else { 'YF0123456789abcdef0123456789abcdef' }) -Force @common }
        { Remove-TwilioVerifyEntity -Identity 'canary-entity-0001' -Force @common; Remove-TwilioVerifyEntity -Identity 'canary-totp-0001' -Force @common }
        # Connect-TwilioVerify refusing a URL and a SID: the bound parameters of these errors hold the credential.
        { Connect-TwilioVerify -ServiceSid $VerifyService -Credential $CanaryTokenCredential -ApiUrl 'http://example.com' @common }
        { Connect-TwilioVerify -ServiceSid 'VA1' -Credential $CanaryKeySecretCredential -AccountSid $VerifyAccount @common }
        { Disconnect-TwilioVerify @common; Send-TwilioVerification -To '+15556000007' -Force @common }
        { Get-TwilioVerifyConnection @common }
        { Get-AuthyApplicationStatistics @common }
        { Remove-AuthyUser -AuthyId $state.Id -Force -PassThru @common }
        { Remove-AuthyUser -AuthyId 999999 -Force @common }
        # Connect-Authy refusing a URL: the bound parameters of this error hold the SecureString.
        { Connect-Authy -ApiKey $CanaryKey -ApiUrl 'http://example.com' @common }
        { Connect-Authy -Credential $CanaryCredential -ApiUrl 'ftp://127.0.0.1/' @common }
        { Disconnect-Authy @common; Get-AuthyUser -AuthyId 1 @common }
        { Get-AuthyConnection @common }
    )

    function script:Show-OnHost($Record) {
        switch ($Record) {
            { $_ -is [Management.Automation.VerboseRecord] } { $Host.UI.WriteVerboseLine($_.Message); break }
            { $_ -is [Management.Automation.DebugRecord] } { $Host.UI.WriteDebugLine($_.Message); break }
            { $_ -is [Management.Automation.WarningRecord] } { $Host.UI.WriteWarningLine($_.Message); break }
            default { $_ | Out-Host }
        }
    }

    function script:Get-LastCode($Id) {
        $sent = @(try { (Invoke-EmulatorControl -Url $phaseUrl -Path "/_emulator/messages?authy_id=$Id&channel=sms").messages } catch { })
        if ($sent.Count -gt 0 -and $sent[-1].code) { $sent[-1].code } else { '1234567' }
    }

    function script:Get-LastVerificationCode {
        $sent = @(try { (Invoke-EmulatorControl -Url $phaseUrl -Path '/_emulator/messages?channel=verification_sms').messages } catch { })
        if ($sent.Count -gt 0 -and $sent[-1].code) { $sent[-1].code } else { '0000' }
    }

    function script:Get-LastVerifyCode([string] $To) {
        $sent = @(try { (Invoke-EmulatorControl -Url $phaseUrl -Path ('/_emulator/messages?to=' + [uri]::EscapeDataString($To))).messages } catch { })
        if ($sent.Count -gt 0 -and $sent[-1].code) { $sent[-1].code } else { '123456' }
    }

    function script:Approve-Current {
        if ($state.Request) { $null = try { Invoke-EmulatorControl -Url $phaseUrl -Path "/_emulator/approval_requests/$($state.Request.Uuid)/approve" -Method POST } catch { } }
    }
}

AfterAll {
    Stop-AuthyEmulator
    try { Stop-Transcript | Out-Null } catch { }
}

Describe 'The API key stays secret: phase <Name>' -ForEach $phases {
    BeforeAll {
        $Error.Clear()
        $phaseName = $Name
        # Read before $connect below replaces it: variable names ignore case.
        $connectWith = $Connect
        # Every property a step sets must be here: setting a missing one on a PSCustomObject throws, and the step
        # would then fall back to its made-up SID without anyone noticing.
        $state = [pscustomobject]@{ User = $null; Request = $null; Verification = $null; Otp = $null; Service = $null; Factor = $null; Made = $null }
        $state | Add-Member -MemberType ScriptProperty -Name Id -Value { if ($this.User) { $this.User.AuthyId } else { 1 } }
        $state | Add-Member -MemberType ScriptProperty -Name Uuid -Value { if ($this.Request) { $this.Request.Uuid } else { $KnownUuid } }

        $emulatorOptions = @{ PassThru = $true; NoConnect = $true; Verbose = $true; Debug = $true }
        if ($Emulator -eq 'canary') { $emulatorOptions.ApiKey = $CanaryKey; $emulatorOptions.AuthToken = $VerifyCanary }
        else { $emulatorOptions.ApiKey = ConvertTo-SecureString ('other-' + [guid]::NewGuid().ToString('N')) -AsPlainText -Force }
        if ($Faults) { $emulatorOptions.FaultRate = $FaultRate; $emulatorOptions.FaultKinds = $Faults; $emulatorOptions.Seed = 7 }

        Start-Transcript -Path $Transcript -Append -Force | Out-Null
        $captured = [Collections.Generic.List[object]]::new()
        $phaseErrors = @(); $phaseWarnings = @(); $phaseInfo = @()
        $common = @{
            Verbose = $true; Debug = $true; ErrorAction = 'Continue'
            ErrorVariable = '+phaseErrors'; WarningVariable = '+phaseWarnings'; InformationVariable = '+phaseInfo'
        }

        $started = Start-AuthyEmulator @emulatorOptions *>&1
        $captured.AddRange(@($started))
        $phaseUrl = ($started | Where-Object { $_ -is [Authy.Models.AuthyEmulator] }).Url.AbsoluteUri.TrimEnd('/')
        $connect = @{ ApiUrl = $phaseUrl; Verbose = $true; Debug = $true; PassThru = $true }
        if ($connectWith -eq 'ApiKey') { $connect.ApiKey = $CanaryKey } else { $connect.Credential = $CanaryCredential }
        if ($Timeout) { $connect.Timeout = $Timeout }
        if ($null -ne $MaxRetry) { $connect.MaxRetry = $MaxRetry }
        $captured.AddRange(@(Connect-Authy @connect *>&1))
        $connection = Get-AuthyConnection
        $verifyConnect = @{ ServiceSid = $VerifyService; ApiUrl = $phaseUrl; LookupUrl = $phaseUrl; Verbose = $true; Debug = $true; PassThru = $true }
        if ($connectWith -eq 'ApiKey') { $verifyConnect.Credential = $CanaryTokenCredential } else { $verifyConnect.Credential = $CanaryKeySecretCredential; $verifyConnect.AccountSid = $VerifyAccount }
        if ($Timeout) { $verifyConnect.Timeout = $Timeout }
        if ($null -ne $MaxRetry) { $verifyConnect.MaxRetry = $MaxRetry }
        $captured.AddRange(@(Connect-TwilioVerify @verifyConnect *>&1))
        $verifyConnection = Get-TwilioVerifyConnection

        $ran = [Collections.Generic.HashSet[string]]::new([StringComparer]::OrdinalIgnoreCase)
        foreach ($step in $Steps) {
            foreach ($command in $step.Ast.FindAll({ $args[0] -is [Management.Automation.Language.CommandAst] }, $true)) { $null = $ran.Add($command.GetCommandName()) }
            # Dot-sourced so -ErrorVariable '+name' and friends land in this scope.
            # Piped into the list as they come, so what a step wrote before a terminating error is kept.
            try { . $step *>&1 | ForEach-Object { $captured.Add($_) } } catch { $captured.Add($_) }
        }

        # And one call straight to the screen, its verbose lines and error as PowerShell shows them.
        try { Connect-Authy @connect | Out-Host; Get-AuthyUser -AuthyId 999999 -Verbose -Debug -ErrorAction Continue } catch { $_ | Out-Host }

        $requests = @(Get-EmulatorRequests $phaseUrl)
        $captured.AddRange(@(Stop-AuthyEmulator -Verbose -Debug *>&1))
        $null = $ran.Add('Start-AuthyEmulator'); $null = $ran.Add('Stop-AuthyEmulator'); $null = $ran.Add('Connect-Authy'); $null = $ran.Add('Connect-TwilioVerify')

        # The transcript gets everything a person would have seen on the screen, each record on its own
        # stream as the host shows it, plus the full error records and the connection.
        foreach ($record in $captured) { Show-OnHost $record }
        $Error | Format-List * -Force | Out-Host
        $connection | Format-List * | Out-Host
        $verifyConnection | Format-List * | Out-Host
        Stop-Transcript | Out-Null
        $errors = @($Error)
    }

    It 'ran every exported cmdlet' {
        $exported = (Get-Command -Module Authy -CommandType Cmdlet).Name
        $exported.Count | Should -BeGreaterThan 20
        $exported | Where-Object { -not $ran.Contains($_) } | Should -BeNullOrEmpty
    }

    It 'went through the outcomes it is meant to (so the checks below see real failures)' {
        $ids = @($errors | ForEach-Object { $_.FullyQualifiedErrorId -replace ',.*$', '' })
        $ids | Should -Contain 'Authy.NotConnected'
        $ids | Should -Contain 'Authy.InvalidConnection'
        $ids | Should -Contain 'TwilioVerify.InvalidConnection'
        $ids | Should -Contain 'TwilioVerify.NotConnected'
        switch ($phaseName) {
            'success' {
                $ids | Should -Contain 'Authy.60026'
                $ids | Should -Contain 'Authy.60049'
                @($captured | Where-Object { $_ -is [Authy.Models.AuthyUser] }).Count | Should -Be 1
                @($captured | Where-Object { $_ -is [Authy.Models.AuthyTokenVerification] -and $_.IsValid }).Count | Should -Be 1
                @($captured | Where-Object { $_ -is [Authy.Models.AuthyPhoneVerificationCheck] -and $_.IsValid }).Count | Should -Be 1
                @($captured | Where-Object { $_ -is [Authy.Models.AuthyApprovalRequest] -and $_.Status -eq 'approved' }).Count | Should -BeGreaterThan 0
                @($captured | Where-Object { $_ -is [Authy.Verify.Models.TwilioVerificationCheck] -and $_.Valid }).Count | Should -Be 1
                @($captured | Where-Object { $_ -is [Authy.Verify.Models.TwilioVerification] -and $_.Status -eq 'canceled' }).Count | Should -Be 1
                @($captured | Where-Object { $_ -is [Authy.Verify.Models.TwilioVerifyChallenge] -and $_.FactorType -eq 'push' -and $_.Status -eq 'approved' }).Count | Should -Be 1
                $ids | Should -Contain 'TwilioVerify.20404'
            }
            'wrong key' { $ids | Should -Contain 'Authy.60001'; $ids | Should -Contain 'TwilioVerify.20003' }
            '5xx faults' {
                # Server errors that reached the caller, on both sides (about 20 with the seeded dice; which requests
                # meet one shifts a little with the number of polls the waits make).
                $serverErrors = @($ids | Where-Object { $_ -match '^(Authy|TwilioVerify)\.(Http5\d\d|60000|20500|20503|OutcomeUnknown)$' })
                $serverErrors.Count | Should -BeGreaterThan 10
                @($serverErrors | Where-Object { $_ -like 'Authy.*' }).Count | Should -BeGreaterThan 0
                @($serverErrors | Where-Object { $_ -like 'TwilioVerify.*' }).Count | Should -BeGreaterThan 0
            }
            'timeouts and resets' { ($ids | Where-Object { $_ -in 'Authy.Timeout', 'Authy.ConnectionFailed', 'Authy.OutcomeUnknown' }).Count | Should -BeGreaterThan 5 }
        }
        @($captured | Where-Object { $_ -is [Management.Automation.VerboseRecord] }).Count | Should -BeGreaterThan 20
        $requests.Count | Should -BeGreaterThan 15
    }

    It 'finds the canary when it is there (the detector works)' {
        Find-Canary ('x' + $CanaryText.Substring(5, 9) + 'y') | Should -Not -BeNullOrEmpty
        Find-Canary ($CanaryText.ToUpperInvariant()) | Should -Not -BeNullOrEmpty
        Find-Canary ([Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes($CanaryText))) | Should -Not -BeNullOrEmpty
        Find-Canary ('x' + $VerifyCanaryText.Substring(3, 9) + 'y') | Should -Not -BeNullOrEmpty
        Find-Canary ('Basic ' + [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes($VerifyAccount + ':' + $VerifyCanaryText))) | Should -Not -BeNullOrEmpty
        Find-Canary 'nothing to see' | Should -BeNullOrEmpty
    }

    It 'is in none of the six streams (*>&1)' {
        $captured.Count | Should -BeGreaterThan 30
        foreach ($record in $captured | Where-Object { $null -ne $_ }) { Find-Canary (Get-RecordText $record) | Should -BeNullOrEmpty -Because "a $($record.GetType().Name) must not carry the key" }
    }

    It 'is in no -ErrorVariable, -WarningVariable or -InformationVariable' {
        $phaseErrors.Count | Should -BeGreaterThan 0
        foreach ($record in @($phaseErrors) + @($phaseWarnings) + @($phaseInfo)) { Find-Canary (Get-RecordText $record) | Should -BeNullOrEmpty }
    }

    It 'is nowhere in $Error: messages, exceptions and inner exceptions, InvocationInfo, bound parameters' {
        $errors.Count | Should -BeGreaterThan 3
        foreach ($record in $errors) { Find-Canary (Get-RecordText $record) | Should -BeNullOrEmpty -Because "$($record.FullyQualifiedErrorId) must not carry the key" }
    }

    It 'is not in Get-AuthyConnection: object, ToString(), Format-List *, JSON, CliXml' {
        $connection.ApiKey | Should -Match '^\*{4}'
        Find-Canary ([string]$connection) | Should -BeNullOrEmpty
        Find-Canary $connection.ToString() | Should -BeNullOrEmpty
        Find-Canary ($connection | Format-List * -Force | Out-String) | Should -BeNullOrEmpty
        Find-Canary ($connection | Format-Table * | Out-String -Width 4096) | Should -BeNullOrEmpty
        Find-Canary ($connection | ConvertTo-Json -Depth 5) | Should -BeNullOrEmpty
        Find-Canary ([Management.Automation.PSSerializer]::Serialize($connection, 5)) | Should -BeNullOrEmpty
    }

    It 'is not in Get-TwilioVerifyConnection: object, ToString(), Format-List *, JSON, CliXml' {
        $verifyConnection.Secret | Should -Match '^\*{4}'
        Find-Canary ([string]$verifyConnection) | Should -BeNullOrEmpty
        Find-Canary ($verifyConnection | Format-List * -Force | Out-String) | Should -BeNullOrEmpty
        Find-Canary ($verifyConnection | ConvertTo-Json -Depth 5) | Should -BeNullOrEmpty
        Find-Canary ([Management.Automation.PSSerializer]::Serialize($verifyConnection, 5)) | Should -BeNullOrEmpty
    }

    It 'sent the TOTP seed only as Binding.Secret, in the body of the one factor create that named it' {
        $withSeed = @($requests | Where-Object { $_.parameters -and $_.parameters.PSObject.Properties['Binding.Secret'] })
        if ($phaseName -eq 'success') {
            $withSeed.Count | Should -Be 1
            # The emulator logs that a seed came, never the seed itself.
            $withSeed[0].parameters.'Binding.Secret' | Should -Be '[REDACTED]'
            $withSeed[0].path | Should -BeLike '*/Entities/canary-totp-0001/Factors'
        }
        $requests.Count | Should -BeGreaterThan 15
        @($requests | Where-Object { $SeedFinder.IsMatch($_.path + '?' + $_.query) } | ForEach-Object path) | Should -BeNullOrEmpty -Because 'a seed never goes in a URL'
    }

    # Not CliXml: a SecureString property is serialized on purpose (Export-Clixml, jobs), encrypted on Windows only;
    # that the seed is kept that way is the point of the SecureString, and New-TwilioVerifyFactor's help says so.
    It 'is not in the factors written: Format-List *, Export-Csv, JSON' {
        $factors = @($captured | Where-Object { $_ -is [Authy.Verify.Models.TwilioVerifyFactor] })
        if ($phaseName -eq 'success') { @($factors | Where-Object { $_.Secret }).Count | Should -Be 2 -Because 'both new factors keep their seed as a SecureString' }
        foreach ($factor in $factors) {
            Find-Canary ($factor | Format-List * -Force | Out-String -Width 4096) | Should -BeNullOrEmpty
            Find-Canary ($factor | ConvertTo-Csv -NoTypeInformation | Out-String) | Should -BeNullOrEmpty
            Find-Canary ($factor | ConvertTo-Json -Depth 5) | Should -BeNullOrEmpty
        }
    }

    It 'is not in the transcript' {
        $text = Get-Content -Raw $Transcript
        $text | Should -Match 'VERBOSE: GET .*users/999999/status'
        $text | Should -Match 'Authy\.(60026|60001|Http5|Timeout|ConnectionFailed|OutcomeUnknown)|User not found|Invalid API key|did not answer|Could not complete|dropped'
        Find-Canary $text | Should -BeNullOrEmpty
    }

    It 'never travelled in a URL or a parameter: the emulator logged no key to redact' {
        foreach ($request in $requests) {
            # Binding.Secret is where a seed must go, by Twilio's design (docs/api/verify.md §4.5): checked on its own below.
            $parameters = $request.parameters
            if ($parameters -and $parameters.PSObject.Properties['Binding.Secret']) { $parameters = $parameters | Select-Object * -ExcludeProperty 'Binding.Secret' }
            $logged = $request.path + '?' + $request.query + ' ' + ($parameters | ConvertTo-Json -Depth 10 -Compress)
            Find-Canary $logged | Should -BeNullOrEmpty
            # The emulator replaces any occurrence of the presented key: [REDACTED] would mean it was there.
            $logged | Should -Not -Match 'REDACTED'
        }
    }
}

# The migration moves two more secrets: every user's TOTP seed (Authy to Verify) beside the Twilio Auth Token (the
# canary again). With the migration tools on, with and without faults on both APIs, neither may show up in any
# stream, error record, verbose or debug line, the transcript, the checkpoint file or the report CSV.
Describe 'Seeds and the Twilio Auth Token stay secret through a migration: <Name>' -ForEach $migrationRuns {
    BeforeAll {
        $Error.Clear()
        $emulatorOptions = @{ PassThru = $true; NoConnect = $true; ApiKey = $CanaryKey; AuthToken = $VerifyCanary; EnableMigrationTools = $true }
        $phaseUrl = (Start-AuthyEmulator @emulatorOptions).Url.AbsoluteUri.TrimEnd('/')
        Connect-Authy -ApiKey $CanaryKey -ApiUrl $phaseUrl -Timeout 3
        Connect-TwilioVerify -ServiceSid $VerifyService -Credential $CanaryTokenCredential -ApiUrl $phaseUrl -LookupUrl $phaseUrl -Timeout 3
        $users = @(1..6 | ForEach-Object { New-AuthyUser -Email "seed$_@example.com" -Cellphone ('555-610-{0:0000}' -f $_) -CountryCode 1 })
        $null = Invoke-RestMethod -Method Post -Uri "$phaseUrl/_emulator/users/$($users[-1].AuthyId)/authenticator?kind=sms"
        if ($FaultRate -gt 0) { $null = Invoke-RestMethod -Method Post -Uri "$phaseUrl/_emulator/faults?rate=$FaultRate" }

        $checkpoint = Join-Path $TestDrive "migration-$($Name -replace ' ', '-').checkpoint"
        $reportCsv = Join-Path $TestDrive "report-$($Name -replace ' ', '-').csv"
        $migrationTranscript = Join-Path $TestDrive "migration-$($Name -replace ' ', '-').txt"
        $common = @{ Verbose = $true; Debug = $true; ErrorAction = 'Continue'; ErrorVariable = 'runErrors'; WarningVariable = 'runWarnings'; InformationVariable = 'runInfo' }
        Start-Transcript -Path $migrationTranscript -Force | Out-Null
        $captured = [Collections.Generic.List[object]]::new()
        try {
            $users | Copy-AuthyUserToVerify -CheckpointPath $checkpoint -ThrottleLimit 3 @common *>&1 | ForEach-Object { $captured.Add($_) }
            # The rerun, and -WhatIf, go through the checkpoint's skip path too.
            $users | Copy-AuthyUserToVerify -CheckpointPath $checkpoint @common *>&1 | ForEach-Object { $captured.Add($_) }
            $users | Copy-AuthyUserToVerify -CheckpointPath $checkpoint -WhatIf @common *>&1 | ForEach-Object { $captured.Add($_) }
            # Every record as a reader would see it, verbose and debug lines included (by name, so the check below can see them).
            foreach ($record in $captured) {
                if ($record -is [Management.Automation.InformationalRecord]) { ($record.GetType().Name + ': ' + $record.Message) | Out-Host } else { $record | Format-List * -Force | Out-Host }
            }
            $Error | Format-List * -Force | Out-Host
        }
        finally {
            Stop-Transcript | Out-Null
        }
        $report = @($captured | Where-Object { $_ -is [Authy.Models.AuthyMigrationResult] })
        $report | Export-Csv $reportCsv -NoTypeInformation
        $errors = @($Error)

        # The seeds, read after the run from the emulator with faults off: the test's own knowledge, never the module's output.
        $null = Invoke-RestMethod -Method Post -Uri "$phaseUrl/_emulator/faults?rate=0"
        $seeds = @($users[0..4] | ForEach-Object { (Invoke-RestMethod -Uri "$phaseUrl/protected/json/users/$($_.AuthyId)/secret/export" -Headers @{ 'X-Authy-API-Key' = $CanaryText }).secret })
        $seedFinder = New-PieceFinder @(foreach ($seed in $seeds) {
                for ($i = 0; $i -le $seed.Length - 8; $i++) { $seed.Substring($i, 8) }
                [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes($seed)).Substring(0, 16)
            })
        $requests = @(Get-EmulatorRequests $phaseUrl)
        Stop-AuthyEmulator

        function Find-Secret([string] $Text) {
            $canary = Find-Canary $Text
            if ($canary) { return $canary }
            if (-not $Text) { return $null }
            $found = $seedFinder.Match($Text)
            if ($found.Success) { "a seed, at offset $($found.Index)" } else { $null }
        }
    }

    It 'migrated the TOTP users (so seeds really flowed)' {
        $seeds.Count | Should -Be 5
        $seeds | ForEach-Object { $_ | Should -Match '^[A-Z2-7]{16,}$' }
        # Twice: the run, then the rerun writing the checkpoint's rows.
        if ($FaultRate -eq 0) { @($report | Where-Object Outcome -eq 'Migrated').Count | Should -Be 10 }
        @($report | Where-Object Outcome -in 'Migrated', 'Failed', 'NeedsEnrolment').Count | Should -BeGreaterThan 5
        @($captured | Where-Object { $_ -is [Management.Automation.VerboseRecord] }).Count | Should -BeGreaterThan 10
    }

    It 'finds a seed when it is there (the detector works)' {
        Find-Secret ('x' + $seeds[0].Substring(3, 10) + 'y') | Should -Not -BeNullOrEmpty
        Find-Secret 'nothing to see' | Should -BeNullOrEmpty
    }

    It 'keeps seeds and the Auth Token out of every stream, error, warning and information record' {
        foreach ($record in $captured | Where-Object { $null -ne $_ }) { Find-Secret (Get-RecordText $record) | Should -BeNullOrEmpty -Because "a $($record.GetType().Name) must not carry a secret" }
        foreach ($record in @($runErrors) + @($runWarnings) + @($runInfo) + $errors) { Find-Secret (Get-RecordText $record) | Should -BeNullOrEmpty }
    }

    It 'keeps them out of the report objects, the report CSV, the checkpoint file and the transcript' {
        foreach ($row in $report) { Find-Secret ($row | Format-List * -Force | Out-String) | Should -BeNullOrEmpty; Find-Secret ($row | ConvertTo-Json) | Should -BeNullOrEmpty }
        Find-Secret (Get-Content -Raw $reportCsv) | Should -BeNullOrEmpty
        Find-Secret (Get-Content -Raw $checkpoint) | Should -BeNullOrEmpty
        $text = Get-Content -Raw $migrationTranscript
        $text | Should -Match 'VerboseRecord: (GET|POST) '
        $text | Should -Match 'What if: '
        Find-Secret $text | Should -BeNullOrEmpty
    }

    It 'never puts a seed or the Auth Token in a URL' {
        foreach ($request in $requests) { Find-Secret ($request.path + '?' + $request.query) | Should -BeNullOrEmpty }
    }
}
