# Phone verification (docs/api/authy.md §2.15–§2.17) and Phone Intelligence (2.18) end to end: the built module
# against a running emulator. Test numbers (src/Authy.Emulator/Domain/PhoneNumberRules.cs): line 0001 is a
# landline, 0002 voip, 0003 not provisioned, 0004 a ported cellphone, toll-free area codes not provisioned,
# country code 222 and numbers under 7 digits invalid. The module sends the national number as digits
# only (5551234567), so outputs carry that form, and refuses impossible lengths before Authy sees them.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-AuthyUnderTest

    function Get-VerificationMessages([string] $PhoneNumber, [int] $CountryCode) {
        $digits = $PhoneNumber -replace '\D', ''
        @((Invoke-EmulatorControl -Url $emulator.Url -Path "/_emulator/messages?phone_number=$digits&country_code=$CountryCode").messages)
    }

    function Get-VerificationCode([string] $PhoneNumber, [int] $CountryCode) {
        (Get-VerificationMessages $PhoneNumber $CountryCode)[-1].code
    }

    function Get-StartRequests { @(Get-EmulatorRequests $emulator.Url | Where-Object path -Like '*/phones/verification/start') }
}

AfterAll {
    Stop-AuthyEmulator
}

Describe 'Start-AuthyPhoneVerification and Test-AuthyPhoneVerification' {
    BeforeAll {
        $script:emulator = Start-TestEmulator
    }

    BeforeEach {
        Reset-Emulator $emulator.Url
        Connect-Authy -ApiKey $emulator.Key -ApiUrl $emulator.Url
    }

    It 'sends a code by SMS, and the code from the outbox verifies' {
        $started = Start-AuthyPhoneVerification -PhoneNumber '555-123-4567' -CountryCode 1
        $started | Should -BeOfType 'Authy.Models.AuthyPhoneVerification'
        $started.Uuid | Should -Match '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
        $started.PhoneNumber | Should -Be '5551234567'
        $started.E164 | Should -Be '+15551234567'
        $started.CountryCode | Should -Be 1
        $started.Via | Should -Be 'sms'
        $started.IsCellphone | Should -BeTrue
        $started.Carrier | Should -Not -BeNullOrEmpty
        $started.SecondsToExpire | Should -BeGreaterThan 500
        $started.SecondsToExpire | Should -BeLessOrEqual 600
        $started.Message | Should -Be 'Text message sent to +1 555-123-4567.'

        $messages = Get-VerificationMessages '555-123-4567' 1
        $messages.Count | Should -Be 1
        $messages[0].channel | Should -Be 'verification_sms'
        # Authy's default code length is 4 (2.15).
        $messages[0].code | Should -Match '^\d{4}$'

        Test-AuthyPhoneVerification -PhoneNumber '555-123-4567' -CountryCode 1 -Code $messages[0].code | Should -BeTrue
    }

    It 'answers $false for a wrong code, and -Detailed says why' {
        Start-AuthyPhoneVerification -PhoneNumber '555-123-4567' -CountryCode 1 | Out-Null
        $code = Get-VerificationCode '555-123-4567' 1
        $wrong = '{0:d4}' -f (([int]$code + 1) % 10000)

        $result = Test-AuthyPhoneVerification -PhoneNumber '555-123-4567' -CountryCode 1 -Code $wrong -ErrorVariable failures
        $result | Should -BeOfType [bool]
        $result | Should -BeFalse
        $failures | Should -BeNullOrEmpty

        $detailed = Test-AuthyPhoneVerification -PhoneNumber '555-123-4567' -CountryCode 1 -Code $wrong -Detailed
        $detailed | Should -BeOfType 'Authy.Models.AuthyPhoneVerificationCheck'
        $detailed.IsValid | Should -BeFalse
        $detailed.ErrorCode | Should -Be '60022'
        $detailed.Message | Should -Be 'Verification code is incorrect'

        # A wrong guess does not spend the verification: the right code still works.
        $right = Test-AuthyPhoneVerification -PhoneNumber '555-123-4567' -CountryCode 1 -Code $code -Detailed
        $right.IsValid | Should -BeTrue
        $right.ErrorCode | Should -BeNullOrEmpty
        $right.Message | Should -Be 'Verification code is correct.'
    }

    It 'is safe in an if statement' {
        Start-AuthyPhoneVerification '555-123-4567' 1 | Out-Null
        $code = Get-VerificationCode '555-123-4567' 1
        $outcome = if (Test-AuthyPhoneVerification '555-123-4567' 1 '99999999') { 'let in' } else { 'refused' }
        $outcome | Should -Be 'refused'
        $outcome = if (Test-AuthyPhoneVerification '555-123-4567' 1 $code) { 'let in' } else { 'refused' }
        $outcome | Should -Be 'let in'
    }

    It 'resends the same code and uuid when started again within the window' {
        $first = Start-AuthyPhoneVerification -PhoneNumber '555-123-4567' -CountryCode 1
        $second = Start-AuthyPhoneVerification -PhoneNumber '555.123.4567' -CountryCode 1 -Via call
        $second.Uuid | Should -Be $first.Uuid
        $second.Via | Should -Be 'call'
        $second.Message | Should -Be 'Call to +1 555-123-4567 initiated'

        $messages = Get-VerificationMessages '555-123-4567' 1
        $messages.Count | Should -Be 2
        $messages.channel | Should -Be @('verification_sms', 'verification_call')
        $messages[1].code | Should -Be $messages[0].code
        (Get-StartRequests).Count | Should -Be 2
    }

    It 'puts the code into a custom message at {{code}}' {
        Start-AuthyPhoneVerification -PhoneNumber '555-123-4567' -CountryCode 1 -CustomMessage 'Your Contoso code is {{code}}. It expires in 10 minutes.' | Out-Null
        $message = (Get-VerificationMessages '555-123-4567' 1)[-1]
        $message.body | Should -Be "Your Contoso code is $($message.code). It expires in 10 minutes."
        (Get-StartRequests)[0].parameters.custom_message | Should -Be 'Your Contoso code is {{code}}. It expires in 10 minutes.'
    }

    It 'warns when a custom message has no {{code}} placeholder' {
        Start-AuthyPhoneVerification -PhoneNumber '555-123-4567' -CountryCode 1 -CustomMessage 'Hello there' -WarningVariable warnings -WarningAction SilentlyContinue | Out-Null
        $warnings.Count | Should -Be 1
        "$($warnings[0])" | Should -Match '\{\{code\}\}'
    }

    It 'always sends -CodeLength, and the code has that many digits' {
        Start-AuthyPhoneVerification -PhoneNumber '555-123-4567' -CountryCode 1 -CodeLength 8 | Out-Null
        (Get-StartRequests)[0].parameters.code_length | Should -Be '8'
        $code = Get-VerificationCode '555-123-4567' 1
        $code | Should -Match '^\d{8}$'
        Test-AuthyPhoneVerification -PhoneNumber '555-123-4567' -CountryCode 1 -Code $code | Should -BeTrue
    }

    It 'sends the documented spelling of a locale given in any case' {
        Start-AuthyPhoneVerification -PhoneNumber '555-123-4567' -CountryCode 1 -Locale 'PT-br' | Out-Null
        (Get-StartRequests)[0].parameters.locale | Should -Be 'pt-BR'
    }

    It 'completes -Locale from the documented list' {
        $completions = TabExpansion2 -inputScript 'Start-AuthyPhoneVerification -Locale zh' -cursorColumn 'Start-AuthyPhoneVerification -Locale zh'.Length
        $completions.CompletionMatches.CompletionText | Should -Be @('zh', 'zh-CN', 'zh-HK')
    }

    It 'refuses a custom code when the application does not allow them (Authy.60021)' {
        { Start-AuthyPhoneVerification -PhoneNumber '555-123-4567' -CountryCode 1 -CustomCode '123456' -ErrorAction Stop } |
            Should -Throw -ErrorId 'Authy.60021,*' -ExpectedMessage "*custom codes are not allowed*"
        Get-VerificationMessages '555-123-4567' 1 | Should -BeNullOrEmpty
    }

    It 'reports <Name> as <ErrorId>' -ForEach @(
        # 222 is Mauritania's code, whose numbers have 8 digits: the module refuses the length before Authy sees it.
        @{ Name = 'a US-length number with country code 222'; Phone = '555-123-4567'; CountryCode = 222; Via = 'sms'; ErrorId = 'Authy.InvalidPhoneNumber'; Status = $null }
        @{ Name = 'Authy''s 60033 for country code 222'; Phone = '2345 6789'; CountryCode = 222; Via = 'sms'; ErrorId = 'Authy.60033'; Status = 400 }
        @{ Name = 'a number too short'; Phone = '12345'; CountryCode = 1; Via = 'sms'; ErrorId = 'Authy.InvalidPhoneNumber'; Status = $null }
        @{ Name = 'SMS to a landline'; Phone = '555-123-0001'; CountryCode = 1; Via = 'sms'; ErrorId = 'Authy.60082'; Status = 403 }
        @{ Name = 'a toll-free number'; Phone = '800-555-1234'; CountryCode = 1; Via = 'sms'; ErrorId = 'Authy.60083'; Status = 403 }
        @{ Name = 'a number with no carrier'; Phone = '555-123-0003'; CountryCode = 1; Via = 'call'; ErrorId = 'Authy.60083'; Status = 403 }
    ) {
        $rows = @([pscustomobject]@{ PhoneNumber = $Phone; CountryCode = $CountryCode; Via = $Via })
        $rows | Start-AuthyPhoneVerification -ErrorVariable failures -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike "$ErrorId,*"
        if ($null -ne $Status) { $failures[0].Exception.StatusCode | Should -Be $Status }
        $failures[0].TargetObject | Should -Be $rows[0]
        Get-VerificationMessages $Phone $CountryCode | Should -BeNullOrEmpty
    }

    It 'calls a landline, which it cannot text' {
        $started = Start-AuthyPhoneVerification -PhoneNumber '555-123-0001' -CountryCode 1 -Via call
        $started.IsCellphone | Should -BeFalse
        (Get-VerificationMessages '555-123-0001' 1)[0].channel | Should -Be 'verification_call'
    }

    It 'reports a check with nothing pending as Authy.60023, not $false' {
        $result = Test-AuthyPhoneVerification -PhoneNumber '555-987-6543' -CountryCode 1 -Code '1234' -ErrorVariable failures -ErrorAction SilentlyContinue
        $result | Should -BeNullOrEmpty
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'Authy.60023,*'
        $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $failures[0].Exception.Message | Should -BeLike 'No pending verifications for +1 555-987-6543 found.*'
    }

    It 'reports a second check after success as Authy.60023' {
        Start-AuthyPhoneVerification -PhoneNumber '555-123-4567' -CountryCode 1 | Out-Null
        $code = Get-VerificationCode '555-123-4567' 1
        Test-AuthyPhoneVerification -PhoneNumber '555-123-4567' -CountryCode 1 -Code $code | Should -BeTrue
        { Test-AuthyPhoneVerification -PhoneNumber '555-123-4567' -CountryCode 1 -Code $code -ErrorAction Stop } | Should -Throw -ErrorId 'Authy.60023,*'
    }

    It 'keeps the leading zeros of a code' {
        Start-AuthyPhoneVerification -PhoneNumber '555-123-4567' -CountryCode 1 | Out-Null
        Test-AuthyPhoneVerification -PhoneNumber '555-123-4567' -CountryCode 1 -Code '0012' | Out-Null
        $check = Get-EmulatorRequests $emulator.Url | Where-Object path -Like '*/phones/verification/check'
        $check.parameters.verification_code | Should -Be '0012'
    }

    It 'sends nothing for -WhatIf' {
        Start-AuthyPhoneVerification -PhoneNumber '555-123-4567' -CountryCode 1 -WhatIf | Should -BeNullOrEmpty
        [pscustomobject]@{ phone_number = '555-123-4568'; country_code = '1' } | Start-AuthyPhoneVerification -WhatIf
        Get-EmulatorRequests $emulator.Url | Should -BeNullOrEmpty
        Get-VerificationMessages '555-123-4567' 1 | Should -BeNullOrEmpty
    }

    It 'takes CSV rows with phone_number and country_code columns' {
        $csv = Join-Path $TestDrive 'phones.csv'
        @(
            'phone_number,country_code'
            '555-200-0011,1'
            '7700 900018,44'
            '912 345 678,351'
        ) | Set-Content -Path $csv

        $started = @(Import-Csv $csv | Start-AuthyPhoneVerification)
        $started.Count | Should -Be 3
        $started.CountryCode | Should -Be @(1, 44, 351)
        $started.PhoneNumber | Should -Be @('5552000011', '7700900018', '912345678')
        (Get-VerificationMessages '912 345 678' 351).Count | Should -Be 1

        # Each output carries the phone, so it pipes on by property name with the code added.
        $checked = @($started | Select-Object PhoneNumber, CountryCode, @{ Name = 'Code'; Expression = { Get-VerificationCode $_.PhoneNumber $_.CountryCode } } |
                Test-AuthyPhoneVerification)
        $checked | Should -Be @($true, $true, $true)
    }

    It 'validates before sending: <Name>' -ForEach @(
        @{ Name = 'phone with letters'; Splat = @{ PhoneNumber = '555-CALL-NOW'; CountryCode = 1 }; ErrorId = 'Authy.InvalidPhoneNumber,*' }
        @{ Name = 'country code 0'; Splat = @{ PhoneNumber = '5551234567'; CountryCode = 0 }; ErrorId = 'Authy.InvalidCountryCode,*' }
        @{ Name = 'country code not a country'; Splat = @{ PhoneNumber = '5551234567'; CountryCode = 'abc' }; ErrorId = 'Authy.InvalidCountryCode,*' }
        @{ Name = 'a + that contradicts the country'; Splat = @{ PhoneNumber = '+44 7700 900123'; CountryCode = 1 }; ErrorId = 'Authy.InvalidCountryCode,*' }
        @{ Name = 'via fax'; Splat = @{ PhoneNumber = '5551234567'; CountryCode = 1; Via = 'fax' }; ErrorId = 'Authy.InvalidVia,*' }
        @{ Name = 'code length 3'; Splat = @{ PhoneNumber = '5551234567'; CountryCode = 1; CodeLength = 3 }; ErrorId = 'Authy.InvalidCodeLength,*' }
        @{ Name = 'code length 11'; Splat = @{ PhoneNumber = '5551234567'; CountryCode = 1; CodeLength = 11 }; ErrorId = 'Authy.InvalidCodeLength,*' }
        @{ Name = 'unknown locale'; Splat = @{ PhoneNumber = '5551234567'; CountryCode = 1; Locale = 'xx' }; ErrorId = 'Authy.InvalidLocale,*' }
        @{ Name = 'custom code of 3'; Splat = @{ PhoneNumber = '5551234567'; CountryCode = 1; CustomCode = '123' }; ErrorId = 'ParameterArgumentValidationError*' }
        @{ Name = 'custom code of 11'; Splat = @{ PhoneNumber = '5551234567'; CountryCode = 1; CustomCode = '12345678901' }; ErrorId = 'ParameterArgumentValidationError*' }
        @{ Name = 'empty custom message'; Splat = @{ PhoneNumber = '5551234567'; CountryCode = 1; CustomMessage = '' }; ErrorId = 'ParameterArgumentValidationError*' }
    ) {
        { Start-AuthyPhoneVerification @Splat -ErrorAction Stop } | Should -Throw -ErrorId $ErrorId
        Get-EmulatorRequests $emulator.Url | Should -BeNullOrEmpty
    }

    It 'reports a missing country code in a piped record without sending it (the API would answer 60004)' {
        $rows = @([pscustomobject]@{ phone_number = '555-123-4567' })
        $rows | Start-AuthyPhoneVerification -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'Authy.MissingValue,*'
        $failures[0].TargetObject | Should -Be $rows[0]
        $failures[0].Exception.Message | Should -BeLike "*'555-123-4567' has no country*'Country Code'*"
        Get-EmulatorRequests $emulator.Url | Should -BeNullOrEmpty
    }

    It 'refuses a code that is not 4-10 digits: <Code>' -ForEach @(
        @{ Code = '123' }, @{ Code = '12345678901' }, @{ Code = '12a4' }, @{ Code = '12 34' }, @{ Code = "1234`n" }
    ) {
        { Test-AuthyPhoneVerification -PhoneNumber '5551234567' -CountryCode 1 -Code $Code -ErrorAction Stop } |
            Should -Throw -ErrorId 'Authy.InvalidCode,*'
        Get-EmulatorRequests $emulator.Url | Should -BeNullOrEmpty
    }

    It 'refuses a blank code as missing, and sends a code padded with spaces (a CSV cell) without them' {
        { Test-AuthyPhoneVerification -PhoneNumber '5551234567' -CountryCode 1 -Code ' ' -ErrorAction Stop } |
            Should -Throw -ErrorId 'Authy.MissingValue,*'
        Get-EmulatorRequests $emulator.Url | Should -BeNullOrEmpty
        Test-AuthyPhoneVerification -PhoneNumber '5551234567' -CountryCode 1 -Code ' 1234 ' -ErrorAction SilentlyContinue | Out-Null
        @(Get-EmulatorRequests $emulator.Url | Where-Object path -Like '*/phones/verification/check*')[-1].parameters.verification_code | Should -Be '1234'
    }

    It 'stops at a wrong key with Authy.60001' {
        Connect-Authy -ApiKey (ConvertTo-SecureString 'wrong-key-0000000000000000000000' -AsPlainText -Force) -ApiUrl $emulator.Url
        { Test-AuthyPhoneVerification -PhoneNumber '5551234567' -CountryCode 1 -Code '1234' -ErrorAction Stop } | Should -Throw -ErrorId 'Authy.60001,*'
        { Start-AuthyPhoneVerification -PhoneNumber '5551234567' -CountryCode 1 -ErrorAction Stop } | Should -Throw -ErrorId 'Authy.60001,*'
    }
}

