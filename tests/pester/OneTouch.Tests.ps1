# OneTouch end to end: approval requests, status, waiting, and callback signatures, against the emulator.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-AuthyUnderTest
    $script:emulator = Start-TestEmulator

    $script:UuidPattern = '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'

    function script:New-TestUser([string] $Line = '0100') {
        New-AuthyUser -Email "onetouch$Line@example.com" -Cellphone "555-300-$Line" -CountryCode 1
    }

    function script:Send-Answer([string] $Url, [string] $Uuid, [ValidateSet('approve', 'deny')] [string] $Answer = 'approve') {
        Invoke-EmulatorControl -Url $Url -Path "/_emulator/approval_requests/$Uuid/$Answer" -Method POST
    }

    function script:Get-StatusReads([string] $Url, [string] $Uuid) {
        @(Get-EmulatorRequests $Url | Where-Object { $_.method -eq 'GET' -and $_.path -like "*/approval_requests/$Uuid" })
    }

    # Runs Wait-AuthyApprovalRequest in another runspace of this process, so the test can act while it waits.
    function script:Start-BackgroundWait {
        param([string] $Url, [securestring] $Key, [string] $Uuid, [double] $Timeout, [double] $PollInterval, [string] $Progress = 'Continue')
        $shell = [powershell]::Create()
        $null = $shell.AddScript({
            param($ModulePath, $Url, $Key, $Uuid, $Timeout, $PollInterval, $Progress)
            Import-Module (Join-Path $ModulePath 'Authy.psd1')
            Connect-Authy -ApiKey $Key -ApiUrl $Url
            $ProgressPreference = $Progress
            Wait-AuthyApprovalRequest -Uuid $Uuid -Timeout $Timeout -PollInterval $PollInterval
        }).AddParameters(@{
            ModulePath = $env:AUTHY_TEST_MODULE; Url = $Url; Key = $Key; Uuid = $Uuid
            Timeout = $Timeout; PollInterval = $PollInterval; Progress = $Progress
        })
        [pscustomobject]@{ Shell = $shell; Handle = $shell.BeginInvoke() }
    }

    # Returns once the background wait has read the request's status: a long poll on the emulator's request
    # log (only the background wait sends requests after -RequestsBefore), so no polling on a timer; its
    # 20 s bound only guards against a hang, and the check after it says what was missing.
    function script:Wait-StatusRead([string] $Url, [string] $Uuid, [int] $RequestsBefore) {
        $null = Invoke-EmulatorControl -Url $Url -Path "/_emulator/requests?wait_for=$($RequestsBefore + 1)&timeout_seconds=20"
        (Get-StatusReads $Url $Uuid).Count | Should -BeGreaterOrEqual 1 -Because 'the background wait has read the status'
    }
}

AfterAll {
    Stop-AuthyEmulator
}

