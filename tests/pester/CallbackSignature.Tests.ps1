# Test-AuthyCallbackSignature beyond OneTouch.Tests.ps1 (which covers the seegno vector, the emulator's
# callbacks, lower-case headers and a few tamperings): constant-time comparison, header names in any
# case, -MaxAge freshness both ways, and every single parameter, the method, the URL and the nonce.

BeforeDiscovery {
    # Every leaf of a callback body, as a path of property names: each one is tampered with in turn.
    $body = '{"approval_request":{"expiration_timestamp":1455911778,"logos":null,"transaction":{"created_at_time":1455825378,"customer_uuid":"2ccf0040-ed25-0132-5987-0e67b818e6fb","details":{"Account":"1,234"},"device_details":null,"device_geolocation":null,"device_signing_time":0,"encrypted":false,"flagged":false,"hidden_details":{"ip":"203.0.113.7"},"message":"Log in?","reason":null,"requester_details":null,"status":"approved","uuid":"996201c0-b7a7-0133-7c06-0e67b818e6fb"}},"authy_id":1234567,"callback_action":"approval_request_status","device_uuid":"4d89c320-a9bb-0133-7c02-0e67b818e6fb","status":"approved","uuid":"996221c0-b7a7-0133-7c06-0e67b818e6fb"}'
    function Get-Leaves($Node, [string] $Path) {
        foreach ($property in $Node.PSObject.Properties) {
            $here = if ($Path) { "$Path.$($property.Name)" } else { $property.Name }
            if ($property.Value -is [pscustomobject]) { Get-Leaves $property.Value $here } else { $here }
        }
    }
    $script:leaves = @(Get-Leaves ($body | ConvertFrom-Json) '' | ForEach-Object { @{ Leaf = $_ } })
    $script:callbackBody = $body
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-AuthyUnderTest

    $script:KeyText = 'callback-' + [guid]::NewGuid().ToString('N')
    $script:Key = ConvertTo-SecureString $KeyText -AsPlainText -Force
    $script:Url = 'https://hooks.example.com:8443/authy/callback'
    $script:Body = $callbackBody

    # Signs as Authy does, with the module's own canonical form (its correctness against Authy's is
    # proven by the seegno vector in OneTouch.Tests.ps1).
    function script:New-Signature([string] $Nonce, [string] $Method = 'POST', [string] $SignedUrl = $Url, [string] $SignedBody = $Body) {
        $parameters = [Authy.Signing.CallbackSignature]::ParseBody($SignedBody)
        [Authy.Signing.CallbackSignature]::Compute([Text.Encoding]::UTF8.GetBytes($KeyText), $Nonce, $Method, $SignedUrl, $parameters)
    }

    function script:Get-Nonce([double] $SecondsFromNow = 0) { [string][long]([DateTimeOffset]::UtcNow.ToUnixTimeSeconds() + $SecondsFromNow) }
}

Describe 'Test-AuthyCallbackSignature: the comparison' {
    It 'compares in constant time (read from the code): XOR-accumulate over every byte, no early exit, no string equality' {
        $source = Get-Content -Raw (Join-Path $PSScriptRoot '../../src/Authy/Signing/CallbackSignature.cs')
        $verify = [regex]::Match($source, '(?ms)^([ ]*)public static bool Verify\(.*?\n\1}').Value
        $verify | Should -Match 'return FixedTimeEquals\(expected, given\);'
        $verify | Should -Not -Match '==\s*signature|signature\s*==|\.Equals\(|SequenceEqual|string\.Compare'
        # The comparison is the one shared with the Twilio request signature: no local FixedTimeEquals may shadow it.
        $source | Should -Match 'using static Authy\.Signing\.SigningPrimitives;'
        $source | Should -Not -Match 'static bool FixedTimeEquals\('
        $primitives = Get-Content -Raw (Join-Path $PSScriptRoot '../../src/Authy/Signing/SigningPrimitives.cs')
        $fixed = [regex]::Match($primitives, '(?ms)^([ ]*)internal static bool FixedTimeEquals\(.*?\n\1}').Value
        $fixed | Should -Not -BeNullOrEmpty
        $fixed | Should -Match 'difference \|= expected\[i\] \^ given\[i\];'
        $fixed | Should -Match 'return difference == 0;'
        # Inside the loop nothing returns or breaks.
        $loop = [regex]::Match($fixed, '(?s)for \(.*?\{(.*?)\}').Groups[1].Value
        $loop | Should -Not -Match 'return|break'
    }

    It 'accepts the right signature and refuses one differing in its last character only' {
        $nonce = Get-Nonce
        $signature = New-Signature $nonce
        Test-AuthyCallbackSignature -Url $Url -Method POST -Nonce $nonce -Signature $signature -Body $Body -ApiKey $Key | Should -BeTrue
        $last = if ($signature[-2] -eq 'A') { 'B' } else { 'A' }
        $other = $signature.Substring(0, $signature.Length - 2) + $last + '='
        Test-AuthyCallbackSignature -Url $Url -Method POST -Nonce $nonce -Signature $other -Body $Body -ApiKey $Key | Should -BeFalse
        Test-AuthyCallbackSignature -Url $Url -Method POST -Nonce $nonce -Signature $signature.Substring(0, 20) -Body $Body -ApiKey $Key | Should -BeFalse
    }
}