Describe 'Get-AuthyPhoneVerificationStatus' {
    BeforeAll {
        $script:emulator = Start-TestEmulator
    }

    BeforeEach {
        Reset-Emulator $emulator.Url
        Connect-Authy -ApiKey $emulator.Key -ApiUrl $emulator.Url
    }

    It 'is pending after the start and verified after a right code, by uuid and by phone' {
        $started = Start-AuthyPhoneVerification -PhoneNumber '555-123-4567' -CountryCode 1

        $pending = $started | Get-AuthyPhoneVerificationStatus
        $pending | Should -BeOfType 'Authy.Models.AuthyPhoneVerificationStatus'
        $pending.Status | Should -Be 'pending'
        $pending.Uuid | Should -Be $started.Uuid
        $pending.SecondsToExpire | Should -BeGreaterThan 500
        # Piped by Uuid, the default set: the phone was not sent.
        $request = @(Get-EmulatorRequests $emulator.Url | Where-Object path -Like '*/status')[0]
        $request.parameters.uuid | Should -Be $started.Uuid
        $request.parameters.phone_number | Should -BeNullOrEmpty

        $byPhone = Get-AuthyPhoneVerificationStatus -PhoneNumber '555-123-4567' -CountryCode 1
        $byPhone.Status | Should -Be 'pending'
        $byPhone.PhoneNumber | Should -Be '5551234567'
        $byPhone.CountryCode | Should -Be 1

        $code = (Invoke-EmulatorControl -Url $emulator.Url -Path '/_emulator/messages?phone_number=5551234567&country_code=1').messages[0].code
        Test-AuthyPhoneVerification -PhoneNumber '555-123-4567' -CountryCode 1 -Code $code | Should -BeTrue
        (Get-AuthyPhoneVerificationStatus -Uuid $started.Uuid).Status | Should -Be 'verified'
        (Get-AuthyPhoneVerificationStatus '555-123-4567' 1 -ErrorAction Stop).Status | Should -Be 'verified'
    }

    It 'takes CSV rows by phone' {
        Start-AuthyPhoneVerification -PhoneNumber '555-300-0001' -CountryCode 1 -Via call | Out-Null
        $statuses = @([pscustomobject]@{ phone_number = '555-300-0001'; country_code = '1' } | Get-AuthyPhoneVerificationStatus)
        $statuses.Status | Should -Be 'pending'
    }

    It 'reports an unknown verification as Authy.60023' {
        { Get-AuthyPhoneVerificationStatus -Uuid ([guid]::NewGuid().ToString()) -ErrorAction Stop } | Should -Throw -ErrorId 'Authy.60023,*'
        { Get-AuthyPhoneVerificationStatus -PhoneNumber '555-999-8888' -CountryCode 1 -ErrorAction Stop } | Should -Throw -ErrorId 'Authy.60023,*'
    }

    It 'refuses a uuid that is not one, without sending it' {
        { Get-AuthyPhoneVerificationStatus -Uuid '../../users/1' -ErrorAction Stop } | Should -Throw -ErrorId 'Authy.InvalidUuid,*'
        Get-EmulatorRequests $emulator.Url | Should -BeNullOrEmpty
    }

    It 'refuses a blank or malformed Uuid cell as its own record''s error, and the rows after it keep their numbers' {
        $rows = "Uuid,Note`n,blank`n550e8400e29b41d4a716446655440000,no dashes`n../../users/1,a path" | ConvertFrom-Csv
        $null = $rows | Get-AuthyPhoneVerificationStatus -ErrorVariable failures -ErrorAction SilentlyContinue
        @($failures | ForEach-Object { $_.FullyQualifiedErrorId -replace ',.*$' }) | Should -Be 'Authy.MissingValue', 'Authy.InvalidUuid', 'Authy.InvalidUuid'
        @($failures | ForEach-Object { $_.Exception.Message -replace '[: ].*$' }) | Should -Be 'Record', 'Record', 'Record'
        @($failures | ForEach-Object { [regex]::Match($_.Exception.Message, '^Record (\d+)').Groups[1].Value }) | Should -Be '1', '2', '3'
        Get-EmulatorRequests $emulator.Url | Should -BeNullOrEmpty
    }
}

