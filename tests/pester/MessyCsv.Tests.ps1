# Bulk import from a real-world CSV: data/messy-users.csv, an HR-style export (written by data/New-MessyUsersCsv.ps1),
# piped straight from Import-Csv into New-AuthyUser. What each row must give is in data/messy-users.expected.csv,
# derived by the generator from the number it rendered, never by running the module. Which column names bind is
# read from the module's one table, [Authy.Validation.ColumnNames], and every name in it is tried.

BeforeDiscovery {
    $expectedPath = Join-Path $PSScriptRoot 'data/messy-users.expected.csv'
    $badCases = @(Import-Csv $expectedPath | Where-Object Outcome -EQ 'Error' | ForEach-Object {
            @{ EmployeeId = $_.'Employee ID'; Kind = $_.Kind; ErrorId = $_.ErrorId; Quote = $_.Quote }
        })

    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-AuthyUnderTest

    # Ways a spreadsheet writes one name: as listed, upper and lower case, words joined by '_' or '-', or run together.
    function Get-Spelling([string] $name) {
        $words = $name -split '[\s_-]+'
        @($name, $name.ToUpperInvariant(), $name.ToLowerInvariant(), ($words -join '_').ToLowerInvariant(),
            ($words -join '-'), ($words -join '')) | Select-Object -Unique
    }

    # One case per (list, name, spelling). Without the table, one case per list that fails and says why.
    $table = 'Authy.Validation.ColumnNames' -as [type]
    $headerCases = [Collections.Generic.List[hashtable]]::new()
    foreach ($list in 'Email', 'PhoneNumber', 'CountryCode', 'AuthyId') {
        $names = if ($table) { @($table::$list) } else { @() }
        if ($names.Count -eq 0) { $headerCases.Add(@{ List = $list; Name = '(none)'; Header = '(none)'; Index = $headerCases.Count }) }
        foreach ($name in $names) {
            foreach ($spelling in Get-Spelling $name) {
                $headerCases.Add(@{ List = $list; Name = $name; Header = $spelling; Index = $headerCases.Count })
            }
        }
    }
    $rowCases = @($headerCases | Where-Object List -NE 'AuthyId')
    $idCases = @($headerCases | Where-Object List -EQ 'AuthyId')
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-AuthyUnderTest
    $script:emulator = Start-TestEmulator
    Connect-Authy -ApiKey $emulator.Key -ApiUrl $emulator.Url

    $script:csvPath = Join-Path $PSScriptRoot 'data/messy-users.csv'
    $script:expectedPath = Join-Path $PSScriptRoot 'data/messy-users.expected.csv'

    # The contract's names for each list; the module's table must hold at least these.
    $script:contractNames = @{
        Email = 'Email', 'E-mail', 'Email Address', 'Mail', 'email_address'
        PhoneNumber = 'Cellphone', 'Phone', 'Phone Number', 'Mobile', 'Mobile Phone', 'Cell', 'Telephone'
        CountryCode = 'CountryCode', 'Country Code', 'country_code', 'Country', 'Country/Region'
        AuthyId = 'AuthyId', 'Authy ID', 'authy_id', 'Id', 'UserId', 'user_id'
    }

    function Get-ColumnTable {
        $table = 'Authy.Validation.ColumnNames' -as [type]
        if (-not $table) { throw 'The module under test has no [Authy.Validation.ColumnNames] table of the column names that bind.' }
        $table
    }

    # How the module compares column names: case, spaces, dashes and underscores do not count.
    function Get-NameKey([string] $name) { ($name -replace '[\s_-]', '').ToLowerInvariant() }

    # The text PowerShell shows for an error record.
    function Get-ErrorText($record) {
        if ($record.ErrorDetails -and $record.ErrorDetails.Message) { $record.ErrorDetails.Message } else { $record.Exception.Message }
    }

    function Test-Contains([string] $text, [string] $part) { $text.IndexOf($part, [StringComparison]::OrdinalIgnoreCase) -ge 0 }

    # Null when $actual is the CSV row $row (same columns, same values), else what differs.
    function Compare-Row($actual, $row) {
        if ($actual -isnot [System.Management.Automation.PSCustomObject]) { return "TargetObject is a $(if ($null -eq $actual) { 'null' } else { $actual.GetType().FullName }), not the CSV row" }
        $actualNames = @($actual.PSObject.Properties.Name)
        $rowNames = @($row.PSObject.Properties.Name)
        if (($actualNames -join '|') -cne ($rowNames -join '|')) { return "TargetObject has columns '$($actualNames -join ', ')', the row '$($rowNames -join ', ')'" }
        foreach ($name in $rowNames) {
            if ($actual.$name -cne $row.$name) { return "TargetObject.'$name' is '$($actual.$name)', the row's is '$($row.$name)'" }
        }
        $null
    }

    # The users/new requests in the emulator's log (form fields user[email], user[cellphone], user[country_code]).
    function Get-CreateRequest { @(Get-EmulatorRequests $emulator.Url | Where-Object path -Like '*/users/new') }
}

AfterAll {
    Stop-AuthyEmulator
}

