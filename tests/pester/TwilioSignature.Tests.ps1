# Test-TwilioRequestSignature end to end, in the built module: the vectors of docs/api/verify.md §6.1 through every
# way a webhook handler passes a request (hashtable, raw form body, NameValueCollection, object, headers in any
# case, a real HttpListener request), a pipeline of captured requests, hostile input, and the Auth Token canary.

BeforeDiscovery {
    # twilio-csharp and twilio-node vectors on the common POST parameters (token 12345).
    $script:paramVectors = @(
        @{ Test = 'cs TestValidateDictionary'; Url = 'https://mycompany.com/myapp.php?foo=1&bar=2'; Signature = 'RSOYDt4T1cUTdK1PDd93/VVr8B8='; Expected = $true }
        @{ Test = 'cs MixedCase'; Url = 'https://MyCompany.com/myapp.php?foo=1&bar=2'; Signature = 'g9IN/x4Cft2g517EjYvEvM/W7LU='; Expected = $true }
        @{ Test = 'cs MixedCaseWithPort'; Url = 'https://MyCompany.com:1234/myapp.php?foo=1&bar=2'; Signature = 'PCqOZm8cnu/L6+u5i5fuEd+Iac4='; Expected = $true }
        @{ Test = 'cs MixedCaseAddsPortHttp'; Url = 'http://MyCompany.com/myapp.php?foo=1&bar=2'; Signature = 'XY7AlKOKL6im4yWyX84gldUrtis='; Expected = $true }
        @{ Test = 'cs CredentialsArePreserved'; Url = 'http://username:password@MyCompany.com/myapp.php?foo=1&bar=2'; Signature = 'PJ08CxXr7KLPjEQCTc8LkUSMwSM='; Expected = $true }
        @{ Test = 'cs CredentialsArePreservedUpperCaseScheme'; Url = 'HTTP://username:password@MyCompany.com/myapp.php?foo=1&bar=2'; Signature = 'hy/l8pca+LFms4cvRdv8uiP6NGc='; Expected = $true }
        @{ Test = 'cs CredentialsArePreservedMixedCaseCreds'; Url = 'http://Username:Password@MyCompany.com/myapp.php?foo=1&bar=2'; Signature = 'SkTSKyDJH9kUlhItI0slbgZ1UsI='; Expected = $true }
        @{ Test = 'cs MixedCaseWithIncorrectSignature'; Url = 'https://MyCompany.com/myapp.php?foo=1&bar=2'; Signature = 'RSOYDt4T1cUTdK1PDd93/VVr8B8='; Expected = $false }
        @{ Test = 'cs MixedCaseWithPortWithIncorrectSignature'; Url = 'https://MyCompany.com:1234/myapp.php?foo=1&bar=2'; Signature = 'RSOYDt4T1cUTdK1PDd93/VVr8B8='; Expected = $false }
        @{ Test = 'cs MixedCaseAddsPortHttpWithIncorrectSignature'; Url = 'http://MyCompany.com/myapp.php?foo=1&bar=2'; Signature = 'RSOYDt4T1cUTdK1PDd93/VVr8B8='; Expected = $false }
        @{ Test = 'cs FailsWhenIncorrect'; Url = 'https://mycompany.com/myapp.php?foo=1&bar=2'; Signature = 'NOTRSOYDt4T1cUTdK1PDd93/VVr8B8='; Expected = $false }
        @{ Test = 'cs RemovesPortHttps'; Url = 'https://mycompany.com:1234/myapp.php?foo=1&bar=2'; Signature = 'RSOYDt4T1cUTdK1PDd93/VVr8B8='; Expected = $true }
        @{ Test = 'cs RemovesPortHttp'; Url = 'http://mycompany.com:1234/myapp.php?foo=1&bar=2'; Signature = 'Zmvh+3yNM1Phv2jhDCwEM3q5ebU='; Expected = $true }
        @{ Test = 'cs AddsPortHttps'; Url = 'https://mycompany.com/myapp.php?foo=1&bar=2'; Signature = 'kvajT1Ptam85bY51eRf/AJRuM3w='; Expected = $true }
        @{ Test = 'cs AddsPortHttp'; Url = 'http://mycompany.com/myapp.php?foo=1&bar=2'; Signature = '0ZXoZLH/DfblKGATFgpif+LLRf4='; Expected = $true }
        @{ Test = 'cs AddsCustomPortHttps'; Url = 'https://mycompany.com:1234/myapp.php?foo=1&bar=2'; Signature = 'CYn1h0gLBdNxDGkKJg6hYohgeD8='; Expected = $true }
        @{ Test = 'node wrong signature'; Url = 'https://mycompany.com/myapp.php?foo=1&bar=2'; Signature = 'WRONG_SIGNATURE'; Expected = $false }
        @{ Test = 'node credentials'; Url = 'https://user:pass@mycompany.com/myapp.php?foo=1&bar=2'; Signature = 'CukzLTc1tT5dXEDIHm/tKBanW10='; Expected = $true }
        @{ Test = 'node username only'; Url = 'https://user@mycompany.com/myapp.php?foo=1&bar=2'; Signature = '2YRLlVAflCqxaNicjMpJcSTgzSs='; Expected = $true }
        @{ Test = 'node credentials + port'; Url = 'https://user:pass@mycompany.com/myapp.php?foo=1&bar=2'; Signature = 'ZQFR1PTIZXF2MXB8ZnKCvnnA+rI='; Expected = $true }
        @{ Test = 'node special characters'; Url = "https://mycompany.com/myapp.php?foo=1&bar=2&Body=It's+amazing"; Signature = 'TfZzewPq8wqrGlMfyAud8+/IvJ0='; Expected = $true }
        @{ Test = 'node express middleware, unexpected parameter'; Url = 'https://mycompany.com/myapp.php?foo=1&bar=2&somethingUnexpected=true'; Signature = 'RSOYDt4T1cUTdK1PDd93/VVr8B8='; Expected = $false }
    )
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-AuthyUnderTest

    $script:Token = ConvertTo-SecureString '12345' -AsPlainText -Force
    $script:Url = 'https://mycompany.com/myapp.php?foo=1&bar=2'
    $script:Fields = [ordered]@{ To = '+18005551212'; From = '+14158675309'; CallSid = 'CA1234567890ABCDE'; Digits = '1234'; Caller = '+14158675309' }
    $script:FormBody = 'CallSid=CA1234567890ABCDE&Caller=%2B14158675309&Digits=1234&From=%2B14158675309&To=%2B18005551212'
    $script:Json = '{"property": "value", "boolean": true}'
    $script:JsonHash = '0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620'
}

