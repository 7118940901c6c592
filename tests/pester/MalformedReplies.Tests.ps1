# Malformed replies from a hand-written server: each must become one clear error record, never a crash,
# never a wrong success, and never show the API key, even when the server echoes it back.

BeforeDiscovery {
    # Used in the table, so defined when the tests are discovered.
    $Html = '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>'
    $HugeJson = '{"success":true,"message":"' + ('x' * 5MB) + '"}'
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-AuthyUnderTest

    $script:KeyText = 'malformed-' + [guid]::NewGuid().ToString('N')
    $script:Key = ConvertTo-SecureString $KeyText -AsPlainText -Force

    # A free loopback port, then a listener on it, served from a runspace of this process. Each request
    # takes the next scripted reply; the requests are recorded for the checks.
    $probe = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0)
    $probe.Start()
    $port = $probe.LocalEndpoint.Port
    $probe.Stop()
    $script:ServerUrl = "http://127.0.0.1:$port"
    $script:Server = [hashtable]::Synchronized(@{
            Replies  = [Collections.Concurrent.ConcurrentQueue[hashtable]]::new()
            Requests = [Collections.Concurrent.ConcurrentQueue[pscustomobject]]::new()
            Ready    = [Threading.ManualResetEventSlim]::new($false)
            Listener = [Net.HttpListener]::new()
        })
    $Server.Listener.Prefixes.Add("$ServerUrl/")
    $Server.Listener.Start()

    $script:ServerShell = [powershell]::Create()
    $null = $ServerShell.AddScript({
            param($Server)
            $Server.Ready.Set()
            while ($Server.Listener.IsListening) {
                try { $context = $Server.Listener.GetContext() } catch { break }
                $Server.Requests.Enqueue([pscustomobject]@{
                        Method = $context.Request.HttpMethod
                        RawUrl = $context.Request.RawUrl
                        Key    = $context.Request.Headers['X-Authy-API-Key']
                    })
                $reply = $null
                if (-not $Server.Replies.TryDequeue([ref] $reply)) { $reply = @{ Status = 418; Body = 'no reply scripted' } }
                $response = $context.Response
                try {
                    $response.StatusCode = $reply.Status
                    $response.ContentType = if ($reply.ContentType) { $reply.ContentType } else { 'application/json' }
                    $bytes = if ($null -ne $reply.Bytes) { $reply.Bytes } else { [Text.Encoding]::UTF8.GetBytes([string]$reply.Body) }
                    if ($reply.Chunked) { $response.SendChunked = $true } else { $response.ContentLength64 = if ($reply.DeclaredLength) { $reply.DeclaredLength } else { $bytes.Length } }
                    $response.OutputStream.Write($bytes, 0, $bytes.Length)
                    if ($reply.Abort) { $response.Abort() } else { $response.Close() }
                }
                catch { try { $response.Abort() } catch { } }
            }
        }).AddArgument($Server)
    $script:ServerRun = $ServerShell.BeginInvoke()
    # Wait on the condition, not on time: the loop has started.
    if (-not $Server.Ready.Wait(20000)) { throw 'The scripted server did not start.' }

    Connect-Authy -ApiKey $Key -ApiUrl $ServerUrl -MaxRetry 0 -Timeout 20
}

AfterAll {
    $Server.Listener.Stop()
    $Server.Listener.Close()
    $null = $ServerRun.AsyncWaitHandle.WaitOne(10000)
    $ServerShell.Dispose()
    Disconnect-Authy
}