Describe 'The messy-users.csv fixture' {
    It 'is UTF-8 with a BOM and CRLF line endings, with blank lines between rows' {
        $bytes = [IO.File]::ReadAllBytes($csvPath)
        $bytes[0..2] | Should -Be @(0xEF, 0xBB, 0xBF)
        $text = [Text.Encoding]::UTF8.GetString($bytes)
        ([regex]::Matches($text, '(?<!\r)\n')).Count | Should -Be 0 -Because 'every line ends in CRLF'
        ([regex]::Matches($text, '\r\n\r\n')).Count | Should -BeGreaterThan 0
    }

    It 'gives one Import-Csv row per expected row: PowerShell 7 skips the blank lines' {
        $rows = @(Import-Csv $csvPath)
        $expected = @(Import-Csv $expectedPath)
        $expected.Count | Should -BeGreaterOrEqual 300
        $rows.'Employee ID' | Should -Be $expected.'Employee ID'
    }

    It 'names no column after a cmdlet parameter, and has at least 20 bad rows and rows sharing a person' {
        $rows = @(Import-Csv $csvPath)
        $rows[0].PSObject.Properties.Name | Should -Not -Contain 'Email'
        $rows[0].PSObject.Properties.Name | Should -Not -Contain 'Cellphone'
        $rows[0].PSObject.Properties.Name | Should -Not -Contain 'CountryCode'
        $expected = @(Import-Csv $expectedPath)
        @($expected | Where-Object Outcome -EQ 'Error').Count | Should -BeGreaterOrEqual 20
        @($expected | Where-Object Outcome -EQ 'User' | Group-Object Person | Where-Object Count -GT 1).Count | Should -BeGreaterThan 0
        # Rows are matched to logged requests by e-mail: no two rows may share one.
        $emails = @($rows | ForEach-Object { "$($_.'E-mail')".Trim() } | Where-Object { $_ })
        @($emails | Sort-Object -Unique).Count | Should -Be $emails.Count
    }
}

Describe 'Import-Csv messy-users.csv | New-AuthyUser -ThrottleLimit 8' {
    BeforeAll {
        Reset-Emulator $emulator.Url
        Connect-Authy -ApiKey $emulator.Key -ApiUrl $emulator.Url

        $script:expectedById = @{}
        foreach ($line in Import-Csv $expectedPath) { $expectedById[$line.'Employee ID'] = $line }
        $script:rows = @(Import-Csv $csvPath)
        $script:rowById = @{}
        foreach ($row in $rows) { $rowById[$row.'Employee ID'] = $row }
        $script:goodRows = @($rows | Where-Object { $expectedById[$_.'Employee ID'].Outcome -eq 'User' })
        $script:badRows = @($rows | Where-Object { $expectedById[$_.'Employee ID'].Outcome -eq 'Error' })

        $script:users = @(Import-Csv $csvPath | New-AuthyUser -ThrottleLimit 8 -ErrorVariable importErrors -ErrorAction SilentlyContinue)
        $script:importErrors = @($importErrors)
        $script:created = Get-CreateRequest

        # Outputs matched to rows by e-mail (trimmed, any case), so the checks below do not depend on output order.
        $script:userByEmail = @{}
        foreach ($user in $users) { $userByEmail["$($user.Email)".Trim().ToLowerInvariant()] = $user }
        function Get-UserForRow($row) { $userByEmail["$($row.'E-mail')".Trim().ToLowerInvariant()] }
    }

    It 'gives each row exactly one outcome: an AuthyUser or an error' {
        ($users.Count + $importErrors.Count) | Should -Be $rows.Count
        $users.Count | Should -Be $goodRows.Count
        $importErrors.Count | Should -Be $badRows.Count
    }

    It 'writes no error for a good row' {
        $problems = foreach ($record in $importErrors) {
            $id = if ($record.TargetObject -and $record.TargetObject.PSObject.Properties['Employee ID']) { $record.TargetObject.'Employee ID' }
            if ($null -eq $id) { "error with no CSV row as TargetObject: $($record.FullyQualifiedErrorId): $(Get-ErrorText $record)" }
            elseif ($expectedById[$id].Outcome -eq 'User') { "$id ($("$($rowById[$id].'Mobile Phone')".Trim()), country '$($rowById[$id].Country)'): $($record.FullyQualifiedErrorId): $(Get-ErrorText $record)" }
        }
        $problems | Should -BeNullOrEmpty
    }

    It 'sends one users/new request per good row and none for a bad row' {
        $created.Count | Should -Be $goodRows.Count
        $sentEmails = @($created | ForEach-Object { "$($_.parameters.user.email)".Trim() })
        $badEmails = @($badRows | ForEach-Object { "$($_.'E-mail')".Trim() } | Where-Object { $_ })
        @($badEmails | Where-Object { $sentEmails -contains $_ }) | Should -BeNullOrEmpty
    }

    It "sends each good row's national significant number as user[cellphone] and its calling code as user[country_code]" {
        $requestsByEmail = $created | Group-Object { "$($_.parameters.user.email)".Trim() } -AsHashTable -AsString
        $problems = foreach ($row in $goodRows) {
            $expected = $expectedById[$row.'Employee ID']
            $email = "$($row.'E-mail')".Trim()
            $logged = if ($requestsByEmail) { @($requestsByEmail[$email]) } else { @() }
            $logged = @($logged | Where-Object { $_ })
            $label = "$($row.'Employee ID') '$($row.'Mobile Phone')' country '$($row.Country)'"
            if ($logged.Count -ne 1) { "$label <$email>: $($logged.Count) requests"; continue }
            $user = $logged[0].parameters.user
            if ("$($user.cellphone)" -cne $expected.Cellphone) { "$label sent user[cellphone]='$($user.cellphone)', expected '$($expected.Cellphone)'" }
            if ("$($user.country_code)" -cne $expected.CountryCode) { "$label sent user[country_code]='$($user.country_code)', expected '$($expected.CountryCode)'" }
        }
        $problems | Should -BeNullOrEmpty
    }

    It 'returns each good row as an AuthyUser with the national Cellphone, the CountryCode and the E164 form' {
        $problems = foreach ($row in $goodRows) {
            $expected = $expectedById[$row.'Employee ID']
            $label = "$($row.'Employee ID') '$($row.'Mobile Phone')' country '$($row.Country)'"
            $user = Get-UserForRow $row
            if ($null -eq $user) { "$label gave no AuthyUser"; continue }
            if ($user -isnot [Authy.Models.AuthyUser]) { "$label gave a $($user.GetType().FullName)" }
            if ($user.Cellphone -cne $expected.Cellphone) { "$label Cellphone '$($user.Cellphone)', expected '$($expected.Cellphone)'" }
            if ($user.CountryCode -isnot [int] -or $user.CountryCode -ne [int]$expected.CountryCode) { "$label CountryCode '$($user.CountryCode)', expected $($expected.CountryCode) as an int" }
            if ($user.E164 -cne $expected.E164) { "$label E164 '$($user.E164)', expected '$($expected.E164)'" }
            if (-not ($user.AuthyId -gt 0)) { "$label AuthyId '$($user.AuthyId)'" }
        }
        $problems | Should -BeNullOrEmpty
    }

    It 'gives the same AuthyId to the same person however the number is written, and different ids to different people' {
        $pairs = foreach ($row in $goodRows) { [pscustomobject]@{ Row = $row; Person = $expectedById[$row.'Employee ID'].Person; User = Get-UserForRow $row } }
        @($pairs | Where-Object { $null -eq $_.User }) | Should -BeNullOrEmpty -Because 'every good row must give a user'
        $problems = foreach ($group in $pairs | Group-Object Person) {
            $ids = @($group.Group.User.AuthyId | Sort-Object -Unique)
            if ($ids.Count -ne 1) {
                "$($group.Name): ids $($ids -join ', ') for " + (($group.Group | ForEach-Object { "$($_.Row.'Employee ID') '$($_.Row.'Mobile Phone')' country '$($_.Row.Country)'" }) -join '; ')
            }
        }
        $problems | Should -BeNullOrEmpty
        @($pairs.User.AuthyId | Sort-Object -Unique).Count | Should -Be @($pairs.Person | Sort-Object -Unique).Count
    }

    It 'refuses <EmployeeId> (<Kind>) with one <ErrorId> error that carries the row and quotes "<Quote>"' -ForEach $badCases {
        $row = $rowById[$EmployeeId]
        $mine = @($importErrors | Where-Object { $_.TargetObject -and $_.TargetObject.PSObject.Properties['Employee ID'] -and $_.TargetObject.'Employee ID' -eq $EmployeeId })
        $mine.Count | Should -Be 1 -Because "row $EmployeeId ('$($row.'E-mail')', '$($row.'Mobile Phone')', country '$($row.Country)') must give exactly one error"
        $record = $mine[0]

        $prefixes = $ErrorId -split '\|'
        $fullId = $record.FullyQualifiedErrorId
        @($prefixes | Where-Object { $fullId.StartsWith($_, [StringComparison]::Ordinal) }).Count |
            Should -BeGreaterThan 0 -Because "the error id '$fullId' must start with $($prefixes -join ' or ')"

        Compare-Row $record.TargetObject $row | Should -BeNullOrEmpty
        $text = Get-ErrorText $record
        Test-Contains $text $Quote | Should -BeTrue -Because "the message '$text' must quote '$Quote'"
    }
}

