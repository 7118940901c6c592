# Twilio Verify TOTP and entities (docs/api/verify.md §4.4–§4.6) end to end: the built module against the emulator, whose
# TOTP factors follow RFC 6238 from their seed. The codes are computed here too, from the seed, so the test does not
# take the emulator's word for what a right code is.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-AuthyUnderTest

    # Base32 of "12345678901234567890", the RFC 4226/6238 test key.
    $script:RfcSeed = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'
    $script:pwshDll = Join-Path $PSHOME 'pwsh.dll'

    # RFC 6238 (HMAC-SHA1, RFC 4226 dynamic truncation) at a given time, from a Base32 seed.
    function script:Get-TotpCode([string] $Seed, [datetimeoffset] $At, [int] $Digits = 6, [int] $Step = 30) {
        $alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'
        $bits = -join ($Seed.ToUpperInvariant().ToCharArray() | ForEach-Object { [Convert]::ToString($alphabet.IndexOf($_), 2).PadLeft(5, '0') })
        $key = [byte[]] @(for ($i = 0; $i + 8 -le $bits.Length; $i += 8) { [Convert]::ToByte($bits.Substring($i, 8), 2) })
        $counter = [BitConverter]::GetBytes([long][Math]::Floor($At.ToUnixTimeSeconds() / $Step))
        if ([BitConverter]::IsLittleEndian) { [Array]::Reverse($counter) }
        $hmac = [Security.Cryptography.HMACSHA1]::new($key)
        try { $hash = $hmac.ComputeHash($counter) } finally { $hmac.Dispose() }
        $offset = $hash[19] -band 0x0f
        # [int] first: a byte shifted left stays a byte in PowerShell.
        $binary = (([int]$hash[$offset] -band 0x7f) -shl 24) -bor ([int]$hash[$offset + 1] -shl 16) -bor ([int]$hash[$offset + 2] -shl 8) -bor [int]$hash[$offset + 3]
        ($binary % [int][Math]::Pow(10, $Digits)).ToString([Globalization.CultureInfo]::InvariantCulture).PadLeft($Digits, '0')
    }

    # The emulator's clock (tests move it; the codes follow it).
    function script:Get-EmulatorNow { [datetimeoffset]::Parse((Invoke-EmulatorControl -Url $emulator.Url -Path '/_emulator/clock').now, [Globalization.CultureInfo]::InvariantCulture) }

    # The code the authenticator app would show now, as the emulator computes it.
    function script:Get-FactorCode([string] $Sid) { (Invoke-EmulatorControl -Url $emulator.Url -Path "/_emulator/verify/factors/$Sid/code").code }

    # A code that is certainly wrong now: the right one with its first digit changed.
    function script:Get-WrongCode([string] $Sid) { $right = Get-FactorCode $Sid; ([string](([int][string]$right[0] + 5) % 10)) + $right.Substring(1) }

    function script:Get-VerifyRequests { @(Get-EmulatorRequests $emulator.Url | Where-Object path -Like '/v2/*') }

    function script:New-TestIdentity { [guid]::NewGuid().ToString() }
}

AfterAll {
    Stop-AuthyEmulator
}

Describe 'Import-Module alone' {
    It 'does not load QRCoder; the first QR code drawn does' {
        $script = "Import-Module '$(Join-Path $env:AUTHY_TEST_MODULE 'Authy.psd1')'; " +
            "`$names = [AppDomain]::CurrentDomain.GetAssemblies().GetName().Name; 'AUTHY=' + (`$names -contains 'Authy'); 'QRCODER=' + (`$names -contains 'QRCoder')"
        $output = & dotnet $pwshDll -NoProfile -NonInteractive -Command $script 2>&1 | Out-String
        $output | Should -Match 'AUTHY=True'
        $output | Should -Match 'QRCODER=False'
    }

    It 'ships QRCoder.dll and neither System.Drawing.Common nor System.Text.Encoding.CodePages' {
        Join-Path $env:AUTHY_TEST_MODULE 'QRCoder.dll' | Should -Exist
        Join-Path $env:AUTHY_TEST_MODULE 'System.Drawing.Common.dll' | Should -Not -Exist
        Join-Path $env:AUTHY_TEST_MODULE 'System.Text.Encoding.CodePages.dll' | Should -Not -Exist
    }
}

Describe 'The RFC 6238 helper of this test' {
    It 'reproduces the RFC 6238 appendix B SHA-1 vectors' -ForEach @(
        @{ T = 59; Code = '94287082' }, @{ T = 1111111109; Code = '07081804' }, @{ T = 1111111111; Code = '14050471' }
        @{ T = 1234567890; Code = '89005924' }, @{ T = 2000000000; Code = '69279037' }, @{ T = 20000000000; Code = '65353130' }
    ) {
        Get-TotpCode $RfcSeed ([datetimeoffset]::FromUnixTimeSeconds($T)) -Digits 8 | Should -Be $Code
    }
}