Describe 'Test-AuthyCallbackSignature: header names in any case' {
    It 'reads the headers named <SignatureName> and <NonceName>' -ForEach @(
        @{ SignatureName = 'X-Authy-Signature'; NonceName = 'X-Authy-Signature-Nonce' }
        @{ SignatureName = 'x-authy-signature'; NonceName = 'x-authy-signature-nonce' }
        @{ SignatureName = 'X-AUTHY-SIGNATURE'; NonceName = 'X-AUTHY-SIGNATURE-NONCE' }
        @{ SignatureName = 'x-AuThY-sIgNaTuRe'; NonceName = 'X-aUtHy-SiGnAtUrE-nOnCe' }
    ) {
        $nonce = Get-Nonce
        $signed = New-Signature $nonce
        # A plain (case-sensitive) dictionary, and HttpListener's NameValueCollection.
        $headers = [Collections.Generic.Dictionary[string, string]]::new([StringComparer]::Ordinal)
        $headers[$SignatureName] = $signed
        $headers[$NonceName] = $nonce
        Test-AuthyCallbackSignature -Url $Url -Method POST -Headers $headers -Body $Body -ApiKey $Key | Should -BeTrue
        $collection = [Net.WebHeaderCollection]::new()
        $collection.Add($SignatureName, $signed)
        $collection.Add($NonceName, $nonce)
        Test-AuthyCallbackSignature -Url $Url -Method POST -Headers $collection -Body $Body -ApiKey $Key -MaxAge 60 | Should -BeTrue
        # The same headers with a wrong signature: false, so the names were really read.
        $headers[$SignatureName] = 'AAAA' + $signed.Substring(4)
        Test-AuthyCallbackSignature -Url $Url -Method POST -Headers $headers -Body $Body -ApiKey $Key | Should -BeFalse
    }

    It 'is false when either header is missing' {
        $nonce = Get-Nonce
        Test-AuthyCallbackSignature -Url $Url -Method POST -Headers @{ 'X-Authy-Signature' = (New-Signature $nonce) } -Body $Body -ApiKey $Key | Should -BeFalse
        Test-AuthyCallbackSignature -Url $Url -Method POST -Headers @{ 'X-Authy-Signature-Nonce' = $nonce } -Body $Body -ApiKey $Key | Should -BeFalse
    }
}

Describe 'Test-AuthyCallbackSignature: -MaxAge' {
    It 'nonce <Offset> s from now with -MaxAge <MaxAge> is <Expected>' -ForEach @(
        @{ Offset = 0; MaxAge = 300; Expected = $true }
        @{ Offset = -250; MaxAge = 300; Expected = $true }
        @{ Offset = -301; MaxAge = 300; Expected = $false }
        @{ Offset = -3600; MaxAge = 300; Expected = $false }
        @{ Offset = 250; MaxAge = 300; Expected = $true }
        @{ Offset = 400; MaxAge = 300; Expected = $false }
        @{ Offset = -10; MaxAge = 5; Expected = $false }
    ) {
        # Signed correctly in every case: only the age decides.
        $nonce = Get-Nonce $Offset
        $signature = New-Signature $nonce
        Test-AuthyCallbackSignature -Url $Url -Method POST -Nonce $nonce -Signature $signature -Body $Body -ApiKey $Key | Should -BeTrue
        Test-AuthyCallbackSignature -Url $Url -Method POST -Nonce $nonce -Signature $signature -Body $Body -ApiKey $Key -MaxAge $MaxAge | Should -Be $Expected
    }

    It 'is false for a correctly signed nonce that is not a time: <Nonce>' -ForEach @(@{ Nonce = 'abc' }, @{ Nonce = '-5' }, @{ Nonce = 'NaN' }, @{ Nonce = '1e300' }) {
        $signature = New-Signature $Nonce
        Test-AuthyCallbackSignature -Url $Url -Method POST -Nonce $Nonce -Signature $signature -Body $Body -ApiKey $Key | Should -BeTrue
        Test-AuthyCallbackSignature -Url $Url -Method POST -Nonce $Nonce -Signature $signature -Body $Body -ApiKey $Key -MaxAge 300 | Should -BeFalse
    }
}

