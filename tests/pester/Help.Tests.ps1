# Every exported cmdlet's help, checked against its compiled code, in the spirit of PSScriptAnalyzer's help test:
# what Get-Help shows a person must be complete, and must not name anything the cmdlet does not have.

BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-AuthyUnderTest

    $common = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters
    $cmdlets = foreach ($command in Get-Command -Module Authy -CommandType Cmdlet | Sort-Object Name) {
        $visible = foreach ($parameter in $command.Parameters.Values) {
            $hidden = $parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] -and $_.DontShow }
            if ($parameter.Name -notin $common -and -not $hidden) { $parameter.Name }
        }
        @{ Name = $command.Name; Parameters = @($visible) }
    }
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-AuthyUnderTest

    $script:common = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters

    # The text of a MAML description (a list of paragraphs), or '' when there is none.
    function Get-HelpText($description) {
        if ($null -eq $description) { return '' }
        ((@($description) | ForEach-Object { $_.Text }) -join "`n").Trim()
    }
}

Describe 'The module exports cmdlets to check' {
    It 'has exported cmdlets' {
        @(Get-Command -Module Authy -CommandType Cmdlet).Count | Should -BeGreaterThan 0
    }
}

Describe 'Help for <Name>' -ForEach $cmdlets {
    BeforeAll {
        $command = Get-Command -Name $Name -Module Authy
        $help = Get-Help -Name $Name -Full
        $helpParameters = @($help.parameters.parameter | Where-Object { $_ })
    }

    It 'comes from the MAML file, not from the syntax PowerShell generates' {
        # Without MAML, Get-Help makes a synopsis out of the syntax line and has no description.
        $help.Synopsis.Trim() | Should -Not -BeLike "$Name *"
        Split-Path -Leaf $command.HelpFile | Should -Be 'Authy.dll-Help.xml'
    }

    It 'renders as help in Get-Help -Full, not as a raw object' {
        # A malformed MAML entry (an empty <command:parameters>, say) makes the formatter print the object's properties.
        $text = Get-Help -Name $Name -Full | Out-String
        foreach ($heading in 'NAME', 'SYNOPSIS', 'SYNTAX', 'DESCRIPTION', 'OUTPUTS', 'RELATED LINKS') {
            $text | Should -Match "(?m)^$heading\s*$" -Because "Get-Help -Full should show a $heading section"
        }
    }

    It 'has a synopsis' {
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis.Trim().Length | Should -BeGreaterThan 10
    }

    It 'has a description' {
        Get-HelpText $help.description | Should -Not -BeNullOrEmpty
    }

    It 'has at least two examples, each with code and an explanation' {
        $examples = @($help.examples.example | Where-Object { $_ })
        $examples.Count | Should -BeGreaterOrEqual 2
        foreach ($example in $examples) {
            $example.code | Should -Not -BeNullOrEmpty -Because "$($example.title) needs code"
            Get-HelpText $example.remarks | Should -Not -BeNullOrEmpty -Because "$($example.title) needs an explanation"
        }
    }

    It 'has an example that is a pipeline' {
        @($help.examples.example | Where-Object { $_ -and $_.code -match '\|' }).Count | Should -BeGreaterOrEqual 1
    }

    It 'describes -<_>' -ForEach $Parameters {
        $parameter = $helpParameters | Where-Object name -EQ $_
        $parameter | Should -Not -BeNullOrEmpty -Because "-$_ must be in the help"
        Get-HelpText $parameter.description | Should -Not -BeNullOrEmpty -Because "-$_ needs a description"
    }

    It 'lists every column name that binds to -<_>, from the one table' -ForEach @($Parameters | Where-Object { $_ -in 'Email', 'Cellphone', 'PhoneNumber', 'CountryCode', 'AuthyId' }) {
        $parameterName = $_
        $field = if ($parameterName -eq 'Cellphone') { 'PhoneNumber' } else { $parameterName }
        # Set-AuthyUser's -Email is the new address, not a column of a user import.
        if ($Name -eq 'Set-AuthyUser' -and $field -eq 'Email') { return }
        $text = Get-HelpText ($helpParameters | Where-Object name -EQ $parameterName).description
        foreach ($column in [Authy.Validation.ColumnNames]::$field) { $text | Should -Match ([regex]::Escape($column)) -Because "-$parameterName binds the column '$column'" }
    }

    It 'names no parameter the cmdlet does not have' {
        $named = @($helpParameters.name) + @($help.syntax.syntaxItem.parameter.name | Where-Object { $_ })
        $unknown = @($named | Where-Object { -not $command.Parameters.ContainsKey($_) } | Sort-Object -Unique)
        $unknown | Should -BeNullOrEmpty
    }

    It 'names no hidden parameter' {
        $hidden = @($command.Parameters.Values | Where-Object { $_.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] -and $_.DontShow } } | ForEach-Object Name)
        @($helpParameters.name | Where-Object { $_ -in $hidden }) | Should -BeNullOrEmpty
    }

    It 'shows no hidden parameter in Get-Command -Syntax, Get-Help or the MAML file' {
        # InputObject is the hidden parameter the pipeline cmdlets keep the piped record in; a static DontShow
        # parameter would still be listed by Get-Command -Syntax.
        $hidden = @('InputObject') + @($command.Parameters.Values | Where-Object { $_.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] -and $_.DontShow } } | ForEach-Object Name)
        $syntaxes = [ordered]@{
            'Get-Command -Syntax' = Get-Command -Name $Name -Syntax | Out-String
            'Get-Help'            = Get-Help -Name $Name | Out-String
            "$Name -?"            = & $Name -? | Out-String
        }
        [xml] $maml = Get-Content -Raw (Join-Path $env:AUTHY_TEST_MODULE "en-US/$($command.HelpFile | Split-Path -Leaf)")
        $entry = $maml.helpItems.command | Where-Object { $_.details.name -eq $Name }
        $syntaxes['the MAML file'] = @($entry.syntax.syntaxItem.parameter.name) + @($entry.parameters.parameter.name) -join ' '
        foreach ($where in $syntaxes.Keys) {
            foreach ($parameter in $hidden) { $syntaxes[$where] | Should -Not -Match "\b$parameter\b" -Because "$where should not show -$parameter" }
        }
    }

    It 'states whether each parameter is mandatory, and its pipeline input, as the code does' {
        foreach ($parameter in $helpParameters) {
            $sets = @($command.Parameters[$parameter.name].ParameterSets.Values)
            $mandatory = @($sets | Where-Object { -not $_.IsMandatory }).Count -eq 0
            $parameter.required | Should -Be $mandatory.ToString().ToLowerInvariant() -Because "-$($parameter.name) is mandatory: $mandatory"
            $byValue = [bool]($sets | Where-Object ValueFromPipeline)
            $byName = [bool]($sets | Where-Object ValueFromPipelineByPropertyName)
            ($parameter.pipelineInput -match 'ByValue') | Should -Be $byValue -Because "-$($parameter.name) by value: $byValue"
            ($parameter.pipelineInput -match 'ByPropertyName') | Should -Be $byName -Because "-$($parameter.name) by property name: $byName"
        }
    }

    It 'has one syntax item per parameter set' {
        @($help.syntax.syntaxItem).Count | Should -Be @($command.ParameterSets).Count
    }

    It 'lists the output types of its [OutputType]' {
        $declared = @($command.OutputType | ForEach-Object { if ($_.Name -eq 'System.Void') { 'None' } else { $_.Name } })
        if (-not $declared) { $declared = @('None') }
        $documented = @($help.returnValues.returnValue | Where-Object { $_ } | ForEach-Object { "$($_.type.name)".Trim() })
        ($documented | Sort-Object) -join ', ' | Should -Be (($declared | Sort-Object) -join ', ')
    }

    It 'describes each output type' {
        foreach ($returnValue in @($help.returnValues.returnValue | Where-Object { $_ })) {
            Get-HelpText $returnValue.description | Should -Not -BeNullOrEmpty -Because "$($returnValue.type.name) needs a description"
        }
    }

    It 'has related links' {
        @($help.relatedLinks.navigationLink | Where-Object { $_ }).Count | Should -BeGreaterThan 0
    }
}

