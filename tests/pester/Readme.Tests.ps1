# The README's tour is run exactly as written, so the documentation cannot drift from the module.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    $script:readme = Get-Content -Raw (Join-Path $PSScriptRoot '../../README.md')

    # The index-th ```powershell block after a heading.
    function script:Get-ReadmeBlock([string] $Heading, [int] $Index = 0) {
        $section = $readme.Substring($readme.IndexOf($Heading))
        [regex]::Matches($section, '```powershell\r?\n(?<body>.*?)```', 'Singleline')[$Index].Groups['body'].Value
    }

    # The README imports ./out/Authy; the tests import the module they were given, wherever it was built.
    function script:Use-ModuleUnderTest([string] $Script) {
        $Script -replace 'Import-Module \./out/Authy/Authy\.psd1', "Import-Module '$(Join-Path $env:AUTHY_TEST_MODULE 'Authy.psd1')'"
    }

    # Runs a tour in a fresh runspace as a reader would, stopping at the first error; returns its output.
    function script:Invoke-Tour([string] $Tour) {
        $shell = [powershell]::Create()
        try {
            $null = $shell.AddScript("`$ErrorActionPreference = 'Stop'").AddStatement().AddScript($Tour)
            $output = $shell.Invoke()
            $shell.Streams.Error | Should -BeNullOrEmpty
            $shell.HadErrors | Should -BeFalse
            , $output
        }
        finally {
            $shell.Dispose()
        }
    }
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

    It 'names package versions as Directory.Packages.props pins them, here and in the emulator README' {
        [xml] $pins = Get-Content -Raw (Join-Path $PSScriptRoot '../../Directory.Packages.props')
        $pinned = @{}
        foreach ($package in $pins.Project.ItemGroup.PackageVersion) { if ($package) { $pinned[$package.Include] = $package.Version } }
        # How the documents spell each package before its version (the Twilio package is twilio-csharp there).
        $spellings = @{ 'libphonenumber-csharp' = 'libphonenumber-csharp'; 'Otp.NET' = 'Otp\.NET'; 'Twilio' = 'twilio-csharp' }
        $documents = @($readme, (Get-Content -Raw (Join-Path $PSScriptRoot '../../src/Authy.Emulator/README.md')))
        $found = 0
        foreach ($package in $spellings.Keys) {
            foreach ($match in $documents | ForEach-Object { [regex]::Matches($_, "(?i)$($spellings[$package])\S*\s+(\d+\.\d+\.\d+)") }) {
                $match.Groups[1].Value | Should -Be $pinned[$package] -Because "'$($match.Value)' must be the version Directory.Packages.props pins"
                $found++
            }
        }
        $found | Should -BeGreaterThan 2
    }

    It 'starts the tour with the Import-Module line it needs' {
        (Get-ReadmeBlock '## A five-minute tour') -split '\r?\n' | Select-Object -First 1 | Should -Match '^Import-Module \./out/Authy/Authy\.psd1(\s|$)'
    }

    It 'runs the five-minute tour without an error' {
        $tour = Use-ModuleUnderTest (Get-ReadmeBlock '## A five-minute tour')
        $tour | Should -Match 'Start-AuthyEmulator'

        $output = Invoke-Tour $tour
        # The token and the verification code read from the outbox both verify.
        @($output | Where-Object { $_ -is [bool] }) | Should -Be @($true, $true)
        ($output | Where-Object { $_ -is [Authy.Models.AuthyApprovalRequest] })[-1].Status | Should -Be 'approved'
    }

    It 'starts the Verify tour with the Import-Module line it needs' {
        (Get-ReadmeBlock '### A Verify tour') -split '\r?\n' | Select-Object -First 1 | Should -Match '^Import-Module \./out/Authy/Authy\.psd1(\s|$)'
    }

    It 'runs the Verify tour without an error' {
        $tour = Use-ModuleUnderTest (Get-ReadmeBlock '### A Verify tour')
        $tour | Should -Match 'Start-AuthyEmulator'
        $tour | Should -Match '_emulator/messages\?to='
        $tour | Should -Match '-ThrottleLimit'

        $tour | Should -Match 'New-TwilioVerifyFactor .*-QrCode'
        $tour | Should -Match '_emulator/verify/factors/'

        $output = Invoke-Tour $tour
        # The wrong code is $false, the code read from the outbox $true; the TOTP factor confirmed, its code checked.
        @($output | Where-Object { $_ -is [bool] }) | Should -Be @($false, $true, $true, $true)
        $lookups = @($output | Where-Object { $_ -is [Authy.Verify.Models.TwilioPhoneInfo] })
        $lookups.Valid | Should -Be @($true, $false)
        $lookups[1].ValidationErrors | Should -Contain 'TOO_SHORT'
        # The connection view, and the CSV rows sent in bulk (formatted as a table).
        @($output | Where-Object { $_ -is [Authy.Verify.Models.TwilioVerifyConnection] }).Count | Should -Be 1
        ($output | Out-String) | Should -Match '\+14155550102\s+pending'
        # The push, approved through the emulator's control API, as Wait-TwilioVerifyChallenge wrote it.
        $tour | Should -Match '_emulator/verify/push_factors'
        $challenges = @($output | Where-Object { $_ -is [Authy.Verify.Models.TwilioVerifyChallenge] })
        $challenges.Status | Should -Be @('approved')
        ($challenges[0].Fields | ForEach-Object Key) | Should -Be 'Location'
    }

    It 'runs the Export-Csv report recipe, every cell readable' {
        $recipe = Get-ReadmeBlock '## Reports with Export-Csv'
        $isoRecipe = Get-ReadmeBlock '## Reports with Export-Csv' 1
        $folder = Join-Path ([IO.Path]::GetTempPath()) ('authy-readme-' + [guid]::NewGuid().ToString('N'))
        New-Item -ItemType Directory -Path $folder | Out-Null
        "email,cellphone,country_code`nmargaret.hamilton@example.com,555-123-0001,1`ngrace.hopper@example.com,555-123-0002,1" |
            Set-Content (Join-Path $folder 'users.csv')

        $shell = [powershell]::Create()
        try {
            $setup = @"
`$ErrorActionPreference = 'Stop'
Import-Module '$(Join-Path $env:AUTHY_TEST_MODULE 'Authy.psd1')'
Set-Location '$folder'
Start-AuthyEmulator
`$uuid = (New-AuthyUser -Email ada@example.com -Cellphone 555-123-0003 -CountryCode 1 | New-AuthyApprovalRequest -Message 'Log in').Uuid
"@
            $null = $shell.AddScript($setup).AddStatement().AddScript($recipe).AddStatement().AddScript($isoRecipe).AddStatement().AddScript('Stop-AuthyEmulator')
            $output = $shell.Invoke()
            $shell.Streams.Error | Should -BeNullOrEmpty
            # Send-AuthySms ran for the users read back from status.csv.
            @($output | Where-Object { $_ -is [Authy.Models.AuthyTokenDelivery] }).Count | Should -Be 2
            foreach ($file in 'created.csv', 'status.csv', 'usage.csv', 'approvals.csv') {
                $text = Get-Content -Raw (Join-Path $folder $file)
                $text | Should -Not -BeNullOrEmpty -Because "the recipe writes $file"
                $text | Should -Not -Match 'System\.|Authy\.Models' -Because "$file should hold values, not type names"
            }
            (Import-Csv (Join-Path $folder 'status.csv')).Email | Should -Be 'margaret.hamilton@example.com', 'grace.hopper@example.com'
            (Import-Csv (Join-Path $folder 'approvals.csv')).Status | Should -Be 'pending'
        }
        finally {
            $shell.Dispose()
            Remove-Item -Recurse -Force $folder -ErrorAction SilentlyContinue
        }
    }
}

