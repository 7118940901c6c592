# Twilio Verify one-time codes (docs/api/verify.md §4.2, §4.3) end to end: the built module against the emulator's
# Verify side, which Start-AuthyEmulator connects beside the Authy session.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-AuthyUnderTest

    $script:EmulatorService = 'VA00000000000000000000000000000001'
    $script:EmulatorAccount = 'AC00000000000000000000000000000001'
    $script:DemoToken = 'VerifyEmulatorDemoToken000000000'

    function script:Get-VerifyMessages([string] $To) {
        @((Invoke-EmulatorControl -Url $emulator.Url -Path ('/_emulator/messages?to=' + [uri]::EscapeDataString($To))).messages)
    }

    function script:Get-VerifyCode([string] $To) { (Get-VerifyMessages $To)[-1].code }

    function script:Get-VerifyRequests { @(Get-EmulatorRequests $emulator.Url | Where-Object path -Like '/v2/*') }

    function script:Connect-EmulatorVerify {
        $token = ConvertTo-SecureString $DemoToken -AsPlainText -Force
        Connect-TwilioVerify -ServiceSid $EmulatorService -Credential ([pscredential]::new($EmulatorAccount, $token)) -ApiUrl $emulator.Url -LookupUrl $emulator.Url
    }
}

AfterAll {
    Stop-AuthyEmulator
}