Describe 'New-AuthyApprovalRequest and Get-AuthyApprovalStatus' {
    BeforeEach {
        Reset-Emulator $emulator.Url
        Connect-Authy -ApiKey $emulator.Key -ApiUrl $emulator.Url
    }

    It 'creates a request with details, hidden details, logos and a lifetime, encoded as Rack parameters' {
        $user = New-TestUser
        $details = [ordered]@{ 'Account Number' = '1,234'; Username = 'Ada Lovelace'; location = 'London, UK' }
        $logos = @(
            [Authy.Models.AuthyLogo]::new('default', 'https://example.com/logo.png')
            [Authy.Models.AuthyLogo]@{ Res = 'high'; Url = 'https://example.com/logo@2x.png' }
        )
        $request = New-AuthyApprovalRequest -AuthyId $user.AuthyId -Message 'Log in to Example?' -Details $details `
            -HiddenDetails @{ ip = '203.0.113.7' } -Logo $logos -ExpiresIn 120

        $request | Should -BeOfType 'Authy.Models.AuthyApprovalRequest'
        $request.Uuid | Should -Match $UuidPattern
        $request.AuthyId | Should -Be $user.AuthyId
        $request.Status | Should -Be 'pending'
        $request.Message | Should -Be 'Log in to Example?'
        $request.SecondsToExpire | Should -Be 120
        ($request.ExpiresAt - $request.CreatedAt) | Should -Be ([timespan]::FromSeconds(120))

        $sent = @(Get-EmulatorRequests $emulator.Url | Where-Object path -Like '*/approval_requests')
        $sent.Count | Should -Be 1
        $sent[0].method | Should -Be 'POST'
        $sent[0].parameters.message | Should -Be 'Log in to Example?'
        $sent[0].parameters.details.'Account Number' | Should -Be '1,234'
        $sent[0].parameters.details.Username | Should -Be 'Ada Lovelace'
        $sent[0].parameters.hidden_details.ip | Should -Be '203.0.113.7'
        $sent[0].parameters.logos.res | Should -Be @('default', 'high')
        $sent[0].parameters.logos.url | Should -Be @('https://example.com/logo.png', 'https://example.com/logo@2x.png')
        $sent[0].parameters.seconds_to_expire | Should -Be '120'
    }

    It 'pipes a new user into a request and the request into its status' {
        $status = New-TestUser | New-AuthyApprovalRequest -Message 'Approve the transfer?' | Get-AuthyApprovalStatus

        $status | Should -BeOfType 'Authy.Models.AuthyApprovalRequest'
        $status.Status | Should -Be 'pending'
        $status.ProcessedAt | Should -BeNullOrEmpty
        $status.CreatedAt | Should -Not -BeNullOrEmpty
        $status.UpdatedAt | Should -Not -BeNullOrEmpty
        $status.SecondsToExpire | Should -Be 86400
        $status.ExpiresAt | Should -Be $status.CreatedAt.AddDays(1)
        $status.Notified | Should -BeFalse
        $status.AppName | Should -Not -BeNullOrEmpty
        $status.UserEmail | Should -Be 'onetouch0100@example.com'
        $status.AuthyId | Should -BeGreaterThan 0
        $status.Uuid | Should -Match $UuidPattern
    }

    It 'takes a URL alone as a default logo and sends no lifetime unless asked' {
        $user = New-TestUser
        $null = New-AuthyApprovalRequest -AuthyId $user.AuthyId -Message 'Hi' -Logo 'https://example.com/x.png'
        $sent = Get-EmulatorRequests $emulator.Url | Where-Object path -Like '*/approval_requests'
        $sent.parameters.logos[0].res | Should -Be 'default'
        $sent.parameters.logos[0].url | Should -Be 'https://example.com/x.png'
        $sent.parameters.PSObject.Properties.Name | Should -Not -Contain 'seconds_to_expire'
    }

    It 'sends 0 for a request that never expires' {
        $request = New-TestUser | New-AuthyApprovalRequest -Message 'Forever' -ExpiresIn 0
        $request.ExpiresAt | Should -BeNullOrEmpty
        ($request | Get-AuthyApprovalStatus).SecondsToExpire | Should -Be 0
    }

    It 'shows <Answer> as status <Expected> with the time it was processed' -ForEach @(
        @{ Answer = 'approve'; Expected = 'approved' }
        @{ Answer = 'deny'; Expected = 'denied' }
    ) {
        $request = New-TestUser | New-AuthyApprovalRequest -Message 'Log in?'
        $null = Send-Answer $emulator.Url $request.Uuid $Answer

        $status = $request | Get-AuthyApprovalStatus
        $status.Status | Should -Be $Expected
        $status.ProcessedAt | Should -Not -BeNullOrEmpty
        $status.ProcessedAt | Should -BeGreaterOrEqual $status.CreatedAt
        $status.Device | Should -Not -BeNullOrEmpty
    }

    It 'sends nothing for -WhatIf' {
        $user = New-TestUser
        New-AuthyApprovalRequest -AuthyId $user.AuthyId -Message 'Log in?' -WhatIf | Should -BeNullOrEmpty
        @(Get-EmulatorRequests $emulator.Url | Where-Object path -Like '*/approval_requests').Count | Should -Be 0
    }

    It 'reports an unknown uuid as Authy.60049' {
        { Get-AuthyApprovalStatus -Uuid '550e8400-e29b-41d4-a716-446655440000' -ErrorAction Stop } |
            Should -Throw -ErrorId 'Authy.60049,*'
        Get-AuthyApprovalStatus -Uuid '550e8400-e29b-41d4-a716-446655440000' -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $failures[0].Exception.StatusCode | Should -Be 404
        $failures[0].Exception.Message | Should -Match 'Approval request not found'
    }

    It 'reports an unknown user as Authy.60026' {
        { New-AuthyApprovalRequest -AuthyId 424242 -Message 'Hi' -ErrorAction Stop } | Should -Throw -ErrorId 'Authy.60026,*'
    }

    It 'rejects the uuid <Uuid> before sending anything' -ForEach @(
        @{ Uuid = 'not-a-uuid' }
        @{ Uuid = '../../users/1/status' }
        @{ Uuid = '550e8400-e29b-41d4-a716-44665544000' }
        @{ Uuid = '550e8400e29b41d4a716446655440000' }
    ) {
        { Get-AuthyApprovalStatus -Uuid $Uuid -ErrorAction Stop } | Should -Throw -ErrorId 'Authy.InvalidUuid,*'
        { Wait-AuthyApprovalRequest -Uuid $Uuid -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
        Get-EmulatorRequests $emulator.Url | Should -BeNullOrEmpty
    }

    It 'takes a bare uuid piped in, and tells a record without a uuid column which columns give it' {
        $request = New-TestUser | New-AuthyApprovalRequest -Message 'Piped?'
        ($request.Uuid | Get-AuthyApprovalStatus).Status | Should -Be 'pending'
        $refused = $null
        [pscustomobject]@{ Name = 'Ann' } | Get-AuthyApprovalStatus -ErrorAction SilentlyContinue -ErrorVariable refused
        $refused.Count | Should -Be 1
        $refused[0].FullyQualifiedErrorId | Should -BeLike 'Authy.MissingValue,*'
        $refused[0].Exception.Message | Should -Match "'Uuid'"
    }

    It 'validates the message before sending: <Name>' -ForEach @(
        @{ Name = 'empty'; Message = ' '; ErrorId = 'Authy.MissingValue,*' }
        @{ Name = '201 characters'; Message = 'x' * 201; ErrorId = 'Authy.InvalidMessage,*' }
    ) {
        { New-AuthyApprovalRequest -AuthyId 1 -Message $Message -ErrorAction Stop } | Should -Throw -ErrorId $ErrorId
        Get-EmulatorRequests $emulator.Url | Should -BeNullOrEmpty
    }

    It 'accepts a message of exactly 200 characters' {
        $request = New-TestUser | New-AuthyApprovalRequest -Message ('y' * 200)
        $request.Status | Should -Be 'pending'
    }

    It 'validates before sending: <Name>' -ForEach @(
        @{ Name = 'detail key over 20 characters'; Splat = @{ Details = @{ ('k' * 21) = 'v' } }; ErrorId = 'Authy.InvalidDetails' }
        @{ Name = 'detail value over 200 characters'; Splat = @{ Details = @{ k = 'v' * 201 } }; ErrorId = 'Authy.InvalidDetails' }
        @{ Name = 'nested detail value'; Splat = @{ Details = @{ k = @{ inner = 1 } } }; ErrorId = 'Authy.InvalidDetails' }
        @{ Name = 'hidden detail key over 20 characters'; Splat = @{ HiddenDetails = @{ ('h' * 21) = 'v' } }; ErrorId = 'Authy.InvalidDetails' }
        @{ Name = 'plain http logo'; Splat = @{ Logo = 'http://example.com/x.png' }; ErrorId = 'Authy.InvalidLogo' }
        @{ Name = 'unknown logo resolution'; Splat = @{ Logo = @{ Res = 'huge'; Url = 'https://example.com/x.png' } }; ErrorId = 'Authy.InvalidLogo' }
        @{ Name = 'no default logo'; Splat = @{ Logo = @{ Res = 'low'; Url = 'https://example.com/x.png' } }; ErrorId = 'Authy.InvalidLogo' }
        @{ Name = 'logo URL over 500 characters'; Splat = @{ Logo = 'https://example.com/' + ('a' * 481) }; ErrorId = 'Authy.InvalidLogo' }
        @{ Name = 'negative lifetime'; Splat = @{ ExpiresIn = -1 }; ErrorId = 'Authy.InvalidExpiresIn' }
        @{ Name = 'fractional lifetime'; Splat = @{ ExpiresIn = 1.5 }; ErrorId = 'Authy.InvalidExpiresIn' }
    ) {
        $user = New-TestUser
        { New-AuthyApprovalRequest -AuthyId $user.AuthyId -Message 'Hi' @Splat -ErrorAction Stop } | Should -Throw -ErrorId "$ErrorId,*"
        @(Get-EmulatorRequests $emulator.Url | Where-Object path -Like '*/approval_requests').Count | Should -Be 0
    }
}

Describe 'Wait-AuthyApprovalRequest' {
    BeforeEach {
        Reset-Emulator $emulator.Url
        Connect-Authy -ApiKey $emulator.Key -ApiUrl $emulator.Url
    }

    It 'returns at once for a request answered before the wait' {
        $request = New-TestUser | New-AuthyApprovalRequest -Message 'Log in?'
        $null = Send-Answer $emulator.Url $request.Uuid 'approve'

        $clock = [Diagnostics.Stopwatch]::StartNew()
        $result = $request | Wait-AuthyApprovalRequest -Timeout 60 -PollInterval 30
        $clock.Stop()

        $result.Status | Should -Be 'approved'
        $clock.Elapsed.TotalSeconds | Should -BeLessThan 10
        (Get-StatusReads $emulator.Url $request.Uuid).Count | Should -Be 1
    }

    It 'returns as soon as the request is answered while it waits' {
        $request = New-TestUser | New-AuthyApprovalRequest -Message 'Log in?'
        $before = @(Get-EmulatorRequests $emulator.Url).Count
        $wait = Start-BackgroundWait -Url $emulator.Url -Key $emulator.Key -Uuid $request.Uuid -Timeout 120 -PollInterval 0.2
        try {
            Wait-StatusRead $emulator.Url $request.Uuid $before
            $wait.Handle.IsCompleted | Should -BeFalse -Because 'the request is still pending'
            # The bar is redrawn every half second: answer once it has shown the poll, or the answer may beat it.
            # Woken by each progress record the wait writes (DataAdded), not by a timer.
            $null = Register-ObjectEvent -InputObject $wait.Shell.Streams.Progress -EventName DataAdded -SourceIdentifier 'OneTouchWaitProgress'
            try {
                $shown = [Diagnostics.Stopwatch]::StartNew()
                while (-not @($wait.Shell.Streams.Progress | Where-Object StatusDescription -Match 'pending') -and $shown.Elapsed.TotalSeconds -lt 15) {
                    Wait-Event -SourceIdentifier 'OneTouchWaitProgress' -Timeout 15 | Remove-Event
                }
            }
            finally {
                Unregister-Event -SourceIdentifier 'OneTouchWaitProgress'
                Get-Event -SourceIdentifier 'OneTouchWaitProgress' -ErrorAction Ignore | Remove-Event
            }

            $null = Send-Answer $emulator.Url $request.Uuid 'deny'
            $wait.Handle.AsyncWaitHandle.WaitOne(15000) | Should -BeTrue -Because 'the wait ends within a few polls, long before its 120 s timeout'
            $result = @($wait.Shell.EndInvoke($wait.Handle))
            $result.Count | Should -Be 1
            $result[0].Status | Should -Be 'denied'
            $result[0].ProcessedAt | Should -Not -BeNullOrEmpty
            $wait.Shell.Streams.Error.Count | Should -Be 0
            $progress = @($wait.Shell.Streams.Progress | Where-Object RecordType -EQ 'Processing')
            $progress.Count | Should -BeGreaterThan 0
            # The first bar may come before the poll has started ('Waiting'); one while it polls names the request.
            $polling = @($progress | Where-Object StatusDescription -Match 'pending')
            $polling.Count | Should -BeGreaterThan 0
            $polling[0].SecondsRemaining | Should -BeGreaterThan 100
        }
        finally {
            $wait.Shell.Dispose()
        }
    }

    It 'writes one Authy.ApprovalTimeout error, no output, when the timeout passes' {
        $request = New-TestUser | New-AuthyApprovalRequest -Message 'Log in?'

        $result = Wait-AuthyApprovalRequest -Uuid $request.Uuid -Timeout 1 -PollInterval 0.2 -ErrorVariable failures -ErrorAction SilentlyContinue

        $result | Should -BeNullOrEmpty -Because 'each record gives one output or one error'
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'Authy.ApprovalTimeout,*'
        $failures[0].CategoryInfo.Category | Should -Be 'OperationTimeout'
        $failures[0].TargetObject | Should -Be $request.Uuid
        $failures[0].Exception.LastStatus.Status | Should -Be 'pending'
        (Get-StatusReads $emulator.Url $request.Uuid).Count | Should -BeGreaterThan 1
        { Wait-AuthyApprovalRequest -Uuid $request.Uuid -Timeout 0.3 -PollInterval 0.1 -ErrorAction Stop } | Should -Throw -ErrorId 'Authy.ApprovalTimeout,*'
    }

    It 'sees a request expire (its lifetime passed on the emulator clock)' {
        $request = New-TestUser | New-AuthyApprovalRequest -Message 'Quick!' -ExpiresIn 60
        (Get-AuthyApprovalStatus -Uuid $request.Uuid).Status | Should -Be 'pending'
        # The emulator's clock jumps past the lifetime: no waiting in real time.
        Move-EmulatorClock -Url $emulator.Url -Seconds 61

        $result = $request | Wait-AuthyApprovalRequest -Timeout 30 -PollInterval 0.2

        $result.Status | Should -Be 'expired'
        $result.ProcessedAt | Should -Not -BeNullOrEmpty
    }

    It 'shows no progress under $ProgressPreference SilentlyContinue' {
        $request = New-TestUser | New-AuthyApprovalRequest -Message 'Log in?'
        $wait = Start-BackgroundWait -Url $emulator.Url -Key $emulator.Key -Uuid $request.Uuid -Timeout 0.5 -PollInterval 0.1 -Progress SilentlyContinue
        try {
            $wait.Handle.AsyncWaitHandle.WaitOne(20000) | Should -BeTrue
            @($wait.Shell.EndInvoke($wait.Handle)).Count | Should -Be 0
            @($wait.Shell.Streams.Progress).Count | Should -Be 0
            $wait.Shell.Streams.Error[0].FullyQualifiedErrorId | Should -BeLike 'Authy.ApprovalTimeout*'
        }
        finally {
            $wait.Shell.Dispose()
        }
    }

    It 'stops at once when the pipeline is stopped (Ctrl+C)' {
        $request = New-TestUser | New-AuthyApprovalRequest -Message 'Log in?'
        $before = @(Get-EmulatorRequests $emulator.Url).Count
        $wait = Start-BackgroundWait -Url $emulator.Url -Key $emulator.Key -Uuid $request.Uuid -Timeout 600 -PollInterval 300
        try {
            Wait-StatusRead $emulator.Url $request.Uuid $before
            $clock = [Diagnostics.Stopwatch]::StartNew()
            $wait.Shell.Stop()
            $clock.Stop()
            $clock.Elapsed.TotalSeconds | Should -BeLessThan 3
            $wait.Shell.InvocationStateInfo.State | Should -Be 'Stopped'
        }
        finally {
            $wait.Shell.Dispose()
        }
    }

    It 'writes Authy.60049 for an unknown uuid and goes on with the next one' {
        $known = New-TestUser | New-AuthyApprovalRequest -Message 'Log in?'
        $null = Send-Answer $emulator.Url $known.Uuid 'approve'

        $results = @('550e8400-e29b-41d4-a716-446655440000', $known.Uuid | Wait-AuthyApprovalRequest -Timeout 10 -ErrorVariable failures -ErrorAction SilentlyContinue)

        $results.Count | Should -Be 1
        $results[0].Status | Should -Be 'approved'
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'Authy.60049,*'
    }

    It 'refuses a timeout or poll interval out of range' {
        { Wait-AuthyApprovalRequest -Uuid '550e8400-e29b-41d4-a716-446655440000' -Timeout 0 } | Should -Throw -ErrorId 'Authy.InvalidTimeout*'
        { Wait-AuthyApprovalRequest -Uuid '550e8400-e29b-41d4-a716-446655440000' -PollInterval 0.01 } | Should -Throw -ErrorId 'Authy.InvalidPollInterval*'
        Get-EmulatorRequests $emulator.Url | Should -BeNullOrEmpty
    }
}

Describe 'Test-AuthyCallbackSignature' {
    BeforeAll {
        $script:seegnoKey = ConvertTo-SecureString '1DS9YIwGquvvIdx8GdcdqZGLAewZZyhd' -AsPlainText -Force
        $script:seegnoBody = '{"approval_request":{"expiration_timestamp":1455911778,"logos":null,"transaction":{"created_at_time":1455825378,"customer_uuid":"2ccf0040-ed25-0132-5987-0e67b818e6fb","details":{},"device_details":null,"device_geolocation":null,"device_signing_time":0,"encrypted":false,"flagged":false,"hidden_details":{},"message":".","reason":null,"requester_details":null,"status":"approved","uuid":"996201c0-b7a7-0133-7c06-0e67b818e6fb"}},"authy_id":1234567,"callback_action":"approval_request_status","device_uuid":"4d89c320-a9bb-0133-7c02-0e67b818e6fb","signature":"BObhJgZwgU7O9r4Uo9VT6j6shAOe7y/IRGpW/N0Uq34/XHZU9E+aHOI5rcQzW1ZgNCECzVrqrsnjhYEK4Zq1naKWu0YNkuvILmMz8IxJEQH+c+6x186fjIjxvP4nu4p/pfUDomo/za24s1XOjtNlVsrDTDXClHUh5MjFQbyBjhFd8gOtmGVatN7K2Lx71I8YR2JDLbRX4DlJEMu++PLBn1nqQH9tbNYzX5jjX87CXPBtDfRwfWSs/imnfZ9zkDq4ZKuBcuwzQNsxKlby6782X0o78rYhCHrcDnHgRtyMGvX9ovK3XTt6M7p6i9SKaRgBWIOFVPygxv15iJesqt9cng==","status":"approved","uuid":"996221c0-b7a7-0133-7c06-0e67b818e6fb"}'
        $script:seegno = @{ Url = 'https://foo.bar/'; Method = 'POST'; Nonce = '1455825429'; Signature = 'hqB6las54sMBA83GKs0U1QQi9ocJ2tH20SXHZNzfqqQ=' }
    }

    It 'accepts the seegno vector with an explicit key' {
        Test-AuthyCallbackSignature @seegno -Body $seegnoBody -ApiKey $seegnoKey | Should -BeTrue
        Test-AuthyCallbackSignature @seegno -Parameters ($seegnoBody | ConvertFrom-Json -AsHashtable) -ApiKey $seegnoKey | Should -BeTrue
    }

    It 'returns false when the seegno vector is tampered with: <Name>' -ForEach @(
        @{ Name = 'body'; Change = @{ Body = $null } }
        @{ Name = 'nonce'; Change = @{ Nonce = '1455825430' } }
        @{ Name = 'method'; Change = @{ Method = 'GET' } }
        @{ Name = 'url'; Change = @{ Url = 'http://foo.bar/' } }
        @{ Name = 'signature'; Change = @{ Signature = 'hqB6las54sMBA83GKs0U1QQi9ocJ2tH20SXHZNzfqqR=' } }
    ) {
        $splat = @{} + $seegno
        $splat.Body = $seegnoBody
        foreach ($key in $Change.Keys) { $splat[$key] = $Change[$key] }
        if ($Name -eq 'body') { $splat.Body = $seegnoBody.Replace('"message":"."', '"message":","') }
        Test-AuthyCallbackSignature @splat -ApiKey $seegnoKey | Should -BeFalse
    }

    It 'rejects a nonce older than -MaxAge' {
        Test-AuthyCallbackSignature @seegno -Body $seegnoBody -ApiKey $seegnoKey -MaxAge 60 | Should -BeFalse
        Test-AuthyCallbackSignature @seegno -Body $seegnoBody -ApiKey $seegnoKey -MaxAge ([timespan]::FromDays(36500)) | Should -BeTrue
    }

    It 'is false for a body that is not JSON and for missing signature headers' {
        Test-AuthyCallbackSignature @seegno -Body 'not json' -ApiKey $seegnoKey | Should -BeFalse
        Test-AuthyCallbackSignature -Url $seegno.Url -Method POST -Headers @{ 'X-Authy-Signature' = $seegno.Signature } -Body $seegnoBody -ApiKey $seegnoKey |
            Should -BeFalse
    }

    It 'never shows the key, even in verbose output' {
        $lines = Test-AuthyCallbackSignature @seegno -Body '{}' -ApiKey $seegnoKey -Verbose 4>&1 | Out-String
        $lines | Should -Match 'does not match'
        $lines | Should -Not -Match '1DS9YIwGquvvIdx8GdcdqZGLAewZZyhd'
    }

    It 'needs a key: -ApiKey, the session or AUTHY_API_KEY' {
        Disconnect-Authy
        { Test-AuthyCallbackSignature @seegno -Body $seegnoBody } | Should -Throw -ErrorId 'Authy.NotConnected*'
        try {
            $env:AUTHY_API_KEY = '1DS9YIwGquvvIdx8GdcdqZGLAewZZyhd'
            Test-AuthyCallbackSignature @seegno -Body $seegnoBody | Should -BeTrue
        }
        finally {
            Remove-Item Env:AUTHY_API_KEY -ErrorAction SilentlyContinue
        }
    }
}

Describe 'Test-AuthyCallbackSignature on callbacks the emulator sends by <CallbackMethod>' -ForEach @(
    @{ CallbackMethod = 'POST' }
    @{ CallbackMethod = 'GET' }
) {
    BeforeAll {
        # A webhook receiver of our own on a free loopback port.
        $probe = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $probe.Start()
        $port = $probe.LocalEndpoint.Port
        $probe.Stop()
        $script:hookBase = "http://127.0.0.1:$port"
        $script:hookUrl = "$hookBase/authy/callback/"
        $script:listener = [System.Net.HttpListener]::new()
        $listener.Prefixes.Add($hookUrl)
        $listener.Start()
        $script:callbackEmulator = Start-TestEmulator -Options @{ CallbackUrl = $hookUrl; CallbackMethod = $CallbackMethod }

        # Answers the request through the control API and returns the callback our receiver got.
        function script:Receive-Callback([string] $Uuid, [string] $Answer = 'approve') {
            $http = [System.Net.Http.HttpClient]::new()
            try {
                $incoming = $listener.GetContextAsync()
                # The emulator sends the callback before the control call returns, so answer it meanwhile.
                $control = $http.PostAsync("$($callbackEmulator.Url)/_emulator/approval_requests/$Uuid/$Answer", $null)
                if (-not $incoming.Wait(20000)) { throw 'No callback arrived.' }
                $context = $incoming.Result
                $reader = [System.IO.StreamReader]::new($context.Request.InputStream, [System.Text.Encoding]::UTF8)
                $callback = [pscustomobject]@{
                    Url     = $hookBase + $context.Request.RawUrl
                    Method  = $context.Request.HttpMethod
                    Headers = $context.Request.Headers
                    Body    = $reader.ReadToEnd()
                }
                $context.Response.StatusCode = 200
                $context.Response.Close()
                if (-not $control.Wait(20000)) { throw 'The control call did not return.' }
                $reply = $control.Result.Content.ReadAsStringAsync().Result | ConvertFrom-Json
                $reply.callback.status | Should -Be 200
                $callback
            }
            finally {
                $http.Dispose()
            }
        }
    }

    AfterAll {
        $listener.Stop()
        $listener.Close()
    }

    BeforeEach {
        Reset-Emulator $callbackEmulator.Url
        Connect-Authy -ApiKey $callbackEmulator.Key -ApiUrl $callbackEmulator.Url
        $user = New-AuthyUser -Email 'hook@example.com' -Cellphone '555-400-0001' -CountryCode 1
        $script:request = New-AuthyApprovalRequest -AuthyId $user.AuthyId -Message 'Log in, from London?' `
            -Details ([ordered]@{ 'Account Number' = '1,234*5~6'; Username = 'Ada Lovelace'; location = 'London, UK' }) `
            -HiddenDetails @{ 'Session' = 'a b,c' } `
            -Logo @([Authy.Models.AuthyLogo]::new('default', 'https://example.com/l.png'), [Authy.Models.AuthyLogo]::new('med', 'https://example.com/m.png'))
    }

    It 'validates an <Answer> callback carrying nested details, logos, nulls, spaces, commas and mixed-case keys' -ForEach @(
        @{ Answer = 'approve'; Expected = 'approved' }
        @{ Answer = 'deny'; Expected = 'denied' }
    ) {
        $callback = Receive-Callback $request.Uuid $Answer
        $callback.Method | Should -Be $CallbackMethod
        if ($CallbackMethod -eq 'POST') {
            $payload = $callback.Body | ConvertFrom-Json -AsHashtable
            $callback.Body | Should -Match '"requester_details":null'
        }
        else {
            $callback.Body | Should -BeNullOrEmpty
            $callback.Url | Should -Match 'approval_request%5Blogos%5D%5B%5D%5Bres%5D=default'
            $callback.Url | Should -Match ([regex]::Escape('%5BAccount+Number%5D=1%2C234%2A5~6'))
            $callback.Url | Should -Match ([regex]::Escape('London%2C+UK'))
            $payload = $null
        }
        if ($payload) {
            $payload.status | Should -Be $Expected
            $payload.approval_request.transaction.details.'Account Number' | Should -Be '1,234*5~6'
            $payload.approval_request.logos.Count | Should -Be 2
        }

        Test-AuthyCallbackSignature -Url $callback.Url -Method $callback.Method -Headers $callback.Headers -Body $callback.Body | Should -BeTrue
        $nonce = $callback.Headers['X-Authy-Signature-Nonce']
        $signature = $callback.Headers['X-Authy-Signature']
        Test-AuthyCallbackSignature -Url $callback.Url -Method $callback.Method -Nonce $nonce -Signature $signature -Body $callback.Body -MaxAge 300 |
            Should -BeTrue
        # Header names in lower case, as HTTP/2 proxies deliver them.
        Test-AuthyCallbackSignature -Url $callback.Url -Method $callback.Method -Body $callback.Body `
            -Headers @{ 'x-authy-signature' = $signature; 'x-authy-signature-nonce' = $nonce } | Should -BeTrue
        if ($payload) {
            Test-AuthyCallbackSignature -Url $callback.Url -Method POST -Nonce $nonce -Signature $signature -Parameters $payload | Should -BeTrue
        }
        else {
            # The query string, without -Body, is the parameter hash of a GET callback.
            Test-AuthyCallbackSignature -Url $callback.Url -Method GET -Nonce $nonce -Signature $signature | Should -BeTrue
            Test-AuthyCallbackSignature -Url $callback.Url -Method GET -Headers $callback.Headers | Should -BeTrue
            Test-AuthyCallbackSignature -Url ([uri]$callback.Url) -Method GET -Headers $callback.Headers | Should -BeTrue
        }
    }

    It 'returns false for a tampered callback: <Name>' -ForEach @(
        @{ Name = 'detail value'; From = 'London'; To = 'Paris' }
        @{ Name = 'status'; From = 'approved'; To = 'denied' }
        @{ Name = 'logo order'; From = 'l.png'; To = 'm.png' }
        @{ Name = 'nonce' }
        @{ Name = 'method' }
        @{ Name = 'url scheme' }
        @{ Name = 'url path' }
        @{ Name = 'key' }
    ) {
        $callback = Receive-Callback $request.Uuid 'approve'
        $splat = @{ Url = $callback.Url; Method = $callback.Method; Body = $callback.Body; Headers = @{
                'X-Authy-Signature' = $callback.Headers['X-Authy-Signature']; 'X-Authy-Signature-Nonce' = $callback.Headers['X-Authy-Signature-Nonce'] } }
        Test-AuthyCallbackSignature @splat | Should -BeTrue

        switch ($Name) {
            'nonce' { $splat.Headers['X-Authy-Signature-Nonce'] = [string]([long]$splat.Headers['X-Authy-Signature-Nonce'] + 1) }
            'method' { $splat.Method = if ($callback.Method -eq 'POST') { 'GET' } else { 'POST' } }
            'url scheme' { $splat.Url = $splat.Url -replace '^http:', 'https:' }
            'url path' { $splat.Url = $splat.Url -replace '/authy/callback/', '/authy/callback2/' }
            'key' { $splat.ApiKey = ConvertTo-SecureString 'some-other-key-000000000000000000' -AsPlainText -Force }
            default {
                if ($callback.Method -eq 'POST') { $splat.Body = $splat.Body.Replace($From, $To) } else { $splat.Url = $splat.Url.Replace($From, $To) }
                $splat.Url + $splat.Body | Should -Match ([regex]::Escape($To))
            }
        }
        if ($Name -eq 'method' -and $callback.Method -eq 'GET') {
            # A GET callback re-read as POST has no body to sign: a different parameter hash as well.
            $splat.Body = ''
        }
        Test-AuthyCallbackSignature @splat | Should -BeFalse
    }
}
