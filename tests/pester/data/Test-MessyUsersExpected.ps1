<#
.SYNOPSIS
    Cross-checks messy-users.expected.csv against libphonenumber itself, not the module.
.DESCRIPTION
    The generator derives each expected CountryCode, Cellphone (national significant number) and E164 by reasoning
    from the number it rendered. This script asks libphonenumber-csharp (the version the module uses, from the NuGet
    cache) the same question for every row of messy-users.csv, so a slip in the generator's reasoning shows up here
    rather than as a puzzling failure of MessyCsv.Tests.ps1:
      good rows     parse with the country column (alpha-2, or the region of a calling code; none for '+' numbers)
                    and must give the expected calling code, NSN and E.164 form, and be a possible number;
      length rows   ('too short', 'too long') must not be possible numbers;
      '+' rows      ('plus contradicts country') must carry a calling code other than the country column's.
    Rows with letters are only reported: libphonenumber reads vanity letters as digits (555-CALL-NOW is a possible
    number to it), so refusing them is the module's own rule. Exits 1 on any disagreement.
.EXAMPLE
    dotnet pwsh tests/pester/data/Test-MessyUsersExpected.ps1
#>
[CmdletBinding()]
param([string] $PhoneNumbersDll)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

if (-not $PhoneNumbersDll) {
    # The version the module builds with, from the one file that pins package versions.
    [xml] $pins = Get-Content -Raw (Join-Path $PSScriptRoot '../../../Directory.Packages.props')
    $version = @($pins.Project.ItemGroup.PackageVersion | Where-Object Include -eq 'libphonenumber-csharp')[0].Version
    $packages = ((& dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', '').Trim()
    $PhoneNumbersDll = Join-Path $packages "libphonenumber-csharp/$version/lib/netstandard2.0/PhoneNumbers.dll"
}
Add-Type -Path $PhoneNumbersDll
$util = [PhoneNumbers.PhoneNumberUtil]::GetInstance()

function Get-Region([string] $country) {
    $country = "$country".Trim()
    if (-not $country) { return 'ZZ' }
    if ($country -match '^[A-Za-z]{2}$') { return $country.ToUpperInvariant() }
    if ($country -match '^(\+|00)?(\d{1,3})$') { return $util.GetRegionCodeForCountryCode([int]$Matches[2]) }
    'ZZ'
}

$expectedById = @{}
foreach ($line in Import-Csv (Join-Path $PSScriptRoot 'messy-users.expected.csv')) { $expectedById[$line.'Employee ID'] = $line }
$problems = [Collections.Generic.List[string]]::new()
$checked = 0
foreach ($row in Import-Csv (Join-Path $PSScriptRoot 'messy-users.csv')) {
    $expected = $expectedById[$row.'Employee ID']
    $phone = "$($row.'Mobile Phone')".Trim()
    $label = "$($row.'Employee ID') '$phone' country '$($row.Country)'"
    if ($expected.Outcome -eq 'User') {
        try { $number = $util.Parse($phone, (Get-Region $row.Country)) }
        catch { $problems.Add("$label does not parse: $($_.Exception.Message)"); continue }
        $nsn = $util.GetNationalSignificantNumber($number)
        $e164 = $util.Format($number, [PhoneNumbers.PhoneNumberFormat]::E164)
        if ([string]$number.CountryCode -ne $expected.CountryCode -or $nsn -cne $expected.Cellphone -or $e164 -cne $expected.E164 -or -not $util.IsPossibleNumber($number)) {
            $problems.Add("$label is +$($number.CountryCode) $nsn $e164 possible=$($util.IsPossibleNumber($number)); expected +$($expected.CountryCode) $($expected.Cellphone) $($expected.E164)")
        }
        $checked++
    }
    elseif ($expected.Kind -in 'too short', 'too long') {
        $number = $util.Parse($phone, (Get-Region $row.Country))
        if ($util.IsPossibleNumber($number)) { $problems.Add("$label ($($expected.Kind)) is a possible number to libphonenumber") }
        $checked++
    }
    elseif ($expected.Kind -eq 'plus contradicts country') {
        $number = $util.Parse($phone, 'ZZ')
        $region = Get-Region $row.Country
        if ($util.GetCountryCodeForRegion($region) -eq $number.CountryCode) { $problems.Add("$label does not contradict its country") }
        $checked++
    }
    elseif ($expected.Kind -eq 'letters') {
        try { $number = $util.Parse($phone, (Get-Region $row.Country)); Write-Verbose "$label reads as +$($number.CountryCode) $($util.GetNationalSignificantNumber($number)) to libphonenumber" }
        catch { Write-Verbose "$label does not parse" }
    }
}
if ($problems.Count) { $problems | ForEach-Object { Write-Host $_ }; Write-Host "$($problems.Count) disagreements with libphonenumber."; exit 1 }
Write-Host "$checked rows agree with libphonenumber $([IO.Path]::GetFileName((Split-Path (Split-Path (Split-Path $PhoneNumbersDll)))))."