Describe 'The Verify session' {
    BeforeAll {
        Disconnect-TwilioVerify
        $script:emulator = Start-TestEmulator
    }

    It 'is connected by Start-AuthyEmulator beside the Authy session, the secret masked' {
        $connection = Get-TwilioVerifyConnection
        $connection | Should -BeOfType 'Authy.Verify.Models.TwilioVerifyConnection'
        $connection.ServiceSid | Should -Be $EmulatorService
        $connection.AccountSid | Should -Be $EmulatorAccount
        $connection.Username | Should -Be $EmulatorAccount
        $connection.Secret | Should -Be '****0000'
        $connection.Source | Should -Be 'Start-AuthyEmulator'
        $connection.ApiUrl.AbsoluteUri.TrimEnd('/') | Should -Be $emulator.Url
        (Get-AuthyConnection).ApiUrl.AbsoluteUri.TrimEnd('/') | Should -Be $emulator.Url
    }

    It 'connects with an API key SID, and needs -AccountSid for it' {
        $secret = ConvertTo-SecureString 'VerifyEmulatorDemoKeySecret00000' -AsPlainText -Force
        $key = [pscredential]::new('SK00000000000000000000000000000001', $secret)
        { Connect-TwilioVerify -ServiceSid $EmulatorService -Credential $key -ApiUrl $emulator.Url } | Should -Throw -ErrorId 'TwilioVerify.InvalidCredential,*'
        $connection = Connect-TwilioVerify -ServiceSid $EmulatorService -Credential $key -AccountSid $EmulatorAccount -ApiUrl $emulator.Url -PassThru
        $connection.Username | Should -Be 'SK00000000000000000000000000000001'
        $connection.AccountSid | Should -Be $EmulatorAccount
        $connection.Secret | Should -Be '****0000'
        (Send-TwilioVerification -To '+15551230001' -Channel call -Force).Status | Should -Be 'pending'
    }

    It 'never shows a credential user name that is not a SID: the token typed in the user box, and the password swapped' {
        $token = 'f3c9b0a1d2e4f5a6b7c8d9e0a1b2c3d4'
        $swapped = [pscredential]::new($token, (ConvertTo-SecureString $EmulatorAccount -AsPlainText -Force))
        $failure = $null
        try { Connect-TwilioVerify -ServiceSid $EmulatorService -Credential $swapped -ApiUrl $emulator.Url } catch { $failure = $_ }
        $failure.FullyQualifiedErrorId | Should -BeLike 'TwilioVerify.InvalidCredential,*'
        $failure.Exception.Message | Should -Match 'swapped'
        ($failure | Out-String -Width 400) + $failure.Exception.Message | Should -Not -Match $token.Substring(0, 8)

        $key = [pscredential]::new('SK00000000000000000000000000000001', (ConvertTo-SecureString 'VerifyEmulatorDemoKeySecret00000' -AsPlainText -Force))
        $failure = $null
        try { Connect-TwilioVerify -ServiceSid $EmulatorService -Credential $key -AccountSid $token -ApiUrl $emulator.Url } catch { $failure = $_ }
        $failure.FullyQualifiedErrorId | Should -BeLike 'TwilioVerify.InvalidCredential,*'
        $failure.Exception.Message | Should -Not -Match $token.Substring(0, 8)
    }

    It 'takes a secret pasted with a blank before it or a line break after it, and still refuses one with a blank inside' {
        $pasted = [pscredential]::new($EmulatorAccount, (ConvertTo-SecureString " VerifyEmulatorDemoToken000000000`r`n" -AsPlainText -Force))
        $connection = Connect-TwilioVerify -ServiceSid $EmulatorService -Credential $pasted -ApiUrl $emulator.Url -PassThru
        $connection.Secret | Should -Be '****0000'
        (Send-TwilioVerification -To '+15551230002' -Force).Status | Should -Be 'pending'

        $inside = [pscredential]::new($EmulatorAccount, (ConvertTo-SecureString 'VerifyEmulator DemoToken000000000' -AsPlainText -Force))
        { Connect-TwilioVerify -ServiceSid $EmulatorService -Credential $inside -ApiUrl $emulator.Url } | Should -Throw -ErrorId 'TwilioVerify.InvalidCredential,*'
    }

    It 'refuses a malformed SID before any request' -ForEach @(
        @{ Service = 'VA123'; User = $null }
        @{ Service = 'XX00000000000000000000000000000001'; User = $null }
        @{ Service = 'VA00000000000000000000000000000001'; User = 'AC123' }
        @{ Service = 'VA00000000000000000000000000000001'; User = "AC0000000000000000000000000000000`n" }
    ) {
        Reset-Emulator $emulator.Url
        $credential = [pscredential]::new($(if ($User) { $User } else { $EmulatorAccount }), (ConvertTo-SecureString $DemoToken -AsPlainText -Force))
        { Connect-TwilioVerify -ServiceSid $Service -Credential $credential -ApiUrl $emulator.Url } | Should -Throw -ErrorId 'TwilioVerify.Invalid*'
        Get-VerifyRequests | Should -BeNullOrEmpty
    }

    It 'reads the credentials and service from the environment' {
        $saved = @{}
        foreach ($name in 'TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN', 'TWILIO_VERIFY_SERVICE_SID', 'TWILIO_API_KEY', 'TWILIO_API_SECRET') { $saved[$name] = [Environment]::GetEnvironmentVariable($name) }
        try {
            $env:TWILIO_API_KEY = $null; $env:TWILIO_API_SECRET = $null
            $env:TWILIO_ACCOUNT_SID = $EmulatorAccount; $env:TWILIO_AUTH_TOKEN = $DemoToken; $env:TWILIO_VERIFY_SERVICE_SID = $EmulatorService
            $connection = Connect-TwilioVerify -ApiUrl $emulator.Url -PassThru
            $connection.ServiceSid | Should -Be $EmulatorService
            $connection.Username | Should -Be $EmulatorAccount
            $connection.Secret | Should -Be '****0000'
        }
        finally {
            foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
        }
    }

    It 'stops a pipeline on wrong credentials with TwilioVerify.20003' {
        $wrong = [pscredential]::new($EmulatorAccount, (ConvertTo-SecureString 'WrongToken0000000000000000000000' -AsPlainText -Force))
        Connect-TwilioVerify -ServiceSid $EmulatorService -Credential $wrong -ApiUrl $emulator.Url
        $failure = $null
        try { [pscustomobject]@{ To = '+15551230002' }, [pscustomobject]@{ To = '+15551230003' } | Send-TwilioVerification -Force -ErrorAction Stop } catch { $failure = $_ }
        $failure.FullyQualifiedErrorId | Should -BeLike 'TwilioVerify.20003*'
        $failure.CategoryInfo.Category | Should -Be 'AuthenticationError'
        $failure.ErrorDetails.RecommendedAction | Should -Match 'https://www.twilio.com/docs/errors/20003'
    }

    It 'Disconnect-TwilioVerify leaves the Authy session alone' {
        Connect-EmulatorVerify
        Disconnect-TwilioVerify
        Get-TwilioVerifyConnection -ErrorAction SilentlyContinue -ErrorVariable missing | Should -BeNullOrEmpty
        $missing[0].FullyQualifiedErrorId | Should -BeLike 'TwilioVerify.NotConnected*'
        Get-AuthyConnection | Should -Not -BeNullOrEmpty
        { Send-TwilioVerification -To '+15551230004' -Force } | Should -Throw -ErrorId 'TwilioVerify.NotConnected,*'
    }
}