Describe 'Test-AuthyCallbackSignature: any single change turns it false' {
    BeforeAll {
        $script:nonce = Get-Nonce
        $script:signature = New-Signature $nonce
        $script:valid = @{ Url = $Url; Method = 'POST'; Nonce = $nonce; Signature = $signature; Body = $Body; ApiKey = $Key }
    }

    It 'is true untouched' {
        Test-AuthyCallbackSignature @valid | Should -BeTrue
    }

    It 'is false with the parameter <Leaf> changed' -ForEach $leaves {
        $json = $Body | ConvertFrom-Json
        $names = $Leaf -split '\.'
        $parent = $json
        foreach ($name in $names[0..($names.Count - 2)]) { if ($names.Count -gt 1) { $parent = $parent.$name } }
        $current = $parent.($names[-1])
        $parent.($names[-1]) = switch ($current) {
            { $null -eq $_ } { 'x'; break }
            { $_ -is [bool] } { -not $_; break }
            { $_ -is [long] -or $_ -is [int] } { $_ + 1; break }
            default { [string]$_ + 'x' }
        }
        $tampered = $json | ConvertTo-Json -Depth 10 -Compress
        $tampered | Should -Not -Be $Body
        Test-AuthyCallbackSignature @valid -Body $tampered | Should -BeFalse
    }

    It 'is false with a parameter added or removed' {
        Test-AuthyCallbackSignature @valid -Body $Body.Replace('"status":"approved","uuid":"996221c0', '"status":"approved","extra":"1","uuid":"996221c0') | Should -BeFalse
        Test-AuthyCallbackSignature @valid -Body $Body.Replace(',"callback_action":"approval_request_status"', '') | Should -BeFalse
    }

    It 'is false with <Name> changed' -ForEach @(
        @{ Name = 'the method'; Change = @{ Method = 'GET' } }
        @{ Name = 'the scheme'; Change = @{ Url = 'http://hooks.example.com:8443/authy/callback' } }
        @{ Name = 'the host'; Change = @{ Url = 'https://hooks.example.org:8443/authy/callback' } }
        @{ Name = 'the port'; Change = @{ Url = 'https://hooks.example.com:8444/authy/callback' } }
        @{ Name = 'the path'; Change = @{ Url = 'https://hooks.example.com:8443/authy/callback2' } }
        @{ Name = 'a trailing slash'; Change = @{ Url = 'https://hooks.example.com:8443/authy/callback/' } }
        @{ Name = 'the nonce (+1)'; Change = @{ Nonce = 'NEXT' } }
        @{ Name = 'the nonce (other text)'; Change = @{ Nonce = 'PREFIX' } }
        @{ Name = 'the key'; Change = @{ ApiKey = 'OTHER' } }
    ) {
        $splat = @{} + $valid
        foreach ($entry in $Change.GetEnumerator()) { $splat[$entry.Key] = $entry.Value }
        if ($splat.Nonce -eq 'NEXT') { $splat.Nonce = [string]([long]$nonce + 1) }
        if ($splat.Nonce -eq 'PREFIX') { $splat.Nonce = '0' + $nonce }
        if ($splat.ApiKey -eq 'OTHER') { $splat.ApiKey = ConvertTo-SecureString ('x' + $KeyText) -AsPlainText -Force }
        Test-AuthyCallbackSignature @splat | Should -BeFalse
    }
}