Describe 'New-TwilioVerifyFactor' {
    BeforeAll {
        $script:emulator = Start-TestEmulator
        $script:folder = Join-Path $TestDrive 'qr'
        New-Item -ItemType Directory -Path $folder | Out-Null
    }

    BeforeEach {
        Reset-Emulator $emulator.Url
    }

    It 'enrols a TOTP factor with a seed, sending it once as Binding.Secret, and keeps the binding as SecureStrings' {
        $identity = New-TestIdentity
        $secret = ConvertTo-SecureString $RfcSeed -AsPlainText -Force
        $factor = New-TwilioVerifyFactor -Identity $identity -FriendlyName 'Ann''s phone' -Secret $secret -TimeStep 30 -CodeLength 6 -Skew 1 -Algorithm sha1 -Force
        $factor | Should -BeOfType 'Authy.Verify.Models.TwilioVerifyFactor'
        $factor.Sid | Should -Match '^YF[0-9a-f]{32}$'
        $factor.Identity | Should -Be $identity
        $factor.FactorType | Should -Be 'totp'
        $factor.Status | Should -Be 'unverified'
        $factor.EntitySid | Should -Match '^YE'
        $factor.Secret | Should -BeOfType [securestring]
        [Net.NetworkCredential]::new('', $factor.Secret).Password | Should -Be $RfcSeed
        [Net.NetworkCredential]::new('', $factor.BindingUri).Password | Should -BeLike "otpauth://totp/*secret=$RfcSeed*"
        $requests = @(Get-VerifyRequests)
        $requests.Count | Should -Be 1
        $requests[0].method | Should -Be 'POST'
        $requests[0].path | Should -Be "/v2/Services/VA00000000000000000000000000000001/Entities/$identity/Factors"
        $requests[0].parameters.FactorType | Should -Be 'totp'
        # The emulator logs that a seed came, never the seed; that it is the right one shows in the codes below.
        $requests[0].parameters.'Binding.Secret' | Should -Be '[REDACTED]'
        $requests[0].parameters.'Config.TimeStep' | Should -Be '30'
        $requests[0].parameters.'Config.CodeLength' | Should -Be '6'
        $requests[0].parameters.'Config.Skew' | Should -Be '1'
        $requests[0].parameters.'Config.Alg' | Should -Be 'sha1'
    }

    It 'lets Twilio make the seed when -Secret is left out, and sends only what was given' {
        $factor = New-TwilioVerifyFactor -Identity (New-TestIdentity) -FriendlyName 'Made' -Force
        [Net.NetworkCredential]::new('', $factor.Secret).Password | Should -Match '^[A-Z2-7]{16,}$'
        $parameters = (Get-VerifyRequests)[0].parameters
        $parameters.PSObject.Properties.Name | Should -Not -Contain 'Binding.Secret'
        $parameters.PSObject.Properties.Name | Should -Not -Contain 'Config.TimeStep'
    }

    It 'sends a seed written in groups and lower case as Twilio takes it' {
        $secret = ConvertTo-SecureString 'gezd gnbv-gy3t qojq gezd gnbv gy3t qojq====' -AsPlainText -Force
        $factor = New-TwilioVerifyFactor -Identity (New-TestIdentity) -FriendlyName 'Grouped' -Secret $secret -Force
        [Net.NetworkCredential]::new('', $factor.Secret).Password | Should -Be $RfcSeed
        $factor | Confirm-TwilioVerifyFactor -Code (Get-TotpCode $RfcSeed (Get-EmulatorNow)) | Should -BeTrue
    }

    It 'refuses a seed that is not Base32 before any request, without echoing it: <Name>' -ForEach @(
        @{ Name = 'a 1'; Seed = 'GEZDGNBVGY3TQOJ1GEZDGNBVGY3TQOJQ' }
        @{ Name = 'a line break'; Seed = "GEZDGNBVGY3TQOJQ`nGEZDGNBVGY3TQOJQ" }
        @{ Name = 'too short'; Seed = 'GEZDGNBVGY3T' }
        @{ Name = 'padding inside'; Seed = 'GEZDGNBV==GY3TQOJQGEZDGNBVGY3TQOJQ' }
        @{ Name = 'a path'; Seed = '../../../../Services/VA00000000000000000000000000000001' }
    ) {
        $secret = ConvertTo-SecureString $Seed -AsPlainText -Force
        $failure = $null
        try { New-TwilioVerifyFactor -Identity (New-TestIdentity) -FriendlyName 'x' -Secret $secret -Force -ErrorAction Stop } catch { $failure = $_ }
        $failure | Should -Not -BeNullOrEmpty
        $failure.FullyQualifiedErrorId | Should -BeLike 'TwilioVerify.InvalidSecret*'
        $failure.Exception.Message | Should -Match 'Base32|too short'
        $shown = ($failure | Format-List * -Force | Out-String) + $failure.Exception.Message
        foreach ($i in 0..([Math]::Max(0, $Seed.Length - 8))) {
            $piece = $Seed.Substring($i, [Math]::Min(8, $Seed.Length))
            if ($piece -notmatch '^[./]+$') { $shown.Contains($piece) | Should -BeFalse -Because 'the error must not show the seed' }
        }
        Get-VerifyRequests | Should -BeNullOrEmpty
    }

    It 'draws the QR code to the host (information stream), never to the output' {
        $out = New-TwilioVerifyFactor -Identity (New-TestIdentity) -FriendlyName 'Terminal' -QrCode -Force -InformationVariable info 6>$null
        @($out).Count | Should -Be 1
        $out | Should -BeOfType 'Authy.Verify.Models.TwilioVerifyFactor'
        @($info).Count | Should -Be 1
        $text = [string]$info[0].MessageData
        $info[0].Tags | Should -Contain 'PSHOST'
        $lines = @($text -split "`n" | Where-Object { $_ })
        $lines.Count | Should -BeGreaterThan 10
        # Half blocks, the quiet zone drawn light (full blocks), square: two modules per line.
        $lines[0] | Should -Match '^█+$'
        $text | Should -Match '▀|▄'
        $lines[0].Length | Should -BeGreaterOrEqual ($lines.Count * 2 - 2)
        [AppDomain]::CurrentDomain.GetAssemblies().GetName().Name | Should -Contain 'QRCoder'
    }

    It 'writes the QR code as a PNG file' {
        $path = Join-Path $folder 'factor.png'
        $factor = New-TwilioVerifyFactor -Identity (New-TestIdentity) -FriendlyName 'File' -QrCodePath $path -Force
        $factor.Sid | Should -Match '^YF'
        $bytes = [IO.File]::ReadAllBytes($path)
        # PNG signature, then the IHDR chunk: width and height (big-endian) at offsets 16 and 20.
        $bytes[0..7] | Should -Be @(0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A)
        [Text.Encoding]::ASCII.GetString($bytes, 12, 4) | Should -Be 'IHDR'
        $width = ([int]$bytes[16] -shl 24) -bor ([int]$bytes[17] -shl 16) -bor ([int]$bytes[18] -shl 8) -bor $bytes[19]
        $height = ([int]$bytes[20] -shl 24) -bor ([int]$bytes[21] -shl 16) -bor ([int]$bytes[22] -shl 8) -bor $bytes[23]
        $width | Should -BeGreaterThan 0
        $height | Should -Be $width
        [Text.Encoding]::ASCII.GetString($bytes, $bytes.Length - 8, 4) | Should -Be 'IEND'
    }

    It 'refuses a -QrCodePath it cannot write before any request: <Name>' -ForEach @(
        @{ Name = 'a missing folder'; Path = { Join-Path $folder 'no/such/folder/qr.png' } }
        @{ Name = 'a folder'; Path = { $folder } }
        @{ Name = 'another provider'; Path = { 'Env:\qr.png' } }
    ) {
        $target = & $Path
        New-TwilioVerifyFactor -Identity (New-TestIdentity) -FriendlyName 'x' -QrCodePath $target -Force -ErrorAction SilentlyContinue -ErrorVariable bad | Should -BeNullOrEmpty
        $bad.Count | Should -Be 1
        $bad[0].FullyQualifiedErrorId | Should -BeLike 'TwilioVerify.InvalidPath*'
        Get-VerifyRequests | Should -BeNullOrEmpty
    }

    It 'refuses a second record for a PNG an earlier record of the command took, before its request' {
        $path = Join-Path $folder 'shared.png'
        $identities = (New-TestIdentity), (New-TestIdentity)
        $out = @($identities | ForEach-Object { [pscustomobject]@{ Identity = $_ } } | New-TwilioVerifyFactor -FriendlyName 'Shared' -QrCodePath $path -Force -ErrorAction SilentlyContinue -ErrorVariable bad)
        $out.Identity | Should -Be $identities[0]
        $bad.Count | Should -Be 1
        $bad[0].FullyQualifiedErrorId | Should -BeLike 'TwilioVerify.InvalidPath*'
        $bad[0].Exception.Message | Should -Match 'earlier record'
        $bad[0].TargetObject.Identity | Should -Be $identities[1]
        @(Get-VerifyRequests).Count | Should -Be 1
        $path | Should -Exist
    }

    It 'enrols CSV rows by property name, one PNG per row, with one error per bad row' {
        $rows = @(
            [pscustomobject]@{ Identity = (New-TestIdentity); FriendlyName = 'Row 1'; QrCodePath = (Join-Path $folder 'row1.png') }
            [pscustomobject]@{ Identity = 'short'; FriendlyName = 'Row 2'; QrCodePath = (Join-Path $folder 'row2.png') }
            [pscustomobject]@{ Identity = (New-TestIdentity); FriendlyName = 'Row 3'; QrCodePath = (Join-Path $folder 'row3.png') }
        )
        $out = @($rows | New-TwilioVerifyFactor -ThrottleLimit 4 -Force -ErrorAction SilentlyContinue -ErrorVariable bad)
        $out.Count | Should -Be 2
        $out.Identity | Should -Be @($rows[0].Identity, $rows[2].Identity)
        $bad.Count | Should -Be 1
        $bad[0].TargetObject.FriendlyName | Should -Be 'Row 2'
        $bad[0].FullyQualifiedErrorId | Should -BeLike 'TwilioVerify.InvalidIdentity*'
        Join-Path $folder 'row1.png' | Should -Exist
        Join-Path $folder 'row2.png' | Should -Not -Exist
        Join-Path $folder 'row3.png' | Should -Exist
        @(Get-VerifyRequests).Count | Should -Be 2
    }

    It 'changes nothing under -WhatIf' {
        New-TwilioVerifyFactor -Identity (New-TestIdentity) -FriendlyName 'x' -WhatIf
        New-TwilioVerifyEntity -Identity (New-TestIdentity) -WhatIf
        Get-VerifyRequests | Should -BeNullOrEmpty
    }

    It 'offers the algorithms on tab completion' {
        $line = 'New-TwilioVerifyFactor -Algorithm sha'
        $completions = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText
        $completions | Should -Be @('sha1', 'sha256', 'sha512')
    }
}

