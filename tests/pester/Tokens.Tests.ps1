# Tokens end to end (docs/api/authy.md §2.4–§2.10): send by SMS, call and email, verify, and the user
# changes around them (QR code, activity, email), with the built module against a running emulator.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-AuthyUnderTest
    $script:emulator = Start-TestEmulator

    # The code of the last message of a channel the emulator "sent" to a user.
    function Get-SentCode([long] $AuthyId, [string] $Channel) {
        $messages = @((Invoke-EmulatorControl -Url $emulator.Url -Path "/_emulator/messages?authy_id=$AuthyId&channel=$Channel").messages)
        if ($messages.Count -eq 0) { throw "No $Channel message for user $AuthyId." }
        $messages[-1].code
    }

    function Get-SentMessages([long] $AuthyId) {
        @((Invoke-EmulatorControl -Url $emulator.Url -Path "/_emulator/messages?authy_id=$AuthyId").messages)
    }

    # The user installs the Authy app: SMS and calls are then ignored unless forced.
    function Install-App([long] $AuthyId) {
        Invoke-EmulatorControl -Url $emulator.Url -Path "/_emulator/users/$AuthyId/app" -Method POST | Out-Null
    }

    function New-TestUser([string] $Phone = '555-123-4567') {
        New-AuthyUser -Email "user$($Phone -replace '\D')@example.com" -Cellphone $Phone -CountryCode 1
    }

    # The API requests whose path ends as given (the control API is not logged).
    function Get-ApiRequests([string] $PathLike) {
        @(Get-EmulatorRequests $emulator.Url | Where-Object path -Like $PathLike)
    }
}

AfterAll {
    Stop-AuthyEmulator
}