Describe 'Get-AuthyPhoneInfo' {
    BeforeAll {
        $script:emulator = Start-TestEmulator
    }

    BeforeEach {
        Reset-Emulator $emulator.Url
        Connect-Authy -ApiKey $emulator.Key -ApiUrl $emulator.Url
    }

    It 'reports a <Type> line for <Phone>' -ForEach @(
        @{ Phone = '555-123-4567'; Type = 'cellphone'; Provider = '*'; IsPorted = $false }
        @{ Phone = '555-123-0001'; Type = 'landline'; Provider = 'Level 3 Communications, LLC'; IsPorted = $false }
        @{ Phone = '555-123-0002'; Type = 'voip'; Provider = 'Pinger'; IsPorted = $false }
        @{ Phone = '555-123-0003'; Type = 'unknown'; Provider = $null; IsPorted = $false }
        @{ Phone = '555-123-0004'; Type = 'cellphone'; Provider = '*'; IsPorted = $true }
    ) {
        $info = Get-AuthyPhoneInfo -PhoneNumber $Phone -CountryCode 1
        $info | Should -BeOfType 'Authy.Models.AuthyPhoneInfo'
        $info.Type | Should -Be $Type
        if ($null -eq $Provider) { $info.Provider | Should -BeNullOrEmpty } else { $info.Provider | Should -BeLike $Provider; $info.Provider | Should -Not -BeNullOrEmpty }
        $info.IsPorted | Should -Be $IsPorted
        $info.PhoneNumber | Should -Be ($Phone -replace '-', '')
        $info.CountryCode | Should -Be 1
        $info.Message | Should -Match '^Phone number information as of \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$'
    }

    It 'passes -UserIp on as user_ip and takes CSV rows' {
        $rows = @(
            [pscustomobject]@{ Phone = '555-123-0002'; country_code = '1'; user_ip = '203.0.113.7' }
            [pscustomobject]@{ Phone = '555-123-0001'; country_code = '44'; user_ip = '2001:db8::1' }
        )
        $infos = @($rows | Get-AuthyPhoneInfo)
        $infos.Type | Should -Be @('voip', 'landline')
        # The two requests run side by side (-ThrottleLimit 4), so they may reach the emulator in either order.
        @((Get-EmulatorRequests $emulator.Url).parameters.user_ip | Sort-Object) | Should -Be @('2001:db8::1', '203.0.113.7')
    }

    It 'reports an invalid number as Authy.60033 against its record' {
        $rows = @([pscustomobject]@{ PhoneNumber = '2345 6789'; CountryCode = 222 }, [pscustomobject]@{ PhoneNumber = '555-123-0002'; CountryCode = 1 })
        $infos = @($rows | Get-AuthyPhoneInfo -ErrorVariable failures -ErrorAction SilentlyContinue)
        $infos.Type | Should -Be 'voip'
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'Authy.60033,*'
        $failures[0].TargetObject | Should -Be $rows[0]
    }

    It 'validates before sending' {
        { Get-AuthyPhoneInfo -PhoneNumber '555-123-4567' -CountryCode 1 -UserIp 'not-an-ip' -ErrorAction Stop } | Should -Throw -ErrorId 'Authy.InvalidIpAddress,*'
        { Get-AuthyPhoneInfo -PhoneNumber '555+123' -CountryCode 1 -ErrorAction Stop } | Should -Throw -ErrorId 'Authy.InvalidPhoneNumber,*'
        Get-EmulatorRequests $emulator.Url | Should -BeNullOrEmpty
    }
}