Describe 'Malformed replies become clear error records' {
    BeforeEach {
        $stale = $null
        while ($Server.Replies.TryDequeue([ref] $stale)) { }
        while ($Server.Requests.TryDequeue([ref] $stale)) { }
    }

    It '<Name>: <Command> gives <ErrorId>' -ForEach @(
        @{ Name = 'truncated JSON'; Command = 'Get-AuthyUser'; Reply = @{ Status = 200; Body = '{"status":{"authy_id":1,"confirmed":tr' }; ErrorId = 'Authy.MalformedReply' }
        @{ Name = 'truncated JSON to a token check'; Command = 'Test-AuthyToken'; Reply = @{ Status = 200; Body = '{"success":"true","token":"is val' }; ErrorId = 'Authy.MalformedReply' }
        @{ Name = 'HTML page with 200'; Command = 'Get-AuthyUser'; Reply = @{ Status = 200; ContentType = 'text/html'; Body = $Html }; ErrorId = 'Authy.MalformedReply' }
        @{ Name = 'HTML page with 200 to a token check'; Command = 'Test-AuthyToken'; Reply = @{ Status = 200; ContentType = 'text/html'; Body = $Html }; ErrorId = 'Authy.MalformedReply' }
        @{ Name = 'HTML page with 500'; Command = 'Get-AuthyUser'; Reply = @{ Status = 500; ContentType = 'text/html'; Body = $Html }; ErrorId = 'Authy.Http500' }
        @{ Name = 'HTML page with 502'; Command = 'Get-AuthyApplication'; Reply = @{ Status = 502; ContentType = 'text/html'; Body = $Html }; ErrorId = 'Authy.Http502' }
        @{ Name = 'HTML page with 503 to an SMS (may have been sent)'; Command = 'Send-AuthySms'; Reply = @{ Status = 503; ContentType = 'text/html'; Body = $Html }; ErrorId = 'Authy.OutcomeUnknown' }
        @{ Name = 'empty 200 body'; Command = 'Get-AuthyUser'; Reply = @{ Status = 200; Body = '' }; ErrorId = 'Authy.MalformedReply' }
        @{ Name = 'empty 200 body to a token check'; Command = 'Test-AuthyToken'; Reply = @{ Status = 200; Body = '' }; ErrorId = 'Authy.MalformedReply' }
        @{ Name = 'empty 500 body'; Command = 'Get-AuthyUser'; Reply = @{ Status = 500; Body = '' }; ErrorId = 'Authy.Http500' }
        @{ Name = 'success as a number'; Command = 'Test-AuthyToken'; Reply = @{ Status = 200; Body = '{"success":5,"token":"is valid"}' }; ErrorId = 'Authy.MalformedReply' }
        @{ Name = 'success as a list'; Command = 'Test-AuthyToken'; Reply = @{ Status = 200; Body = '{"success":[],"token":"is valid"}' }; ErrorId = 'Authy.MalformedReply' }
        @{ Name = 'success as an object'; Command = 'Get-AuthyApplication'; Reply = @{ Status = 200; Body = '{"success":{},"app":{"name":"x"}}' }; ErrorId = 'Authy.MalformedReply' }
        @{ Name = 'user as a string'; Command = 'New-AuthyUser'; Reply = @{ Status = 200; Body = '{"message":"User created successfully.","user":"x","success":true}' }; ErrorId = 'Authy.MalformedReply' }
        @{ Name = 'user id as text'; Command = 'New-AuthyUser'; Reply = @{ Status = 200; Body = '{"user":{"id":"../1"},"success":true}' }; ErrorId = 'Authy.MalformedReply' }
        @{ Name = 'status as a list'; Command = 'Get-AuthyUser'; Reply = @{ Status = 200; Body = '{"status":[],"success":true}' }; ErrorId = 'Authy.MalformedReply' }
        @{ Name = 'a JSON list'; Command = 'Get-AuthyUser'; Reply = @{ Status = 200; Body = '[1,2,3]' }; ErrorId = 'Authy.MalformedReply' }
        @{ Name = 'a JSON string'; Command = 'Get-AuthyApplication'; Reply = @{ Status = 200; Body = '"ok"' }; ErrorId = 'Authy.MalformedReply' }
        @{ Name = 'JSON then garbage'; Command = 'Get-AuthyUser'; Reply = @{ Status = 200; Body = '{"status":{},"success":true} trailing' }; ErrorId = 'Authy.MalformedReply' }
        @{ Name = 'nesting 1000 deep'; Command = 'Get-AuthyUser'; Reply = @{ Status = 200; Body = ('{"a":' * 1000) + '1' + ('}' * 1000) }; ErrorId = 'Authy.MalformedReply' }
        @{ Name = 'huge 200 body (5 MiB, with length)'; Command = 'Get-AuthyUser'; Reply = @{ Status = 200; Body = $HugeJson }; ErrorId = 'Authy.MalformedReply' }
        @{ Name = 'huge 200 body (5 MiB, chunked)'; Command = 'Get-AuthyUser'; Reply = @{ Status = 200; Body = $HugeJson; Chunked = $true }; ErrorId = 'Authy.MalformedReply' }
        @{ Name = 'huge 503 HTML (5 MiB, chunked)'; Command = 'Get-AuthyUser'; Reply = @{ Status = 503; ContentType = 'text/html'; Body = '<html>' + ('x' * 5MB); Chunked = $true }; ErrorId = 'Authy.Http503' }
        @{ Name = 'success false without an error'; Command = 'Get-AuthyApplication'; Reply = @{ Status = 200; Body = '{"success":false}' }; ErrorId = 'Authy.MalformedReply' }
        @{ Name = 'success "yes" to a token check'; Command = 'Test-AuthyToken'; Reply = @{ Status = 200; Body = '{"success":"yes","token":"is valid"}' }; ErrorId = 'Authy.MalformedReply' }
        @{ Name = 'error envelope on a 200'; Command = 'Get-AuthyUser'; Reply = @{ Status = 200; Body = '{"error_code":"60026","message":"User not found.","success":false}' }; ErrorId = 'Authy.60026' }
        @{ Name = 'error code as a number'; Command = 'Get-AuthyUser'; Reply = @{ Status = 404; Body = '{"error_code":60026,"message":"User not found.","success":false}' }; ErrorId = 'Authy.60026' }
        @{ Name = 'body cut off mid-way'; Command = 'Get-AuthyUser'; Reply = @{ Status = 200; Body = '{"status":{"authy'; DeclaredLength = 1000; Abort = $true }; ErrorId = 'Authy.ConnectionFailed' }
        @{ Name = 'body cut off mid-way to an SMS'; Command = 'Send-AuthySms'; Reply = @{ Status = 200; Body = '{"succ'; DeclaredLength = 1000; Abort = $true }; ErrorId = 'Authy.OutcomeUnknown' }
        @{ Name = 'invalid UTF-8'; Command = 'Get-AuthyUser'; Reply = @{ Status = 200; Bytes = [byte[]](0x7B, 0xFF, 0xFE, 0x22, 0xC3) }; ErrorId = 'Authy.MalformedReply' }
        @{ Name = 'approval created_at 1e300'; Command = 'Get-AuthyApprovalStatus'; Reply = @{ Status = 200; Body = '{"approval_request":{"_authy_id":1,"created_at":1e300,"status":"pending","uuid":"8d031630-d15b-0134-b0a8-0a77bbe8093e"},"success":true}' }; ErrorId = 'Authy.MalformedReply' }
        @{ Name = 'approval processed_at negative'; Command = 'Get-AuthyApprovalStatus'; Reply = @{ Status = 200; Body = '{"approval_request":{"_authy_id":1,"created_at":"2024-01-01T00:00:00Z","processed_at":-1,"status":"approved","uuid":"8d031630-d15b-0134-b0a8-0a77bbe8093e"},"success":true}' }; ErrorId = 'Authy.MalformedReply' }
        @{ Name = 'device registration_date in milliseconds'; Command = 'Test-AuthyToken'; Reply = @{ Status = 200; Body = '{"message":"Token is valid.","token":"is valid","success":"true","device":{"id":1,"os_type":"sms","registration_date":1500648405000}}' }; ErrorId = 'Authy.MalformedReply' }
        @{ Name = 'key echoed in a 401 error'; Command = 'Get-AuthyUser'; Reply = @{ Status = 401; Body = '{"error_code":"60001","message":"Invalid API key KEY","errors":{"message":"Invalid API key KEY"},"success":false}' }; ErrorId = 'Authy.60001' }
        @{ Name = 'key echoed in an HTML 500'; Command = 'Get-AuthyUser'; Reply = @{ Status = 500; ContentType = 'text/html'; Body = '<html><body>api_key=KEY rejected</body></html>' }; ErrorId = 'Authy.Http500' }
        @{ Name = 'key echoed in a 200 that is not JSON'; Command = 'Test-AuthyToken'; Reply = @{ Status = 200; ContentType = 'text/plain'; Body = 'your key KEY is fine' }; ErrorId = 'Authy.MalformedReply' }
        @{ Name = 'key echoed in field errors'; Command = 'New-AuthyUser'; Reply = @{ Status = 400; Body = '{"error_code":"60027","message":"User was not valid","errors":{"message":"User was not valid","api_key":"KEY is invalid"},"api_key":"KEY is invalid","success":false}' }; ErrorId = 'Authy.60027' }
    ) {
        $scripted = @{} + $Reply
        if ($scripted.Body) { $scripted.Body = $scripted.Body.Replace('KEY', $KeyText) }
        $Server.Replies.Enqueue($scripted)
        $arguments = switch ($Command) {
            'Get-AuthyUser' { @{ AuthyId = 1 } }
            'Test-AuthyToken' { @{ AuthyId = 1; Token = '1234567' } }
            'Send-AuthySms' { @{ AuthyId = 1 } }
            'Get-AuthyApprovalStatus' { @{ Uuid = '8d031630-d15b-0134-b0a8-0a77bbe8093e' } }
            'New-AuthyUser' { @{ Email = 'a@example.com'; Cellphone = '555-123-4567'; CountryCode = 1 } }
            default { @{} }
        }

        $failures = @()
        $output = @()
        try { $output = @(& $Command @arguments -ErrorVariable +failures -ErrorAction SilentlyContinue) }
        catch {
            # A terminating error (60001 stops the pipeline) is the outcome; -ErrorVariable holds it
            # as well, in its exception form.
            $failures = @($_)
        }

        $output | Should -BeNullOrEmpty -Because 'a malformed reply is never a success (nor a $false)'
        $failures.Count | Should -Be 1 -Because 'one input, one outcome'
        $failure = $failures[0]
        $failure.FullyQualifiedErrorId | Should -BeLike "$ErrorId,*"
        $failure.Exception | Should -BeOfType 'Authy.Http.AuthyException'
        $failure.Exception.Message | Should -Not -BeNullOrEmpty
        $failure.Exception.Message.Length | Should -BeLessThan 1000 -Because 'a huge body is summarised, never shown whole'
        $failure.CategoryInfo.Category | Should -Not -Be 'NotSpecified'

        # The key: nowhere in the error, however the server echoed it.
        $text = ($failure | Out-String -Width 4096) + $failure.Exception.ToString() + ($failure | Format-List * -Force | Out-String -Width 4096) +
            ($failure.Exception | Format-List * -Force | Out-String -Width 4096) + [string]$failure.ErrorDetails
        $text | Should -Not -Match ([regex]::Escape($KeyText))
        if ($Name -like 'key echoed*') { $text | Should -Match '\[REDACTED\]' }

        # Exactly one request (no retry), the key in its header only.
        $requests = @($Server.Requests.ToArray())
        $requests.Count | Should -Be 1
        $requests[0].Key | Should -Be $KeyText
        $requests[0].RawUrl | Should -Not -Match ([regex]::Escape($KeyText))
    }

    It 'keeps working after all of them' {
        $Server.Replies.Enqueue(@{ Status = 200; Body = '{"status":{"authy_id":1,"confirmed":true,"registered":false,"country_code":1,"phone_number":"XXX-XXX-4567","devices":[]},"message":"User status.","success":true}' })
        $status = Get-AuthyUser -AuthyId 1 -ErrorAction Stop
        $status.AuthyId | Should -Be 1
        $status.Confirmed | Should -BeTrue
    }
}
