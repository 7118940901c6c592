# Shared by the Pester files: import the built module and talk to the emulator's control API.

function Import-AuthyUnderTest {
    if (-not $env:AUTHY_TEST_MODULE) { throw 'AUTHY_TEST_MODULE is not set: run the suite through ./build.ps1 -Task Test.' }
    # -Global: imported from inside this module, it must still reach the test files' scope.
    Import-Module (Join-Path $env:AUTHY_TEST_MODULE 'Authy.psd1') -Force -Global
}

# Starts an emulator for one test file with a key unique to it, and returns its URL and key.
function Start-TestEmulator {
    param([hashtable] $Options = @{})
    $keyText = 'test-' + [guid]::NewGuid().ToString('N')
    $key = ConvertTo-SecureString $keyText -AsPlainText -Force
    $emulator = Start-AuthyEmulator -ApiKey $key -PassThru @Options
    [pscustomobject]@{ Url = $emulator.Url.AbsoluteUri.TrimEnd('/'); Key = $key; KeyText = $keyText; ProcessId = $emulator.ProcessId }
}

function Invoke-EmulatorControl {
    param(
        [Parameter(Mandatory)] [string] $Url,
        [Parameter(Mandatory)] [string] $Path,
        [string] $Method = 'GET'
    )
    Invoke-RestMethod -Method $Method -Uri ($Url + $Path)
}

function Get-EmulatorRequests([string] $Url) { (Invoke-EmulatorControl -Url $Url -Path '/_emulator/requests').requests }

function Reset-Emulator([string] $Url) { Invoke-EmulatorControl -Url $Url -Path '/_emulator/reset' -Method POST | Out-Null }

# Moves the emulator's clock forward (every expiry, deletion delay, window and TOTP step of both APIs reads
# it): tests reach a moment in the future this way, never by sleeping. Reset-Emulator keeps the offset.
function Move-EmulatorClock {
    param(
        [Parameter(Mandatory)] [string] $Url,
        [Parameter(Mandatory)] [ValidateRange(1, 31536000)] [int] $Seconds
    )
    Invoke-EmulatorControl -Url $Url -Path "/_emulator/clock?advance_seconds=$Seconds" -Method POST | Out-Null
}

Export-ModuleMember -Function Import-AuthyUnderTest, Start-TestEmulator, Invoke-EmulatorControl, Get-EmulatorRequests, Reset-Emulator, Move-EmulatorClock
