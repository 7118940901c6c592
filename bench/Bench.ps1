<#
.SYNOPSIS
    Benchmarks of the built module against the emulator, printed as a table of ratios against
    baselines measured in the same run. Run by build.ps1 -Task Bench. Results are printed, never committed.
#>
param([Parameter(Mandatory)] [string] $ModulePath)

$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
$manifest = Join-Path $ModulePath 'Authy.psd1'
Import-Module $manifest -Force
$pwshDll = Join-Path $PSHOME 'pwsh.dll'
$results = [System.Collections.Generic.List[object]]::new()

function Add-Result([string] $measure, [string] $value, [string] $baseline, [string] $ratio, [string] $target) {
    $results.Add([pscustomobject]@{ Measure = $measure; Value = $value; Baseline = $baseline; Ratio = $ratio; Target = $target })
}

function New-Rows([int] $count, [int] $offset) {
    for ($i = 0; $i -lt $count; $i++) {
        [pscustomobject]@{ Email = "bench$($offset + $i)@example.com"; Cellphone = ('{0:d10}' -f (2000000000 + $offset + $i)); CountryCode = 1 }
    }
}

function Measure-Seconds([scriptblock] $block) { (Measure-Command $block).TotalSeconds }

# --- Throughput at 50 ms latency ---------------------------------------------------------------
$emulator = Start-AuthyEmulator -LatencyMs 50 -PassThru
$url = $emulator.Url.AbsoluteUri.TrimEnd('/')
$key = 'AuthyEmulatorDemoKey000000000000'
$headers = @{ 'X-Authy-API-Key' = $key }
try {
    $count = 2000
    $rows = @(New-Rows $count 0)
    $moduleSeconds = Measure-Seconds { $rows | New-AuthyUser -ThrottleLimit 32 | Out-Null }
    $moduleRate = $count / $moduleSeconds
    $limit = 32 / 0.05
    Add-Result 'Bulk import, New-AuthyUser -ThrottleLimit 32 (records/s)' ('{0:N0}' -f $moduleRate) ('{0:N0} physical limit' -f $limit) ('{0:P0}' -f ($moduleRate / $limit)) '>= 85%'

    $parallelRows = @(New-Rows $count 100000)
    $parallelSeconds = Measure-Seconds {
        $parallelRows | ForEach-Object -ThrottleLimit 32 -Parallel {
            $body = @{ 'user[email]' = $_.Email; 'user[cellphone]' = $_.Cellphone; 'user[country_code]' = $_.CountryCode }
            Invoke-RestMethod -Method Post -Uri "$using:url/protected/json/users/new" -Headers $using:headers -Body $body
        } | Out-Null
    }
    $parallelRate = $count / $parallelSeconds
    Add-Result 'Same, ForEach-Object -Parallel 32 + Invoke-RestMethod (records/s)' ('{0:N0}' -f $parallelRate) '' ('module {0:N2}x faster' -f ($moduleRate / $parallelRate)) '> 1x'

    $sequentialCount = 200
    $sequentialRows = @(New-Rows $sequentialCount 200000)
    $sequentialSeconds = Measure-Seconds {
        foreach ($row in $sequentialRows) {
            $body = @{ 'user[email]' = $row.Email; 'user[cellphone]' = $row.Cellphone; 'user[country_code]' = $row.CountryCode }
            Invoke-RestMethod -Method Post -Uri "$url/protected/json/users/new" -Headers $headers -Body $body | Out-Null
        }
    }
    $sequentialRate = $sequentialCount / $sequentialSeconds
    Add-Result 'One at a time like the curl samples (200 users, records/s)' ('{0:N1}' -f $sequentialRate) ('{0:N0} s for 2,000' -f ($count / $sequentialRate)) ('module {0:N1}x faster' -f ($moduleRate / $sequentialRate)) ''

    # --- Verify: the same bulk send through Send-TwilioVerification, on the same emulator ---------------
    # Start-AuthyEmulator connected the Verify session to the default service with the documented credentials.
    $verifyService = (Get-TwilioVerifyConnection).ServiceSid
    $verifyAuth = 'Basic ' + [Convert]::ToBase64String([Text.Encoding]::ASCII.GetBytes('AC00000000000000000000000000000001:VerifyEmulatorDemoToken000000000'))
    $verifyHeaders = @{ Authorization = $verifyAuth }
    # Distinct numbers (one pending verification per number), line numbers 2000-3999: none is a landline test number.
    $verifyRows = @(for ($i = 0; $i -lt $count; $i++) { [pscustomobject]@{ To = '+1415560{0:d4}' -f (2000 + $i) } })
    $verifySeconds = Measure-Seconds { $verifyRows | Send-TwilioVerification -ThrottleLimit 32 | Out-Null }
    $verifyRate = $count / $verifySeconds
    Add-Result 'Verify, Send-TwilioVerification -ThrottleLimit 32 (sends/s)' ('{0:N0}' -f $verifyRate) ('{0:N0} physical limit' -f $limit) ('{0:P0}' -f ($verifyRate / $limit)) '>= 90%'

    $verifyParallelRows = @(for ($i = 0; $i -lt $count; $i++) { [pscustomobject]@{ To = '+1415561{0:d4}' -f (2000 + $i) } })
    $verifyParallelSeconds = Measure-Seconds {
        $verifyParallelRows | ForEach-Object -ThrottleLimit 32 -Parallel {
            Invoke-RestMethod -Method Post -Uri "$using:url/v2/Services/$using:verifyService/Verifications" -Headers $using:verifyHeaders -Body @{ To = $_.To; Channel = 'sms' }
        } | Out-Null
    }
    $verifyParallelRate = $count / $verifyParallelSeconds
    Add-Result 'Same, ForEach-Object -Parallel 32 + Invoke-RestMethod (sends/s)' ('{0:N0}' -f $verifyParallelRate) '' ('module {0:N2}x faster' -f ($verifyRate / $verifyParallelRate)) '> 1x'
}
finally {
    Stop-AuthyEmulator
}

