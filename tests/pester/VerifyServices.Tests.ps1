# Twilio Verify services (docs/api/verify.md §4.1) and lazy meta paging (section 3) end to end: the built module
# against the emulator's Verify side.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-AuthyUnderTest

    $script:EmulatorService = 'VA00000000000000000000000000000001'

    function script:Get-ServiceRequests { @(Get-EmulatorRequests $emulator.Url | Where-Object path -Like '/v2/Services*') }
    function script:Get-ListRequests { @(Get-ServiceRequests | Where-Object { $_.method -eq 'GET' -and $_.path -eq '/v2/Services' }) }

    $script:emulator = Start-TestEmulator
}

AfterAll {
    Stop-AuthyEmulator
}

Describe 'Get-TwilioVerifyService paging' {
    BeforeEach {
        # A reset forgets the services created; the log then holds only the list requests of the test.
        Reset-Emulator $emulator.Url
        1..5 | ForEach-Object { [pscustomobject]@{ FriendlyName = "Paging test $_" } } | New-TwilioVerifyService -Force | Out-Null
        $script:total = @(Get-TwilioVerifyService).Count
        $script:before = @(Get-ListRequests).Count
    }

    It 'lists every service across pages of -PageSize 2, one request per page' {
        $total | Should -BeGreaterOrEqual 6
        $services = @(Get-TwilioVerifyService -PageSize 2)
        $services.Count | Should -Be $total
        @($services.Sid | Sort-Object -Unique).Count | Should -Be $total
        $services[0] | Should -BeOfType 'Authy.Verify.Models.TwilioVerifyService'
        $services.FriendlyName | Should -Contain 'Paging test 5'
        $requests = @(Get-ListRequests | Select-Object -Skip $before)
        $requests.Count | Should -Be ([math]::Ceiling($total / 2))
        $requests[0].query | Should -Match 'PageSize=2'
        $requests[1].query | Should -Match 'PageToken='
    }

    It 'fetches one page only for Select-Object -First 1' {
        $first = Get-TwilioVerifyService -PageSize 2 | Select-Object -First 1
        $first.Sid | Should -Match '^VA[0-9a-f]{32}$'
        @(Get-ListRequests).Count - $before | Should -Be 1
    }

    It 'fetches two pages for Select-Object -First 3' {
        @(Get-TwilioVerifyService -PageSize 2 | Select-Object -First 3).Count | Should -Be 3
        @(Get-ListRequests).Count - $before | Should -Be 2
    }

    It 'refuses -PageSize outside 1 to 1000 before any request' -ForEach @(0, 1001) {
        $logged = @(Get-ServiceRequests).Count
        { Get-TwilioVerifyService -PageSize $_ } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*'
        @(Get-ServiceRequests).Count | Should -Be $logged
    }
}

