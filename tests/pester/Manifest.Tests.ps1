# The built manifest carries facts that each live in one place: the version in Directory.Build.props (read
# here from the assembly built from it), the release notes in CHANGELOG.md. build.ps1 stamps both into the
# copy of Authy.psd1 it assembles; these tests read the built module, never the checked-in placeholders.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    $script:root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    $script:manifestPath = Join-Path $env:AUTHY_TEST_MODULE 'Authy.psd1'
    $script:manifest = Import-PowerShellDataFile $manifestPath
    $script:assemblyVersion = [Reflection.AssemblyName]::GetAssemblyName((Join-Path $env:AUTHY_TEST_MODULE 'Authy.dll')).Version

    # The changelog's sections, newest first, read independently of build.ps1: heading and body text.
    $changelog = Get-Content -Raw (Join-Path $root 'CHANGELOG.md')
    $script:sections = @([regex]::Matches($changelog, '(?ms)^## \[(?<name>[^\]]+)\][^\r\n]*\r?\n(?<body>.*?)(?=^## |\z)') | ForEach-Object {
            [pscustomobject]@{ Name = $_.Groups['name'].Value; Body = ($_.Groups['body'].Value -replace '\r\n', "`n").Trim() }
        })
    $script:newestRelease = $sections | Where-Object Name -ne 'Unreleased' | Select-Object -First 1
}

Describe 'The built manifest' {
    It 'is a valid manifest' {
        { Test-ModuleManifest -Path $manifestPath -ErrorAction Stop } | Should -Not -Throw
    }

    It 'has the version of the assembly it loads' {
        [version] $manifest.ModuleVersion | Should -Be ([version] $assemblyVersion.ToString(3))
        $assemblyVersion.Revision | Should -Be 0 -Because 'a module version has three parts'
    }

    It 'has the version Directory.Build.props sets, the one place it is written' {
        [xml] $props = Get-Content -Raw (Join-Path $root 'Directory.Build.props')
        $manifest.ModuleVersion | Should -Be (@($props.Project.PropertyGroup.Version | Where-Object { $_ })[0])
    }

    It 'is the version PowerShell reports once imported' {
        Import-AuthyUnderTest
        (Get-Module Authy).Version | Should -Be ([version] $manifest.ModuleVersion)
    }

    It "takes its release notes from the changelog's newest section" {
        $newestRelease | Should -Not -BeNullOrEmpty
        $notes = $manifest.PrivateData.PSData.ReleaseNotes -replace '\r\n', "`n"
        $notes | Should -BeExactly $newestRelease.Body
        $notes | Should -Match 'New-AuthyUser'
    }

    It 'has the release notes of its own version' {
        $newestRelease.Name | Should -Be $manifest.ModuleVersion
    }
}

Describe 'The checked-in manifest' {
    It 'keeps placeholders, so the version and the notes are written in one place only' {
        $source = Import-PowerShellDataFile (Join-Path $root 'Authy.psd1')
        $source.ModuleVersion | Should -Be '0.0.0'
        $source.PrivateData.PSData.ReleaseNotes | Should -Not -Match 'New-AuthyUser'
    }
}

Describe 'CHANGELOG.md' {
    It 'keeps an Unreleased section on top, as Keep a Changelog asks' {
        $sections[0].Name | Should -Be 'Unreleased'
    }

    It 'names its versions newest first' {
        $versions = @($sections | Where-Object Name -ne 'Unreleased' | ForEach-Object { [version] $_.Name })
        $versions.Count | Should -BeGreaterThan 0
        $versions | Should -Be @($versions | Sort-Object -Descending)
    }
}
