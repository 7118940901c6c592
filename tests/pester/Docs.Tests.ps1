# Citations of the API notes: every 'docs/api/<notes>.md §x.y' in the repository names a section that has a
# heading in docs/api, and nothing cites the notes that used to live outside the repository (issue 12). Reads
# files only, so it needs no built module.

BeforeAll {
    $script:root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    $script:updater = Join-Path $root 'tools/Update-ApiCitations.ps1'

    # The section numbers of each note in docs/api: the number that starts a heading ('## 3. Paging',
    # '### 2.11 Export ...').
    $script:sections = @{}
    foreach ($note in Get-ChildItem (Join-Path $root 'docs/api') -Filter *.md) {
        $numbers = [regex]::Matches((Get-Content -Raw $note.FullName), '(?m)^#{1,6}[ \t]+(?<n>\d+(?:\.\d+)*)\.?[ \t]') |
            ForEach-Object { $_.Groups['n'].Value }
        $script:sections[$note.BaseName] = [Collections.Generic.HashSet[string]]::new([string[]] @($numbers))
    }

    # A citation: the path of a note, then '§' and a number for each section, joined by ', ', ' and ', '/' or
    # a dash for a range, each number possibly followed by a remark in parentheses. A number left without its
    # '§' is caught as 'bare'.
    $number = '\d+(?:\.\d+)*'
    $item = "§(?<n>$number)(?:\s?[–-]\s?§(?<n>$number))?(?:\s\([^()\r\n]*\))?"
    $separator = '(?:\s*,\s*(?:and\s+)?|\s+and\s+|\s*/\s*)'
    $script:citation = [regex] "docs/api/(?<note>[\w-]+)\.md``?(?:\s+(?<list>$item(?:$separator$item)*)|(?<bare>\s+(?:[Ss]ections?\s+)?$number\b))?"
    # The old notes, under any folder, in any of the forms tools/Update-ApiCitations.ps1 rewrites.
    $script:oldCitation = [regex] '(?<![\w-])(?:authy|verify)-api\.md'

    # 'source:line: what is wrong' for each bad citation in the text.
    function script:Find-CitationProblem([string] $Text, [string] $Source) {
        $lineOf = { param($index) $Text.Substring(0, $index).Split("`n").Count }
        foreach ($match in $oldCitation.Matches($Text)) {
            "${Source}:$(& $lineOf $match.Index): '$($match.Value)' cites notes outside the repository; run tools/Update-ApiCitations.ps1"
        }
        foreach ($match in $citation.Matches($Text)) {
            $note = $match.Groups['note'].Value
            $where = "${Source}:$(& $lineOf $match.Index)"
            if (-not $sections.ContainsKey($note)) {
                "${where}: '$($match.Value.Trim())' cites docs/api/$note.md, which does not exist"
                continue
            }
            if ($match.Groups['bare'].Success) {
                "${where}: '$($match.Value.Trim())' needs '§' before the section number (docs/api/README.md)"
            }
            foreach ($capture in $match.Groups['n'].Captures) {
                if (-not $sections[$note].Contains($capture.Value)) {
                    "${where}: '$($match.Value.Trim())' cites §$($capture.Value), which has no heading in docs/api/$note.md"
                }
            }
        }
    }

    # What the test checks: the code, tests, benchmarks, tools, help sources and the top-level files. The
    # notes themselves are left out (their README shows the old forms), and so are the rewriting script and
    # this file, which must spell the old forms out.
    $extensions = '.cs', '.ps1', '.psm1', '.psd1', '.ps1xml', '.md', '.txt', '.csproj', '.props', '.targets', '.json', '.xml', '.yml', '.yaml'
    $skippedFolders = 'bin', 'obj', 'out', 'node_modules', 'TestResults'
    $skippedFiles = @('tools/Update-ApiCitations.ps1', 'tests/pester/Docs.Tests.ps1')
    $script:checkedFiles = @(
        Get-ChildItem $root -File | Where-Object Extension -In $extensions
        foreach ($folder in 'src', 'tests', 'bench', 'tools', 'docs') {
            $path = Join-Path $root $folder
            if (Test-Path $path) { Get-ChildItem $path -Recurse -File | Where-Object Extension -In $extensions }
        }
    ) | ForEach-Object {
        $relative = [IO.Path]::GetRelativePath($root, $_.FullName) -replace '\\', '/'
        $folders = $relative.Split('/') | Select-Object -SkipLast 1
        if (-not ($folders | Where-Object { $_ -in $skippedFolders }) -and $relative -notin $skippedFiles -and
            -not $relative.StartsWith('docs/api/')) {
            [pscustomobject]@{ Path = $_.FullName; Relative = $relative }
        }
    }
}

Describe 'The API notes in docs/api' {
    It 'has the notes the code cites, with their sections' {
        $sections.Keys | Should -Contain 'authy'
        $sections.Keys | Should -Contain 'verify'
        $sections['authy'] | Should -Contain '2.11'
        $sections['verify'] | Should -Contain '7'
    }

    It 'links to public pages, never to the notes outside the repository' {
        foreach ($note in 'authy', 'verify') {
            $text = Get-Content -Raw (Join-Path $root "docs/api/$note.md")
            $text | Should -Match 'https://www\.twilio\.com/docs/'
            $text | Should -Not -Match 'shared/|(?<![\w-])(?:authy|verify)-api\.md'
        }
    }
}