Describe 'Column names that bind, from [Authy.Validation.ColumnNames]' {
    BeforeAll {
        Reset-Emulator $emulator.Url
        Connect-Authy -ApiKey $emulator.Key -ApiUrl $emulator.Url
        # Known-good names for the columns not under test.
        $script:plainHeader = [ordered]@{ Email = 'Email'; PhoneNumber = 'Cellphone'; CountryCode = 'CountryCode' }
        # A user for the AuthyId columns to point at.
        $script:knownUser = New-AuthyUser -Email 'column-names@example.com' -Cellphone '07700 900999' -CountryCode '44'
    }

    It 'holds every name the contract lists for <_>' -ForEach 'Email', 'PhoneNumber', 'CountryCode', 'AuthyId' {
        $table = Get-ColumnTable
        $keys = @($table::$_ | ForEach-Object { Get-NameKey $_ })
        $missing = @($contractNames[$_] | Where-Object { $keys -notcontains (Get-NameKey $_) })
        $missing | Should -BeNullOrEmpty
    }

    It 'binds <List> from a column headed "<Header>" (<Name>)' -ForEach $rowCases {
        $null = Get-ColumnTable
        $number = '{0:d3}' -f ($Index % 1000)
        $values = [ordered]@{ Email = "header$Index@example.com"; PhoneNumber = "07700 900$number"; CountryCode = 'gb' }
        $headers = [ordered]@{}
        foreach ($key in $plainHeader.Keys) { $headers[$key] = $plainHeader[$key] }
        $headers[$List] = $Header
        $csv = Join-Path $TestDrive "header-$Index.csv"
        @(
            (@($headers.Values) | ForEach-Object { '"' + $_.Replace('"', '""') + '"' }) -join ','
            (@($values.Values) | ForEach-Object { '"' + $_ + '"' }) -join ','
        ) | Set-Content -Path $csv -Encoding utf8BOM

        $out = @(Import-Csv $csv | New-AuthyUser -ErrorVariable failures -ErrorAction SilentlyContinue)
        @($failures | ForEach-Object { "$($_.FullyQualifiedErrorId): $(Get-ErrorText $_)" }) | Should -BeNullOrEmpty
        $out.Count | Should -Be 1
        $out[0].Email | Should -Be $values.Email
        $out[0].Cellphone | Should -Be "7700900$number"
        $out[0].CountryCode | Should -Be 44
        $sent = @(Get-CreateRequest | Where-Object { $_.parameters.user.email -eq $values.Email })
        $sent.Count | Should -Be 1
        $sent[0].parameters.user.cellphone | Should -Be "7700900$number"
        $sent[0].parameters.user.country_code | Should -Be '44'
    }

    It 'binds the Authy id from a column headed "<Header>" (<Name>) into Get-AuthyUser' -ForEach $idCases {
        $null = Get-ColumnTable
        $csv = Join-Path $TestDrive "id-header-$Index.csv"
        @(('"' + $Header.Replace('"', '""') + '"'), [string]$knownUser.AuthyId) | Set-Content -Path $csv -Encoding utf8BOM

        $out = @(Import-Csv $csv | Get-AuthyUser -ErrorVariable failures -ErrorAction SilentlyContinue)
        @($failures | ForEach-Object { "$($_.FullyQualifiedErrorId): $(Get-ErrorText $_)" }) | Should -BeNullOrEmpty
        $out.Count | Should -Be 1
        $out[0].AuthyId | Should -Be $knownUser.AuthyId
    }
}