Describe 'Send-AuthySms, Invoke-AuthyCall, Send-AuthyEmail, Test-AuthyToken' {
    BeforeEach {
        Reset-Emulator $emulator.Url
        Connect-Authy -ApiKey $emulator.Key -ApiUrl $emulator.Url
    }

    It 'sends an SMS to a user without the app, and the code verifies once' {
        $user = New-TestUser
        $delivery = Send-AuthySms -AuthyId $user.AuthyId
        $delivery | Should -BeOfType 'Authy.Models.AuthyTokenDelivery'
        $delivery.AuthyId | Should -Be $user.AuthyId
        $delivery.Channel | Should -Be 'sms'
        $delivery.Sent | Should -BeTrue
        $delivery.Ignored | Should -BeFalse
        $delivery.Cellphone | Should -Be '+1-XXX-XXX-XX67'
        $delivery.Device | Should -BeNullOrEmpty
        $delivery.Message | Should -Be 'SMS token was sent'
        (Get-ApiRequests '*/sms/*')[0].query | Should -Not -Match 'force'

        $code = Get-SentCode $user.AuthyId 'sms'
        $code | Should -Match '^\d{7}$'
        Test-AuthyToken -AuthyId $user.AuthyId -Token $code | Should -BeExactly $true
        # Used once: Authy refuses it afterwards (60019), which is $false, not an error record.
        $again = Test-AuthyToken -AuthyId $user.AuthyId -Token $code -ErrorVariable failures
        $again | Should -BeExactly $false
        $failures | Should -BeNullOrEmpty
        $detail = Test-AuthyToken -AuthyId $user.AuthyId -Token $code -Detailed
        $detail | Should -BeOfType 'Authy.Models.AuthyTokenVerification'
        $detail.IsValid | Should -BeFalse
        $detail.ErrorCode | Should -Be '60019'
        $detail.Message | Should -Match 'used recently'
        (Get-ApiRequests '*/verify/*')[0].query | Should -Match 'force=true'
    }

    It 'is ignored for a user with the app, and sent when forced' {
        $user = New-TestUser
        Install-App $user.AuthyId

        $ignored = $user | Send-AuthySms -ErrorVariable failures
        $failures | Should -BeNullOrEmpty
        $ignored.Ignored | Should -BeTrue
        $ignored.Sent | Should -BeFalse
        $ignored.Device | Should -Be 'android'
        $ignored.Message | Should -BeLike 'Ignored: SMS is not needed for smartphones.*'
        @(Get-SentMessages $user.AuthyId | Where-Object channel -EQ 'sms').Count | Should -Be 0

        $forced = $user | Send-AuthySms -Force
        $forced.Sent | Should -BeTrue
        $forced.Ignored | Should -BeFalse
        (Get-ApiRequests '*/sms/*')[-1].query | Should -Match 'force=true'

        $code = Get-SentCode $user.AuthyId 'sms'
        $result = Test-AuthyToken -AuthyId $user.AuthyId -Token $code -Detailed
        $result.IsValid | Should -BeTrue
        $result.ErrorCode | Should -BeNullOrEmpty
        $result.Message | Should -Be 'Token is valid.'
        $result.Device.OsType | Should -Be 'sms'
    }

    It 'calls a user without the app, ignores the call for one with it, and calls when forced' {
        $user = New-TestUser
        $call = Invoke-AuthyCall -AuthyId $user.AuthyId
        $call.Channel | Should -Be 'call'
        $call.Sent | Should -BeTrue
        $call.Message | Should -Be 'Call started...'
        Test-AuthyToken -AuthyId $user.AuthyId -Token (Get-SentCode $user.AuthyId 'call') | Should -BeTrue

        Install-App $user.AuthyId
        $ignored = Invoke-AuthyCall -AuthyId $user.AuthyId
        $ignored.Ignored | Should -BeTrue
        # The double space in "using  App" is Authy's own text (2.7) and is kept as sent.
        $ignored.Message | Should -BeLike 'Call ignored. User is using  App Tokens*'
        @(Get-SentMessages $user.AuthyId | Where-Object channel -EQ 'call').Count | Should -Be 1

        $forced = Invoke-AuthyCall -AuthyId $user.AuthyId -Force
        $forced.Sent | Should -BeTrue
        @(Get-SentMessages $user.AuthyId | Where-Object channel -EQ 'call').Count | Should -Be 2
    }

    It 'emails a token that verifies' {
        $user = New-TestUser
        $mail = $user | Send-AuthyEmail
        $mail.Channel | Should -Be 'email'
        $mail.Sent | Should -BeTrue
        $mail.Email | Should -Be $user.Email
        $mail.EmailId | Should -Match '^EM'
        Test-AuthyToken -AuthyId $user.AuthyId -Token (Get-SentCode $user.AuthyId 'email') | Should -BeTrue
    }

    It 'sends the action and action message, and the token then verifies only with that action' {
        $user = New-TestUser
        Send-AuthySms -AuthyId $user.AuthyId -Action 'login' -ActionMessage 'Sign in to Example' -Locale 'es' | Out-Null
        $sent = (Get-ApiRequests '*/sms/*')[0].parameters
        $sent.action | Should -Be 'login'
        $sent.action_message | Should -Be 'Sign in to Example'
        $sent.locale | Should -Be 'es'

        $code = Get-SentCode $user.AuthyId 'sms'
        Test-AuthyToken -AuthyId $user.AuthyId -Token $code -Action 'other' | Should -BeFalse
        Test-AuthyToken -AuthyId $user.AuthyId -Token $code -Action 'login' | Should -BeTrue
    }

    It 'answers $false for a wrong token, without an error record' {
        $user = New-TestUser
        Send-AuthySms -AuthyId $user.AuthyId | Out-Null
        $code = Get-SentCode $user.AuthyId 'sms'
        $wrong = if ($code -eq '1234567') { '7654321' } else { '1234567' }

        $result = Test-AuthyToken -AuthyId $user.AuthyId -Token $wrong -ErrorVariable failures
        $result | Should -BeExactly $false
        $failures | Should -BeNullOrEmpty
        $detail = Test-AuthyToken -AuthyId $user.AuthyId -Token $wrong -Detailed
        $detail.IsValid | Should -BeFalse
        $detail.ErrorCode | Should -Be '60020'
        # The wrong tries did not use up the right token.
        Test-AuthyToken -AuthyId $user.AuthyId -Token $code | Should -BeTrue
    }

    It 'keeps leading zeros of a token' {
        $user = New-TestUser
        Test-AuthyToken -AuthyId $user.AuthyId -Token '0012345' | Should -BeFalse
        (Get-ApiRequests '*/verify/*')[0].path | Should -BeLike "*/verify/0012345/$($user.AuthyId)"
    }

    It 'reports an unknown user as error Authy.60026' {
        { Test-AuthyToken -AuthyId 424242 -Token '1234567' -ErrorAction Stop } | Should -Throw -ErrorId 'Authy.60026,*'
        Test-AuthyToken -AuthyId 424242 -Token '1234567' -ErrorVariable failures -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        { Send-AuthySms -AuthyId 424242 -ErrorAction Stop } | Should -Throw -ErrorId 'Authy.60026,*'
        { Invoke-AuthyCall -AuthyId 424242 -ErrorAction Stop } | Should -Throw -ErrorId 'Authy.60026,*'
        { Send-AuthyEmail -AuthyId 424242 -ErrorAction Stop } | Should -Throw -ErrorId 'Authy.60026,*'
    }

    It 'reports a wrong key as an error, not as $false' {
        $user = New-TestUser
        Connect-Authy -ApiKey (ConvertTo-SecureString 'wrong-key-0000000000000000000000' -AsPlainText -Force) -ApiUrl $emulator.Url
        { Test-AuthyToken -AuthyId $user.AuthyId -Token '1234567' -ErrorAction Stop } | Should -Throw -ErrorId 'Authy.60001,*'
        { Send-AuthySms -AuthyId $user.AuthyId -ErrorAction Stop } | Should -Throw -ErrorId 'Authy.60001,*'
    }

    It 'accepts any token of an unconfirmed user only with -AllowUnconfirmed' {
        $user = New-TestUser
        Test-AuthyToken -AuthyId $user.AuthyId -Token '1234567' | Should -BeFalse
        Test-AuthyToken -AuthyId $user.AuthyId -Token '1234567' -AllowUnconfirmed | Should -BeTrue
        (Get-ApiRequests '*/verify/*')[1].query | Should -Not -Match 'force'
    }

    It 'sends nothing with -WhatIf' {
        $user = New-TestUser
        $user | Send-AuthySms -WhatIf | Should -BeNullOrEmpty
        $user | Send-AuthySms -Force -WhatIf | Should -BeNullOrEmpty
        $user | Invoke-AuthyCall -WhatIf | Should -BeNullOrEmpty
        $user | Send-AuthyEmail -WhatIf | Should -BeNullOrEmpty
        Get-ApiRequests '*/sms/*' | Should -BeNullOrEmpty
        Get-ApiRequests '*/call/*' | Should -BeNullOrEmpty
        Get-ApiRequests '*/email/*' | Should -BeNullOrEmpty
        Get-SentMessages $user.AuthyId | Should -BeNullOrEmpty
    }

    It 'takes users from New-AuthyUser down the pipeline' {
        $delivery = New-AuthyUser -Email 'pipe@example.com' -Cellphone '555-000-0101' -CountryCode 44 | Send-AuthySms -Force
        $delivery.Sent | Should -BeTrue
        $delivery.Cellphone | Should -Be '+44-XXX-XXX-XX01'
        Get-SentCode $delivery.AuthyId 'sms' | Should -Match '^\d{7}$'
    }

    It 'takes ids from a CSV by property name, one outcome per row' {
        $ids = @(
            (New-TestUser '555-000-0201').AuthyId
            (New-TestUser '555-000-0202').AuthyId
        )
        $csv = Join-Path $TestDrive 'ids.csv'
        @('authy_id') + $ids + @('999999') | Set-Content -Path $csv

        $deliveries = @(Import-Csv $csv | Send-AuthySms -Force -ErrorVariable failures -ErrorAction SilentlyContinue)
        $deliveries.AuthyId | Should -Be $ids
        $deliveries.Sent | Should -Be @($true, $true)
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'Authy.60026,*'
        $failures[0].TargetObject.authy_id | Should -Be '999999'
    }

    It 'verifies AuthyId and Token (or Code) taken by property name' {
        $user = New-TestUser
        Send-AuthySms -AuthyId $user.AuthyId | Out-Null
        $code = Get-SentCode $user.AuthyId 'sms'
        $rows = @(
            [pscustomobject]@{ authy_id = "$($user.AuthyId)"; Code = '1111111' }
            [pscustomobject]@{ AuthyId = $user.AuthyId; Token = $code }
        )
        $results = @($rows | Test-AuthyToken)
        $results | Should -Be @($false, $true)
    }

    It 'refuses a malformed token before any request: <Token>' -ForEach @(
        @{ Token = '12345'; ErrorId = 'Authy.InvalidToken,*' }
        @{ Token = 'abcdefg'; ErrorId = 'Authy.InvalidToken,*' }
        @{ Token = '12345678901'; ErrorId = 'Authy.InvalidToken,*' }
        @{ Token = ''; ErrorId = 'Authy.MissingValue,*' }
        @{ Token = '123 4567'; ErrorId = 'Authy.InvalidToken,*' }
        @{ Token = '../1234567'; ErrorId = 'Authy.InvalidToken,*' }
    ) {
        # Checked by the cmdlet, not at binding (a CSV row's bad token is that row's error): refused all the same.
        { Test-AuthyToken -AuthyId 1 -Token $Token -ErrorAction Stop } | Should -Throw -ErrorId $ErrorId
        Get-EmulatorRequests $emulator.Url | Should -BeNullOrEmpty
    }

    It 'refuses an action of more than 255 characters before any request' {
        { Send-AuthySms -AuthyId 1 -Action ('a' * 256) -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
        { Invoke-AuthyCall -AuthyId 1 -ActionMessage ('a' * 256) -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
        { Test-AuthyToken -AuthyId 1 -Token '1234567' -Action ('a' * 256) -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
        { Send-AuthySms -AuthyId 1 -Locale 'not a locale' -ErrorAction Stop } | Should -Throw -ErrorId 'Authy.InvalidLocale,*'
        Get-EmulatorRequests $emulator.Url | Should -BeNullOrEmpty
    }
}

Describe 'New-AuthyQrCode, Register-AuthyUserActivity, Set-AuthyUser' {
    BeforeEach {
        Reset-Emulator $emulator.Url
        Connect-Authy -ApiKey $emulator.Key -ApiUrl $emulator.Url
    }

    It 'creates a QR code with a label and size' {
        $user = New-TestUser
        $qr = $user | New-AuthyQrCode -Label 'Example App' -Size 200
        $qr | Should -BeOfType 'Authy.Models.AuthyQrCode'
        $qr.AuthyId | Should -Be $user.AuthyId
        $qr.QrCodeUrl | Should -Match '^https://'
        $qr.Label | Should -Be 'Example App'
        $qr.Size | Should -Be 200
        $sent = (Get-ApiRequests '*/secret')[0]
        $sent.method | Should -Be 'POST'
        $sent.parameters.qr_size | Should -Be '200'
        $sent.parameters.label | Should -Be 'Example App'
    }

    It 'creates a QR code with the defaults, and reports an unknown user' {
        (New-AuthyQrCode -AuthyId (New-TestUser).AuthyId).QrCodeUrl | Should -Not -BeNullOrEmpty
        (Get-ApiRequests '*/secret')[0].parameters.PSObject.Properties.Name | Should -Not -Contain 'qr_size'
        { New-AuthyQrCode -AuthyId 424242 -ErrorAction Stop } | Should -Throw -ErrorId 'Authy.60026,*'
    }

    It 'registers an activity with its data as data[...] parameters' {
        $user = New-TestUser
        $result = $user | Register-AuthyUserActivity -Type password_reset -UserIp '203.0.113.7' -Data ([ordered]@{ reason = 'forgot'; attempts_count = 3; confirmed = $true })
        $result | Should -BeOfType 'Authy.Models.AuthyOperationResult'
        $result.Success | Should -BeTrue
        $result.Message | Should -Be 'Activity was created.'
        $result.Operation | Should -Be 'Activity:password_reset'

        $sent = (Get-ApiRequests '*/register_activity')[0]
        $sent.parameters.type | Should -Be 'password_reset'
        $sent.parameters.user_ip | Should -Be '203.0.113.7'
        $sent.parameters.data.reason | Should -Be 'forgot'
        $sent.parameters.data.attempts_count | Should -Be '3'
        $sent.parameters.data.confirmed | Should -Be 'true'
    }

    It 'registers each activity type, sent in lower case' {
        $user = New-TestUser
        foreach ($type in 'password_reset', 'banned', 'unbanned', 'COOKIE_LOGIN') {
            (Register-AuthyUserActivity -AuthyId $user.AuthyId -Type $type).Success | Should -BeTrue
        }
        (Get-ApiRequests '*/register_activity').parameters.type | Should -Be @('password_reset', 'banned', 'unbanned', 'cookie_login')
    }

    It 'refuses an invalid activity before any request' {
        $user = New-TestUser
        $before = @(Get-EmulatorRequests $emulator.Url).Count
        { Register-AuthyUserActivity -AuthyId $user.AuthyId -Type 'password_change' -ErrorAction Stop } | Should -Throw -ErrorId 'Authy.InvalidActivityType,*'
        { Register-AuthyUserActivity -AuthyId $user.AuthyId -Type banned -UserIp 'not-an-ip' -ErrorAction Stop } | Should -Throw -ErrorId 'Authy.InvalidIpAddress,*'
        { Register-AuthyUserActivity -AuthyId $user.AuthyId -Type banned -Data @{ 'a[b]' = 1 } -ErrorAction Stop } | Should -Throw -ErrorId 'Authy.InvalidActivityData*'
        { Register-AuthyUserActivity -AuthyId $user.AuthyId -Type banned -Data @{ list = @(1, 2) } -ErrorAction Stop } | Should -Throw -ErrorId 'Authy.InvalidActivityData*'
        @(Get-EmulatorRequests $emulator.Url).Count | Should -Be $before
    }

    It 'reports an activity for an unknown user as Authy.60026, and -WhatIf sends nothing' {
        { Register-AuthyUserActivity -AuthyId 424242 -Type banned -ErrorAction Stop } | Should -Throw -ErrorId 'Authy.60026,*'
        $user = New-TestUser
        $user | Register-AuthyUserActivity -Type banned -WhatIf | Should -BeNullOrEmpty
        $user | New-AuthyQrCode -WhatIf | Should -BeNullOrEmpty
        Get-ApiRequests "*/users/$($user.AuthyId)/*" | Should -BeNullOrEmpty
    }

    It 'changes the email address of a user' {
        $user = New-TestUser
        $user | Set-AuthyUser -Email 'new@example.com' | Should -BeNullOrEmpty
        (Get-AuthyUser -AuthyId $user.AuthyId).Email | Should -Be 'new@example.com'

        $result = Set-AuthyUser -AuthyId $user.AuthyId -Email 'newer@example.com' -PassThru
        $result.Success | Should -BeTrue
        $result.Operation | Should -Be 'Update'
        $result.Message | Should -Be 'User was updated successfully'
        (Get-ApiRequests '*/update')[-1].parameters.email | Should -Be 'newer@example.com'
    }

    It 'refuses a bad email before any request, reports an unknown user, and -WhatIf sends nothing' {
        $user = New-TestUser
        { Set-AuthyUser -AuthyId $user.AuthyId -Email 'x@' -ErrorAction Stop } | Should -Throw -ErrorId 'Authy.InvalidEmail,*'
        $user | Set-AuthyUser -Email 'other@example.com' -WhatIf
        Get-ApiRequests '*/update' | Should -BeNullOrEmpty
        (Get-AuthyUser -AuthyId $user.AuthyId).Email | Should -Be $user.Email
        { Set-AuthyUser -AuthyId 424242 -Email 'a@example.com' -ErrorAction Stop } | Should -Throw -ErrorId 'Authy.60026,*'
    }
}