Describe 'Send-, Test-, Get- and Stop-TwilioVerification' {
    BeforeAll {
        $script:emulator = Start-TestEmulator
    }

    BeforeEach {
        Reset-Emulator $emulator.Url
        Connect-EmulatorVerify
    }

    It 'sends a code, a wrong code is $false, and the code from the outbox is $true' {
        $sent = Send-TwilioVerification -To '+15551234567' -Force
        $sent | Should -BeOfType 'Authy.Verify.Models.TwilioVerification'
        $sent.Sid | Should -Match '^VE[0-9a-f]{32}$'
        $sent.To | Should -Be '+15551234567'
        $sent.Channel | Should -Be 'sms'
        $sent.Status | Should -Be 'pending'
        $sent.SendCount | Should -Be 1

        $code = Get-VerifyCode '+15551234567'
        $code | Should -Match '^\d{4,10}$'
        $wrong = if ($code -eq '000000') { '111111' } else { '000000' }
        Test-TwilioVerification -To '+15551234567' -Code $wrong -ErrorAction Stop | Should -BeFalse
        (Get-TwilioVerification -VerificationSid $sent.Sid).Status | Should -Be 'pending'
        Test-TwilioVerification -To '+15551234567' -Code $code | Should -BeTrue

        # Approved verifications are gone (docs/api/verify.md §4.2).
        Get-TwilioVerification -VerificationSid $sent.Sid -ErrorAction SilentlyContinue -ErrorVariable gone | Should -BeNullOrEmpty
        $gone[0].FullyQualifiedErrorId | Should -BeLike 'TwilioVerify.20404*'
        $gone[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $gone[0].ErrorDetails.RecommendedAction | Should -Match 'twilio.com/docs/errors/20404'
    }

    It 'binds the Authy CSV columns, checks by SID with -Detailed, and sends form fields Twilio reads' {
        $row = [pscustomobject]@{ phone_number = '(555) 234-5678'; country_code = '1' }
        $sent = $row | Send-TwilioVerification -Channel call -Locale fr -CustomFriendlyName 'Contoso' -Tags @{ campaign = 'spring' } -DeviceIp 203.0.113.7 -Force
        $sent.To | Should -Be '+15552345678'
        $sent.Channel | Should -Be 'call'
        $form = (Get-VerifyRequests | Where-Object { $_.method -eq 'POST' -and $_.path -like '*/Verifications' })[-1].parameters
        $form.To | Should -Be '+15552345678'
        $form.Channel | Should -Be 'call'
        $form.Locale | Should -Be 'fr'
        $form.CustomFriendlyName | Should -Be 'Contoso'
        $form.Tags | Should -Be '{"campaign":"spring"}'

        $check = $sent | Test-TwilioVerification -Code (Get-VerifyCode '+15552345678') -Detailed
        $check | Should -BeOfType 'Authy.Verify.Models.TwilioVerificationCheck'
        $check.Status | Should -Be 'approved'
        $check.Valid | Should -BeTrue
        $check.Sid | Should -Be $sent.Sid
    }

    It 'cancels with Stop-TwilioVerification, which honours -WhatIf' {
        $sent = Send-TwilioVerification -To '+15553456789' -Force
        $sent | Stop-TwilioVerification -WhatIf | Should -BeNullOrEmpty
        (Get-TwilioVerification -To '+15553456789').Status | Should -Be 'pending'
        ($sent | Stop-TwilioVerification -Force).Status | Should -Be 'canceled'
        (Get-TwilioVerification -VerificationSid $sent.Sid).Status | Should -Be 'canceled'
    }

    It 'takes bare numbers piped in as To, and a bare verification SID as the verification' {
        $sent = @('+15551234570', ' +15551234571 ' | Send-TwilioVerification -Force)
        @($sent.To) | Should -Be '+15551234570', '+15551234571'
        ($sent[0].Sid | Get-TwilioVerification).To | Should -Be '+15551234570'
        ('+15551234571' | Get-TwilioVerification).Sid | Should -Be $sent[1].Sid
        '+15551234570' | Test-TwilioVerification -Code (Get-VerifyCode '+15551234570') | Should -BeTrue

        # A record with neither column is told every column that gives the recipient, To first.
        $refused = $null
        [pscustomobject]@{ Name = 'Ann' } | Send-TwilioVerification -Force -ErrorAction SilentlyContinue -ErrorVariable refused
        $refused[0].FullyQualifiedErrorId | Should -BeLike 'TwilioVerify.MissingValue,*'
        $refused[0].Exception.Message | Should -Match "'To'.*'E164'.*'Phone'"
    }

    It 'sends a locale as Twilio spells it, however a CSV writes it (EN, pt_br)' {
        $rows = "To,Locale`n+15551234580,EN`n+15551234581,pt_br" | ConvertFrom-Csv
        @($rows | Send-TwilioVerification -Force).Status | Should -Be 'pending', 'pending'
        # Found by To: with -ThrottleLimit 4 the two sends may reach the emulator in either order.
        $sends = @(Get-VerifyRequests | Where-Object { $_.method -eq 'POST' -and $_.path -like '*/Verifications' })
        ($sends | Where-Object { $_.parameters.To -eq '+15551234580' }).parameters.Locale | Should -Be 'en'
        ($sends | Where-Object { $_.parameters.To -eq '+15551234581' }).parameters.Locale | Should -Be 'pt-BR'
    }

    It 'sends nothing under -WhatIf' {
        Send-TwilioVerification -To '+15554567890' -WhatIf | Should -BeNullOrEmpty
        Get-VerifyRequests | Should -BeNullOrEmpty
    }

    It 'stops at the 6th send with TwilioVerify.60203, never retried, and says so' {
        1..5 | ForEach-Object { (Send-TwilioVerification -To '+15555678901' -Force).SendCount | Should -Be $_ }
        Send-TwilioVerification -To '+15555678901' -Force -ErrorAction SilentlyContinue -ErrorVariable limit | Should -BeNullOrEmpty
        $limit[0].FullyQualifiedErrorId | Should -BeLike 'TwilioVerify.60203*'
        $limit[0].CategoryInfo.Category | Should -Be 'LimitsExceeded'
        $limit[0].Exception.Message | Should -Match 'Not retried'
        @(Get-VerifyRequests | Where-Object { $_.path -like '*/Verifications' }).Count | Should -Be 6
    }

    It 'stops at the 6th check with TwilioVerify.60202, never retried' {
        $null = Send-TwilioVerification -To '+15556789012' -Force
        $code = Get-VerifyCode '+15556789012'
        $wrong = if ($code -eq '000000') { '111111' } else { '000000' }
        1..5 | ForEach-Object { Test-TwilioVerification -To '+15556789012' -Code $wrong | Should -BeFalse }
        Test-TwilioVerification -To '+15556789012' -Code $wrong -ErrorAction SilentlyContinue -ErrorVariable limit | Should -BeNullOrEmpty
        $limit[0].FullyQualifiedErrorId | Should -BeLike 'TwilioVerify.60202*'
        $limit[0].Exception.Message | Should -Match 'Not retried'
        @(Get-VerifyRequests | Where-Object { $_.path -like '*/VerificationCheck' }).Count | Should -Be 6
    }

    It 'sends a CSV of numbers with -ThrottleLimit, one outcome per row in input order, errors naming their row' {
        $rows = foreach ($i in 1..24) { [pscustomobject]@{ Phone = '555-7{0:d2}-{1:d4}' -f $i, (1000 + $i); Country = 'US' } }
        $rows += [pscustomobject]@{ Phone = 'not a number'; Country = 'US' }
        $out = $rows | Send-TwilioVerification -ThrottleLimit 8 -Force -ErrorAction SilentlyContinue -ErrorVariable bad
        $out.Count | Should -Be 24
        for ($i = 0; $i -lt 24; $i++) { $out[$i].To | Should -Be ('+1' + ($rows[$i].Phone -replace '\D', '')) }
        $bad.Count | Should -Be 1
        $bad[0].TargetObject.Phone | Should -Be 'not a number'
        @(Get-VerifyRequests | Where-Object { $_.path -like '*/Verifications' }).Count | Should -Be 24
    }

    It 'refuses hostile input before any request: <Name>' -ForEach @(
        @{ Name = 'a line break in To'; Call = { Send-TwilioVerification -To "+15551234567`r`nX-Injected: 1" -Force } }
        @{ Name = 'an e-mail as a phone'; Call = { Send-TwilioVerification -To 'a@example.com' -Force } }
        @{ Name = 'a bad e-mail'; Call = { Send-TwilioVerification -To "a@example.com`nBcc: b@example.com" -Channel email -Force } }
        @{ Name = 'a national number without a country'; Call = { Send-TwilioVerification -PhoneNumber '555 123 4567' -Force } }
        @{ Name = 'a locale with a line break'; Call = { Send-TwilioVerification -To '+15551234567' -Locale "en`nX" -Force } }
        @{ Name = 'a bidi override in the friendly name'; Call = { Send-TwilioVerification -To '+15551234567' -CustomFriendlyName "Bank$([char]0x202E)evil" -Force } }
        @{ Name = 'a custom code with a slash'; Call = { Send-TwilioVerification -To '+15551234567' -CustomCode '12/34' -Force } }
        @{ Name = 'a bad app hash'; Call = { Send-TwilioVerification -To '+15551234567' -AppHash 'short' -Force } }
        @{ Name = 'too many tags'; Call = { $tags = @{}; 1..11 | ForEach-Object { $tags["t$_"] = 'v' }; Send-TwilioVerification -To '+15551234567' -Tags $tags -Force } }
        @{ Name = 'a nested tag'; Call = { Send-TwilioVerification -To '+15551234567' -Tags @{ a = @{ b = 1 } } -Force } }
        @{ Name = 'a bad device IP'; Call = { Send-TwilioVerification -To '+15551234567' -DeviceIp '010.0.0.1' -Force } }
        @{ Name = 'an amount without a payee'; Call = { Send-TwilioVerification -To '+15551234567' -Amount '9.99' -Force } }
        @{ Name = 'a code with a space'; Call = { Test-TwilioVerification -To '+15551234567' -Code '12 34' } }
        @{ Name = 'a code in a CSV row with a line break'; Call = { [pscustomobject]@{ To = '+15551234567'; Code = "1234`n5" } | Test-TwilioVerification } }
        @{ Name = 'a code in an otp column ending in a line break'; Call = { [pscustomobject]@{ To = '+15551234567'; otp = "12345`n" } | Test-TwilioVerification } }
        @{ Name = 'a malformed verification SID'; Call = { Get-TwilioVerification -VerificationSid 'VE../../Services' } }
        @{ Name = 'a path in To'; Call = { Stop-TwilioVerification -To '../../Services/VA00000000000000000000000000000001' -Force } }
    ) {
        $failures = @(try { & $Call 2>&1 | Where-Object { $_ -is [Management.Automation.ErrorRecord] } } catch { $_ })
        $failures.Count | Should -BeGreaterThan 0
        $failures[0].FullyQualifiedErrorId | Should -Not -BeLike 'TwilioVerify.[0-9]*' 
        Get-VerifyRequests | Should -BeNullOrEmpty
    }
}

Describe 'Get-TwilioPhoneInfo' {
    BeforeAll {
        $script:emulator = Start-TestEmulator
    }

    BeforeEach {
        Reset-Emulator $emulator.Url
        Connect-EmulatorVerify
    }

    It 'looks up a valid number, with the line type package on request' {
        $info = Get-TwilioPhoneInfo '+1 (201) 555-0123' -Fields line_type_intelligence
        $info | Should -BeOfType 'Authy.Verify.Models.TwilioPhoneInfo'
        $info.Valid | Should -BeTrue
        $info.PhoneNumber | Should -Be '+12015550123'
        $info.CountryCode | Should -Be 'US'
        $info.CallingCountryCode | Should -Be '1'
        $info.NationalFormat | Should -Not -BeNullOrEmpty
        $info.LineType | Should -Not -BeNullOrEmpty
        $info.Packages.Keys | Should -Contain 'line_type_intelligence'
        $request = (Get-VerifyRequests)[-1]
        $request.path | Should -Be '/v2/PhoneNumbers/+12015550123'
        $request.query | Should -Match 'Fields=line_type_intelligence'
    }

    It 'answers Valid False for an invalid number, not an error' {
        $info = Get-TwilioPhoneInfo '+1555' -ErrorAction Stop
        $info.Valid | Should -BeFalse
        $info.ValidationErrors | Should -Not -BeNullOrEmpty
        $info.LineType | Should -BeNullOrEmpty
    }

    It 'reads the Authy CSV columns, national numbers with an ISO or calling code, with -ThrottleLimit' {
        $rows = @(
            [pscustomobject]@{ phone_number = '201-555-0123'; country_code = '1' }
            [pscustomobject]@{ phone_number = '07400 123456'; country_code = 'GB' }
            [pscustomobject]@{ phone_number = '555-123-4567'; country_code = 'US' }
        )
        $out = $rows | Get-TwilioPhoneInfo -ThrottleLimit 3
        $out.Count | Should -Be 3
        $out[0].PhoneNumber | Should -Be '+12015550123'
        $out[0].Valid | Should -BeTrue
        $out[1].CountryCode | Should -Be 'GB'
        $out[1].Valid | Should -BeTrue
        $out[2].Valid | Should -BeFalse
        ([pscustomobject]@{ To = '+12015550123' } | Get-TwilioPhoneInfo).PhoneNumber | Should -Be '+12015550123'
    }

    It 'refuses hostile input before any request: <Name>' -ForEach @(
        @{ Name = 'a path'; Call = { Get-TwilioPhoneInfo '../../Services' } }
        @{ Name = 'a query'; Call = { Get-TwilioPhoneInfo '+14155550100?Fields=caller_name' } }
        @{ Name = 'a line break'; Call = { Get-TwilioPhoneInfo "+14155550100`r`nX: 1" } }
        @{ Name = 'a bad country'; Call = { Get-TwilioPhoneInfo '4155550100' -CountryCode 'U S' } }
        @{ Name = 'an unknown package'; Call = { Get-TwilioPhoneInfo '+14155550100' -Fields 'everything' } }
    ) {
        $failures = @(try { & $Call 2>&1 | Where-Object { $_ -is [Management.Automation.ErrorRecord] } } catch { $_ })
        $failures.Count | Should -BeGreaterThan 0
        Get-VerifyRequests | Should -BeNullOrEmpty
    }
}

Describe 'Stop-AuthyEmulator and the Verify session' {
    It 'puts back the Verify session from before Start-AuthyEmulator' {
        $script:emulator = Start-TestEmulator
        Connect-EmulatorVerify
        $before = Get-TwilioVerifyConnection
        $before.Source | Should -Be 'Connect-TwilioVerify'
        $second = Start-AuthyEmulator -PassThru
        (Get-TwilioVerifyConnection).Source | Should -Be 'Start-AuthyEmulator'
        (Get-TwilioVerifyConnection).ApiUrl | Should -Be $second.Url
        Stop-AuthyEmulator
        $after = Get-TwilioVerifyConnection
        $after.Source | Should -Be 'Connect-TwilioVerify'
        $after.ConnectedAt | Should -Be $before.ConnectedAt
    }
}