Describe 'Test-TwilioRequestSignature: the vectors of docs/api/verify.md §6.1' {
    It '<Test>: <Expected> with -Parameters, a raw form -Body, and -Headers' -ForEach $paramVectors {
        Test-TwilioRequestSignature -Url $Url -Signature $Signature -Parameters $Fields -AuthToken $Token | Should -Be $Expected
        Test-TwilioRequestSignature -Url $Url -Signature $Signature -Body $FormBody -AuthToken $Token | Should -Be $Expected
        Test-TwilioRequestSignature -Url $Url -Signature $Signature -Body $FormBody -ContentType 'application/x-www-form-urlencoded; charset=utf-8' -AuthToken $Token | Should -Be $Expected
        Test-TwilioRequestSignature -Url $Url -Headers @{ 'x-twilio-signature' = $Signature } -Parameters $Fields -AuthToken $Token | Should -Be $Expected
        Test-TwilioRequestSignature -Url ([uri]$Url) -Signature $Signature -Parameters ([pscustomobject]$Fields) -AuthToken $Token | Should -Be $Expected
    }

    It 'node "signature undefined": a missing signature is $false, not an error' {
        Test-TwilioRequestSignature -Url $Url -Signature $null -Parameters $Fields -AuthToken $Token -ErrorAction Stop | Should -BeFalse
        Test-TwilioRequestSignature -Url $Url -Signature '' -Parameters $Fields -AuthToken $Token -ErrorAction Stop | Should -BeFalse
        $result = Test-TwilioRequestSignature -Url $Url -Headers @{ Host = 'x' } -Parameters $Fields -AuthToken $Token -Detailed
        $result.Outcome | Should -Be 'SignatureMissing'
    }

    It 'cs TestValidateWithBody / node "body with hash" / python: a JSON body with bodySHA256' {
        $withHash = "$Url&bodySHA256=$JsonHash"
        Test-TwilioRequestSignature -Url $withHash -Signature 'a9nBmqA0ju/hNViExpshrM61xv4=' -Body $Json -AuthToken $Token | Should -BeTrue
        Test-TwilioRequestSignature -Url $withHash -Signature 'a9nBmqA0ju/hNViExpshrM61xv4=' -Body $Json -ContentType 'application/json' -AuthToken $Token | Should -BeTrue
        $detail = Test-TwilioRequestSignature -Url $withHash -Signature 'a9nBmqA0ju/hNViExpshrM61xv4=' -Body $Json -AuthToken $Token -Detailed
        $detail.IsValid | Should -BeTrue
        $detail.BodyHashChecked | Should -BeTrue
    }

    It 'cs TestValidateWithOnlyHash / node "only hash param"' {
        Test-TwilioRequestSignature -Url "https://mycompany.com/myapp.php?bodySHA256=$JsonHash" -Signature 'y77kIzt2vzLz71DgmJGsen2scGs=' -Body $Json -AuthToken $Token | Should -BeTrue
    }

    It 'node "empty body {}": signed with :443 added' {
        $detail = Test-TwilioRequestSignature -Url "$Url&bodySHA256=44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a" -Signature 'Ldidvp12m26NI7eqEvxnEpkd9Hc=' -Body '{}' -AuthToken $Token -Detailed
        $detail.IsValid | Should -BeTrue
        $detail.MatchedUrl | Should -BeLike 'https://mycompany.com:443/*'
    }

    It 'cs TestValidateWithBodyWithoutSignature / node "body but no bodySHA256": $false' {
        Test-TwilioRequestSignature -Url $Url -Signature 'RSOYDt4T1cUTdK1PDd93/VVr8B8=' -Body $Json -ContentType 'application/json' -AuthToken $Token | Should -BeFalse
        (Test-TwilioRequestSignature -Url $Url -Signature 'RSOYDt4T1cUTdK1PDd93/VVr8B8=' -Body $Json -ContentType 'application/json' -AuthToken $Token -Detailed).Outcome | Should -Be 'BodyHashMissing'
        # Without a content type the body is read as a form, whose one odd field is not what was signed.
        Test-TwilioRequestSignature -Url $Url -Signature 'RSOYDt4T1cUTdK1PDd93/VVr8B8=' -Body $Json -AuthToken $Token | Should -BeFalse
    }

    It 'node "array param": a repeated field as a list, in either order, and from a raw body' {
        foreach ($values in @(@('+1325xxxxxxx', '+1415xxxxxxx'), @('+1415xxxxxxx', '+1325xxxxxxx'))) {
            Test-TwilioRequestSignature -Url $Url -Signature '83O6e2vORAoJHUNzJjDWN1jz+BA=' -Parameters @{ 'MessagingBinding.Address' = $values } -AuthToken $Token | Should -BeTrue
        }
        Test-TwilioRequestSignature -Url $Url -Signature '83O6e2vORAoJHUNzJjDWN1jz+BA=' -Body 'MessagingBinding.Address=%2B1415xxxxxxx&MessagingBinding.Address=%2B1325xxxxxxx' -AuthToken $Token | Should -BeTrue
    }

    It 'node and python "multiple values": repeats dropped, values sorted (hashtable, form body, NameValueCollection)' {
        Test-TwilioRequestSignature -Url $Url -Signature 'IK+Dwps556ElfBT0I3Rgjkr1wJU=' -Parameters @{ Sid = 'CA123'; SidAccount = 'AC123'; Digits = @('5678', '1234', '1234') } -AuthToken $Token | Should -BeTrue
        Test-TwilioRequestSignature -Url $Url -Signature 'IK+Dwps556ElfBT0I3Rgjkr1wJU=' -Body 'Sid=CA123&SidAccount=AC123&Digits=5678&Digits=1234&Digits=1234' -AuthToken $Token | Should -BeTrue
        $collection = [Web.HttpUtility]::ParseQueryString('Sid=CA123&SidAccount=AC123&Digits=5678&Digits=1234&Digits=1234')
        Test-TwilioRequestSignature -Url $Url -Signature 'IK+Dwps556ElfBT0I3Rgjkr1wJU=' -Parameters $collection -AuthToken $Token | Should -BeTrue
    }

    It 'node webhooks.spec (token s3cr3t): :443 and no port, '' and %27 validate each other; another value does not' {
        $secret = ConvertTo-SecureString 's3cr3t' -AsPlainText -Force
        Test-TwilioRequestSignature -Url 'https://example.com:443/path?test=param' -Signature 'loLgTitFAoWx57yy5oEU4Hlddzw=' -AuthToken $secret | Should -BeTrue
        Test-TwilioRequestSignature -Url 'https://example.com/path?test=param' -Signature 'IdwMFypqvNxti3YgvWWmfcNL26M=' -AuthToken $secret | Should -BeTrue
        Test-TwilioRequestSignature -Url 'https://example.com/path?test=param2' -Signature 'loLgTitFAoWx57yy5oEU4Hlddzw=' -AuthToken $secret | Should -BeFalse
        Test-TwilioRequestSignature -Url 'https://example.com/path?test=param2' -Signature 'De7bak0ehNIYPffbL8v7JywCK2Y=' -AuthToken $secret | Should -BeTrue
        Test-TwilioRequestSignature -Url "https://example.com/path?test=param'WithQuote" -Signature 'HkuXLxVQ7zHv9LmGpzlLuGaxhJY=' -AuthToken $secret | Should -BeTrue
        Test-TwilioRequestSignature -Url 'https://example.com/path?test=param%27WithQuote' -Signature 'HkuXLxVQ7zHv9LmGpzlLuGaxhJY=' -AuthToken $secret | Should -BeTrue
        Test-TwilioRequestSignature -Url "https://example.com/path?test=param'WithQuote" -Signature 'GfI7onHX/KQ2k1oVS3cUTVk4IEw=' -AuthToken $secret | Should -BeTrue
    }
}