Describe 'Citations of the API notes' {
    It 'are checked in the code, the tests and the build' {
        $checkedFiles.Relative | Should -Contain 'build.ps1'
        $checkedFiles.Relative | Should -Contain 'README.md'
        @($checkedFiles | Where-Object Relative -Like 'src/*').Count | Should -BeGreaterThan 50
        @($checkedFiles | Where-Object Relative -Like 'tests/*').Count | Should -BeGreaterThan 20
    }

    It 'each name a section that exists, in the one form' {
        $problems = foreach ($file in $checkedFiles) {
            Find-CitationProblem (Get-Content -Raw $file.Path) $file.Relative
        }
        $problems | Should -BeNullOrEmpty -Because 'a citation must lead the reader to a section of docs/api'
    }

    It 'are found in the code at all' {
        $count = 0
        foreach ($file in $checkedFiles) { $count += $citation.Matches((Get-Content -Raw $file.Path)).Count }
        $count | Should -BeGreaterThan 100 -Because 'the code cites the notes throughout; none found means the check looks in the wrong place'
    }
}

Describe 'The citation check' {
    It 'accepts good citations' {
        Find-CitationProblem 'docs/api/authy.md §2.11, docs/api/verify.md §4.2, §4.3 and §5, docs/api/authy.md §2.6–§2.9 (tokens)' 'x' |
            Should -BeNullOrEmpty
    }

    It 'refuses <Case>' -ForEach @(
        @{ Case = 'a section without a heading'; Text = 'see docs/api/authy.md §2.99.'; Expected = '§2.99, which has no heading' }
        @{ Case = 'the end of a range without a heading'; Text = 'docs/api/verify.md §4.1–§4.99'; Expected = '§4.99, which has no heading' }
        @{ Case = 'a later section of a list'; Text = 'docs/api/verify.md §4.2, §4.3 and §42'; Expected = '§42, which has no heading' }
        @{ Case = 'a note that does not exist'; Text = 'docs/api/lookup.md §1'; Expected = 'docs/api/lookup.md, which does not exist' }
        @{ Case = 'a number without its §'; Text = 'docs/api/authy.md 2.11'; Expected = "needs '§'" }
        @{ Case = 'the old notes'; Text = 'see authy' + '-api.md 2.11'; Expected = 'outside the repository' }
        @{ Case = 'the old notes in a folder'; Text = 'see ../shared/verify' + '-api.md'; Expected = 'outside the repository' }
    ) {
        $problems = @(Find-CitationProblem "line one`n$Text" 'file.cs')
        $problems.Count | Should -Be 1
        $problems[0] | Should -BeLike "file.cs:2: *$Expected*"
    }
}

Describe 'tools/Update-ApiCitations.ps1' {
    It 'rewrites <Old>' -ForEach @(
        @{ Old = 'authy' + '-api.md §2.11'; New = 'docs/api/authy.md §2.11' }
        @{ Old = 'authy' + '-api.md 2.11).'; New = 'docs/api/authy.md §2.11).' }
        @{ Old = 'verify' + '-api.md 4.2'; New = 'docs/api/verify.md §4.2' }
        @{ Old = 'verify' + '-api.md section 6): x'; New = 'docs/api/verify.md §6): x' }
        @{ Old = 'verify' + '-api.md sections 1–5)'; New = 'docs/api/verify.md §1–§5)' }
        @{ Old = 'authy' + '-api.md 2.6-2.9)'; New = 'docs/api/authy.md §2.6–§2.9)' }
        @{ Old = 'verify' + '-api.md 4.2, 4.3, 5 and 9: x'; New = 'docs/api/verify.md §4.2, §4.3, §5 and §9: x' }
        @{ Old = 'authy' + '-api.md 2.12/2.13)'; New = 'docs/api/authy.md §2.12/§2.13)' }
        @{ Old = 'authy' + '-api.md 1.6 and section 3, byte'; New = 'docs/api/authy.md §1.6 and §3, byte' }
        @{ Old = 'verify' + '-api.md 1.2 (auth), 3 (paging); x'; New = 'docs/api/verify.md §1.2 (auth), §3 (paging); x' }
        @{ Old = 'verify' + '-api.md 6, step 2–3'; New = 'docs/api/verify.md §6, step 2–3' }
        @{ Old = '(authy' + '-api.md section)'; New = '(docs/api/authy.md section)' }
        @{ Old = '`authy' + '-api.md` (the reference)'; New = '`docs/api/authy.md` (the reference)' }
        @{ Old = '/work/shared/verify' + '-api.md §7'; New = 'docs/api/verify.md §7' }
        @{ Old = '[notes](../shared/authy' + '-api.md)'; New = '[notes](../../docs/api/authy.md)' }
    ) {
        $converted = & $updater -Text $Old -Directory 'src/Authy'
        $converted | Should -BeExactly $New
        & $updater -Text $converted -Directory 'src/Authy' | Should -BeExactly $New -Because 'a second run changes nothing'
    }

    It 'leaves everything but the citation as it was' {
        $text = "line one`r`n`t// x (authy" + "-api.md 2.9). y`r`nno citation 2.9 here`r`n"
        & $updater -Text $text | Should -BeExactly "line one`r`n`t// x (docs/api/authy.md §2.9). y`r`nno citation 2.9 here`r`n"
    }
}
