# The README's tour is run exactly as written, so the documentation cannot drift from the module.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    $script:readme = Get-Content -Raw (Join-Path $PSScriptRoot '../../README.md')
}

Describe 'README' {
    It 'opens with the demo and test commands, each runnable from the .NET SDK alone' {
        $firstBlock = [regex]::Match($readme, '```sh\r?\n(?<body>.*?)```', 'Singleline').Groups['body'].Value
        $firstBlock | Should -Match 'dotnet tool restore && dotnet pwsh ./build.ps1 -Task Demo'
        $firstBlock | Should -Match 'dotnet tool restore && dotnet pwsh ./build.ps1 -Task Test'
    }

    It 'lists exactly the column names of the one table that binds them' {
        Import-AuthyUnderTest
        $section = $readme.Substring($readme.IndexOf('<!-- column-names:'))
        $rows = [regex]::Matches($section.Substring(0, $section.IndexOf("`n`n")), '(?m)^\| (?<value>[^|]+?) \| (?<names>`[^|]+) \|\s*$')
        $listed = @{}
        foreach ($row in $rows) {
            $listed[$row.Groups['value'].Value.Split(' ')[0]] = @([regex]::Matches($row.Groups['names'].Value, '`([^`]+)`') | ForEach-Object { $_.Groups[1].Value })
        }
        $listed['email'] | Should -Be ([Authy.Validation.ColumnNames]::Email)
        $listed['phone'] | Should -Be ([Authy.Validation.ColumnNames]::PhoneNumber)
        $listed['country'] | Should -Be ([Authy.Validation.ColumnNames]::CountryCode)
        $listed['Authy'] | Should -Be ([Authy.Validation.ColumnNames]::AuthyId)
    }

    It 'lists every assembly the module ships' {
        $shipped = @(Get-ChildItem (Join-Path $env:AUTHY_TEST_MODULE '*.dll') | ForEach-Object Name)
        $shipped.Count | Should -BeGreaterThan 2
        foreach ($name in $shipped) { $readme | Should -Match ([regex]::Escape("``$name``")) -Because "the README says why $name ships" }
    }

    It 'runs the five-minute tour without an error' {
        $section = $readme.Substring($readme.IndexOf('## A five-minute tour'))
        $tour = [regex]::Match($section, '```powershell\r?\n(?<body>.*?)```', 'Singleline').Groups['body'].Value
        $tour | Should -Match 'Start-AuthyEmulator'

        $shell = [powershell]::Create()
        try {
            $null = $shell.AddScript("`$ErrorActionPreference = 'Stop'; Import-Module '$(Join-Path $env:AUTHY_TEST_MODULE 'Authy.psd1')'").AddStatement().AddScript($tour)
            $output = $shell.Invoke()
            $shell.Streams.Error | Should -BeNullOrEmpty
            $shell.HadErrors | Should -BeFalse
            # The token and the verification code read from the outbox both verify.
            @($output | Where-Object { $_ -is [bool] }) | Should -Be @($true, $true)
            ($output | Where-Object { $_ -is [Authy.Models.AuthyApprovalRequest] })[-1].Status | Should -Be 'approved'
        }
        finally {
            $shell.Dispose()
        }
    }
}