Describe 'Test-TwilioRequestSignature: tampering and -Detailed' {
    It 'is false with the field <_> changed, and says SignatureMismatch' -ForEach 'To', 'From', 'CallSid', 'Digits', 'Caller' {
        $tampered = [ordered]@{} + $Fields
        $tampered[$_] = $tampered[$_] + '0'
        $result = Test-TwilioRequestSignature -Url $Url -Signature 'RSOYDt4T1cUTdK1PDd93/VVr8B8=' -Parameters $tampered -AuthToken $Token -Detailed
        $result.IsValid | Should -BeFalse
        $result.Outcome | Should -Be 'SignatureMismatch'
        $result.MatchedUrl | Should -BeNullOrEmpty
    }

    It 'is false with a field added or left out' {
        Test-TwilioRequestSignature -Url $Url -Signature 'RSOYDt4T1cUTdK1PDd93/VVr8B8=' -Parameters ($Fields + @{ Extra = '' }) -AuthToken $Token | Should -BeFalse
        $fewer = [ordered]@{} + $Fields
        $fewer.Remove('Digits')
        Test-TwilioRequestSignature -Url $Url -Signature 'RSOYDt4T1cUTdK1PDd93/VVr8B8=' -Parameters $fewer -AuthToken $Token | Should -BeFalse
    }

    It 'is false with the URL <_>' -ForEach @(
        'http://mycompany.com/myapp.php?foo=1&bar=2', 'https://mycompany.net/myapp.php?foo=1&bar=2', 'https://MyCompany.com/myapp.php?foo=1&bar=2',
        'https://mycompany.com/myapp.PHP?foo=1&bar=2', 'https://mycompany.com/myapp.php?foo=1&bar=3', 'https://mycompany.com/myapp.php?bar=2&foo=1',
        'https://mycompany.com/myapp.php?foo=1', 'https://mycompany.com/myapp.php', 'https://u@mycompany.com/myapp.php?foo=1&bar=2'
    ) {
        Test-TwilioRequestSignature -Url $_ -Signature 'RSOYDt4T1cUTdK1PDd93/VVr8B8=' -Parameters $Fields -AuthToken $Token | Should -BeFalse
    }

    It 'is false with another Auth Token' {
        Test-TwilioRequestSignature -Url $Url -Signature 'RSOYDt4T1cUTdK1PDd93/VVr8B8=' -Parameters $Fields -AuthToken (ConvertTo-SecureString '12346' -AsPlainText -Force) | Should -BeFalse
    }

    It 'says BodyHashMismatch for a changed JSON body, and BodyMissing when it is not given' {
        $withHash = "$Url&bodySHA256=$JsonHash"
        foreach ($body in ($Json -replace 'value', 'evil'), "$Json`n", '') {
            $result = Test-TwilioRequestSignature -Url $withHash -Signature 'a9nBmqA0ju/hNViExpshrM61xv4=' -Body $body -AuthToken $Token -Detailed
            $result.IsValid | Should -BeFalse
            $result.Outcome | Should -Be 'BodyHashMismatch'
        }
        (Test-TwilioRequestSignature -Url $withHash -Signature 'a9nBmqA0ju/hNViExpshrM61xv4=' -AuthToken $Token -Detailed).Outcome | Should -Be 'BodyMissing'
        (Test-TwilioRequestSignature -Url $withHash -Signature 'a9nBmqA0ju/hNViExpshrM61xv4=' -Parameters @{ property = 'value'; boolean = $true } -AuthToken $Token -Detailed).Outcome | Should -Be 'BodyMissing'
    }

    It 'explains a $false on the verbose stream, and shows -Detailed as a table row' {
        $verbose = Test-TwilioRequestSignature -Url $Url -Signature 'WRONG' -Parameters $Fields -AuthToken $Token -Verbose 4>&1 | Where-Object { $_ -is [Management.Automation.VerboseRecord] }
        "$verbose" | Should -Match 'not Twilio''s'
        "$verbose" | Should -Match ([regex]::Escape('https://mycompany.com:443/myapp.php'))
        $table = Test-TwilioRequestSignature -Url $Url -Signature 'WRONG' -Parameters $Fields -AuthToken $Token -Detailed | Out-String -Width 80
        $table | Should -Match 'IsValid\s+Outcome\s+Url'
        $table | Should -Match 'False\s+SignatureMismatch'
    }
}