Describe 'about_Authy' {
    It 'is found by Get-Help about_Authy' {
        $about = Get-Help about_Authy | Out-String
        $about | Should -Match 'about_Authy'
        $about | Should -Not -Match 'Get-Help cannot find'
    }

    It 'covers connecting, the key order, bulk import, retries, the emulator and error ids' {
        $about = Get-Help about_Authy | Out-String
        foreach ($topic in 'Connect-Authy', 'AUTHY_API_KEY', 'AUTHY_API_URL', 'https://api.authy.com', 'Import-Csv', 'ThrottleLimit', 'OutcomeUnknown', 'Start-AuthyEmulator', 'Authy.60026') {
            $about | Should -Match ([regex]::Escape($topic)) -Because "about_Authy should mention $topic"
        }
    }
}

Describe 'about_Authy_Migration' {
    It 'is found by Get-Help and covers Support, the one-line migration, the report, re-enrolment and removal' {
        $about = Get-Help about_Authy_Migration | Out-String
        $about | Should -Not -Match 'Get-Help cannot find'
        foreach ($topic in 'Twilio Support', 'Authy.60154', 'Copy-AuthyUserToVerify', '-CheckpointPath', 'Export-Csv report.csv', 'NeedsEnrolment', 'AlreadyMigrated', 'enrol again', 'Where-Object Outcome -eq Migrated | Remove-AuthyUser') {
            $about | Should -Match ([regex]::Escape($topic)) -Because "about_Authy_Migration should mention $topic"
        }
    }
}