Describe 'Confirm-TwilioVerifyFactor and Test-TwilioVerifyTotp (RFC 6238 end to end)' {
    BeforeAll {
        $script:emulator = Start-TestEmulator
    }

    BeforeEach {
        Reset-Emulator $emulator.Url
    }

    It 'confirms a factor with the code computed from its seed, and checks codes with challenges' {
        $identity = New-TestIdentity
        $factor = New-TwilioVerifyFactor -Identity $identity -FriendlyName 'RFC' -Secret (ConvertTo-SecureString $RfcSeed -AsPlainText -Force) -Force
        $code = Get-TotpCode $RfcSeed (Get-EmulatorNow)
        # Skew 1: a step boundary between the two readings still leaves the computed code accepted.
        (Get-FactorCode $factor.Sid) | Should -BeIn @($code, (Get-TotpCode $RfcSeed (Get-EmulatorNow)))

        $factor | Confirm-TwilioVerifyFactor -Code $code | Should -BeTrue
        (Get-TwilioVerifyFactor -Identity $identity -FactorSid $factor.Sid).Status | Should -Be 'verified'

        Test-TwilioVerifyTotp -Identity $identity -FactorSid $factor.Sid -Code (Get-TotpCode $RfcSeed (Get-EmulatorNow)) | Should -BeTrue
        $challenge = $factor | Test-TwilioVerifyTotp -Code (Get-WrongCode $factor.Sid) -Detailed
        $challenge | Should -BeOfType 'Authy.Verify.Models.TwilioVerifyChallenge'
        $challenge.Status | Should -Be 'pending'
        $challenge.FactorSid | Should -Be $factor.Sid
        $factor | Test-TwilioVerifyTotp -Code (Get-WrongCode $factor.Sid) | Should -BeFalse

        $creates = @(Get-VerifyRequests | Where-Object { $_.method -eq 'POST' -and $_.path -like '*/Challenges' })
        $creates.Count | Should -Be 3
        $creates[0].parameters.FactorSid | Should -Be $factor.Sid
        $creates[0].parameters.AuthPayload | Should -Match '^\d{6}$'
    }

    It 'takes a code written in the groups the authenticator app shows (945 980), and sends its digits' {
        $identity = New-TestIdentity
        $factor = New-TwilioVerifyFactor -Identity $identity -FriendlyName 'Grouped' -Secret (ConvertTo-SecureString $RfcSeed -AsPlainText -Force) -Force
        $code = Get-TotpCode $RfcSeed (Get-EmulatorNow)
        $factor | Confirm-TwilioVerifyFactor -Code ($code.Substring(0, 3) + ' ' + $code.Substring(3)) | Should -BeTrue
        $grouped = (Get-TotpCode $RfcSeed (Get-EmulatorNow))
        [pscustomobject]@{ Identity = $identity; FactorSid = $factor.Sid; Code = $grouped.Substring(0, 3) + ' ' + $grouped.Substring(3) } | Test-TwilioVerifyTotp | Should -BeTrue
        (Get-VerifyRequests | Where-Object { $_.method -eq 'POST' -and $_.path -like '*/Challenges' })[-1].parameters.AuthPayload | Should -Match '^\d{6}$'
    }

    It 'follows the clock: a code from two steps ago is refused' {
        $identity = New-TestIdentity
        $factor = New-TwilioVerifyFactor -Identity $identity -FriendlyName 'Clock' -Secret (ConvertTo-SecureString $RfcSeed -AsPlainText -Force) -Skew 0 -Force
        $old = Get-TotpCode $RfcSeed (Get-EmulatorNow)
        Invoke-EmulatorControl -Url $emulator.Url -Path '/_emulator/clock?advance_seconds=90' -Method POST | Out-Null
        # Unless the old code happens to equal the new one (1 in a million), it is now wrong.
        if ($old -ne (Get-TotpCode $RfcSeed (Get-EmulatorNow))) { $factor | Confirm-TwilioVerifyFactor -Code $old | Should -BeFalse }
        $factor | Confirm-TwilioVerifyFactor -Code (Get-TotpCode $RfcSeed (Get-EmulatorNow)) | Should -BeTrue
    }

    It 'writes $false for a wrong code, the factor with -Detailed, and 60310 after five, not retried' {
        $factor = New-TwilioVerifyFactor -Identity (New-TestIdentity) -FriendlyName 'Wrong' -Force
        $detailed = $factor | Confirm-TwilioVerifyFactor -Code (Get-WrongCode $factor.Sid) -Detailed
        $detailed | Should -BeOfType 'Authy.Verify.Models.TwilioVerifyFactor'
        $detailed.Status | Should -Be 'unverified'
        foreach ($i in 2..5) { $factor | Confirm-TwilioVerifyFactor -Code (Get-WrongCode $factor.Sid) | Should -BeFalse }

        $failure = $null
        try { $factor | Confirm-TwilioVerifyFactor -Code (Get-FactorCode $factor.Sid) -ErrorAction Stop } catch { $failure = $_ }
        $failure | Should -Not -BeNullOrEmpty
        $failure.FullyQualifiedErrorId | Should -BeLike 'TwilioVerify.60310*'
        $failure.Exception.Message | Should -Match 'Not retried'
        $failure.TargetObject.Sid | Should -Be $factor.Sid
        @(Get-VerifyRequests | Where-Object { $_.method -eq 'POST' -and $_.path -like "*/Factors/$($factor.Sid)" }).Count | Should -Be 6
    }

    It 'reports a check on an unverified factor as a Twilio error' {
        $factor = New-TwilioVerifyFactor -Identity (New-TestIdentity) -FriendlyName 'Unverified' -Force
        { $factor | Test-TwilioVerifyTotp -Code (Get-FactorCode $factor.Sid) -ErrorAction Stop } | Should -Throw -ErrorId 'TwilioVerify.603*'
    }

    It 'checks CSV rows with their codes, one outcome or one error per row' {
        $identity = New-TestIdentity
        $factor = New-TwilioVerifyFactor -Identity $identity -FriendlyName 'Rows' -Secret (ConvertTo-SecureString $RfcSeed -AsPlainText -Force) -Force
        $null = $factor | Confirm-TwilioVerifyFactor -Code (Get-FactorCode $factor.Sid)
        $rows = @(
            [pscustomobject]@{ Identity = $identity; FactorSid = $factor.Sid; Code = (Get-FactorCode $factor.Sid) }
            [pscustomobject]@{ Identity = $identity; FactorSid = $factor.Sid; Code = '12a456' }
            [pscustomobject]@{ Identity = $identity; FactorSid = $factor.Sid; Code = (Get-WrongCode $factor.Sid) }
        )
        $out = @($rows | Test-TwilioVerifyTotp -ThrottleLimit 2 -ErrorAction SilentlyContinue -ErrorVariable bad)
        $out | Should -Be @($true, $false)
        $bad.Count | Should -Be 1
        $bad[0].TargetObject.Code | Should -Be '12a456'
        $bad[0].FullyQualifiedErrorId | Should -BeLike 'TwilioVerify.InvalidCode*'
    }
}