Describe 'Test-TwilioRequestSignature: from a webhook handler' {
    It 'pipes captured requests (CSV rows) and writes one result per row, in order' {
        $rows = @(
            [pscustomobject]@{ Url = $Url; Signature = 'RSOYDt4T1cUTdK1PDd93/VVr8B8='; Body = $FormBody; ContentType = 'application/x-www-form-urlencoded' }
            [pscustomobject]@{ Url = "$Url&bodySHA256=$JsonHash"; Signature = 'a9nBmqA0ju/hNViExpshrM61xv4='; Body = $Json; ContentType = 'application/json' }
            [pscustomobject]@{ Url = $Url; Signature = 'RSOYDt4T1cUTdK1PDd93/VVr8B8='; Body = $FormBody.Replace('1234', '9999'); ContentType = '' }
            [pscustomobject]@{ Url = 'https://mycompany.com:1234/myapp.php?foo=1&bar=2'; Signature = 'RSOYDt4T1cUTdK1PDd93/VVr8B8='; Body = $FormBody; ContentType = '' }
        )
        $csv = $rows | ConvertTo-Csv -NoTypeInformation
        @($csv | ConvertFrom-Csv | Test-TwilioRequestSignature -AuthToken $Token) | Should -Be @($true, $true, $false, $true)
        $detailed = @($csv | ConvertFrom-Csv | Test-TwilioRequestSignature -AuthToken $Token -Detailed | Where-Object { -not $_.IsValid })
        $detailed.Count | Should -Be 1
        $detailed[0].Outcome | Should -Be 'SignatureMismatch'
    }

    It 'reads the signature header in any case (<_>) from a hashtable, a dictionary and a WebHeaderCollection' -ForEach 'X-Twilio-Signature', 'x-twilio-signature', 'X-TWILIO-SIGNATURE' {
        $dictionary = [Collections.Generic.Dictionary[string, string]]::new([StringComparer]::Ordinal)
        $dictionary[$_] = 'RSOYDt4T1cUTdK1PDd93/VVr8B8='
        $dictionary['content-type'] = 'application/x-www-form-urlencoded'
        Test-TwilioRequestSignature -Url $Url -Headers $dictionary -Body $FormBody -AuthToken $Token | Should -BeTrue
        $collection = [Net.WebHeaderCollection]::new()
        $collection.Add($_, 'RSOYDt4T1cUTdK1PDd93/VVr8B8=')
        Test-TwilioRequestSignature -Url $Url -Headers $collection -Parameters $Fields -AuthToken $Token | Should -BeTrue
        $dictionary[$_] = 'AAAA' + 'RSOYDt4T1cUTdK1PDd93/VVr8B8='.Substring(4)
        Test-TwilioRequestSignature -Url $Url -Headers $dictionary -Body $FormBody -AuthToken $Token | Should -BeFalse
    }

    It 'takes the Content-Type from the headers: a JSON body without bodySHA256 is BodyHashMissing' {
        $headers = @{ 'X-Twilio-Signature' = 'RSOYDt4T1cUTdK1PDd93/VVr8B8='; 'Content-Type' = 'application/json; charset=utf-8' }
        (Test-TwilioRequestSignature -Url $Url -Headers $headers -Body $Json -AuthToken $Token -Detailed).Outcome | Should -Be 'BodyHashMissing'
    }

    It 'checks a real request received by HttpListener (Url as [Uri], Headers as NameValueCollection, raw body)' {
        # A port the system reports free, not a random one: with emulators and other test processes running
        # side by side, a random port can be taken (Address already in use).
        $probe = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0)
        $probe.Start()
        $port = $probe.LocalEndpoint.Port
        $probe.Stop()
        $listener = [Net.HttpListener]::new()
        $listener.Prefixes.Add("http://127.0.0.1:$port/")
        $listener.Start()
        $client = [Net.Http.HttpClient]::new()
        try {
            $target = "http://127.0.0.1:$port/twilio/hook?tenant=7&note=It's+fine"
            # Signed as Twilio would: the URL it calls plus the sorted fields (here with this module's own Compute).
            $pairs = [Collections.Generic.List[Collections.Generic.KeyValuePair[string, string]]]::new()
            foreach ($entry in $Fields.GetEnumerator()) { $pairs.Add([Collections.Generic.KeyValuePair[string, string]]::new($entry.Key, $entry.Value)) }
            $signature = [Authy.Verify.Signing.TwilioRequestSignature]::Compute([Text.Encoding]::UTF8.GetBytes('12345'), $target, $pairs)
            $message = [Net.Http.HttpRequestMessage]::new([Net.Http.HttpMethod]::Post, $target)
            $message.Headers.Add('X-Twilio-Signature', $signature)
            $message.Content = [Net.Http.FormUrlEncodedContent]::new($pairs)
            $pending = $client.SendAsync($message)
            $contextTask = $listener.GetContextAsync()
            if (-not $contextTask.Wait(10000)) { throw 'no request arrived' }
            $context = $contextTask.Result
            $request = $context.Request
            $body = [IO.StreamReader]::new($request.InputStream, [Text.Encoding]::UTF8).ReadToEnd()
            # The public URL is the one the client called; the listener's own Url is the same here (no proxy).
            $ok = Test-TwilioRequestSignature -Url $request.Url -Headers $request.Headers -Body $body -AuthToken $Token
            $context.Response.StatusCode = if ($ok) { 200 } else { 403 }
            $context.Response.Close()
            $ok | Should -BeTrue
            $pending.Wait(10000) | Should -BeTrue
            [int]$pending.Result.StatusCode | Should -Be 200
            # The same request with one field changed is refused.
            Test-TwilioRequestSignature -Url $request.Url -Headers $request.Headers -Body ($body -replace 'Digits=1234', 'Digits=1235') -AuthToken $Token | Should -BeFalse
        }
        finally {
            $client.Dispose()
            $listener.Stop()
            $listener.Close()
        }
    }
}