Describe 'A row without a column that binds' {
    BeforeEach {
        Reset-Emulator $emulator.Url
        Connect-Authy -ApiKey $emulator.Key -ApiUrl $emulator.Url
    }

    It 'gives one Authy.MissingValue error naming the <Missing> column names that bind and the columns the row has' -ForEach @(
        @{ Missing = 'phone'; List = 'PhoneNumber'; Columns = @('Name', 'E-mail', 'Country', 'Office Phone'); Line = '"Hamilton, Margaret",margaret.hamilton@example.com,US,(415) 555-0100' }
        @{ Missing = 'email'; List = 'Email'; Columns = @('Name', 'Mobile Phone', 'Country', 'Notes'); Line = '"Lovelace, Ada",07700 900456,GB,"Prefers ""Ada"""' }
    ) {
        $table = Get-ColumnTable
        $csv = Join-Path $TestDrive "missing-$Missing.csv"
        @(($Columns -join ','), $Line) | Set-Content -Path $csv -Encoding utf8BOM
        $rows = @(Import-Csv $csv)

        $out = @(Import-Csv $csv | New-AuthyUser -ErrorVariable failures -ErrorAction SilentlyContinue)
        $out | Should -BeNullOrEmpty
        $failures.Count | Should -Be 1
        $record = $failures[0]
        $record.FullyQualifiedErrorId.StartsWith('Authy.MissingValue', [StringComparison]::Ordinal) | Should -BeTrue -Because "the id is '$($record.FullyQualifiedErrorId)'"
        Compare-Row $record.TargetObject $rows[0] | Should -BeNullOrEmpty

        $text = Get-ErrorText $record
        Test-Contains $text $Missing | Should -BeTrue -Because "the message '$text' must say the $Missing is missing"
        $unnamed = @(@($Columns) + @($table::$List) | Where-Object { -not (Test-Contains $text $_) })
        $unnamed | Should -BeNullOrEmpty -Because "the message '$text' must name the row's columns and the names that bind"
        Get-CreateRequest | Should -BeNullOrEmpty
    }
}

# Parameters that bind from a row's columns and have a rule (a set of values, an IP address, a locale, a code) are
# checked by the cmdlet for each row, not by PowerShell's binder: a binder refusal happens before the cmdlet sees
# the row, so it has none of the module's ErrorId, "Record N" and TargetObject, a blank cell cannot mean "not
# given", and, since the refused row is never counted, every later row's error names the wrong record.
Describe 'Authy ids as other tools write them' {
    BeforeAll {
        Reset-Emulator $emulator.Url
        Connect-Authy -ApiKey $emulator.Key -ApiUrl $emulator.Url
        $script:user = New-AuthyUser -Email 'ids.as.written@example.com' -PhoneNumber '415 555 0143' -CountryCode US
    }

    It 'refuses ''<Id>'' as its own record''s error, quoting it, and the rows after it keep their numbers' -ForEach @(
        @{ Id = '1.0' }, @{ Id = '1,234' }, @{ Id = '0x3' }, @{ Id = '#3' }, @{ Id = '3#' }, @{ Id = '12ab' }, @{ Id = "3`t" }, @{ Id = '1e3' }
    ) {
        $rows = @(
            [pscustomobject]@{ 'Authy ID' = [string] $user.AuthyId }
            [pscustomobject]@{ 'Authy ID' = $Id }
            [pscustomobject]@{ 'Authy ID' = 'x' }
            [pscustomobject]@{ 'Authy ID' = [string] $user.AuthyId }
        )
        $found = @($rows | Get-AuthyUser -ErrorVariable failures -ErrorAction SilentlyContinue)
        $found.Count | Should -Be 2
        @($failures | ForEach-Object { $_.FullyQualifiedErrorId -replace ',.*$' }) | Should -Be @('Authy.InvalidAuthyId', 'Authy.InvalidAuthyId')
        Get-ErrorText $failures[0] | Should -BeLike "Record 2: '$($Id.Trim())*' is not an Authy id*"
        Get-ErrorText $failures[1] | Should -BeLike "Record 3: 'x' is not an Authy id*"
        $failures[0].TargetObject | Should -Be $rows[1]
    }
}