Describe 'Custom codes and messages as the application allows them' {
    It 'sends and verifies a custom code when the application allows them' {
        $script:emulator = Start-TestEmulator -Options @{ AllowCustomCodes = $true }
        Reset-Emulator $emulator.Url
        $started = Start-AuthyPhoneVerification -PhoneNumber '555-123-4567' -CountryCode 1 -CustomCode '004217' -CustomMessage 'Code: {{code}}'
        $started.Uuid | Should -Not -BeNullOrEmpty
        $message = (Get-VerificationMessages '555-123-4567' 1)[-1]
        $message.code | Should -Be '004217'
        $message.body | Should -Be 'Code: 004217'
        Test-AuthyPhoneVerification -PhoneNumber '555-123-4567' -CountryCode 1 -Code '004217' | Should -BeTrue
    }

    It 'refuses a custom message when the application does not allow them (Authy.60021)' {
        $script:emulator = Start-TestEmulator -Options @{ DenyCustomMessages = $true }
        Reset-Emulator $emulator.Url
        { Start-AuthyPhoneVerification -PhoneNumber '555-123-4567' -CountryCode 1 -CustomMessage 'Code: {{code}}' -ErrorAction Stop } |
            Should -Throw -ErrorId 'Authy.60021,*' -ExpectedMessage '*custom messages are not allowed*'
        $failure = $null
        try { Start-AuthyPhoneVerification -PhoneNumber '555-123-4567' -CountryCode 1 -CustomMessage 'Code: {{code}}' -ErrorAction Stop } catch { $failure = $_ }
        $failure.CategoryInfo.Category | Should -Be 'NotEnabled'
        Get-VerificationMessages '555-123-4567' 1 | Should -BeNullOrEmpty
        # Without the custom message it goes through.
        Start-AuthyPhoneVerification -PhoneNumber '555-123-4567' -CountryCode 1 | Should -Not -BeNullOrEmpty
    }
}
