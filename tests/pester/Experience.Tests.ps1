# The module at the prompt: tab completion, default views for every output type, readable errors.

BeforeDiscovery {
    # The per-type tests are generated from the module's own [OutputType] declarations.
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-AuthyUnderTest
    $outputTypeNames = Get-Command -Module Authy | ForEach-Object { $_.OutputType.Type } |
        Where-Object { $_ -and $_.Namespace -eq 'Authy.Models' } | ForEach-Object FullName | Sort-Object -Unique
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-AuthyUnderTest

    function Get-Completions([string] $line) {
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches
    }
}

Describe 'Tab completion' {
    It 'completes -CountryCode of <Command> from digits and from country names' -ForEach @(
        @{ Command = 'New-AuthyUser' }
        @{ Command = 'Start-AuthyPhoneVerification' }
        @{ Command = 'Get-AuthyPhoneInfo' }
    ) {
        $byDigits = Get-Completions "$Command -CountryCode 4"
        $byDigits.CompletionText | Should -Contain '44'
        ($byDigits | Where-Object CompletionText -EQ '44').ToolTip | Should -Match 'United Kingdom'
        $byDigits.CompletionText | Should -Not -Contain '33'

        (Get-Completions "$Command -CountryCode germ").CompletionText | Should -Be @('49')

        # ISO 3166 codes, which -CountryCode takes too, by their first letters.
        $byLetters = Get-Completions "$Command -CountryCode g"
        $byLetters.CompletionText | Should -Contain 'GB'
        $byLetters.CompletionText | Should -Not -Contain 'US'
        ($byLetters | Where-Object CompletionText -EQ 'GB').ListItemText | Should -Be 'GB (+44)'
        (Get-Completions "$Command -CountryCode de").CompletionText | Should -Contain 'DE'
    }

    It 'completes -Via, -Locale and the activity -Type' {
        (Get-Completions 'Start-AuthyPhoneVerification -Via ').CompletionText | Should -Be @('call', 'sms')
        (Get-Completions 'Start-AuthyPhoneVerification -Locale pt').CompletionText | Should -Contain 'pt-BR'
        (Get-Completions 'Register-AuthyUserActivity -Type ').CompletionText | Should -Be @('banned', 'cookie_login', 'password_reset', 'unbanned')
    }
}

Describe 'Default views' {
    BeforeAll {
        $script:outputTypes = Get-Command -Module Authy | ForEach-Object { $_.OutputType.Type } |
            Where-Object { $_ -and $_.Namespace -eq 'Authy.Models' } | Sort-Object FullName -Unique
    }

    It 'declares module-owned output types' {
        $outputTypes.Count | Should -BeGreaterThan 10
    }

    It 'gives <_> a default table view' -ForEach $outputTypeNames {
        $view = Get-FormatData -TypeName $_
        $view | Should -Not -BeNullOrEmpty -Because "$_ needs a view in Authy.Format.ps1xml"
        $view.FormatViewDefinition.Control | Where-Object { $_ -is [System.Management.Automation.TableControl] } | Should -Not -BeNullOrEmpty
    }

    It 'shows a user as a table row, and every property under Format-List *' {
        $user = [Authy.Models.AuthyUser]@{ AuthyId = 12; Email = 'ada@example.com'; Cellphone = '555-123-4567'; CountryCode = 1; Message = 'User created successfully.' }
        $table = $user | Out-String
        $table | Should -Match 'AuthyId\s+Email\s+E164'
        $table | Should -Match '\+15551234567'
        $table | Should -Not -Match 'User created successfully'
        ($user | Format-List * | Out-String) | Should -Match 'User created successfully'
    }
}

Describe 'Errors a person can act on' {
    BeforeAll {
        $script:emulator = Start-TestEmulator
    }

    AfterAll { Stop-AuthyEmulator }

    It 'refuses a bad -CallbackUrl before stopping the emulator already running' {
        { Start-AuthyEmulator -CallbackUrl 'ftp://example.com/authy' } | Should -Throw -ErrorId 'Authy.InvalidCallbackUrl,*'
        { Get-AuthyUser -AuthyId 424242 -ErrorAction Stop } | Should -Throw -ErrorId 'Authy.60026,*'
    }

    It 'names the input, what Authy said and what to do, and Get-Error shows the code and status' {
        Get-AuthyUser -AuthyId 424242 -ErrorAction SilentlyContinue -ErrorVariable failures
        $failure = $failures[0]
        $failure.Exception.Message | Should -Be 'User not found. (Authy error 60026, HTTP 404)'
        $failure.ErrorDetails.RecommendedAction | Should -Match 'Check the AuthyId'
        $failure.TargetObject | Should -Be 424242

        $details = $failure | Get-Error | Out-String
        $details | Should -Match 'ErrorCode\s*:\s*60026'
        $details | Should -Match 'StatusCode\s*:\s*404'
        $details | Should -Match 'ApiMessage\s*:\s*User not found\.'
    }
}