Describe 'Get-/Remove-TwilioVerifyFactor and the entity cmdlets' {
    BeforeAll {
        $script:emulator = Start-TestEmulator
    }

    BeforeEach {
        Reset-Emulator $emulator.Url
    }

    It 'creates, gets, lists and removes entities' {
        $identity = New-TestIdentity
        $entity = New-TwilioVerifyEntity -Identity $identity -Force
        $entity | Should -BeOfType 'Authy.Verify.Models.TwilioVerifyEntity'
        $entity.Sid | Should -Match '^YE[0-9a-f]{32}$'
        { New-TwilioVerifyEntity -Identity $identity -Force -ErrorAction Stop } | Should -Throw -ErrorId 'TwilioVerify.60301*'
        (Get-TwilioVerifyEntity -Identity $identity).Sid | Should -Be $entity.Sid
        (Get-TwilioVerifyEntity).Identity | Should -Contain $identity
        $entity | Remove-TwilioVerifyEntity -Force | Should -BeNullOrEmpty
        { Get-TwilioVerifyEntity -Identity $identity -ErrorAction Stop } | Should -Throw -ErrorId 'TwilioVerify.20404*'
    }

    It 'gets a factor by SID and lists an identity''s factors, and a piped entity lists its own' {
        $identity = New-TestIdentity
        $first = New-TwilioVerifyFactor -Identity $identity -FriendlyName 'One' -Force
        $second = New-TwilioVerifyFactor -Identity $identity -FriendlyName 'Two' -Force
        $fetched = Get-TwilioVerifyFactor -Identity $identity -FactorSid $first.Sid
        $fetched.FriendlyName | Should -Be 'One'
        $fetched.Secret | Should -BeNullOrEmpty -Because 'Twilio shows the binding only once'
        (Get-TwilioVerifyFactor -Identity $identity).Sid | Should -Be @($first.Sid, $second.Sid)
        (Get-TwilioVerifyEntity -Identity $identity | Get-TwilioVerifyFactor).Sid | Should -Be @($first.Sid, $second.Sid)
        ($first | Get-TwilioVerifyFactor).Sid | Should -Be $first.Sid
    }

    It 'streams the list lazily, one -Verbose line per page: <Command>' -ForEach @(
        @{ Command = 'Get-TwilioVerifyFactor'; List = { param($identity) Get-TwilioVerifyFactor -Identity $identity -PageSize 1 -Verbose 4>&1 } }
        @{ Command = 'Get-TwilioVerifyEntity'; List = { param($identity) Get-TwilioVerifyEntity -PageSize 1 -Verbose 4>&1 } }
        @{ Command = 'Get-TwilioVerifyService'; List = { param($identity) Get-TwilioVerifyService -PageSize 1 -Verbose 4>&1 } }
    ) {
        $identity = New-TestIdentity
        foreach ($i in 1..3) { $null = New-TwilioVerifyFactor -Identity $identity -FriendlyName "F$i" -Force }
        foreach ($i in 1..2) { $null = New-TwilioVerifyEntity -Identity (New-TestIdentity) -Force }
        if ($Command -eq 'Get-TwilioVerifyService') { foreach ($i in 1..2) { $null = New-TwilioVerifyService -FriendlyName "Paging $i" -Force } }
        $before = @(Get-VerifyRequests | Where-Object method -EQ 'GET').Count

        $records = @(& $List $identity)
        $objects = @($records | Where-Object { $_ -isnot [Management.Automation.VerboseRecord] })
        $verbose = @($records | Where-Object { $_ -is [Management.Automation.VerboseRecord] })
        $gets = @(Get-VerifyRequests | Where-Object method -EQ 'GET').Count - $before
        $objects.Count | Should -BeGreaterOrEqual 3
        # A page of one record each, and the last page says there is no next: one request per record.
        $gets | Should -Be $objects.Count
        @($verbose | Where-Object Message -Match '^GET .* -> 200').Count | Should -Be $gets
        # Each page's line comes before the record it brought.
        $records[0] | Should -BeOfType [Management.Automation.VerboseRecord]

        $before = @(Get-VerifyRequests | Where-Object method -EQ 'GET').Count
        $firstOnly = @(& $List $identity | Where-Object { $_ -isnot [Management.Automation.VerboseRecord] } | Select-Object -First 1)
        $firstOnly.Count | Should -Be 1
        (@(Get-VerifyRequests | Where-Object method -EQ 'GET').Count - $before) | Should -Be 1 -Because 'Select-Object -First 1 stops the paging'
    }

    It 'removes a factor with confirmation (ConfirmImpact High), piped by Identity and Sid' {
        (Get-Command Remove-TwilioVerifyFactor).ImplementingType.GetCustomAttributes([Management.Automation.CmdletAttribute], $false)[0].ConfirmImpact | Should -Be 'High'
        (Get-Command Remove-TwilioVerifyEntity).ImplementingType.GetCustomAttributes([Management.Automation.CmdletAttribute], $false)[0].ConfirmImpact | Should -Be 'High'
        $identity = New-TestIdentity
        $factor = New-TwilioVerifyFactor -Identity $identity -FriendlyName 'Gone' -Force
        $factor | Remove-TwilioVerifyFactor -WhatIf
        @(Get-VerifyRequests | Where-Object method -EQ 'DELETE').Count | Should -Be 0
        $factor | Remove-TwilioVerifyFactor -Force | Should -BeNullOrEmpty
        @(Get-TwilioVerifyFactor -Identity $identity) | Should -BeNullOrEmpty
        { $factor | Remove-TwilioVerifyFactor -Force -ErrorAction Stop } | Should -Throw -ErrorId 'TwilioVerify.20404*'
    }

    # The list is read lazily, so each page is deleted before the next is asked for: a page token that was an
    # offset skipped the records that slid into the deleted ones' places (docs/api/verify.md §3).
    It 'removes every record a paged Get pipes into Remove, though each delete shifts the list: <Command>' -ForEach @(
        @{ Command = 'factors'
            Create = { param($identity) $null = New-TwilioVerifyFactor -Identity $identity -FriendlyName 'Old phone' -Force }
            Clean = { param($identity) Get-TwilioVerifyFactor -Identity $identity -PageSize 2 | Remove-TwilioVerifyFactor -Force }
            List = { param($identity) Get-TwilioVerifyFactor -Identity $identity } }
        @{ Command = 'entities'
            Create = { param($identity) $null = New-TwilioVerifyEntity -Identity (New-TestIdentity) -Force }
            Clean = { param($identity) Get-TwilioVerifyEntity -PageSize 2 | Remove-TwilioVerifyEntity -Force }
            List = { param($identity) Get-TwilioVerifyEntity } }
    ) {
        $identity = New-TestIdentity
        foreach ($i in 1..5) { & $Create $identity }
        @(& $List $identity).Count | Should -Be 5

        & $Clean $identity | Should -BeNullOrEmpty
        @(Get-VerifyRequests | Where-Object method -EQ 'DELETE').Count | Should -Be 5
        @(& $List $identity) | Should -BeNullOrEmpty
    }

    It 'refuses an entity''s SID as a factor SID when it is typed' {
        $entity = New-TwilioVerifyEntity -Identity (New-TestIdentity) -Force
        { Remove-TwilioVerifyFactor -Identity $entity.Identity -FactorSid $entity.Sid -Force -ErrorAction Stop } | Should -Throw -ErrorId 'TwilioVerify.InvalidFactorSid*'
        $refused = $null
        $entity | Remove-TwilioVerifyFactor -Force -ErrorAction SilentlyContinue -ErrorVariable refused
        $refused.Count | Should -Be 1
        $refused[0].FullyQualifiedErrorId | Should -BeLike 'TwilioVerify.InvalidFactorSid,*'
        $refused[0].Exception.Message | Should -Match "is the entity's own SID"
        @(Get-VerifyRequests | Where-Object method -EQ 'DELETE') | Should -BeNullOrEmpty
    }

    It 'reads factor_sid before sid in a row with Twilio''s own column names, where sid is a challenge' {
        $identity = New-TestIdentity
        $factor = New-TwilioVerifyFactor -Identity $identity -FriendlyName 'Kept' -Force
        # A challenge exported as Twilio names its fields: sid is the challenge's YC SID, factor_sid the factor's.
        $row = "identity,sid,factor_sid`n$identity,YC0123456789abcdef0123456789abcdef,$($factor.Sid)" | ConvertFrom-Csv
        ($row | Get-TwilioVerifyFactor).Sid | Should -Be $factor.Sid
        $row | Remove-TwilioVerifyFactor -Force | Should -BeNullOrEmpty
        @(Get-TwilioVerifyFactor -Identity $identity) | Should -BeNullOrEmpty
    }

    It 'names the columns that bind when a row lacks the identity' {
        $bad = $null
        [pscustomobject]@{ User = 'ann' } | Get-TwilioVerifyFactor -ErrorAction SilentlyContinue -ErrorVariable bad
        $bad.Count | Should -Be 1
        $bad[0].Exception.Message | Should -Match "'Identity'"
        $bad[0].TargetObject.User | Should -Be 'ann'
    }

    It 'refuses hostile input before any request: <Name>' -ForEach @(
        @{ Name = 'a path as identity'; Call = { Get-TwilioVerifyEntity -Identity '../../Services/VA00000000000000000000000000000001' } }
        @{ Name = 'an identity too short'; Call = { New-TwilioVerifyEntity -Identity 'abc-123' -Force } }
        @{ Name = 'an identity too long'; Call = { New-TwilioVerifyEntity -Identity ('a' * 65) -Force } }
        @{ Name = 'an identity with a double dash'; Call = { New-TwilioVerifyFactor -Identity 'ann--12345' -FriendlyName 'x' -Force } }
        @{ Name = 'an identity with a line break'; Call = { Remove-TwilioVerifyEntity -Identity "ann-12345`nX" -Force } }
        @{ Name = 'an identity with Arabic-Indic digits'; Call = { Get-TwilioVerifyFactor -Identity ('ann-' + (-join [char[]](0x0661..0x0667))) } }
        @{ Name = 'an identity with a query'; Call = { [pscustomobject]@{ Identity = 'ann-12345?x=1' } | Get-TwilioVerifyEntity } }
        @{ Name = 'an e-mail as identity'; Call = { New-TwilioVerifyFactor -Identity 'ann@example.com' -FriendlyName 'x' -Force } }
        @{ Name = 'a short factor SID'; Call = { Get-TwilioVerifyFactor -Identity 'ann-12345' -FactorSid 'YF123' } }
        @{ Name = 'a challenge SID as factor SID'; Call = { Confirm-TwilioVerifyFactor -Identity 'ann-12345' -FactorSid 'YC0123456789abcdef0123456789abcdef' -Code 123456 } }
        @{ Name = 'a path as factor SID'; Call = { Remove-TwilioVerifyFactor -Identity 'ann-12345' -FactorSid 'YF0123456789abcdef0123456789abcdef/../x' -Force } }
        @{ Name = 'a factor SID in a row with a line break'; Call = { [pscustomobject]@{ Identity = 'ann-12345'; Sid = "YF0123456789abcdef`n0123456789abcdef"; Code = '123456' } | Test-TwilioVerifyTotp } }
        @{ Name = 'a code of 2 digits'; Call = { Test-TwilioVerifyTotp -Identity 'ann-12345' -FactorSid 'YF0123456789abcdef0123456789abcdef' -Code 12 } }
        @{ Name = 'a code of 9 digits'; Call = { Confirm-TwilioVerifyFactor -Identity 'ann-12345' -FactorSid 'YF0123456789abcdef0123456789abcdef' -Code 123456789 } }
        @{ Name = 'a code with letters in a row'; Call = { [pscustomobject]@{ Identity = 'ann-12345'; FactorSid = 'YF0123456789abcdef0123456789abcdef'; Code = '12345a' } | Confirm-TwilioVerifyFactor } }
        @{ Name = 'a code with a tab inside'; Call = { Test-TwilioVerifyTotp -Identity 'ann-12345' -FactorSid 'YF0123456789abcdef0123456789abcdef' -Code "123`t456" } }
        @{ Name = 'a missing code'; Call = { Test-TwilioVerifyTotp -Identity 'ann-12345' -FactorSid 'YF0123456789abcdef0123456789abcdef' } }
        @{ Name = 'a friendly name with a line break'; Call = { New-TwilioVerifyFactor -Identity 'ann-12345' -FriendlyName "Ann`r`nX" -Force } }
        @{ Name = 'a friendly name ending in a line break'; Call = { New-TwilioVerifyFactor -Identity 'ann-12345' -FriendlyName "Ann`r`n" -Force } }
        @{ Name = 'a friendly name too long'; Call = { New-TwilioVerifyFactor -Identity 'ann-12345' -FriendlyName ('x' * 65) -Force } }
        @{ Name = 'a bidi override in the friendly name'; Call = { New-TwilioVerifyFactor -Identity 'ann-12345' -FriendlyName "Bank$([char]0x202E)evil" -Force } }
        @{ Name = 'a blank friendly name in a row'; Call = { [pscustomobject]@{ Identity = 'ann-12345'; FriendlyName = '  ' } | New-TwilioVerifyFactor -Force } }
        @{ Name = 'a time step of 19'; Call = { New-TwilioVerifyFactor -Identity 'ann-12345' -FriendlyName 'x' -TimeStep 19 -Force } }
        @{ Name = 'a time step of 61'; Call = { New-TwilioVerifyFactor -Identity 'ann-12345' -FriendlyName 'x' -TimeStep 61 -Force } }
        @{ Name = 'a fractional time step'; Call = { New-TwilioVerifyFactor -Identity 'ann-12345' -FriendlyName 'x' -TimeStep 30.5 -Force } }
        @{ Name = 'a code length of 2'; Call = { New-TwilioVerifyFactor -Identity 'ann-12345' -FriendlyName 'x' -CodeLength 2 -Force } }
        @{ Name = 'a code length of 9'; Call = { New-TwilioVerifyFactor -Identity 'ann-12345' -FriendlyName 'x' -CodeLength 9 -Force } }
        @{ Name = 'a skew of 3'; Call = { New-TwilioVerifyFactor -Identity 'ann-12345' -FriendlyName 'x' -Skew 3 -Force } }
        @{ Name = 'a negative skew'; Call = { New-TwilioVerifyFactor -Identity 'ann-12345' -FriendlyName 'x' -Skew -1 -Force } }
        @{ Name = 'an unknown algorithm'; Call = { New-TwilioVerifyFactor -Identity 'ann-12345' -FriendlyName 'x' -Algorithm md5 -Force } }
        @{ Name = 'a page size of 0'; Call = { Get-TwilioVerifyEntity -PageSize 0 } }
        @{ Name = 'a page size of 1001'; Call = { Get-TwilioVerifyFactor -Identity 'ann-12345' -PageSize 1001 } }
    ) {
        $failures = @(try { & $Call 2>&1 | Where-Object { $_ -is [Management.Automation.ErrorRecord] } } catch { $_ })
        $failures.Count | Should -BeGreaterThan 0
        $failures[0].FullyQualifiedErrorId | Should -Not -BeLike 'TwilioVerify.[0-9]*'
        Get-VerifyRequests | Should -BeNullOrEmpty
    }
}