Describe 'README: Moving from Authy to Verify' {
    BeforeAll {
        $script:folder = Join-Path ([IO.Path]::GetTempPath()) ('authy-migration-' + [guid]::NewGuid().ToString('N'))
        New-Item -ItemType Directory -Path $folder | Out-Null
    }
    AfterAll { Remove-Item -Recurse -Force $folder -ErrorAction SilentlyContinue }

    It 'gives the one-line migration and the removal line as the issue asks' {
        $oneLine = Get-ReadmeBlock '### The one-line migration'
        $oneLine | Should -Match ([regex]::Escape('Import-Csv authy-users.csv | Copy-AuthyUserToVerify -ThrottleLimit 16 -CheckpointPath migration.checkpoint | Export-Csv report.csv -NoTypeInformation'))
        (Get-ReadmeBlock '### Removing the Authy users afterwards').Trim() | Should -Be 'Import-Csv report.csv | Where-Object Outcome -eq Migrated | Remove-AuthyUser'
    }

    It 'runs the emulator run of the migration as written, in a fresh runspace' {
        $tour = Use-ModuleUnderTest (Get-ReadmeBlock '### Try it against the emulator')
        $oneLine = (Get-ReadmeBlock '### The one-line migration') -split '\r?\n' | Where-Object { $_ -like 'Import-Csv*' }
        $tour | Should -Match ([regex]::Escape($oneLine))
        $output = Invoke-Tour ("Set-Location '$folder'`n" + $tour)
        $report = @(Import-Csv (Join-Path $folder 'report.csv'))
        $report.Outcome | Should -Be 'Migrated', 'Migrated', 'NeedsEnrolment'
        $report[2].E164 | Should -Be '+14155550103'
        @($report[0].PSObject.Properties.Name) | Should -Be 'AuthyId', 'Identity', 'Outcome', 'Reason', 'E164', 'FactorSid'
        # The rerun with the checkpoint wrote the same outcomes.
        ($output | Out-String) | Should -Match 'NeedsEnrolment'
    }

    It 'removes the migrated users with the README line as written, asking once (answered Yes to All)' {
        # A real console PowerShell, whose prompt reads the answer from standard input: the line must bind AuthyId
        # from the report and prompt in a way one answer settles, as a person at the prompt would see it.
        $remove = (Get-ReadmeBlock '### Removing the Authy users afterwards').Trim()
        $script = @"
`$ErrorActionPreference = 'Stop'
Import-Module '$(Join-Path $env:AUTHY_TEST_MODULE 'Authy.psd1')'
Set-Location '$folder'
`$emulator = Start-AuthyEmulator -EnableMigrationTools -PassThru
`$users = 1..3 | ForEach-Object { New-AuthyUser -Email "rm`$_@example.com" -Cellphone "415-555-020`$_" -CountryCode 1 }
`$null = Invoke-RestMethod -Method Post "`$(`$emulator.Url)_emulator/users/`$(`$users[2].AuthyId)/authenticator?kind=app"
`$users | Copy-AuthyUserToVerify | Export-Csv report.csv -NoTypeInformation
$remove
A
`$removed = @((Invoke-RestMethod "`$(`$emulator.Url)_emulator/requests").requests | Where-Object path -like '*/remove')
'REMOVED ' + ((`$removed.path | ForEach-Object { [long] (`$_ -split '/')[-2] } | Sort-Object) -join ',')
'EXPECTED ' + (((Import-Csv report.csv | Where-Object Outcome -eq Migrated).AuthyId | ForEach-Object { [long] `$_ } | Sort-Object) -join ',')
Stop-AuthyEmulator
exit
"@
        $pwsh = Join-Path $PSHOME 'pwsh.dll'
        $output = ($script | & dotnet $pwsh -NoProfile -Command - 2>&1 | Out-String) -replace '\x1b\[[0-9;?]*[a-zA-Z]', ''
        $removedLine = [regex]::Match($output, 'REMOVED (?<ids>[\d,]*)').Groups['ids'].Value
        $expectedLine = [regex]::Match($output, 'EXPECTED (?<ids>[\d,]+)').Groups['ids'].Value
        $expectedLine.Split(',').Count | Should -Be 2 -Because $output
        $removedLine | Should -Be $expectedLine -Because $output
        ([regex]::Matches($output, 'Are you sure you want to perform this action\?')).Count | Should -Be 1 -Because $output
    }
}