Describe 'Get-, New- and Set-TwilioVerifyService' {
    BeforeEach {
        Reset-Emulator $emulator.Url
    }

    It 'gets the session''s service with -Current, and one by -ServiceSid' {
        (Get-TwilioVerifyService -Current).Sid | Should -Be $EmulatorService
        $service = Get-TwilioVerifyService -ServiceSid $EmulatorService
        $service.Sid | Should -Be $EmulatorService
        $service.FriendlyName | Should -Not -BeNullOrEmpty
    }

    It 'creates a service with its code length and TOTP settings, sent as Twilio''s form names' {
        $service = New-TwilioVerifyService -FriendlyName 'Contoso sign-in' -CodeLength 8 -TotpIssuer 'Contoso' -TotpTimeStep 45 -TotpCodeLength 7 -TotpSkew 2 -Force
        $service.Sid | Should -Match '^VA[0-9a-f]{32}$'
        $service.FriendlyName | Should -Be 'Contoso sign-in'
        $service.CodeLength | Should -Be 8
        $service.TotpIssuer | Should -Be 'Contoso'
        $service.TotpTimeStep | Should -Be 45
        $service.TotpCodeLength | Should -Be 7
        $service.TotpSkew | Should -Be 2
        $create = @(Get-ServiceRequests | Where-Object method -eq 'POST')
        $create.Count | Should -Be 1
        $create[0].parameters.'Totp.Issuer' | Should -Be 'Contoso'
        $create[0].parameters.'Totp.TimeStep' | Should -Be '45'
        (Get-TwilioVerifyService -ServiceSid $service.Sid).TotpSkew | Should -Be 2
    }

    It 'changes only the settings given, by -ServiceSid or a piped service' {
        $service = New-TwilioVerifyService 'Set test' -CodeLength 6 -Force
        $changed = $service | Set-TwilioVerifyService -CodeLength 9 -Force
        $changed.Sid | Should -Be $service.Sid
        $changed.CodeLength | Should -Be 9
        $changed.FriendlyName | Should -Be 'Set test'
        $renamed = Set-TwilioVerifyService -ServiceSid $service.Sid -FriendlyName 'Set test renamed' -TotpIssuer 'Renamed' -Force
        $renamed.FriendlyName | Should -Be 'Set test renamed'
        $renamed.TotpIssuer | Should -Be 'Renamed'
        $renamed.CodeLength | Should -Be 9
        $update = @(Get-ServiceRequests | Where-Object { $_.method -eq 'POST' -and $_.path -eq "/v2/Services/$($service.Sid)" })
        $update.Count | Should -Be 2
        $update[0].parameters.PSObject.Properties.Name | Should -Be 'CodeLength'
    }

    It 'changes nothing under -WhatIf' {
        New-TwilioVerifyService -FriendlyName 'WhatIf test' -WhatIf
        Set-TwilioVerifyService -CodeLength 9 -WhatIf
        Get-ServiceRequests | Should -BeNullOrEmpty
    }

    It 'reports an unknown service as TwilioVerify.20404' {
        { Get-TwilioVerifyService -ServiceSid 'VA0123456789abcdef0123456789abcdef' -ErrorAction Stop } | Should -Throw -ErrorId 'TwilioVerify.20404*'
    }

    It 'refuses hostile input before any request: <Name>' -ForEach @(
        @{ Name = 'a path as service SID'; Call = { Get-TwilioVerifyService -ServiceSid '../Services/VA00000000000000000000000000000001' } }
        @{ Name = 'a short service SID'; Call = { Set-TwilioVerifyService -ServiceSid 'VA123' -CodeLength 6 -Force } }
        @{ Name = 'a verification SID as service SID'; Call = { Get-TwilioVerifyService -ServiceSid 'VE00000000000000000000000000000001' } }
        @{ Name = 'a line break in the friendly name'; Call = { New-TwilioVerifyService -FriendlyName "Contoso`r`nX-Injected: 1" -Force } }
        @{ Name = 'a bidi override in the friendly name'; Call = { New-TwilioVerifyService -FriendlyName "Bank$([char]0x202E)evil" -Force } }
        @{ Name = 'a name too long'; Call = { New-TwilioVerifyService -FriendlyName ('x' * 31) -Force } }
        @{ Name = 'a blank name'; Call = { [pscustomobject]@{ FriendlyName = '   ' } | New-TwilioVerifyService -Force } }
        @{ Name = 'a control character in the issuer'; Call = { Set-TwilioVerifyService -TotpIssuer "Con`0toso" -Force } }
        @{ Name = 'a code length of 3'; Call = { New-TwilioVerifyService -FriendlyName 'Contoso' -CodeLength 3 -Force } }
        @{ Name = 'a TOTP time step of 61'; Call = { Set-TwilioVerifyService -TotpTimeStep 61 -Force } }
        @{ Name = 'a TOTP skew of 3'; Call = { Set-TwilioVerifyService -TotpSkew 3 -Force } }
    ) {
        $failures = @(try { & $Call 2>&1 | Where-Object { $_ -is [Management.Automation.ErrorRecord] } } catch { $_ })
        $failures.Count | Should -BeGreaterThan 0
        $failures[0].FullyQualifiedErrorId | Should -Not -BeLike 'TwilioVerify.[0-9]*'
        Get-ServiceRequests | Should -BeNullOrEmpty
    }

    It 'keeps the auth token out of every stream' {
        $out = & { Get-TwilioVerifyService -PageSize 1 -Verbose; Get-TwilioVerifyService -ServiceSid 'VA0123456789abcdef0123456789abcdef' -Verbose -ErrorAction Continue } *>&1 | Out-String
        $out | Should -Not -Match 'VerifyEmulatorDemoToken'
    }
}
