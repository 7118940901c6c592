# Every output type of the module, made against the emulator, written with Export-Csv / ConvertTo-Csv: readable
# cells (lists ';'-joined, nested objects as their key fields, never a type name), and Import-Csv of the file pipes
# back into the cmdlets by property name.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-AuthyUnderTest
    $script:outputs = @{}

    function script:Add-Output($object) {
        foreach ($item in @($object)) { $outputs[$item.GetType().FullName] = $item }
    }

    # Export enabled, so Export-AuthyTotpSecret gives an object too.
    $script:emulator = Start-TestEmulator -Options @{ EnableSecretExport = $true }

    $user = New-AuthyUser -Email 'margaret.hamilton@example.com' -Cellphone '555-123-0042' -CountryCode 1
    Add-Output $user
    # The app on two devices, so the status lists more than one.
    Invoke-EmulatorControl -Url $emulator.Url -Path "/_emulator/users/$($user.AuthyId)/app?os_type=android" -Method POST | Out-Null
    Invoke-EmulatorControl -Url $emulator.Url -Path "/_emulator/users/$($user.AuthyId)/app?os_type=iphone" -Method POST | Out-Null
    Add-Output ($user | Get-AuthyUser)
    Add-Output ($user | Send-AuthySms -Force)
    Add-Output ($user | Test-AuthyToken -Token 0000000 -Detailed)
    Add-Output ($user | Register-AuthyUserActivity -Type cookie_login)
    Add-Output ($user | New-AuthyQrCode)
    Add-Output ($user | Export-AuthyTotpSecret -AsPlainText)

    $request = $user | New-AuthyApprovalRequest -Message 'Log in' -Details ([ordered]@{ 'IP address' = '203.0.113.7'; Browser = 'Firefox' }) `
        -HiddenDetails @{ session = 's-42' } -Logo 'https://example.com/logo.png', ([Authy.Models.AuthyLogo]::new('low', 'https://example.com/low.png'))
    Invoke-EmulatorControl -Url $emulator.Url -Path "/_emulator/approval_requests/$($request.Uuid)/approve" -Method POST | Out-Null
    $script:createdRequest = $request
    Add-Output ($request | Get-AuthyApprovalStatus)

    $verification = Start-AuthyPhoneVerification -PhoneNumber '555-987-6543' -CountryCode 1 -Via sms
    Add-Output $verification
    Add-Output (Test-AuthyPhoneVerification -PhoneNumber '555-987-6543' -CountryCode 1 -Code 0000 -Detailed)
    Add-Output (Get-AuthyPhoneVerificationStatus -PhoneNumber '555-987-6543' -CountryCode 1)
    Add-Output (Get-AuthyPhoneInfo -PhoneNumber '555-987-0001' -CountryCode 1)
    Add-Output (Get-AuthyApplication)
    Add-Output (Get-AuthyApplicationStatistics | Select-Object -First 1)
    Add-Output (Get-AuthyConnection)
    Add-Output ($user | Remove-AuthyUser -Force -PassThru)
    # Twilio Verify, connected by Start-AuthyEmulator: one-time codes, services, Lookup, and the TOTP half.
    $sent = Send-TwilioVerification -To '+15551230900' -Force
    Add-Output $sent
    Add-Output ($sent | Test-TwilioVerification -Code 0000 -Detailed)
    Add-Output (Get-TwilioVerifyService -Current)
    Add-Output (Get-TwilioPhoneInfo '+12015550123')
    Add-Output (Get-TwilioVerifyConnection)
    $factor = New-TwilioVerifyFactor -Identity 'csv-export-0001' -FriendlyName 'Ann''s phone' -Force
    $script:createdFactor = $factor
    Add-Output $factor
    $code = (Invoke-EmulatorControl -Url $emulator.Url -Path "/_emulator/verify/factors/$($factor.Sid)/code").code
    $null = $factor | Confirm-TwilioVerifyFactor -Code $code
    Add-Output ($factor | Test-TwilioVerifyTotp -Code $code -Detailed)
    Add-Output (Get-TwilioVerifyEntity -Identity 'csv-export-0001')

    # Start-AuthyEmulator -PassThru gives the one type made without a request: the object Start-TestEmulator saw.
    Add-Output ([Authy.Models.AuthyEmulator]@{ Url = $emulator.Url; ProcessId = $emulator.ProcessId; ApiKey = '****' + $emulator.KeyText.Substring($emulator.KeyText.Length - 4) })

    $script:declared = @(Get-Command -Module Authy -CommandType Cmdlet | ForEach-Object OutputType | ForEach-Object Type |
            Where-Object { $_ -and $_.Namespace -in 'Authy.Models', 'Authy.Verify.Models' } | ForEach-Object FullName | Sort-Object -Unique)
}

AfterAll {
    Stop-AuthyEmulator
}

Describe 'Export-Csv of every output type' {
    It 'covers every type the cmdlets declare in [OutputType]' {
        $missing = @($declared | Where-Object { -not $outputs.ContainsKey($_) })
        $missing | Should -BeNullOrEmpty
    }

    It 'writes no type name in any cell of <_>' -ForEach @(
        'Authy.Models.AuthyUser', 'Authy.Models.AuthyUserStatus', 'Authy.Models.AuthyTokenDelivery', 'Authy.Models.AuthyTokenVerification',
        'Authy.Models.AuthyOperationResult', 'Authy.Models.AuthyQrCode', 'Authy.Models.AuthyTotpSecret', 'Authy.Models.AuthyApprovalRequest',
        'Authy.Models.AuthyPhoneVerification', 'Authy.Models.AuthyPhoneVerificationCheck', 'Authy.Models.AuthyPhoneVerificationStatus',
        'Authy.Models.AuthyPhoneInfo', 'Authy.Models.AuthyApplication', 'Authy.Models.AuthyMonthlyStatistics', 'Authy.Models.AuthyConnection',
        'Authy.Models.AuthyEmulator', 'Authy.Verify.Models.TwilioVerification', 'Authy.Verify.Models.TwilioVerificationCheck',
        'Authy.Verify.Models.TwilioVerifyService', 'Authy.Verify.Models.TwilioPhoneInfo', 'Authy.Verify.Models.TwilioVerifyConnection',
        'Authy.Verify.Models.TwilioVerifyFactor', 'Authy.Verify.Models.TwilioVerifyEntity', 'Authy.Verify.Models.TwilioVerifyChallenge'
    ) {
        $outputs.ContainsKey($_) | Should -BeTrue -Because "the setup should have produced an $_"
        $csv = $outputs[$_] | ConvertTo-Csv -NoTypeInformation | Out-String
        $csv | Should -Not -Match 'System\.|Authy\.Models|Collections\.Generic|\[\]' -Because "every cell of $_ should be a value: $csv"
    }

    It 'joins a user''s devices with ;' {
        $status = $outputs['Authy.Models.AuthyUserStatus']
        $status.Devices.Count | Should -BeGreaterOrEqual 2 -Because 'the user has the app on two devices'
        $row = $status | ConvertTo-Csv -NoTypeInformation | ConvertFrom-Csv
        $row.Devices | Should -Be 'android;iphone'
        $row.Devices | Should -Be ($status.Devices -join ';')
        $row.DetailedDevices | Should -Be (($status.DetailedDevices | ForEach-Object OsType) -join ';')
    }

    It 'keeps the devices a list at the prompt' {
        $status = $outputs['Authy.Models.AuthyUserStatus']
        $status.Devices[0] | Should -BeOfType [string]
        @($status.Devices | Where-Object { $_ }).Count | Should -Be $status.Devices.Count
        ($status | ConvertTo-Json -Depth 3 | ConvertFrom-Json).Devices | Should -Be @($status.Devices)
    }

    It 'writes OneTouch details as key=value pairs and logos as res: url, joined with ;' {
        $row = $createdRequest | ConvertTo-Csv -NoTypeInformation | ConvertFrom-Csv
        $row.Details | Should -Be 'IP address=203.0.113.7;Browser=Firefox'
        $row.HiddenDetails | Should -Be 'session=s-42'
        $row.Logos | Should -Be 'default: https://example.com/logo.png;low: https://example.com/low.png'
        $createdRequest.Details['IP address'] | Should -Be '203.0.113.7'
    }

    It 'leaves the SecureString out of a TOTP export, keeping the seed text -AsPlainText asked for' {
        $seed = $outputs['Authy.Models.AuthyTotpSecret']
        $row = $seed | ConvertTo-Csv -NoTypeInformation | ConvertFrom-Csv
        $row.PSObject.Properties.Name | Should -Not -Contain 'Secret'
        $row.PlainTextSecret | Should -Be $seed.PlainTextSecret
        $seed.Secret | Should -BeOfType [securestring]
    }

    It 'leaves a new factor''s secret and otpauth URI out of its export, keeping them on the object' {
        $row = $createdFactor | ConvertTo-Csv -NoTypeInformation | ConvertFrom-Csv
        $row.PSObject.Properties.Name | Should -Not -Contain 'Secret'
        $row.PSObject.Properties.Name | Should -Not -Contain 'BindingUri'
        $row.Sid | Should -Be $createdFactor.Sid
        $row.TimeStep | Should -Be 30
        $createdFactor.Secret | Should -BeOfType [securestring]
        $createdFactor.BindingUri | Should -BeOfType [securestring]
    }
}

Describe 'Import-Csv of an export' {
    BeforeAll {
        Connect-Authy -ApiKey $emulator.Key -ApiUrl $emulator.Url
        $script:folder = Join-Path ([IO.Path]::GetTempPath()) ("authy-csv-" + [guid]::NewGuid().ToString('N'))
        New-Item -ItemType Directory -Path $folder | Out-Null
    }
    AfterAll { Remove-Item -Recurse -Force $folder -ErrorAction SilentlyContinue }

    It 'pipes a New-AuthyUser report back into Get-AuthyUser' {
        $created = @(
            New-AuthyUser -Email 'margaret.hamilton@example.com' -Cellphone '555-123-0100' -CountryCode 1
            New-AuthyUser -Email 'grace.hopper@example.com' -Cellphone '555-123-0101' -CountryCode 1
        )
        $path = Join-Path $folder 'created.csv'
        $created | Export-Csv $path -NoTypeInformation
        $rows = @(Import-Csv $path)
        $rows.Email | Should -Be $created.Email
        $rows.Cellphone | Should -Be $created.Cellphone
        $rows.CountryCode | Should -Be $created.CountryCode
        $statuses = @($rows | Get-AuthyUser)
        $statuses.AuthyId | Should -Be $created.AuthyId
    }

    It 'pipes a Get-AuthyUser report back into the user cmdlets, the devices readable' {
        $user = New-AuthyUser -Email 'ada@example.com' -Cellphone '555-123-0102' -CountryCode 1
        Invoke-EmulatorControl -Url $emulator.Url -Path "/_emulator/users/$($user.AuthyId)/app?os_type=android" -Method POST | Out-Null
        Invoke-EmulatorControl -Url $emulator.Url -Path "/_emulator/users/$($user.AuthyId)/app?os_type=authy_chrome" -Method POST | Out-Null
        $path = Join-Path $folder 'status.csv'
        $user | Get-AuthyUser | Export-Csv $path -NoTypeInformation
        $row = Import-Csv $path
        $row.AuthyId | Should -Be $user.AuthyId
        $row.Devices -split ';' | Should -Be @('android', 'authy_chrome')
        ($row | Send-AuthySms -Force).Sent | Should -BeTrue
    }

    It 'pipes an approval request report back into Get-AuthyApprovalStatus' {
        $path = Join-Path $folder 'requests.csv'
        $createdRequest | Export-Csv $path -NoTypeInformation
        (Import-Csv $path | Get-AuthyApprovalStatus).Status | Should -Be 'approved'
    }

    It 'writes a push challenge''s fields and hidden details as key=value pairs, and pipes the report back into Get-TwilioVerifyChallenge' {
        $factor = Invoke-EmulatorControl -Url $emulator.Url -Path '/_emulator/verify/push_factors?identity=csv-push-0001' -Method POST
        $challenge = New-TwilioVerifyChallenge -Identity $factor.identity -FactorSid $factor.sid -Message 'Sign in?' `
            -Details ([ordered]@{ Location = 'Lisbon'; IP = '203.0.113.7' }) -HiddenDetails @{ session = 's-42' } -Force
        $csv = $challenge | ConvertTo-Csv -NoTypeInformation | Out-String
        $csv | Should -Not -Match 'System\.|Authy\.|Collections\.Generic|\[\]' -Because "every cell should be a value: $csv"
        $row = $csv | ConvertFrom-Csv
        $row.Fields | Should -Be 'Location=Lisbon;IP=203.0.113.7'
        $row.HiddenDetails | Should -Be 'session=s-42'
        $challenge.Fields[1].Key | Should -Be 'IP'
        $path = Join-Path $folder 'challenges.csv'
        $challenge | Export-Csv $path -NoTypeInformation
        Invoke-EmulatorControl -Url $emulator.Url -Path "/_emulator/verify/challenges/$($challenge.Sid)/approve" -Method POST | Out-Null
        (Import-Csv $path | Get-TwilioVerifyChallenge).Status | Should -Be 'approved'
    }

    It 'pipes a factor report back into Get-TwilioVerifyFactor and an entity report into Get-TwilioVerifyFactor' {
        $path = Join-Path $folder 'factors.csv'
        $createdFactor | Export-Csv $path -NoTypeInformation
        (Import-Csv $path | Get-TwilioVerifyFactor).Status | Should -Be 'verified'
        $entities = Join-Path $folder 'entities.csv'
        Get-TwilioVerifyEntity -Identity 'csv-export-0001' | Export-Csv $entities -NoTypeInformation
        # The row's Sid is the entity's YE SID, which is not taken for a factor's: the entity's factors are listed.
        (Import-Csv $entities | Get-TwilioVerifyFactor).Sid | Should -Be $createdFactor.Sid
    }

    It 'pipes a phone verification report back into Get-AuthyPhoneVerificationStatus' {
        $started = Start-AuthyPhoneVerification -PhoneNumber '555-987-6500' -CountryCode 1 -Via sms
        $path = Join-Path $folder 'verifications.csv'
        $started | Export-Csv $path -NoTypeInformation
        (Import-Csv $path | Get-AuthyPhoneVerificationStatus).Status | Should -Be 'pending'
    }
}
