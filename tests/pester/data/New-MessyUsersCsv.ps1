<#
.SYNOPSIS
    Writes messy-users.csv (an HR-style export) and messy-users.expected.csv (what the module must make of each row).
.DESCRIPTION
    Deterministic: a seeded System.Random drives every choice, so running it again gives the same bytes.
    The expected file is derived here, from the canonical number each row was rendered from, never by running
    the module: CountryCode and Cellphone are the calling code and the national significant number
    (libphonenumber's NSN: no trunk 0, Italian leading 0 kept), E164 is '+' + both.

    messy-users.csv: UTF-8 with BOM, CRLF, a few blank lines, quoted fields with commas and quotes, names with
    accents, header names that are not the cmdlet's parameter names (E-mail, Mobile Phone, Country), irrelevant
    columns (Employee ID, Name, Department, Office Phone, Start Date, Notes), surrounding spaces and a few
    non-breaking spaces, countries as calling code, +code, 001 and ISO alpha-2 in any case, the same person in
    two or three formats, and bad rows of every kind the module must refuse before any request.

    Numbers are fictional: US/CA 555-0100..0199, UK Ofcom drama ranges (07700 900xxx, 020 7946 0xxx), Australia's
    ACMA fiction ranges (0491 57x xxx, 02 5550 xxxx), and for other countries numbers of the right length in
    libphonenumber's example ranges.

    messy-users.expected.csv, one line per data row, keyed by Employee ID:
      Outcome      User (a good row) or Error (a refused row)
      Person       good rows: rows with the same Person are the same number and must share an AuthyId
      CountryCode, Cellphone, E164   good rows: what must be sent and returned
      ErrorId      bad rows: the FullyQualifiedErrorId prefix; 'A|B' where the contract allows either
      Quote        bad rows: text the error message must contain (case-insensitive)
      Kind         bad rows: which kind of bad value (for readable failures)
.EXAMPLE
    dotnet pwsh tests/pester/data/New-MessyUsersCsv.ps1
#>
[CmdletBinding()]
param([string] $OutputDirectory = $PSScriptRoot)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

# The legacy seeded algorithm of System.Random is kept stable across .NET versions.
$script:rng = [System.Random]::new(20261129)
function Get-Pick([object[]] $items) { $items[$script:rng.Next($items.Count)] }
function Get-Chance([double] $p) { $script:rng.NextDouble() -lt $p }
function Get-Digits([int] $count) { -join (1..$count | ForEach-Object { [string]$script:rng.Next(10) }) }
function S([string] $n, [int] $start, [int] $length) { $n.Substring($start, $length) }

# ---------------------------------------------------------------------------------------------------------------
# Countries: calling code, weight, and kinds of number. Each kind makes a canonical national significant number
# (NSN) and renders it as people type it: National (as dialled at home, trunk 0 where the country has one),
# Repeat (national number with the calling code repeated in front, no '+'), Intl ('+' and calling code).
# ---------------------------------------------------------------------------------------------------------------
$nanpNational = @(
    { param($n) '({0}) {1}-{2}' -f (S $n 0 3), (S $n 3 3), (S $n 6 4) }
    { param($n) '{0}-{1}-{2}' -f (S $n 0 3), (S $n 3 3), (S $n 6 4) }
    { param($n) '{0}.{1}.{2}' -f (S $n 0 3), (S $n 3 3), (S $n 6 4) }
    { param($n) '{0} {1} {2}' -f (S $n 0 3), (S $n 3 3), (S $n 6 4) }
    { param($n) $n }
)
$nanpRepeat = @(
    { param($n) '1-{0}-{1}-{2}' -f (S $n 0 3), (S $n 3 3), (S $n 6 4) }
    { param($n) '1 ({0}) {1}-{2}' -f (S $n 0 3), (S $n 3 3), (S $n 6 4) }
    { param($n) '1{0}' -f $n }
)
$nanpIntl = @(
    { param($n) '+1 {0}-{1}-{2}' -f (S $n 0 3), (S $n 3 3), (S $n 6 4) }
    { param($n) '+1 ({0}) {1}-{2}' -f (S $n 0 3), (S $n 3 3), (S $n 6 4) }
    { param($n) '+1{0}' -f $n }
    { param($n) '+1.{0}.{1}.{2}' -f (S $n 0 3), (S $n 3 3), (S $n 6 4) }
)

$countries = @(
    @{ Region = 'US'; Code = 1; Weight = 60; Kinds = @(
            @{ Make = { (Get-Pick '415', '212', '312', '617', '206', '303', '512', '702') + '55501' + (Get-Digits 2) }; National = $nanpNational; Repeat = $nanpRepeat; Intl = $nanpIntl }) }
    @{ Region = 'CA'; Code = 1; Weight = 12; Kinds = @(
            @{ Make = { (Get-Pick '416', '604', '514', '403', '613') + '55501' + (Get-Digits 2) }; National = $nanpNational; Repeat = $nanpRepeat; Intl = $nanpIntl }) }
    @{ Region = 'GB'; Code = 44; Weight = 35; Kinds = @(
            @{ Make = { '7700900' + (Get-Digits 3) }
                National = @({ param($n) '0{0} {1}' -f (S $n 0 4), (S $n 4 6) }, { param($n) '0{0}-{1}-{2}' -f (S $n 0 4), (S $n 4 3), (S $n 7 3) }, { param($n) '(0{0}) {1}' -f (S $n 0 4), (S $n 4 6) }, { param($n) "0$n" })
                Repeat = @({ param($n) '44 {0} {1}' -f (S $n 0 4), (S $n 4 6) })
                Intl = @({ param($n) '+44 {0} {1}' -f (S $n 0 4), (S $n 4 6) }, { param($n) '+44 (0){0} {1}' -f (S $n 0 4), (S $n 4 6) }, { param($n) "+44$n" }, { param($n) '+44 (0) {0}-{1}-{2}' -f (S $n 0 4), (S $n 4 3), (S $n 7 3) }) }
            @{ Make = { '2079460' + (Get-Digits 3) }
                National = @({ param($n) '0{0} {1} {2}' -f (S $n 0 2), (S $n 2 4), (S $n 6 4) }, { param($n) '(0{0}) {1} {2}' -f (S $n 0 2), (S $n 2 4), (S $n 6 4) }, { param($n) '0{0}-{1}-{2}' -f (S $n 0 2), (S $n 2 4), (S $n 6 4) })
                Repeat = @()
                Intl = @({ param($n) '+44 {0} {1} {2}' -f (S $n 0 2), (S $n 2 4), (S $n 6 4) }, { param($n) '+44 (0){0} {1} {2}' -f (S $n 0 2), (S $n 2 4), (S $n 6 4) }) }) }
    @{ Region = 'IT'; Code = 39; Weight = 18; Kinds = @(
            # Mobiles: 3xx, ten digits, no trunk prefix.
            @{ Make = { '3' + (Get-Pick '20', '28', '31', '33', '35', '38', '40', '47') + (Get-Digits 7) }
                National = @({ param($n) '{0} {1} {2}' -f (S $n 0 3), (S $n 3 3), (S $n 6 4) }, { param($n) '{0}-{1}-{2}' -f (S $n 0 3), (S $n 3 3), (S $n 6 4) }, { param($n) '{0}.{1}.{2}' -f (S $n 0 3), (S $n 3 3), (S $n 6 4) }, { param($n) $n })
                Repeat = @()
                Intl = @({ param($n) '+39 {0} {1} {2}' -f (S $n 0 3), (S $n 3 3), (S $n 6 4) }, { param($n) "+39$n" }) }
            # Landlines keep their leading 0 in the NSN (Rome 06, Milan 02).
            @{ Make = { (Get-Pick '06', '02') + (Get-Digits 8) }
                National = @({ param($n) '{0} {1} {2}' -f (S $n 0 2), (S $n 2 4), (S $n 6 4) }, { param($n) '{0}-{1}' -f (S $n 0 2), (S $n 2 8) }, { param($n) '({0}) {1} {2}' -f (S $n 0 2), (S $n 2 4), (S $n 6 4) }, { param($n) $n })
                Repeat = @()
                Intl = @({ param($n) '+39 {0} {1} {2}' -f (S $n 0 2), (S $n 2 4), (S $n 6 4) }, { param($n) "+39 $n" }) }) }
    @{ Region = 'DE'; Code = 49; Weight = 18; Kinds = @(
            @{ Make = { (Get-Pick '151', '152', '170', '176') + (Get-Digits 8) }
                National = @({ param($n) '0{0} {1}' -f (S $n 0 3), (S $n 3 8) }, { param($n) '0{0}-{1} {2}' -f (S $n 0 3), (S $n 3 4), (S $n 7 4) }, { param($n) '(0{0}) {1} {2}' -f (S $n 0 3), (S $n 3 4), (S $n 7 4) }, { param($n) "0$n" })
                Repeat = @()
                Intl = @({ param($n) '+49 {0} {1}' -f (S $n 0 3), (S $n 3 8) }, { param($n) '+49 (0){0} {1} {2}' -f (S $n 0 3), (S $n 3 4), (S $n 7 4) }, { param($n) "+49$n" }) }
            @{ Make = { '30' + (Get-Digits 8) }
                National = @({ param($n) '0{0} {1}' -f (S $n 0 2), (S $n 2 8) }, { param($n) '0{0} {1} {2}' -f (S $n 0 2), (S $n 2 4), (S $n 6 4) })
                Repeat = @()
                Intl = @({ param($n) '+49 {0} {1}' -f (S $n 0 2), (S $n 2 8) }) }) }
    @{ Region = 'FR'; Code = 33; Weight = 18; Kinds = @(
            @{ Make = { (Get-Pick '6', '7', '1') + (Get-Digits 8) }
                National = @({ param($n) '0{0} {1} {2} {3} {4}' -f (S $n 0 1), (S $n 1 2), (S $n 3 2), (S $n 5 2), (S $n 7 2) }, { param($n) '0{0}.{1}.{2}.{3}.{4}' -f (S $n 0 1), (S $n 1 2), (S $n 3 2), (S $n 5 2), (S $n 7 2) }, { param($n) '0{0}-{1}-{2}-{3}-{4}' -f (S $n 0 1), (S $n 1 2), (S $n 3 2), (S $n 5 2), (S $n 7 2) }, { param($n) "0$n" })
                Repeat = @()
                Intl = @({ param($n) '+33 {0} {1} {2} {3} {4}' -f (S $n 0 1), (S $n 1 2), (S $n 3 2), (S $n 5 2), (S $n 7 2) }, { param($n) '+33 (0){0} {1} {2} {3} {4}' -f (S $n 0 1), (S $n 1 2), (S $n 3 2), (S $n 5 2), (S $n 7 2) }, { param($n) "+33$n" }) }) }
    @{ Region = 'ES'; Code = 34; Weight = 12; Kinds = @(
            # Mobiles 6xx and Madrid landlines 91: nine digits, no trunk prefix.
            @{ Make = { if (Get-Chance 0.75) { '6' + (Get-Digits 8) } else { '91' + (Get-Digits 7) } }
                National = @({ param($n) '{0} {1} {2}' -f (S $n 0 3), (S $n 3 3), (S $n 6 3) }, { param($n) '{0} {1} {2} {3}' -f (S $n 0 3), (S $n 3 2), (S $n 5 2), (S $n 7 2) }, { param($n) '{0}-{1}-{2}' -f (S $n 0 3), (S $n 3 3), (S $n 6 3) }, { param($n) $n })
                Repeat = @()
                Intl = @({ param($n) '+34 {0} {1} {2}' -f (S $n 0 3), (S $n 3 3), (S $n 6 3) }, { param($n) '+34 {0} {1} {2} {3}' -f (S $n 0 3), (S $n 3 2), (S $n 5 2), (S $n 7 2) }, { param($n) "+34$n" }) }) }
    @{ Region = 'BR'; Code = 55; Weight = 12; Kinds = @(
            @{ Make = { (Get-Pick '11', '21', '31', '41', '51', '61') + '9' + (Get-Digits 8) }
                National = @({ param($n) '({0}) {1}-{2}' -f (S $n 0 2), (S $n 2 5), (S $n 7 4) }, { param($n) '{0} {1}-{2}' -f (S $n 0 2), (S $n 2 5), (S $n 7 4) }, { param($n) '{0} {1} {2}' -f (S $n 0 2), (S $n 2 5), (S $n 7 4) })
                Repeat = @()
                Intl = @({ param($n) '+55 {0} {1}-{2}' -f (S $n 0 2), (S $n 2 5), (S $n 7 4) }, { param($n) '+55 ({0}) {1}-{2}' -f (S $n 0 2), (S $n 2 5), (S $n 7 4) }) }) }
    @{ Region = 'IN'; Code = 91; Weight = 14; Kinds = @(
            @{ Make = { (Get-Pick '98', '81', '91', '70') + (Get-Digits 8) }
                National = @({ param($n) '{0} {1}' -f (S $n 0 5), (S $n 5 5) }, { param($n) '0{0} {1}' -f (S $n 0 5), (S $n 5 5) }, { param($n) '{0}-{1}' -f (S $n 0 5), (S $n 5 5) })
                Repeat = @()
                Intl = @({ param($n) '+91 {0} {1}' -f (S $n 0 5), (S $n 5 5) }, { param($n) "+91-$n" }) }) }
    @{ Region = 'JP'; Code = 81; Weight = 10; Kinds = @(
            @{ Make = { (Get-Pick '90', '80', '70') + (Get-Digits 8) }
                National = @({ param($n) '0{0}-{1}-{2}' -f (S $n 0 2), (S $n 2 4), (S $n 6 4) }, { param($n) '0{0} {1} {2}' -f (S $n 0 2), (S $n 2 4), (S $n 6 4) }, { param($n) "0$n" })
                Repeat = @()
                Intl = @({ param($n) '+81 {0}-{1}-{2}' -f (S $n 0 2), (S $n 2 4), (S $n 6 4) }, { param($n) '+81 (0){0} {1} {2}' -f (S $n 0 2), (S $n 2 4), (S $n 6 4) }) }) }
    @{ Region = 'AU'; Code = 61; Weight = 10; Kinds = @(
            @{ Make = { '49157' + (Get-Digits 4) }
                National = @({ param($n) '0{0} {1} {2}' -f (S $n 0 3), (S $n 3 3), (S $n 6 3) }, { param($n) '0{0}-{1}-{2}' -f (S $n 0 3), (S $n 3 3), (S $n 6 3) }, { param($n) "0$n" })
                Repeat = @()
                Intl = @({ param($n) '+61 {0} {1} {2}' -f (S $n 0 3), (S $n 3 3), (S $n 6 3) }, { param($n) '+61 (0){0} {1} {2}' -f (S $n 0 3), (S $n 3 3), (S $n 6 3) }) }
            @{ Make = { '25550' + (Get-Digits 4) }
                National = @({ param($n) '(0{0}) {1} {2}' -f (S $n 0 1), (S $n 1 4), (S $n 5 4) }, { param($n) '0{0} {1} {2}' -f (S $n 0 1), (S $n 1 4), (S $n 5 4) })
                Repeat = @()
                Intl = @({ param($n) '+61 {0} {1} {2}' -f (S $n 0 1), (S $n 1 4), (S $n 5 4) }) }) }
    @{ Region = 'MX'; Code = 52; Weight = 10; Kinds = @(
            @{ Make = { (Get-Pick '55', '33', '81') + (Get-Digits 8) }
                National = @({ param($n) '{0} {1} {2}' -f (S $n 0 2), (S $n 2 4), (S $n 6 4) }, { param($n) '({0}) {1}-{2}' -f (S $n 0 2), (S $n 2 4), (S $n 6 4) }, { param($n) '{0}-{1}-{2}' -f (S $n 0 2), (S $n 2 4), (S $n 6 4) })
                Repeat = @()
                Intl = @({ param($n) '+52 {0} {1} {2}' -f (S $n 0 2), (S $n 2 4), (S $n 6 4) }, { param($n) '+52 ({0}) {1} {2}' -f (S $n 0 2), (S $n 2 4), (S $n 6 4) }) }) }
    @{ Region = 'NL'; Code = 31; Weight = 8; Kinds = @(
            @{ Make = { '6' + (Get-Pick '1', '2', '3', '4', '5') + (Get-Digits 7) }
                National = @({ param($n) '0{0} {1}' -f (S $n 0 1), (S $n 1 8) }, { param($n) '0{0}-{1}' -f (S $n 0 1), (S $n 1 8) }, { param($n) '0{0} {1} {2} {3} {4}' -f (S $n 0 1), (S $n 1 2), (S $n 3 2), (S $n 5 2), (S $n 7 2) })
                Repeat = @()
                Intl = @({ param($n) '+31 {0} {1}' -f (S $n 0 1), (S $n 1 8) }, { param($n) '+31 (0){0} {1} {2}' -f (S $n 0 1), (S $n 1 4), (S $n 5 4) }) }) }
    @{ Region = 'IE'; Code = 353; Weight = 6; Kinds = @(
            @{ Make = { '8' + (Get-Pick '3', '5', '6', '7') + (Get-Digits 7) }
                National = @({ param($n) '0{0} {1} {2}' -f (S $n 0 2), (S $n 2 3), (S $n 5 4) }, { param($n) '(0{0}) {1} {2}' -f (S $n 0 2), (S $n 2 3), (S $n 5 4) })
                Repeat = @()
                Intl = @({ param($n) '+353 {0} {1} {2}' -f (S $n 0 2), (S $n 2 3), (S $n 5 4) }, { param($n) '+353 (0){0} {1} {2}' -f (S $n 0 2), (S $n 2 3), (S $n 5 4) }) }) }
    @{ Region = 'ZA'; Code = 27; Weight = 6; Kinds = @(
            @{ Make = { '7' + (Get-Pick '1', '2', '3', '4') + (Get-Digits 7) }
                National = @({ param($n) '0{0} {1} {2}' -f (S $n 0 2), (S $n 2 3), (S $n 5 4) }, { param($n) "0$n" })
                Repeat = @()
                Intl = @({ param($n) '+27 {0} {1} {2}' -f (S $n 0 2), (S $n 2 3), (S $n 5 4) }) }) }
)

# ---------------------------------------------------------------------------------------------------------------
# People and the irrelevant columns an HR export carries.
# ---------------------------------------------------------------------------------------------------------------
$firstNames = 'Margaret', 'Ada', 'Grace', 'Alan', 'Katherine', 'Dorothy', 'Edsger', 'Barbara', 'Donald', 'Frances', 'John', 'Radia',
    'Tim', 'Hedy', 'Linus', 'Anita', 'Ken', 'Sophie', 'Niklaus', 'Joan', 'Guido', 'Bjarne', 'Lucía', 'José', 'Zoë', 'Søren', 'Chloé',
    'Jürgen', 'Siobhán', 'Priya', 'Arjun', 'Yuki', 'Hiroshi', 'Thandiwe', 'João', 'Ana', 'Giulia', 'Matteo', 'Léa', 'Noah', 'Mia',
    'Liam', 'Olivia', 'Sipho', 'Aoife', 'Daan', 'Femke', 'Camila', 'Mateo', 'Aiko', 'Rahul', 'Ines', 'Lars', 'Emma', 'Lukas'
$lastNames = 'Hamilton', 'Lovelace', 'Hopper', 'Turing', 'Johnson', 'Vaughan', 'Dijkstra', 'Liskov', 'Knuth', 'Allen', 'McCarthy',
    'Perlman', "O'Brien", 'Lamarr', 'Torvalds', 'Borg', 'Thompson', 'Wilson', 'Wirth', 'Clarke', 'van Rossum', 'Stroustrup',
    'García', 'Núñez', 'Müller', 'Schäfer', 'Dubois', 'Lefèvre', 'Rossi', 'Bianchi', 'Sharma', 'Iyer', 'Tanaka', 'Sato', 'Nkosi',
    'Silva', 'Oliveira', 'Hernández', 'de Vries', 'Jansen', 'Murphy', 'Kelly', 'Smith', 'Nguyen', 'Kowalski', 'Andersen', 'Walsh'
$departments = 'Finance', 'Engineering', 'Sales, EMEA', 'Sales, Americas', 'People & Culture', 'Legal', 'R&D', 'Customer Success',
    'Operations', 'Marketing, Brand'
$domains = 'example.com', 'example.org', 'example.net'

function ConvertTo-Ascii([string] $text) {
    $plain = -join ($text.Normalize([Text.NormalizationForm]::FormD).ToCharArray() |
            Where-Object { [Globalization.CharUnicodeInfo]::GetUnicodeCategory($_) -ne 'NonSpacingMark' })
    ($plain -replace 'ø', 'o' -replace "[^A-Za-z]", '').ToLowerInvariant()
}

$script:usedEmails = [Collections.Generic.HashSet[string]]::new([StringComparer]::OrdinalIgnoreCase)
function New-Email([string] $first, [string] $last, [int] $variant) {
    $f = ConvertTo-Ascii $first
    $l = ConvertTo-Ascii $last
    $local = switch ($variant % 4) { 0 { "$f.$l" } 1 { "$($f[0]).$l" } 2 { "$f$l" } 3 { "$f.$l+hr" } }
    $domain = $domains[$variant % $domains.Count]
    $n = 1
    $candidate = "$local@$domain"
    while (-not $script:usedEmails.Add($candidate)) { $n++; $candidate = "$local$n@$domain" }
    # Some systems keep the case people typed.
    if (Get-Chance 0.1) { $candidate = (Get-Culture).TextInfo.ToTitleCase($candidate) }
    $candidate
}

function New-Extras([string] $first, [string] $last) {
    @{
        Name = if (Get-Chance 0.45) { "$last, $first" } else { "$first $last" }
        Department = Get-Pick $departments
        'Office Phone' = if (Get-Chance 0.4) { 'x' + (Get-Digits 4) } else { '' }
        'Start Date' = if (Get-Chance 0.5) { '{0:d4}-{1:d2}-{2:d2}' -f (2010 + $script:rng.Next(16)), (1 + $script:rng.Next(12)), (1 + $script:rng.Next(28)) }
                       else { '{2:d2}/{1:d2}/{0:d4}' -f (2010 + $script:rng.Next(16)), (1 + $script:rng.Next(12)), (1 + $script:rng.Next(28)) }
        Notes = Get-Pick @('', '', '', '', 'Remote, part-time', 'Prefers "Maggie"', 'On leave until Q3', 'Contractor; badge 2 of 2', 'Left voicemail, no answer')
    }
}

# Country column: calling code, +code, padded code, 001 for NANP, ISO alpha-2 in upper, lower and mixed case.
function Get-CountryText($country, [bool] $international) {
    $code = [string]$country.Code
    $region = $country.Region
    $choices = @($code, "+$code", " $code ", $region.ToUpperInvariant(), $region.ToLowerInvariant(), ($region.Substring(0, 1) + $region.Substring(1).ToLowerInvariant()))
    if ($country.Code -eq 1) { $choices += '001' }
    # With '+' and the calling code in the number, the country may be left out.
    if ($international -and (Get-Chance 0.3)) { return '' }
    Get-Pick $choices
}

function Get-Rendering($kind, [string] $nsn, [System.Collections.Generic.HashSet[string]] $taken) {
    for ($try = 0; $try -lt 50; $try++) {
        $roll = $script:rng.NextDouble()
        $style = if ($kind.Repeat.Count -gt 0 -and $roll -lt 0.15) { 'Repeat' } elseif ($roll -lt 0.5) { 'Intl' } else { 'National' }
        $text = & (Get-Pick $kind.$style) $nsn
        if ($taken.Add($text)) { return @{ Text = $text; International = ($style -eq 'Intl') } }
    }
    throw "No new rendering left for $nsn."
}

$weighted = foreach ($country in $countries) { for ($i = 0; $i -lt $country.Weight; $i++) { $country } }

# ---------------------------------------------------------------------------------------------------------------
# Good rows: 240 people; 40 of them appear twice and 15 three times, each time written differently.
# ---------------------------------------------------------------------------------------------------------------
$records = [Collections.Generic.List[hashtable]]::new()
$numbers = [Collections.Generic.HashSet[string]]::new()
$personCount = 240
for ($p = 1; $p -le $personCount; $p++) {
    $country = Get-Pick $weighted
    $kind = Get-Pick $country.Kinds
    do { $nsn = & $kind.Make } while (-not $numbers.Add("$($country.Code):$nsn"))
    $first = Get-Pick $firstNames
    $last = Get-Pick $lastNames
    $copies = if ($p -le 15) { 3 } elseif ($p -le 55) { 2 } else { 1 }
    $taken = [Collections.Generic.HashSet[string]]::new()
    for ($c = 0; $c -lt $copies; $c++) {
        $rendering = Get-Rendering $kind $nsn $taken
        $phone = $rendering.Text
        # Spreadsheet leftovers around the value.
        if (Get-Chance 0.12) { $phone = (Get-Pick ' ', '  ', '') + $phone + (Get-Pick '  ', ' ', "`t") }
        $email = New-Email $first $last ($c + $script:rng.Next(4))
        if (Get-Chance 0.08) { $email = "$email " }
        $row = New-Extras $first $last
        $row['E-mail'] = $email
        $row['Mobile Phone'] = $phone
        $row['Country'] = Get-CountryText $country $rendering.International
        $records.Add(@{
                Row = $row; Outcome = 'User'; Person = ('P{0:d3}' -f $p)
                CountryCode = $country.Code; Cellphone = $nsn; E164 = "+$($country.Code)$nsn"; Region = $country.Region
            })
    }
}

# Non-breaking spaces, as a French locale or a copy from a web page puts them: separators in two numbers, a trailing
# one in a third. Applied to fixed rows so the file stays deterministic.
$nbsp = [char]0x00A0
$frenchRows = @($records | Where-Object { $_.E164 -like '+33*' -and $_.Row['Mobile Phone'].Trim() -match '^0\d \d\d \d\d' } | Select-Object -First 2)
foreach ($record in $frenchRows) { $record.Row['Mobile Phone'] = $record.Row['Mobile Phone'].Trim().Replace(' ', $nbsp) }
$record = $records | Where-Object { $_.E164 -like '+44*' -and $_.Row['Mobile Phone'] -notmatch '\s$' } | Select-Object -First 1
$record.Row['Mobile Phone'] = $record.Row['Mobile Phone'] + $nbsp

# ---------------------------------------------------------------------------------------------------------------
# Bad rows: each breaks exactly one thing, so exactly one error id fits. Quote is what the message must contain.
# ---------------------------------------------------------------------------------------------------------------
$invalidPhone = 'Authy.InvalidPhoneNumber'
$invalidCountry = 'Authy.InvalidCountryCode'
$bad = @(
    # Letters in the number (vanity numbers, typed O for 0, placeholders).
    @{ Kind = 'letters'; Phone = '555-CALL-NOW'; Country = '1'; ErrorId = $invalidPhone }
    @{ Kind = 'letters'; Phone = '415-555-CALL'; Country = 'US'; ErrorId = $invalidPhone }
    @{ Kind = 'letters'; Phone = '07700 9OO123'; Country = 'GB'; ErrorId = $invalidPhone }
    @{ Kind = 'letters'; Phone = 'n/a'; Country = 'us'; ErrorId = $invalidPhone }
    @{ Kind = 'letters'; Phone = 'TBD'; Country = '44'; ErrorId = $invalidPhone }
    @{ Kind = 'letters'; Phone = '1-800-FLOWERS'; Country = 'US'; ErrorId = $invalidPhone }
    @{ Kind = 'letters'; Phone = '06 12 34 56 7B'; Country = 'FR'; ErrorId = $invalidPhone }
    # Too short for the country (lengths chosen to be neither possible nor 'possible local only').
    @{ Kind = 'too short'; Phone = '555-01'; Country = '1'; ErrorId = $invalidPhone }
    @{ Kind = 'too short'; Phone = '415-555-01'; Country = 'US'; ErrorId = $invalidPhone }
    @{ Kind = 'too short'; Phone = '06 12 34'; Country = 'FR'; ErrorId = $invalidPhone }
    @{ Kind = 'too short'; Phone = '612 345'; Country = 'ES'; ErrorId = $invalidPhone }
    @{ Kind = 'too short'; Phone = '+33 6 12 34'; Country = ''; ErrorId = $invalidPhone }
    @{ Kind = 'too short'; Phone = '(11) 9612'; Country = 'BR'; ErrorId = $invalidPhone }
    # Too long for the country.
    @{ Kind = 'too long'; Phone = '415-555-0100-99'; Country = 'US'; ErrorId = $invalidPhone }
    @{ Kind = 'too long'; Phone = '(212) 555-0199 0199'; Country = '1'; ErrorId = $invalidPhone }
    @{ Kind = 'too long'; Phone = '07700 900123 456'; Country = 'GB'; ErrorId = $invalidPhone }
    @{ Kind = 'too long'; Phone = '+33 6 12 34 56 78 90'; Country = ''; ErrorId = $invalidPhone }
    @{ Kind = 'too long'; Phone = '+34 612 345 678 9'; Country = 'ES'; ErrorId = $invalidPhone }
    @{ Kind = 'too long'; Phone = '+1 415 555 0100 0000'; Country = ''; ErrorId = $invalidPhone }
    # A '+' calling code that contradicts the country column: the contract names no id, either fits.
    @{ Kind = 'plus contradicts country'; Phone = '+44 7700 900123'; Country = '1'; ErrorId = $invalidCountry }
    @{ Kind = 'plus contradicts country'; Phone = '+1 415 555 0142'; Country = 'GB'; ErrorId = $invalidCountry }
    @{ Kind = 'plus contradicts country'; Phone = '+33 6 12 34 56 78'; Country = 'De'; ErrorId = $invalidCountry }
    @{ Kind = 'plus contradicts country'; Phone = '+49 151 23456789'; Country = '+33'; ErrorId = $invalidCountry }
    @{ Kind = 'plus contradicts country'; Phone = '+39 06 1234 5678'; Country = 'es'; ErrorId = $invalidCountry }
    # Unknown country.
    @{ Kind = 'unknown country'; Phone = '415-555-0177'; Country = 'XX'; ErrorId = $invalidCountry; Quote = 'XX' }
    @{ Kind = 'unknown country'; Phone = '07700 900555'; Country = '0'; ErrorId = $invalidCountry; Quote = '0' }
    @{ Kind = 'unknown country'; Phone = '06 12 34 56 78'; Country = 'Narnia'; ErrorId = $invalidCountry; Quote = 'Narnia' }
    @{ Kind = 'unknown country'; Phone = '030 12345678'; Country = '1234'; ErrorId = $invalidCountry; Quote = '1234' }
    @{ Kind = 'unknown country'; Phone = '0612345678'; Country = 'zz'; ErrorId = $invalidCountry; Quote = 'zz' }
    # A national number with no country at all: refused as an unknown country, or as a missing value.
    @{ Kind = 'empty country'; Phone = '(415) 555-0166'; Country = ''; ErrorId = "Authy.MissingValue"; Quote = 'country' }
    @{ Kind = 'empty country'; Phone = '07700 900777'; Country = ''; ErrorId = "Authy.MissingValue"; Quote = 'country' }
    # Empty phone.
    @{ Kind = 'empty phone'; Phone = ''; Country = 'US'; ErrorId = 'Authy.MissingValue'; Quote = 'phone' }
    @{ Kind = 'empty phone'; Phone = ''; Country = '44'; ErrorId = 'Authy.MissingValue'; Quote = 'phone' }
    # Malformed email.
    @{ Kind = 'malformed email'; Email = 'margaret.hamilton(at)example.com'; ErrorId = 'Authy.InvalidEmail' }
    @{ Kind = 'malformed email'; Email = 'jsmith@'; ErrorId = 'Authy.InvalidEmail' }
    @{ Kind = 'malformed email'; Email = '@example.com'; ErrorId = 'Authy.InvalidEmail' }
    @{ Kind = 'malformed email'; Email = 'ada lovelace@example.com'; ErrorId = 'Authy.InvalidEmail' }
    @{ Kind = 'malformed email'; Email = 'bob@@example.com'; ErrorId = 'Authy.InvalidEmail' }
    # Empty email: a missing value (or, read as a value, an invalid one).
    @{ Kind = 'empty email'; Email = ''; ErrorId = 'Authy.MissingValue'; Quote = 'email' }
    # The row ends after the e-mail: no phone (nor country) value at all; Import-Csv gives $null.
    @{ Kind = 'no phone value'; Truncate = $true; ErrorId = 'Authy.MissingValue'; Quote = 'phone' }
    @{ Kind = 'no phone value'; Truncate = $true; ErrorId = 'Authy.MissingValue'; Quote = 'phone' }
)

$badIndex = 0
foreach ($case in $bad) {
    $badIndex++
    $first = Get-Pick $firstNames
    $last = Get-Pick $lastNames
    $row = New-Extras $first $last
    $row['E-mail'] = if ($case.ContainsKey('Email')) { $case.Email } else { New-Email $first $last $badIndex }
    # The parts not under test are good: a fictional US number with its country.
    $row['Mobile Phone'] = if ($case.ContainsKey('Phone')) { $case.Phone } else { '(206) 555-01{0:d2}' -f $badIndex }
    $row['Country'] = if ($case.ContainsKey('Country')) { $case.Country } else { 'US' }
    $quote = if ($case.ContainsKey('Quote')) { $case.Quote } elseif ($case.ContainsKey('Email')) { $case.Email } else { $case.Phone }
    $records.Add(@{ Row = $row; Outcome = 'Error'; ErrorId = $case.ErrorId; Quote = $quote; Kind = $case.Kind; Truncate = [bool]$case['Truncate'] })
}

# Shuffle (Fisher-Yates, seeded), then number the rows as the HR system would.
for ($i = $records.Count - 1; $i -gt 0; $i--) {
    $j = $script:rng.Next($i + 1)
    $swap = $records[$i]; $records[$i] = $records[$j]; $records[$j] = $swap
}
for ($i = 0; $i -lt $records.Count; $i++) { $records[$i].Row['Employee ID'] = 'E{0:d5}' -f (10001 + $i) }

# ---------------------------------------------------------------------------------------------------------------
# Write both files: UTF-8 with BOM and CRLF, as Excel's "CSV UTF-8" does.
# ---------------------------------------------------------------------------------------------------------------
function ConvertTo-CsvField([AllowNull()] [string] $value, [bool] $alwaysQuote = $false) {
    if ($null -eq $value) { return '' }
    # Import-Csv drops the leading spaces of an unquoted field: quote those so the spaces reach the cmdlet.
    if ($alwaysQuote -or $value -match '[",\r\n]|^\s') { return '"' + $value.Replace('"', '""') + '"' }
    $value
}

$columns = 'Employee ID', 'Name', 'Department', 'Office Phone', 'E-mail', 'Mobile Phone', 'Country', 'Start Date', 'Notes'
$blankAfter = @(47, 48, 163, 290)
$lines = [Collections.Generic.List[string]]::new()
$lines.Add(($columns | ForEach-Object { ConvertTo-CsvField $_ }) -join ',')
for ($i = 0; $i -lt $records.Count; $i++) {
    $record = $records[$i]
    $used = if ($record.Outcome -eq 'Error' -and $record.Truncate) { $columns[0..($columns.IndexOf('E-mail'))] } else { $columns }
    # Some exporters quote the phone column whatever it holds.
    $quotePhone = Get-Chance 0.1
    $lines.Add(($used | ForEach-Object { ConvertTo-CsvField $record.Row[$_] ($quotePhone -and $_ -eq 'Mobile Phone') }) -join ',')
    if ($blankAfter -contains $i) { $lines.Add('') }
}
$utf8Bom = [Text.UTF8Encoding]::new($true)
$csvPath = Join-Path $OutputDirectory 'messy-users.csv'
[IO.File]::WriteAllText($csvPath, (($lines -join "`r`n") + "`r`n"), $utf8Bom)

$expectedColumns = 'Employee ID', 'Outcome', 'Person', 'CountryCode', 'Cellphone', 'E164', 'ErrorId', 'Quote', 'Kind'
$expectedLines = [Collections.Generic.List[string]]::new()
$expectedLines.Add($expectedColumns -join ',')
foreach ($record in $records) {
    $values = if ($record.Outcome -eq 'User') {
        $record.Row['Employee ID'], 'User', $record.Person, [string]$record.CountryCode, $record.Cellphone, $record.E164, '', '', ''
    }
    else {
        $record.Row['Employee ID'], 'Error', '', '', '', '', $record.ErrorId, $record.Quote, $record.Kind
    }
    # Cellphone digits keep their leading zeros because they are always quoted.
    $expectedLines.Add((@($values) | ForEach-Object { ConvertTo-CsvField $_ $true }) -join ',')
}
$expectedPath = Join-Path $OutputDirectory 'messy-users.expected.csv'
[IO.File]::WriteAllText($expectedPath, (($expectedLines -join "`r`n") + "`r`n"), $utf8Bom)

$good = @($records | Where-Object Outcome -EQ 'User')
[pscustomobject]@{
    Rows = $records.Count
    Good = $good.Count
    Bad = $records.Count - $good.Count
    People = @($good.Person | Sort-Object -Unique).Count
    RowsSharingAPerson = @($good | Group-Object Person | Where-Object Count -GT 1 | ForEach-Object Group).Count
    CallingCodes = @($good.CountryCode | Sort-Object -Unique) -join ' '
    Regions = @($good | ForEach-Object { $_.Region } | Sort-Object -Unique) -join ' '
    Duplicates = "$(@($good | Group-Object Person | Where-Object Count -EQ 2).Count) people twice, $(@($good | Group-Object Person | Where-Object Count -EQ 3).Count) three times"
    BadKinds = @($records | Where-Object Outcome -EQ 'Error' | Group-Object Kind | ForEach-Object { "$($_.Name): $($_.Count)" }) -join '; '
}