# --- Migration: Copy-AuthyUserToVerify, 10,000 users at 50 ms latency --------------------------------
# Each user takes 4 requests in turn (list the identity's factors, export the seed, create the factor, verify it),
# so 32 users in flight at 50 ms allow 32 / (4 * 0.05 s) = 160 users/s. The baseline is a hand-written
# ForEach-Object -Parallel script making the same 4 calls per user (it verifies with the exported otp instead of
# computing a code), on another 10,000 users of the same emulator, in the same run.
$emulator = Start-AuthyEmulator -LatencyMs 50 -EnableMigrationTools -PassThru
$url = $emulator.Url.AbsoluteUri.TrimEnd('/')
try {
    $migrationCount = 10000
    $requestsPerUser = 4
    $migrationLimit = 32 / ($requestsPerUser * 0.05)
    $created = @(New-Rows (2 * $migrationCount) 300000 | New-AuthyUser -ThrottleLimit 64 | ForEach-Object { [pscustomobject]@{ AuthyId = $_.AuthyId } })
    $moduleUsers = $created[0..($migrationCount - 1)]
    $scriptUsers = $created[$migrationCount..(2 * $migrationCount - 1)]

    # Measure-Command runs its block in a child scope: the tally is an object, not a counter variable.
    $outcomes = [Collections.Generic.Dictionary[string, int]]::new()
    $migrationSeconds = Measure-Seconds { $moduleUsers | Copy-AuthyUserToVerify -ThrottleLimit 32 | ForEach-Object { $outcomes[[string]$_.Outcome] = 1 + $(if ($outcomes.ContainsKey([string]$_.Outcome)) { $outcomes[[string]$_.Outcome] } else { 0 }) } }
    if (-not $outcomes.ContainsKey('Migrated') -or $outcomes['Migrated'] -ne $migrationCount) { throw "Copy-AuthyUserToVerify: $(($outcomes.GetEnumerator() | ForEach-Object { "$($_.Key) $($_.Value)" }) -join ', ') of $migrationCount users." }
    $migrationRate = $migrationCount / $migrationSeconds
    Add-Result 'Migration, Copy-AuthyUserToVerify -ThrottleLimit 32, 10,000 users (users/s)' ('{0:N0}' -f $migrationRate) ('{0:N0} allowed by 4 requests/user' -f $migrationLimit) ('{0:P0}' -f ($migrationRate / $migrationLimit)) '>= 85%'

    $verifyService = (Get-TwilioVerifyConnection).ServiceSid
    $verifyHeaders = @{ Authorization = 'Basic ' + [Convert]::ToBase64String([Text.Encoding]::ASCII.GetBytes('AC00000000000000000000000000000001:VerifyEmulatorDemoToken000000000')) }
    $scriptSeconds = Measure-Seconds {
        $scriptUsers | ForEach-Object -ThrottleLimit 32 -Parallel {
            $identity = 'authy-{0:D10}' -f [long]$_.AuthyId
            $entity = "$using:url/v2/Services/$using:verifyService/Entities/$identity"
            $factors = try { (Invoke-RestMethod -Uri "$entity/Factors" -Headers $using:verifyHeaders).factors } catch { @() }
            if (-not ($factors | Where-Object status -eq 'verified')) {
                $seed = Invoke-RestMethod -Uri "$using:url/protected/json/users/$($_.AuthyId)/secret/export" -Headers $using:headers
                $factor = Invoke-RestMethod -Method Post -Uri "$entity/Factors" -Headers $using:verifyHeaders -Body @{
                    FactorType = 'totp'; FriendlyName = 'Migrated from Authy'; 'Binding.Secret' = $seed.secret
                    'Config.TimeStep' = 30; 'Config.CodeLength' = 6; 'Config.Skew' = 1; 'Config.Alg' = 'sha1'
                }
                Invoke-RestMethod -Method Post -Uri "$entity/Factors/$($factor.sid)" -Headers $using:verifyHeaders -Body @{ AuthPayload = $seed.otp }
            }
        } | Out-Null
    }
    $scriptRate = $migrationCount / $scriptSeconds
    Add-Result 'Same, ForEach-Object -Parallel 32 + Invoke-RestMethod (users/s)' ('{0:N0}' -f $scriptRate) ('{0:P0} of the allowed rate' -f ($scriptRate / $migrationLimit)) ('module {0:N2}x faster' -f ($migrationRate / $scriptRate)) '> 1x'
}
finally {
    Stop-AuthyEmulator
}