Describe 'Test-TwilioRequestSignature: hostile input is refused before anything is computed' {
    It 'refuses the URL <Name> with TwilioVerify.InvalidUrl and writes no result' -ForEach @(
        @{ Name = 'relative path'; Value = '/myapp.php?foo=1' }
        @{ Name = 'no scheme'; Value = 'mycompany.com/myapp.php' }
        @{ Name = 'ftp'; Value = 'ftp://mycompany.com/x' }
        @{ Name = 'file'; Value = 'file:///etc/passwd' }
        @{ Name = 'javascript'; Value = 'javascript:alert(1)' }
        @{ Name = 'no host'; Value = 'https:///path' }
        @{ Name = 'space'; Value = 'https://mycompany.com/my app' }
        @{ Name = 'CR LF header injection'; Value = "https://mycompany.com/x`r`nX-Twilio-Signature: forged" }
        @{ Name = 'NUL'; Value = "https://mycompany.com/x`0y" }
        @{ Name = 'tab'; Value = "https://mycompany.com/x`ty" }
        @{ Name = 'bidi override'; Value = "https://mycompany.com/x$([char]0x202E)gpj" }
        @{ Name = 'fragment'; Value = 'https://mycompany.com/x#frag' }
        @{ Name = 'leading space'; Value = ' https://mycompany.com/x' }
        @{ Name = 'whitespace only'; Value = '   ' }
        @{ Name = 'huge'; Value = 'https://mycompany.com/?' + ('a' * 9000) }
    ) {
        $output = @(Test-TwilioRequestSignature -Url $Value -Signature 'RSOYDt4T1cUTdK1PDd93/VVr8B8=' -Parameters $Fields -AuthToken $Token -ErrorVariable problems -ErrorAction SilentlyContinue)
        $output.Count | Should -Be 0
        $problems.Count | Should -Be 1
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'TwilioVerify.InvalidUrl,*'
        $problems[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $problems[0].Exception.Message.Length | Should -BeLessThan 400
    }

    It 'refuses an empty or $null URL at binding' {
        { Test-TwilioRequestSignature -Url '' -Signature 'x' -AuthToken $Token -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
        { Test-TwilioRequestSignature -Url $null -Signature 'x' -AuthToken $Token -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
    }

    It 'refuses nested objects and text as -Parameters with TwilioVerify.InvalidParameters' -ForEach @(
        @{ Name = 'nested hashtable'; Value = @{ a = @{ b = 1 } } }
        @{ Name = 'nested object'; Value = @{ a = [pscustomobject]@{ b = 1 } } }
        @{ Name = 'list of lists'; Value = @{ a = @(, @('1', '2')) } }
        @{ Name = 'text'; Value = 'CallSid=CA1' }
        @{ Name = 'number'; Value = 42 }
    ) {
        $output = @(Test-TwilioRequestSignature -Url $Url -Signature 'x' -Parameters $Value -AuthToken $Token -ErrorVariable problems -ErrorAction SilentlyContinue)
        $output.Count | Should -Be 0
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'TwilioVerify.InvalidParameters,*'
    }

    It 'stops with TwilioVerify.InvalidAuthToken for an empty or $null token; -AuthToken itself is optional (the session has one)' {
        { Test-TwilioRequestSignature -Url $Url -Signature 'x' -AuthToken ([securestring]::new()) -ErrorAction Stop } | Should -Throw -ErrorId 'TwilioVerify.InvalidAuthToken*'
        { Test-TwilioRequestSignature -Url $Url -Signature 'x' -AuthToken $null -ErrorAction Stop } | Should -Throw -ErrorId 'TwilioVerify.InvalidAuthToken*'
        (Get-Command Test-TwilioRequestSignature).Parameters['AuthToken'].Attributes.Where({ $_ -is [Management.Automation.ParameterAttribute] }).Mandatory | Should -Not -Contain $true
        (Get-Command Test-TwilioRequestSignature).Parameters['AuthToken'].ParameterType | Should -Be ([securestring])
    }

    It 'keeps going after a refused row: one outcome per row' {
        $rows = @(
            [pscustomobject]@{ Url = '/relative'; Signature = 'x' }
            [pscustomobject]@{ Url = $Url; Signature = 'RSOYDt4T1cUTdK1PDd93/VVr8B8='; Body = $FormBody }
        )
        $output = @($rows | Test-TwilioRequestSignature -AuthToken $Token -ErrorVariable problems -ErrorAction SilentlyContinue)
        $output | Should -Be @($true)
        $problems.Count | Should -Be 1
    }

    It 'compares in constant time (read from the code): every URL variant, XOR-accumulate, no early exit' {
        $source = Get-Content -Raw (Join-Path $PSScriptRoot '../../src/Authy/Verify/Signing/TwilioRequestSignature.cs')
        $verify = [regex]::Match($source, '(?ms)^([ ]*)public static bool Verify\(.*?\n\1}').Value
        $verify | Should -Match 'var equal = FixedTimeEquals\(expected, given\);'
        $verify | Should -Match 'any \|= equal;'
        $verify | Should -Not -Match '==\s*signature|signature\s*==|\.Equals\(|SequenceEqual|string\.Compare|\|\|'
        # The comparison is the one shared with the Authy callback signature: no local FixedTimeEquals may shadow it.
        $source | Should -Match 'using static Authy\.Signing\.SigningPrimitives;'
        $source | Should -Not -Match 'static bool FixedTimeEquals\('
        $primitives = Get-Content -Raw (Join-Path $PSScriptRoot '../../src/Authy/Signing/SigningPrimitives.cs')
        $fixed = [regex]::Match($primitives, '(?ms)^([ ]*)internal static bool FixedTimeEquals\(.*?\n\1}').Value
        $fixed | Should -Not -BeNullOrEmpty
        $fixed | Should -Match 'difference \|= expected\[i\] \^ given\[i\];'
        [regex]::Match($fixed, '(?s)for \(.*?\{(.*?)\}').Groups[1].Value | Should -Not -Match 'return|break'
    }
}

Describe 'Test-TwilioRequestSignature: the Auth Token of the Verify session' {
    BeforeAll {
        $script:SessionService = 'VA0123456789abcdef0123456789abcdef'
        $script:SessionAccount = 'AC0123456789abcdef0123456789abcdef'
        $script:SessionKey = 'SK0123456789abcdef0123456789abcdef'
        function script:Get-Signature([string] $TokenText, [string] $ForUrl) {
            $pairs = [Collections.Generic.List[Collections.Generic.KeyValuePair[string, string]]]::new()
            foreach ($entry in $Fields.GetEnumerator()) { $pairs.Add([Collections.Generic.KeyValuePair[string, string]]::new($entry.Key, $entry.Value)) }
            [Authy.Verify.Signing.TwilioRequestSignature]::Compute([Text.Encoding]::UTF8.GetBytes($TokenText), $ForUrl, $pairs)
        }
    }
    AfterAll { Disconnect-TwilioVerify -ErrorAction SilentlyContinue }

    It 'uses the Auth Token of a session on the Account SID when -AuthToken is left out' {
        Connect-TwilioVerify -ServiceSid $SessionService -Credential ([pscredential]::new($SessionAccount, $Token))
        Test-TwilioRequestSignature -Url $Url -Signature 'RSOYDt4T1cUTdK1PDd93/VVr8B8=' -Parameters $Fields | Should -BeTrue
        Test-TwilioRequestSignature -Url $Url -Signature 'RSOYDt4T1cUTdK1PDd93/VVr8B8=' -Body $FormBody | Should -BeTrue
        Test-TwilioRequestSignature -Url $Url -Signature 'WRONG' -Parameters $Fields | Should -BeFalse
        # -AuthToken, when given, wins over the session's.
        Test-TwilioRequestSignature -Url $Url -Signature 'RSOYDt4T1cUTdK1PDd93/VVr8B8=' -Parameters $Fields -AuthToken (ConvertTo-SecureString '12346' -AsPlainText -Force) | Should -BeFalse
    }

    It 'uses the emulator''s Auth Token after Start-AuthyEmulator' {
        Start-AuthyEmulator
        try {
            $signature = Get-Signature 'VerifyEmulatorDemoToken000000000' $Url
            Test-TwilioRequestSignature -Url $Url -Signature $signature -Parameters $Fields | Should -BeTrue
            Test-TwilioRequestSignature -Url $Url -Signature 'RSOYDt4T1cUTdK1PDd93/VVr8B8=' -Parameters $Fields | Should -BeFalse
        }
        finally {
            Stop-AuthyEmulator
        }
    }

    It 'stops with TwilioVerify.AuthTokenRequired on an API-key session: the key secret does not sign webhooks' {
        Connect-TwilioVerify -ServiceSid $SessionService -AccountSid $SessionAccount -Credential ([pscredential]::new($SessionKey, $Token))
        $failure = { Test-TwilioRequestSignature -Url $Url -Signature 'RSOYDt4T1cUTdK1PDd93/VVr8B8=' -Parameters $Fields -ErrorAction Stop } | Should -Throw -ErrorId 'TwilioVerify.AuthTokenRequired*' -PassThru
        $failure.Exception.Message | Should -Match 'Auth Token'
        $failure.Exception.Message | Should -Match 'not with an API key secret'
        $failure.Exception.Message | Should -Match '-AuthToken'
        $failure.CategoryInfo.Category | Should -Be 'AuthenticationError'
        # With the Auth Token given, the key session is no obstacle.
        Test-TwilioRequestSignature -Url $Url -Signature 'RSOYDt4T1cUTdK1PDd93/VVr8B8=' -Parameters $Fields -AuthToken $Token | Should -BeTrue
    }

    It 'stops as every Verify cmdlet does (TwilioVerify.NotConnected) without -AuthToken and without a Verify session, naming -AuthToken' {
        Disconnect-TwilioVerify
        $failure = { Test-TwilioRequestSignature -Url $Url -Signature 'x' -Parameters $Fields -ErrorAction Stop } | Should -Throw -ErrorId 'TwilioVerify.NotConnected*' -PassThru
        $failure.Exception.Message | Should -Be ({ Get-TwilioVerification -VerificationSid 'VE0123456789abcdef0123456789abcdef' -ErrorAction Stop } | Should -Throw -PassThru).Exception.Message
        $failure.ErrorDetails.RecommendedAction | Should -Match '-AuthToken'
    }

    It 'uses TWILIO_AUTH_TOKEN without a Connect-TwilioVerify session: no service needed, and an API key set beside it is not the signing key' {
        Disconnect-TwilioVerify
        $saved = @{}
        foreach ($name in 'TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN', 'TWILIO_VERIFY_SERVICE_SID', 'TWILIO_API_KEY', 'TWILIO_API_SECRET') { $saved[$name] = [Environment]::GetEnvironmentVariable($name) }
        try {
            # What Twilio's own libraries read, and nothing else.
            $env:TWILIO_API_KEY = $null; $env:TWILIO_API_SECRET = $null; $env:TWILIO_VERIFY_SERVICE_SID = $null
            $env:TWILIO_ACCOUNT_SID = $SessionAccount
            $env:TWILIO_AUTH_TOKEN = [Net.NetworkCredential]::new('', $Token).Password
            Test-TwilioRequestSignature -Url $Url -Signature 'RSOYDt4T1cUTdK1PDd93/VVr8B8=' -Parameters $Fields | Should -BeTrue
            Test-TwilioRequestSignature -Url $Url -Signature 'WRONG' -Parameters $Fields | Should -BeFalse
            # With an API key too (which the Verify cmdlets would sign in with), the Auth Token still checks signatures.
            $env:TWILIO_API_KEY = $SessionKey; $env:TWILIO_API_SECRET = 'KeySecret000000000000000000000000'
            Test-TwilioRequestSignature -Url $Url -Signature 'RSOYDt4T1cUTdK1PDd93/VVr8B8=' -Parameters $Fields | Should -BeTrue
            # An API key alone has no Auth Token to lend.
            $env:TWILIO_AUTH_TOKEN = $null; $env:TWILIO_VERIFY_SERVICE_SID = $SessionService
            { Test-TwilioRequestSignature -Url $Url -Signature 'RSOYDt4T1cUTdK1PDd93/VVr8B8=' -Parameters $Fields -ErrorAction Stop } | Should -Throw -ErrorId 'TwilioVerify.AuthTokenRequired*'
        }
        finally {
            foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
        }
    }
}

Describe 'Test-TwilioRequestSignature: the Auth Token canary' {
    BeforeAll {
        # 'Cnry' and 32 letters g-v, built into a SecureString character by character, never through a parameter.
        $letters = 'ghijklmnopqrstuv'
        $script:CanaryText = 'Cnry' + -join ([guid]::NewGuid().ToString('N').ToCharArray() | ForEach-Object { $letters[[Convert]::ToInt32([string]$_, 16)] })
        $script:CanaryToken = [securestring]::new()
        foreach ($character in $CanaryText.ToCharArray()) { $CanaryToken.AppendChar($character) }
        $CanaryToken.MakeReadOnly()
        $pairs = [Collections.Generic.List[Collections.Generic.KeyValuePair[string, string]]]::new()
        foreach ($entry in $Fields.GetEnumerator()) { $pairs.Add([Collections.Generic.KeyValuePair[string, string]]::new($entry.Key, $entry.Value)) }
        $script:CanarySignature = [Authy.Verify.Signing.TwilioRequestSignature]::Compute([Text.Encoding]::UTF8.GetBytes($CanaryText), $Url, $pairs)
        $script:CanaryPieces = @(
            for ($i = 0; $i -le $CanaryText.Length - 8; $i++) { $CanaryText.Substring($i, 8) }
            [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes($CanaryText)).Substring(0, 16)
            # The signature expected for a tampered request must not leak either (it would be a forgery oracle).
            $CanarySignature.Substring(4, 16)
        )

        $Error.Clear()
        $common = @{ Verbose = $true; Debug = $true; ErrorAction = 'Continue'; WarningAction = 'Continue'; InformationAction = 'Continue' }
        $captured = [Collections.Generic.List[object]]::new()
        $tampered = [ordered]@{} + $Fields
        $tampered.Digits = '9999'
        $steps = @(
            { Test-TwilioRequestSignature -Url $Url -Signature $CanarySignature -Parameters $Fields -AuthToken $CanaryToken -Detailed @common }
            { Test-TwilioRequestSignature -Url $Url -Signature $CanarySignature -Parameters $tampered -AuthToken $CanaryToken -Detailed @common }
            { Test-TwilioRequestSignature -Url $Url -Signature 'AAAA' -Body $FormBody -AuthToken $CanaryToken @common }
            { Test-TwilioRequestSignature -Url "$Url&bodySHA256=$JsonHash" -Headers @{ 'x-twilio-signature' = 'AAAA' } -Body $Json -AuthToken $CanaryToken -Detailed @common }
            { Test-TwilioRequestSignature -Url $Url -Signature 'AAAA' -Body $Json -ContentType application/json -AuthToken $CanaryToken -Detailed @common }
            { Test-TwilioRequestSignature -Url '/relative' -Signature 'AAAA' -AuthToken $CanaryToken @common }
            { Test-TwilioRequestSignature -Url $Url -Signature 'AAAA' -Parameters @{ a = @{ b = 1 } } -AuthToken $CanaryToken @common }
            { Test-TwilioRequestSignature -Url $Url -Signature 'AAAA' -AuthToken ([securestring]::new()) @common }
            { Test-TwilioRequestSignature -Url $Url -Signature 'AAAA' -Parameters 'x' -AuthToken $CanaryToken -ErrorAction Stop }
            # The same token taken from the Verify session (Account SID + Auth Token), and a key session refusing to lend its secret.
            { Connect-TwilioVerify -ServiceSid 'VA0123456789abcdef0123456789abcdef' -Credential ([pscredential]::new('AC0123456789abcdef0123456789abcdef', $CanaryToken)) @common }
            { Test-TwilioRequestSignature -Url $Url -Signature $CanarySignature -Parameters $Fields -Detailed @common }
            { Test-TwilioRequestSignature -Url $Url -Signature $CanarySignature -Parameters $tampered -Detailed @common }
            { Connect-TwilioVerify -ServiceSid 'VA0123456789abcdef0123456789abcdef' -AccountSid 'AC0123456789abcdef0123456789abcdef' -Credential ([pscredential]::new('SK0123456789abcdef0123456789abcdef', $CanaryToken)) @common }
            { Test-TwilioRequestSignature -Url $Url -Signature $CanarySignature -Parameters $Fields -ErrorAction Stop }
            { Disconnect-TwilioVerify @common }
        )
        foreach ($step in $steps) {
            try { & $step *>&1 | ForEach-Object { $captured.Add($_) } } catch { $captured.Add($_) }
        }
        $script:Captured = $captured
        $script:Errors = @($Error)

        function script:Get-AllText($Record) {
            $parts = [Collections.Generic.List[string]]::new()
            $parts.Add(($Record | Format-List * -Force | Out-String -Width 4096))
            $parts.Add(($Record | Out-String -Width 4096))
            if ($Record -is [Management.Automation.ErrorRecord]) {
                $parts.Add($Record.ToString())
                $parts.Add(($Record | Get-Error | Out-String -Width 4096))
                $exception = $Record.Exception
                while ($exception) { $parts.Add($exception.ToString()); $exception = $exception.InnerException }
                if ($Record.InvocationInfo) {
                    $parts.Add($Record.InvocationInfo.Line)
                    foreach ($bound in $Record.InvocationInfo.BoundParameters.GetEnumerator()) { $parts.Add("$($bound.Key) = $($bound.Value)") }
                }
            }
            $parts -join "`n"
        }
    }

    It 'went through successes, mismatches, refusals and a stop' {
        @($Captured | Where-Object { $_ -is [Authy.Verify.Signing.TwilioRequestSignatureResult] -and $_.IsValid }).Count | Should -Be 2
        @($Captured | Where-Object { $_ -is [Management.Automation.VerboseRecord] }).Count | Should -BeGreaterOrEqual 4
        $ids = @($Errors | ForEach-Object { $_.FullyQualifiedErrorId -replace ',.*$', '' })
        $ids | Should -Contain 'TwilioVerify.InvalidUrl'
        $ids | Should -Contain 'TwilioVerify.InvalidParameters'
        $ids | Should -Contain 'TwilioVerify.InvalidAuthToken'
        $ids | Should -Contain 'TwilioVerify.AuthTokenRequired'
    }

    It 'finds the canary when it is there (the detector works)' {
        $probe = [pscustomobject]@{ Message = 'x' + $CanaryText.Substring(6, 9) + 'y' } | Format-List * | Out-String
        @($CanaryPieces | Where-Object { $probe -match [regex]::Escape($_) }).Count | Should -BeGreaterThan 0
        @($CanaryPieces | Where-Object { ('sig ' + $CanarySignature) -match [regex]::Escape($_) }).Count | Should -BeGreaterThan 0
    }

    It 'is in none of the streams, no result and no error record' {
        foreach ($record in @($Captured) + @($Errors)) {
            $text = Get-AllText $record
            foreach ($piece in $CanaryPieces) { $text | Should -Not -Match ([regex]::Escape($piece)) -Because "a $($record.GetType().Name) must not carry the token or the expected signature" }
        }
    }

    It 'is not in $Error as PowerShell prints it' {
        $text = $Error | Format-List * -Force | Out-String -Width 4096
        foreach ($piece in $CanaryPieces) { $text | Should -Not -Match ([regex]::Escape($piece)) }
    }
}