Describe 'Rows with more than one column for a value: the table''s order decides, not the binder' {
    BeforeAll {
        Reset-Emulator $emulator.Url
        Connect-Authy -ApiKey $emulator.Key -ApiUrl $emulator.Url
        $script:users = @(1..6 | ForEach-Object { New-AuthyUser -Email "twocolumns$_@example.com" -PhoneNumber ('415 555 02{0:d2}' -f $_) -CountryCode US })
    }

    It 'removes the user in the Authy ID column, not the one an HR export''s ID column names' {
        $row = "ID,Name,Authy ID`n$($users[1].AuthyId),Ada Lovelace,$($users[4].AuthyId)" | ConvertFrom-Csv
        $removed = @($row | Remove-AuthyUser -Force -PassThru)
        $removed.AuthyId | Should -Be $users[4].AuthyId
        @(Get-EmulatorRequests $emulator.Url | Where-Object path -Like '*/remove').path | Should -Be "/protected/json/users/$($users[4].AuthyId)/remove"
    }

    It 'refuses a record whose only id columns are another system''s and disagree, before any request' {
        $before = @(Get-EmulatorRequests $emulator.Url).Count
        [pscustomobject]@{ Id = [string] $users[0].AuthyId; user_id = [string] $users[2].AuthyId } | Remove-AuthyUser -Force -ErrorVariable refused -ErrorAction SilentlyContinue
        $refused.Count | Should -Be 1
        $refused[0].FullyQualifiedErrorId | Should -BeLike 'Authy.AmbiguousAuthyId,*'
        @(Get-EmulatorRequests $emulator.Url).Count | Should -Be $before
        ([pscustomobject]@{ Id = [string] $users[0].AuthyId; user_id = [string] $users[0].AuthyId } | Get-AuthyUser).AuthyId | Should -Be $users[0].AuthyId
    }

    It 'registers the Mobile column of a row that also has Phone, even a junk Phone' {
        $rows = "Email,Phone,Mobile,Country`nbob@example.com,(212) 555-0199,(415) 555-0102,US`ncy@example.com,n/a,(415) 555-0103,US" | ConvertFrom-Csv
        @($rows | New-AuthyUser).E164 | Should -Be '+14155550102', '+14155550103'
    }

    It 'reads a SendInstallLink column of true/false text, and refuses one that is neither' {
        $rows = "Email,Phone,Country,SendInstallLink`nada@example.com,4155550311,US,true`nbea@example.com,4155550312,US,No`ncal@example.com,4155550313,US,maybe" | ConvertFrom-Csv
        $null = $rows | New-AuthyUser -ErrorVariable refused -ErrorAction SilentlyContinue
        # Found by e-mail: with -ThrottleLimit 4 the two creates may reach the emulator in either order.
        $creates = @(Get-EmulatorRequests $emulator.Url | Where-Object path -Like '*/users/new')
        ($creates | Where-Object { $_.parameters.user.email -eq 'ada@example.com' }).parameters.send_install_link_via_sms | Should -Be 'true'
        ($creates | Where-Object { $_.parameters.user.email -eq 'bea@example.com' }).parameters.send_install_link_via_sms | Should -Be 'false'
        $refused.Count | Should -Be 1
        $refused[0].FullyQualifiedErrorId | Should -BeLike 'Authy.InvalidSendInstallLink,*'
        $refused[0].Exception.Message | Should -BeLike 'Record 3*'
    }

    It 'binds the headers other exports use (<Headers>)' -ForEach @(
        @{ Headers = 'Work Email,Mobile Number,Country Region' }
        @{ Headers = 'E-mail 1 - Value,Phone 1 - Value,Country/Region' }
        @{ Headers = "E`u{2013}mail,Cell #,Country" }
        @{ Headers = 'Email,Phone (Mobile),Country' }
    ) {
        $csv = "$Headers`nheaders$(Get-Random)@example.com,(415) 555-0188,US"
        ($csv | ConvertFrom-Csv | New-AuthyUser -WhatIf -ErrorVariable refused -ErrorAction SilentlyContinue) | Out-Null
        $refused | Should -BeNullOrEmpty
    }

    It 'says a bound column''s cell is blank, a file read with the wrong delimiter, and a number Excel wrote in scientific notation' {
        $null = "Name,E-Mail ,Mobile Phone,Country`nAda,,(415) 555-0189,US" | ConvertFrom-Csv | New-AuthyUser -WhatIf -ErrorVariable blank -ErrorAction SilentlyContinue
        $blank[0].Exception.Message | Should -BeLike "Record 1 has no email address: its 'E-Mail ' cell is blank*"
        $null = "Name;Email;Mobile;Country`nAda;a@example.com;4155550190;US" | ConvertFrom-Csv | New-AuthyUser -WhatIf -ErrorVariable semicolons -ErrorAction SilentlyContinue
        $semicolons[0].Exception.Message | Should -Match "Import-Csv -Delimiter ';'"
        $null = "Email,Mobile,Country`nsci@example.com,4.15555E+09,US" | ConvertFrom-Csv | New-AuthyUser -WhatIf -ErrorVariable scientific -ErrorAction SilentlyContinue
        $scientific[0].Exception.Message | Should -Match 'scientific notation'
        $null = "Email;Mobile;Country`na@example.com;4155550191;US`n;;" | ConvertFrom-Csv -Delimiter ';' | New-AuthyUser -WhatIf -ErrorVariable empty -ErrorAction SilentlyContinue
        $empty.Count | Should -Be 1
        $empty[0].Exception.Message | Should -BeLike 'Record 2 is empty*'
    }

    It 'keeps a value a delay-bind script block gives, over the record''s own columns' {
        $rows = "Email,Personal Email,Phone,Personal Mobile,Country`nwork@example.com,home$(Get-Random)@example.com,(212) 555-0199,(415) 555-0177,US" | ConvertFrom-Csv
        $user = $rows | New-AuthyUser -Email { $_.'Personal Email' } -Cellphone { $_.'Personal Mobile' }
        $user.Email | Should -Be $rows[0].'Personal Email'
        $user.E164 | Should -Be '+14155550177'
    }

    It 'sends a Verify e-mail to a piped AuthyUser''s Email, not its E164' {
        $user = New-AuthyUser -Email 'piped.email@example.com' -PhoneNumber '07700 900123' -CountryCode GB
        ($user | Send-TwilioVerification -Channel email -Force).To | Should -Be 'piped.email@example.com'
    }
}