# --- Per-call overhead at zero latency -----------------------------------------------------------
$emulator = Start-AuthyEmulator -PassThru
$url = $emulator.Url.AbsoluteUri.TrimEnd('/')
try {
    $user = New-AuthyUser -Email 'overhead@example.com' -Cellphone '5550001111' -CountryCode 1
    $calls = 1000
    # Warm both paths first, so neither pays one-off JIT or connection costs in the timing.
    1..20 | ForEach-Object { Get-AuthyUser -AuthyId $user.AuthyId | Out-Null; Invoke-RestMethod -Uri "$url/protected/json/users/$($user.AuthyId)/status" -Headers $headers | Out-Null }
    $moduleSeconds = Measure-Seconds { for ($i = 0; $i -lt $calls; $i++) { Get-AuthyUser -AuthyId $user.AuthyId | Out-Null } }
    $restSeconds = Measure-Seconds { for ($i = 0; $i -lt $calls; $i++) { Invoke-RestMethod -Uri "$url/protected/json/users/$($user.AuthyId)/status" -Headers $headers | Out-Null } }
    Add-Result 'Per call, 1,000 sequential Get-AuthyUser (ms/call)' ('{0:N2}' -f ($moduleSeconds * 1000 / $calls)) ('{0:N2} Invoke-RestMethod' -f ($restSeconds * 1000 / $calls)) ('{0:N2}x the cost' -f ($moduleSeconds / $restSeconds)) '<= 1x'

    # --- Peak memory while streaming --------------------------------------------------------------
    $streamWhatIf = @"
Import-Module '$manifest'
`$env:AUTHY_API_KEY = '$key'; `$env:AUTHY_API_URL = '$url'
`$n = 0
& { for (`$i = 0; `$i -lt 100000; `$i++) { [pscustomobject]@{ Email = "s`$i@example.com"; Cellphone = ('{0:d10}' -f (3000000000 + `$i)); CountryCode = 1 } } } |
    New-AuthyUser -WhatIf | ForEach-Object { `$n++ }
[Console]::Out.WriteLine([System.Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64)
"@
    $peakWhatIf = [long](& dotnet $pwshDll -NoProfile -NonInteractive -Command $streamWhatIf | Where-Object { $_ -match '^\d+$' } | Select-Object -Last 1)
    Add-Result 'Peak working set, 100,000 records through New-AuthyUser -WhatIf (MB)' ('{0:N0}' -f ($peakWhatIf / 1MB)) '' '' '< 300 MB'

    $streamGet = @"
Import-Module '$manifest'
`$env:AUTHY_API_KEY = '$key'; `$env:AUTHY_API_URL = '$url'
`$n = 0
& { for (`$i = 0; `$i -lt 20000; `$i++) { $($user.AuthyId) } } | Get-AuthyUser -ThrottleLimit 16 | ForEach-Object { `$n++ }
[Console]::Out.WriteLine([System.Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64)
"@
    $peakGet = [long](& dotnet $pwshDll -NoProfile -NonInteractive -Command $streamGet | Where-Object { $_ -match '^\d+$' } | Select-Object -Last 1)
    Add-Result 'Peak working set, 20,000 records through Get-AuthyUser (MB)' ('{0:N0}' -f ($peakGet / 1MB)) '' '' '< 300 MB'
}
finally {
    Stop-AuthyEmulator
}

# --- Import-Module time in a fresh pwsh ------------------------------------------------------------
function Measure-FreshPwsh([string] $command, [int] $runs = 5) {
    $times = foreach ($run in 1..$runs) { Measure-Seconds { & dotnet $pwshDll -NoProfile -NonInteractive -Command $command | Out-Null } }
    ($times | Sort-Object)[[int][math]::Floor($runs / 2)]   # median
}
$bare = Measure-FreshPwsh 'exit 0'
$withModule = Measure-FreshPwsh "Import-Module '$manifest'; exit 0"
Add-Result 'Import-Module in a fresh pwsh (ms added, median of 5)' ('{0:N0}' -f (($withModule - $bare) * 1000)) ('{0:N0} ms pwsh alone' -f ($bare * 1000)) '' '< 150 ms'
# libphonenumber loads on the first number parsed, not at import: what that first parse costs, once per session.
# A key in the environment makes a session, and -WhatIf parses and checks the row without sending it.
$firstPhone = Measure-FreshPwsh "`$env:AUTHY_API_KEY = 'bench'; Import-Module '$manifest'; `$null = New-AuthyUser -Email a@example.com -Cellphone '(415) 555-0100' -CountryCode US -WhatIf 6>&1; exit 0"
$noPhone = Measure-FreshPwsh "`$env:AUTHY_API_KEY = 'bench'; Import-Module '$manifest'; `$null = Remove-AuthyUser -AuthyId 1 -WhatIf 6>&1; exit 0"
Add-Result 'First phone number parsed, libphonenumber loading (ms added, median of 5)' ('{0:N0}' -f (($firstPhone - $noPhone) * 1000)) ('{0:N0} ms for a first cmdlet without one' -f ($noPhone * 1000)) '' 'once per session'

$results | Format-Table -AutoSize | Out-String -Width 220 | Out-Host
