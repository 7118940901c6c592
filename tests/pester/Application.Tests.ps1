# Application details and statistics (docs/api/authy.md §2.19, §2.20) end to end against the emulator.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-AuthyUnderTest
    $script:emulator = Start-TestEmulator
}

AfterAll {
    Stop-AuthyEmulator
}

Describe 'Get-AuthyApplication' {
    BeforeEach {
        Reset-Emulator $emulator.Url
        Connect-Authy -ApiKey $emulator.Key -ApiUrl $emulator.Url
    }

    It 'describes the application the key belongs to' {
        $app = Get-AuthyApplication
        $app | Should -BeOfType 'Authy.Models.AuthyApplication'
        $app.AppId | Should -Be 1
        $app.Name | Should -Be 'Authy Emulator'
        $app.Plan | Should -Be 'pay_as_you_go'
        $app.SmsEnabled | Should -BeTrue
        $app.PhoneCallsEnabled | Should -BeTrue
        $app.OnetouchEnabled | Should -BeTrue
        $app.WhiteLabel | Should -BeNullOrEmpty
        $app.Message | Should -Be 'Application information.'
    }

    It 'passes -UserIp on as user_ip' {
        Get-AuthyApplication -UserIp '198.51.100.4' | Out-Null
        $request = @(Get-EmulatorRequests $emulator.Url)[0]
        $request.path | Should -BeLike '*/app/details'
        $request.parameters.user_ip | Should -Be '198.51.100.4'
    }

    It 'takes no pipeline input' {
        (Get-Command Get-AuthyApplication).Parameters.Values |
            Where-Object { $_.Attributes | Where-Object { $_ -is [Parameter] -and ($_.ValueFromPipeline -or $_.ValueFromPipelineByPropertyName) } } |
            Should -BeNullOrEmpty
        (Get-Command Get-AuthyApplication).Parameters.Keys | Should -Not -Contain 'ThrottleLimit'
    }

    It 'stops at a wrong key with Authy.60001' {
        Connect-Authy -ApiKey (ConvertTo-SecureString 'wrong-key-0000000000000000000000' -AsPlainText -Force) -ApiUrl $emulator.Url
        { Get-AuthyApplication -ErrorAction Stop } | Should -Throw -ErrorId 'Authy.60001,*'
        { Get-AuthyApplicationStatistics -ErrorAction Stop } | Should -Throw -ErrorId 'Authy.60001,*'
    }

    It 'refuses a -UserIp that is not an address, without sending it' {
        { Get-AuthyApplication -UserIp '300.1.1.1' -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
        { Get-AuthyApplicationStatistics -UserIp 'localhost' -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
        Get-EmulatorRequests $emulator.Url | Should -BeNullOrEmpty
    }
}

Describe 'Get-AuthyApplicationStatistics' {
    BeforeEach {
        Reset-Emulator $emulator.Url
        Connect-Authy -ApiKey $emulator.Key -ApiUrl $emulator.Url
    }

    It 'writes one flat object per month for the last 12 months, oldest first' {
        New-AuthyUser -Email 'stats1@example.com' -Cellphone '555-400-0001' -CountryCode 1 | Out-Null
        New-AuthyUser -Email 'stats2@example.com' -Cellphone '555-400-0002' -CountryCode 1 | Out-Null

        $months = @(Get-AuthyApplicationStatistics)
        $months.Count | Should -Be 12
        $months | ForEach-Object { $_ | Should -BeOfType 'Authy.Models.AuthyMonthlyStatistics' }

        $now = [DateTime]::UtcNow
        $latest = $months[-1]
        $latest.Year | Should -Be $now.Year
        $latest.MonthNumber | Should -Be $now.Month
        $latest.Month | Should -Be ([Globalization.CultureInfo]::InvariantCulture.DateTimeFormat.GetMonthName($now.Month))
        $first = $now.AddMonths(-11)
        $months[0].Year | Should -Be $first.Year
        $months[0].MonthNumber | Should -Be $first.Month

        $months.AppId | Sort-Object -Unique | Should -Be 1
        $months.TotalUsers | Sort-Object -Unique | Should -Be 2
        $latest.UsersCount | Should -Be 2
        $latest.ApiCallsCount | Should -BeGreaterOrEqual 2
    }

    It 'sums with Measure-Object and round-trips through Export-Csv' {
        New-AuthyUser -Email 'stats3@example.com' -Cellphone '555-400-0003' -CountryCode 1 | Out-Null

        (Get-AuthyApplicationStatistics | Measure-Object -Property UsersCount -Sum).Sum | Should -Be 1

        $csv = Join-Path $TestDrive 'stats.csv'
        Get-AuthyApplicationStatistics | Export-Csv -Path $csv -NoTypeInformation
        $rows = @(Import-Csv $csv)
        $rows.Count | Should -Be 12
        ($rows[0].PSObject.Properties.Name -join ',') |
            Should -Be 'AppId,Year,Month,MonthNumber,SmsCount,CallsCount,UsersCount,AuthsCount,ApiCallsCount,TotalUsers'
        ($rows | Measure-Object -Property UsersCount -Sum).Sum | Should -Be 1
    }

    It 'passes -UserIp on as user_ip' {
        Get-AuthyApplicationStatistics -UserIp '198.51.100.4' | Out-Null
        $request = @(Get-EmulatorRequests $emulator.Url)[0]
        $request.path | Should -BeLike '*/app/stats'
        $request.parameters.user_ip | Should -Be '198.51.100.4'
    }
}