Describe 'Code lengths as other tools write them' {
    It 'refuses CodeLength ''<Value>'' as its own record''s error, quoting it, and the rows after it keep their numbers' -ForEach @(
        @{ Value = '1.5' }, @{ Value = 'six' }, @{ Value = '0x6' }
    ) {
        $rows = @(
            [pscustomobject]@{ Phone = '415 555 0100'; Country = 'US'; CodeLength = '6' }
            [pscustomobject]@{ Phone = '415 555 0101'; Country = 'US'; CodeLength = $Value }
            [pscustomobject]@{ Phone = '415 555 0102'; Country = 'US'; CodeLength = '3' }
        )
        $null = $rows | Start-AuthyPhoneVerification -WhatIf -ErrorVariable failures -ErrorAction SilentlyContinue
        @($failures | ForEach-Object { $_.FullyQualifiedErrorId -replace ',.*$' }) | Should -Be @('Authy.InvalidCodeLength', 'Authy.InvalidCodeLength')
        Get-ErrorText $failures[0] | Should -BeLike "Record 2: '$Value' is not a code length*"
        Get-ErrorText $failures[1] | Should -BeLike 'Record 3*'
    }
}

Describe 'Validated columns: a blank cell is not given, a padded one is trimmed, a bad one is its record''s error' {
    BeforeAll {
        Reset-Emulator $emulator.Url
        Connect-Authy -ApiKey $emulator.Key -ApiUrl $emulator.Url
        $script:user = New-AuthyUser -Email 'validated.columns@example.com' -PhoneNumber '415 555 0142' -CountryCode US
        $script:verifyRequests = { @(Get-EmulatorRequests $emulator.Url | Where-Object path -Like '/v2/*/Verifications') }
    }

    BeforeEach {
        Reset-Emulator $emulator.Url
        Connect-Authy -ApiKey $emulator.Key -ApiUrl $emulator.Url
    }

    It 'sends a row with blank Locale and DeviceIp cells without them, and a row with padded ones trimmed' {
        $csv = "To,Locale,DeviceIp`n+14155550100,,`n+14155550101,en,203.0.113.7 "
        $out = @($csv | ConvertFrom-Csv | Send-TwilioVerification -Force -ErrorVariable failures -ErrorAction SilentlyContinue)
        @($failures | ForEach-Object { "$($_.FullyQualifiedErrorId): $(Get-ErrorText $_)" }) | Should -BeNullOrEmpty
        $out.Count | Should -Be 2
        # The rows are sent concurrently: the emulator's log may hold them in either order.
        $sent = @(& $verifyRequests | Sort-Object { $_.parameters.To })
        @($sent.parameters.To) | Should -Be @('+14155550100', '+14155550101')
        $sent[0].parameters.Locale | Should -BeNullOrEmpty
        $sent[0].parameters.DeviceIp | Should -BeNullOrEmpty
        $sent[1].parameters.Locale | Should -Be 'en'
        $sent[1].parameters.DeviceIp | Should -Be '203.0.113.7'
    }

    It 'sends by sms for a blank Channel cell, as for a CSV without the column, and reads a padded one in any case' {
        $csv = "To,Channel`n+14155550100,`n+14155550101, Call "
        $out = @($csv | ConvertFrom-Csv | Send-TwilioVerification -Force -ErrorVariable failures -ErrorAction SilentlyContinue)
        @($failures | ForEach-Object { "$($_.FullyQualifiedErrorId): $(Get-ErrorText $_)" }) | Should -BeNullOrEmpty
        $out.Count | Should -Be 2
        @(& $verifyRequests | Sort-Object { $_.parameters.To } | ForEach-Object { $_.parameters.Channel }) | Should -Be @('sms', 'call')
    }

    It 'refuses Test-TwilioVerification rows with a blank, short or non-code Code as that record''s error, naming a verification code' {
        $csv = "Phone,Country,Code`n415 555 0100,US,`n415 555 0100,US,12`n415 555 0100,US,abc"
        $rows = @($csv | ConvertFrom-Csv)
        $out = @($rows | Test-TwilioVerification -ErrorVariable failures -ErrorAction SilentlyContinue)
        $out | Should -BeNullOrEmpty
        $failures.Count | Should -Be 3
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'TwilioVerify.MissingValue,*'
        $failures[1].FullyQualifiedErrorId | Should -BeLike 'TwilioVerify.InvalidCode,*'
        $failures[2].FullyQualifiedErrorId | Should -BeLike 'TwilioVerify.InvalidCode,*'
        for ($i = 0; $i -lt 3; $i++) {
            $text = Get-ErrorText $failures[$i]
            $text | Should -BeLike "Record $($i + 1)*verification code*"
            $text | Should -Not -BeLike '*custom code*'
            Compare-Row $failures[$i].TargetObject $rows[$i] | Should -BeNullOrEmpty
        }
        Get-EmulatorRequests $emulator.Url | Where-Object path -Like '/v2/*' | Should -BeNullOrEmpty
    }

    # Row 1 blank, 2 bad, 3 padded, 4 bad: the errors name records 2 and 4 (and 1 when the value is required).
    It '<Command> -<Column>: blank, bad, padded, bad rows give <Prefix>.<ErrorId> errors for the right records' -ForEach @(
        @{ Command = 'Send-TwilioVerification'; Prefix = 'TwilioVerify'; Base = @{ To = '+14155550100' }; Column = 'Channel'; Good = 'call'; Bad = 'fax'; ErrorId = 'InvalidChannel' }
        @{ Command = 'Send-TwilioVerification'; Prefix = 'TwilioVerify'; Base = @{ To = '+14155550100' }; Column = 'Locale'; Good = 'pt-BR'; Bad = 'not a locale'; ErrorId = 'InvalidLocale' }
        @{ Command = 'Send-TwilioVerification'; Prefix = 'TwilioVerify'; Base = @{ To = '+14155550100' }; Column = 'DeviceIp'; Good = '203.0.113.7'; Bad = '203.0.113'; ErrorId = 'InvalidIpAddress' }
        @{ Command = 'Test-TwilioVerification'; Prefix = 'TwilioVerify'; Base = @{ To = '+14155550100' }; Column = 'Code'; Good = '123456'; Bad = '12'; ErrorId = 'InvalidCode'; Required = $true }
        @{ Command = 'New-TwilioVerifyChallenge'; Prefix = 'TwilioVerify'; Base = @{ Identity = 'ff483d1f-f3f6-4b1c-a3a1-8b0dc3c6f3b1'; FactorSid = 'YF' + '0' * 32 }; Column = 'Message'; Good = 'Approve the login?'; Bad = 'x' * 257; ErrorId = 'InvalidText'; Required = $true }
        @{ Command = 'Get-AuthyUser'; Prefix = 'Authy'; Column = 'UserIp'; Good = '2001:db8::7'; Bad = 'not-an-ip'; ErrorId = 'InvalidIpAddress' }
        @{ Command = 'Remove-AuthyUser'; Prefix = 'Authy'; Column = 'UserIp'; Good = '203.0.113.7'; Bad = '1.2.3.4.5'; ErrorId = 'InvalidIpAddress' }
        @{ Command = 'Register-AuthyUserActivity'; Prefix = 'Authy'; Base = @{ Type = 'banned' }; Column = 'UserIp'; Good = '203.0.113.7'; Bad = 'localhost'; ErrorId = 'InvalidIpAddress' }
        @{ Command = 'Register-AuthyUserActivity'; Prefix = 'Authy'; Column = 'Type'; Good = 'Banned'; Bad = 'password_change'; ErrorId = 'InvalidActivityType'; Required = $true }
        @{ Command = 'Set-AuthyUser'; Prefix = 'Authy'; Column = 'Email'; Good = 'new@example.com'; Bad = 'x@'; ErrorId = 'InvalidEmail'; Required = $true }
        @{ Command = 'New-AuthyApprovalRequest'; Prefix = 'Authy'; Column = 'Message'; Good = 'Approve the login?'; Bad = 'x' * 201; ErrorId = 'InvalidMessage'; Required = $true }
        @{ Command = 'Test-AuthyToken'; Prefix = 'Authy'; Column = 'Token'; Good = '1234567'; Bad = '12345'; ErrorId = 'InvalidToken'; Required = $true }
        @{ Command = 'New-AuthyQrCode'; Prefix = 'Authy'; Column = 'Label'; Good = 'Contoso'; Bad = "Contoso`u{202E}"; ErrorId = 'InvalidText' }
        @{ Command = 'Send-AuthySms'; Prefix = 'Authy'; Column = 'Locale'; Good = 'pt-BR'; Bad = 'not a locale'; ErrorId = 'InvalidLocale' }
        @{ Command = 'Invoke-AuthyCall'; Prefix = 'Authy'; Column = 'Locale'; Good = 'es'; Bad = 'e'; ErrorId = 'InvalidLocale' }
        @{ Command = 'Start-AuthyPhoneVerification'; Prefix = 'Authy'; Base = @{ Phone = '415 555 0100'; Country = 'US' }; Column = 'Via'; Good = 'CALL'; Bad = 'fax'; ErrorId = 'InvalidVia' }
        @{ Command = 'Start-AuthyPhoneVerification'; Prefix = 'Authy'; Base = @{ Phone = '415 555 0100'; Country = 'US' }; Column = 'CodeLength'; Good = '6'; Bad = '3'; ErrorId = 'InvalidCodeLength' }
        @{ Command = 'Start-AuthyPhoneVerification'; Prefix = 'Authy'; Base = @{ Phone = '415 555 0100'; Country = 'US' }; Column = 'Locale'; Good = 'pt-br'; Bad = 'xx'; ErrorId = 'InvalidLocale' }
        @{ Command = 'Test-AuthyPhoneVerification'; Prefix = 'Authy'; Base = @{ Phone = '415 555 0100'; Country = 'US' }; Column = 'Code'; Good = '1234'; Bad = '12a4'; ErrorId = 'InvalidCode'; Required = $true }
        @{ Command = 'Get-AuthyPhoneInfo'; Prefix = 'Authy'; Base = @{ Phone = '415 555 0100'; Country = 'US' }; Column = 'UserIp'; Good = '203.0.113.7'; Bad = 'not-an-ip'; ErrorId = 'InvalidIpAddress' }
        @{ Command = 'Get-AuthyApprovalStatus'; Prefix = 'Authy'; Column = 'approval_request_uuid'; Good = '550e8400-e29b-41d4-a716-446655440000'; Bad = '550e8400e29b41d4a716446655440000'; ErrorId = 'InvalidUuid'; Required = $true }
    ) {
        $given = [ordered]@{}
        if ((Get-Command $Command).Parameters.ContainsKey('AuthyId')) { $given.AuthyId = [string] $user.AuthyId }
        if ($Base) { foreach ($key in $Base.Keys) { $given[$key] = $Base[$key] } }
        $rows = foreach ($value in '', $Bad, " $Good ", $Bad) {
            $row = [ordered]@{}
            foreach ($key in $given.Keys) { $row[$key] = $given[$key] }
            $row[$Column] = $value
            [pscustomobject] $row
        }
        $common = @{ ErrorVariable = 'failures'; ErrorAction = 'SilentlyContinue' }
        if ((Get-Command $Command).Parameters.ContainsKey('WhatIf')) { $common.WhatIf = $true }

        $null = $rows | & $Command @common 6>$null

        # Nothing refused by PowerShell's binder: every error is the module's own.
        @($failures | Where-Object { $_.FullyQualifiedErrorId -notlike "$Prefix.*" } | ForEach-Object { "$($_.FullyQualifiedErrorId): $(Get-ErrorText $_)" }) | Should -BeNullOrEmpty
        $refused = @($failures | Where-Object { $_.FullyQualifiedErrorId -like "$Prefix.$ErrorId,*" -or $_.FullyQualifiedErrorId -like "$Prefix.MissingValue,*" })
        $expected = if ($Required) { 1, 2, 4 } else { 2, 4 }
        $refused.Count | Should -Be $expected.Count -Because "the errors were: $(@($failures | ForEach-Object { Get-ErrorText $_ }) -join ' | ')"
        for ($i = 0; $i -lt $expected.Count; $i++) {
            $number = $expected[$i]
            $id = if ($number -eq 1) { "$Prefix.MissingValue,*" } else { "$Prefix.$ErrorId,*" }
            $refused[$i].FullyQualifiedErrorId | Should -BeLike $id
            Get-ErrorText $refused[$i] | Should -BeLike "Record $number*"
            Compare-Row $refused[$i].TargetObject $rows[$number - 1] | Should -BeNullOrEmpty
        }
    }

    It '<Command>: a piped object without a <Column> property is its record''s MissingValue, and later records keep their numbers' -ForEach @(
        @{ Command = 'Set-AuthyUser'; Column = 'Email'; Good = 'new@example.com'; Bad = 'x@'; ErrorId = 'InvalidEmail' }
        @{ Command = 'Test-AuthyToken'; Column = 'Token'; Good = '1234567'; Bad = '12345'; ErrorId = 'InvalidToken' }
        @{ Command = 'Register-AuthyUserActivity'; Column = 'Type'; Good = 'banned'; Bad = 'password_change'; ErrorId = 'InvalidActivityType' }
        @{ Command = 'New-AuthyApprovalRequest'; Column = 'Message'; Good = 'Approve the login?'; Bad = 'x' * 201; ErrorId = 'InvalidMessage' }
    ) {
        # Objects from different sources rarely share every property: the second one has no such property at all.
        $rows = @(
            [pscustomobject]@{ AuthyId = [string] $user.AuthyId; $Column = $Good }
            [pscustomobject]@{ AuthyId = [string] $user.AuthyId }
            [pscustomobject]@{ AuthyId = [string] $user.AuthyId; $Column = $Bad }
        )
        $common = @{ ErrorVariable = 'failures'; ErrorAction = 'SilentlyContinue' }
        if ((Get-Command $Command).Parameters.ContainsKey('WhatIf')) { $common.WhatIf = $true }
        $null = $rows | & $Command @common 6>$null
        # Test-AuthyToken has no -WhatIf: its good row is sent, and its reply (the emulator was reset) is not the point here.
        $refused = @($failures | Where-Object { $_.FullyQualifiedErrorId -like 'Authy.MissingValue,*' -or $_.FullyQualifiedErrorId -like "Authy.$ErrorId,*" })
        @($refused | ForEach-Object { $_.FullyQualifiedErrorId -replace ',.*$' }) | Should -Be @('Authy.MissingValue', "Authy.$ErrorId")
        Get-ErrorText $refused[0] | Should -BeLike 'Record 2*'
        Get-ErrorText $refused[1] | Should -BeLike 'Record 3*'
    }

    It 'stops at the first record, before any request, for a bad value given on the command line: <Command> -<Parameter>' -ForEach @(
        @{ Command = 'Send-TwilioVerification'; Parameter = 'Channel'; Value = 'smss'; ErrorId = 'TwilioVerify.InvalidChannel' }
        @{ Command = 'Send-TwilioVerification'; Parameter = 'Locale'; Value = 'not a locale'; ErrorId = 'TwilioVerify.InvalidLocale' }
        @{ Command = 'Get-AuthyUser'; Parameter = 'UserIp'; Value = 'localhost'; ErrorId = 'Authy.InvalidIpAddress' }
    ) {
        # 50 rows that would each be refused alike: one terminating error, not 50, even under SilentlyContinue.
        $rows = 1..50 | ForEach-Object { [pscustomobject]@{ To = '+1415555{0:d4}' -f $_; AuthyId = [string] $user.AuthyId } }
        $before = @(Get-EmulatorRequests $emulator.Url).Count
        $parameters = @{ $Parameter = $Value; ErrorAction = 'SilentlyContinue' }
        if ((Get-Command $Command).Parameters.ContainsKey('Force')) { $parameters.Force = $true }
        $failure = $null
        try { $null = $rows | & $Command @parameters } catch { $failure = $_ }
        $failure.FullyQualifiedErrorId | Should -BeLike "$ErrorId,*"
        @(Get-EmulatorRequests $emulator.Url).Count | Should -Be $before
    }

    It 'still completes <Command> -<Parameter> with its values' -ForEach @(
        @{ Command = 'Send-TwilioVerification'; Parameter = 'Channel'; Values = 'sms', 'call', 'email', 'whatsapp' }
        @{ Command = 'Start-AuthyPhoneVerification'; Parameter = 'Via'; Values = 'sms', 'call' }
        @{ Command = 'Register-AuthyUserActivity'; Parameter = 'Type'; Values = 'password_reset', 'banned', 'unbanned', 'cookie_login' }
    ) {
        $line = "$Command -$Parameter "
        $completions = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText
        # ValidateSet offered them sorted; the order is not the point, the values are.
        @($completions | Sort-Object) | Should -Be @($Values | Sort-Object)
    }
}
