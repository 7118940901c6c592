# Hostile input, table-driven: every value below must be refused before any request, with an error a
# person can act on, and leave the session working. The emulator's request counter proves nothing
# reached it.
#
# Choices (what is NOT hostile, and why), checked in the last Describe:
# - Numbers as text are read as numbers when they are only digits: AuthyId '007' is user 7, ' 42 ' is
#   42. That is PowerShell's conversion, and a CSV column of ids often carries zeros.
# - A country is a calling code in any spelling ('001', '+1', ' 1 ') or an ISO 3166 code ('US', 'gb').
# - A phone number may carry parentheses, dots, a leading + with its country code, and blanks around it.
# - But a spelling PowerShell would turn into a different whole number is refused: '1.5' and 1.5 (it
#   would round to user 2), '1e3', '0x10', '1kb', $true (WholeNumber transformation).
# - Tokens, verification codes and phone numbers stay text, so '0123456' keeps its leading zero.
# - Free text (SMS action message, OneTouch message, detail values, custom message) may hold quotes,
#   SQL and script fragments, and line breaks: they travel form-encoded, never in a path, and such text
#   is legitimate. Control characters other than line breaks and tab, bidirectional overrides
#   (U+202A-U+202E, U+2066-U+2069) and blank text are refused. Single-line text (Action, Label, detail
#   and data keys) also refuses line breaks. Right-to-left marks (U+200F) are allowed in text.
# - An optional value that binds from a CSV column (-Via, -Locale, -Label, -UserIp, -Channel, -DeviceIp) is not
#   given when blank, on the command line as in a CSV cell, and the blanks around any such value are trimmed
#   (' 1234 ' is the code 1234): PowerShell's binder used to refuse them, which in a CSV refused the row without
#   its record number. Line breaks are never trimmed, so 'sms`n' is still refused.
# - Numbers of seconds (ExpiresIn, Timeout, MaxAge) accept fractions and '1e3' where the cmdlet allows
#   them; NaN, infinity, negatives and overflow are refused.

BeforeDiscovery {
    $huge = 'x' * 1MB
    $rlo = [string][char]0x202E
    $nul = [string][char]0
    $arabicDigits = -join ([char[]](0x0661..0x0667))
    $uuid = '550e8400-e29b-41d4-a716-446655440000'

    # Strings hostile to any identifier: path, query and fragment characters, encodings, line breaks,
    # quotes, SQL and script fragments, Unicode tricks, blanks and a huge value.
    $identifierAttacks = [ordered]@{
        'empty' = ''; 'space' = ' '; 'tab' = "`t"; 'null' = $null; 'huge (1 MiB)' = $huge
        'dot-dot-slash' = '../1'; 'encoded dot-dot' = '%2e%2e'; 'encoded slash' = '1%2F2'; 'question mark' = '1?x=1'; 'hash' = '1#x'
        'CR LF' = "1`r`n2"; 'trailing LF' = "1234567`n"; 'double quote' = '"1"'; 'single quote' = "'1'"; 'SQL' = "1' OR '1'='1"
        'script' = '$(Remove-Item -Recurse /)'; 'HTML' = '<script>alert(1)</script>'; 'right-to-left override' = "$rlo" + '1234567'
        'Arabic-Indic digits' = $arabicDigits; 'NUL' = "123$nul" + '4567'
    }

    $cases = [Collections.Generic.List[hashtable]]::new()
    function Add-Case([string] $Command, [hashtable] $Base, [string] $Parameter, [string] $Label, $Value, $Pipe) {
        $cases.Add(@{ Command = $Command; Base = $Base; Parameter = $Parameter; Label = $Label; Value = $Value; Pipe = $Pipe; Piped = $null -ne $Pipe })
    }

    # AuthyId: a positive 64-bit integer. Every cmdlet that takes one gets the attacks that apply.
    $idAttacks = [ordered]@{
        'zero' = 0; 'negative' = -1; 'negative text' = '-5'; 'long minimum' = [long]::MinValue; 'overflow' = '9223372036854775808'
        'overflow x10' = '99999999999999999999999'; 'fraction' = 1.5; 'fraction text' = '1.5'; 'exponent' = '1e3'; 'hex' = '0x10'
        'multiplier suffix' = '1kb'; 'boolean' = $true; 'thousands separator' = '1,000'
    }
    foreach ($entry in $identifierAttacks.GetEnumerator()) { $idAttacks[$entry.Key] = $entry.Value }
    foreach ($entry in $idAttacks.GetEnumerator()) { Add-Case 'Get-AuthyUser' @{} 'AuthyId' $entry.Key $entry.Value }
    $idSample = 'zero', 'negative', 'fraction', 'exponent', 'dot-dot-slash', 'encoded dot-dot', 'question mark', 'CR LF', 'SQL', 'null'
    $idCommands = [ordered]@{
        'Remove-AuthyUser' = @{ Force = $true }; 'Set-AuthyUser' = @{ Email = 'ok@example.com' }; 'Register-AuthyUserActivity' = @{ Type = 'banned' }
        'New-AuthyQrCode' = @{}; 'Send-AuthySms' = @{}; 'Invoke-AuthyCall' = @{}; 'Send-AuthyEmail' = @{}
        'Test-AuthyToken' = @{ Token = '1234567' }; 'New-AuthyApprovalRequest' = @{ Message = 'Hi' }
    }
    foreach ($command in $idCommands.GetEnumerator()) {
        foreach ($name in $idSample) { Add-Case $command.Key $command.Value 'AuthyId' $name $idAttacks[$name] }
    }
    # The same through the pipeline, as CSV rows carry them.
    foreach ($name in 'dot-dot-slash', 'fraction text', 'hex', 'SQL', 'negative text') {
        Add-Case 'Get-AuthyUser' @{} 'authy_id (piped CSV row)' $name $null ([pscustomobject]@{ authy_id = $idAttacks[$name] })
    }

    # Tokens: 6-10 ASCII digits as text.
    $tokenAttacks = [ordered]@{ 'five digits' = '12345'; 'eleven digits' = '12345678901'; 'letters' = 'abcdefg'; 'inner space' = '123 456'; 'negative' = '-123456'; 'plus' = '+1234567' }
    foreach ($entry in $identifierAttacks.GetEnumerator()) { $tokenAttacks[$entry.Key] = $entry.Value }
    foreach ($entry in $tokenAttacks.GetEnumerator()) { Add-Case 'Test-AuthyToken' @{ AuthyId = 1 } 'Token' $entry.Key $entry.Value }

    # Uuids: 8-4-4-4-12 hex digits.
    $uuidAttacks = [ordered]@{
        'not a uuid' = 'not-a-uuid'; 'path' = '../../users/1/status'; 'one digit short' = '550e8400-e29b-41d4-a716-44665544000'
        'braces' = "{$uuid}"; 'no dashes' = '550e8400e29b41d4a716446655440000'; 'with query' = "$uuid?x=1"; 'with fragment' = "$uuid#x"
        'trailing LF' = "$uuid`n"; 'non-hex' = 'zzzzzzzz-e29b-41d4-a716-446655440000'; 'encoded dot-dot' = '%2e%2e'; 'empty' = ''; 'space' = ' '
        'null' = $null; 'huge' = $huge; 'right-to-left override' = "$rlo$uuid"; 'SQL' = "' OR 1=1 --"
    }
    foreach ($entry in $uuidAttacks.GetEnumerator()) { Add-Case 'Get-AuthyApprovalStatus' @{} 'Uuid' $entry.Key $entry.Value }
    foreach ($name in 'path', 'with query', 'trailing LF', 'braces', 'empty', 'null') {
        Add-Case 'Wait-AuthyApprovalRequest' @{ Timeout = 1 } 'Uuid' $name $uuidAttacks[$name]
        Add-Case 'Get-AuthyPhoneVerificationStatus' @{} 'Uuid' $name $uuidAttacks[$name]
    }

    # Email addresses.
    $emailAttacks = [ordered]@{
        'empty' = ''; 'space' = ' '; 'null' = $null; 'no at' = 'not-an-email'; 'no domain dot' = 'a@b'; 'two ats' = 'a@@example.com'
        'header injection' = "a@example.com`r`nBcc: x@example.com"; 'trailing LF' = "a@example.com`n"; 'right-to-left override' = "a$rlo@example.com"
        'angle brackets' = '<a@example.com>'; 'SQL' = "a'; DROP TABLE users;--@example.com"; 'huge' = ('a' * 300) + '@example.com'
    }
    foreach ($entry in $emailAttacks.GetEnumerator()) {
        Add-Case 'New-AuthyUser' @{ Cellphone = '555-700-0001'; CountryCode = 1 } 'Email' $entry.Key $entry.Value
    }
    foreach ($name in 'empty', 'header injection', 'right-to-left override', 'trailing LF') { Add-Case 'Set-AuthyUser' @{ AuthyId = 1 } 'Email' $name $emailAttacks[$name] }

    # Phone numbers: digits grouped as people write them, with or without + and the country code; letters,
    # line breaks, other punctuation, impossible lengths and a + that contradicts the country are refused.
    $phoneAttacks = [ordered]@{
        'empty' = ''; 'space' = ' '; 'null' = $null; 'letters' = 'abc'; 'letters inside' = '555-abc-1234'; 'contradicting country code' = '+44 7700 900123'
        'three digits' = '123'; 'twenty digits' = '1' * 20; 'trailing LF' = "5551234567`n"; 'CR LF inside' = "555`r`n1234"; 'path' = '../5551234'
        'encoded' = '%35%35%35%31%32%33%34'; 'right-to-left override' = "$rlo" + '5551234567'; 'Arabic-Indic digits' = $arabicDigits; 'double dash' = '555--1234'
        'SQL' = "555' OR '1'='1"; 'huge' = $huge
    }
    foreach ($entry in $phoneAttacks.GetEnumerator()) { Add-Case 'Get-AuthyPhoneInfo' @{ CountryCode = 1 } 'PhoneNumber' $entry.Key $entry.Value }
    foreach ($name in 'letters inside', 'contradicting country code', 'trailing LF', 'path', 'SQL') {
        Add-Case 'New-AuthyUser' @{ Email = 'ok@example.com'; CountryCode = 1 } 'Cellphone' $name $phoneAttacks[$name]
        Add-Case 'Start-AuthyPhoneVerification' @{ CountryCode = 1 } 'PhoneNumber' $name $phoneAttacks[$name]
        Add-Case 'Test-AuthyPhoneVerification' @{ CountryCode = 1; Code = '1234' } 'PhoneNumber' $name $phoneAttacks[$name]
        Add-Case 'Get-AuthyPhoneVerificationStatus' @{ CountryCode = 1 } 'PhoneNumber' $name $phoneAttacks[$name]
    }

    # Countries: a calling code of some country, or an ISO 3166 code.
    $countryAttacks = [ordered]@{
        'zero' = 0; 'negative' = -1; 'four digits' = 1000; 'letters' = 'XX'; 'no such calling code' = 999; 'fraction' = 1.5; 'fraction text' = '1.5'; 'plus only' = '+'
        'hex' = '0x1'; 'overflow' = '99999999999'; 'null' = $null; 'boolean' = $true; 'empty' = ''
    }
    foreach ($entry in $countryAttacks.GetEnumerator()) { Add-Case 'New-AuthyUser' @{ Email = 'ok@example.com'; Cellphone = '555-700-0002' } 'CountryCode' $entry.Key $entry.Value }
    foreach ($name in 'zero', 'letters', 'fraction', 'hex') {
        Add-Case 'Get-AuthyPhoneInfo' @{ PhoneNumber = '5557000003' } 'CountryCode' $name $countryAttacks[$name]
        Add-Case 'Start-AuthyPhoneVerification' @{ PhoneNumber = '5557000003' } 'CountryCode' $name $countryAttacks[$name]
    }
    # A CSV file of users, each row hostile in one column.
    foreach ($row in @(
            @{ Label = 'email with CR LF'; Row = [pscustomobject]@{ email = "a@example.com`r`nBcc: b@example.com"; phone = '555-700-0004'; country_code = '1' } }
            @{ Label = 'phone with path'; Row = [pscustomobject]@{ email = 'a@example.com'; phone = '../../users/1'; country_code = '1' } }
            @{ Label = 'country code with fraction'; Row = [pscustomobject]@{ email = 'a@example.com'; phone = '555-700-0004'; country_code = '1.5' } }
            @{ Label = 'country code as script'; Row = [pscustomobject]@{ email = 'a@example.com'; phone = '555-700-0004'; country_code = '$(1)' } }
        )) { Add-Case 'New-AuthyUser' @{} 'CSV row' $row.Label $null $row.Row }

    # Phone verification options.
    $verify = @{ PhoneNumber = '5557000005'; CountryCode = 1 }
    foreach ($entry in ([ordered]@{ 'fax' = 'fax'; 'LF' = "sms`n"; 'SQL' = "sms' --" }).GetEnumerator()) { Add-Case 'Start-AuthyPhoneVerification' $verify 'Via' $entry.Key $entry.Value }
    foreach ($entry in ([ordered]@{ 'three' = 3; 'eleven' = 11; 'fraction' = '4.5'; 'negative' = -1; 'letters' = 'abc'; 'hex' = '0x5' }).GetEnumerator()) { Add-Case 'Start-AuthyPhoneVerification' $verify 'CodeLength' $entry.Key $entry.Value }
    foreach ($entry in ([ordered]@{ 'unknown' = 'xx'; 'path' = '../en'; 'region not listed' = 'en-US'; 'SQL' = "en' --" }).GetEnumerator()) { Add-Case 'Start-AuthyPhoneVerification' $verify 'Locale' $entry.Key $entry.Value }
    foreach ($entry in ([ordered]@{ 'three' = '123'; 'path' = 'ab/../'; 'spaces' = '    '; 'LF' = "1234`n"; 'eleven' = '12345678901'; 'script' = '$(ls)'; 'right-to-left override' = "$rlo" + '1234' }).GetEnumerator()) {
        Add-Case 'Start-AuthyPhoneVerification' $verify 'CustomCode' $entry.Key $entry.Value
    }
    foreach ($entry in ([ordered]@{ 'empty' = ''; 'space' = ' '; 'right-to-left override' = "Your code $rlo{{code}}"; 'NUL' = "code $nul{{code}}"; 'too long' = 'x' * 1601 }).GetEnumerator()) {
        Add-Case 'Start-AuthyPhoneVerification' $verify 'CustomMessage' $entry.Key $entry.Value
    }
    foreach ($entry in ([ordered]@{ 'three' = '123'; 'eleven' = '12345678901'; 'letters' = '12a4'; 'space inside' = '12 34'; 'LF' = "1234`n"; 'empty' = ''; 'null' = $null; 'Arabic-Indic' = $arabicDigits }).GetEnumerator()) {
        Add-Case 'Test-AuthyPhoneVerification' @{ PhoneNumber = '5557000005'; CountryCode = 1 } 'Code' $entry.Key $entry.Value
    }

    # SMS and call options.
    foreach ($command in 'Send-AuthySms', 'Invoke-AuthyCall') {
        foreach ($entry in ([ordered]@{ 'empty' = ''; 'space' = ' '; 'CR LF' = "login`r`nX: y"; 'right-to-left override' = "log$rlo" + 'in'; 'too long' = 'x' * 256; 'tab' = "`t" }).GetEnumerator()) {
            Add-Case $command @{ AuthyId = 1 } 'Action' $entry.Key $entry.Value
        }
        foreach ($entry in ([ordered]@{ 'empty' = ''; 'NUL' = "a$nul" + 'b'; 'too long' = 'x' * 256; 'right-to-left override' = "a$rlo" + 'b' }).GetEnumerator()) {
            Add-Case $command @{ AuthyId = 1 } 'ActionMessage' $entry.Key $entry.Value
        }
        foreach ($entry in ([ordered]@{ 'one letter' = 'e'; 'sentence' = 'english-language'; 'CR LF' = "en`r`n"; 'path' = '../en'; 'SQL' = "en';--" }).GetEnumerator()) {
            Add-Case $command @{ AuthyId = 1 } 'Locale' $entry.Key $entry.Value
        }
    }
    foreach ($entry in ([ordered]@{ 'empty' = ''; 'CR LF' = "a`r`nb"; 'right-to-left override' = "a$rlo" + 'b' }).GetEnumerator()) { Add-Case 'Test-AuthyToken' @{ AuthyId = 1; Token = '1234567' } 'Action' $entry.Key $entry.Value }

    # QR codes.
    foreach ($entry in ([ordered]@{ 'LF' = "a`nb"; 'right-to-left override' = "$rlo" + 'Bank'; 'too long' = 'x' * 256; 'NUL' = "a$nul" }).GetEnumerator()) { Add-Case 'New-AuthyQrCode' @{ AuthyId = 1 } 'Label' $entry.Key $entry.Value }
    foreach ($entry in ([ordered]@{ 'zero' = 0; 'negative' = -1; 'too big' = 4097; 'fraction' = '1.5'; 'letters' = 'abc'; 'hex' = '0x10' }).GetEnumerator()) { Add-Case 'New-AuthyQrCode' @{ AuthyId = 1 } 'Size' $entry.Key $entry.Value }

    # OneTouch.
    $approval = @{ AuthyId = 1; Message = 'Hi' }
    foreach ($entry in ([ordered]@{ 'empty' = ''; 'space' = ' '; 'null' = $null; 'too long' = 'x' * 201; 'right-to-left override' = "Pay `$10 to $rlo" + 'evil'; 'NUL' = "a$nul" + 'b'; 'huge' = $huge }).GetEnumerator()) {
        Add-Case 'New-AuthyApprovalRequest' @{ AuthyId = 1 } 'Message' $entry.Key $entry.Value
    }
    foreach ($entry in ([ordered]@{
                'key too long' = @{ ('k' * 21) = 'v' }; 'value too long' = @{ k = 'v' * 201 }; 'nested' = @{ k = @{ inner = 1 } }; 'list value' = @{ k = @(1, 2) }
                'key with CR LF' = @{ "a`r`nb" = 'v' }; 'key with brackets' = @{ 'a[b]' = 'v' }; 'blank key' = @{ ' ' = 'v' }; 'value with override' = @{ k = "a$rlo" + 'b' }
                'value with NUL' = @{ k = "a$nul" }
            }).GetEnumerator()) {
        Add-Case 'New-AuthyApprovalRequest' $approval 'Details' $entry.Key $entry.Value
    }
    foreach ($entry in ([ordered]@{ 'key too long' = @{ ('h' * 21) = 'v' }; 'key with brackets' = @{ 'x]' = 'v' }; 'nested' = @{ k = @{ a = 1 } } }).GetEnumerator()) {
        Add-Case 'New-AuthyApprovalRequest' $approval 'HiddenDetails' $entry.Key $entry.Value
    }
    foreach ($entry in ([ordered]@{
                'http' = 'http://example.com/x.png'; 'javascript' = 'javascript:alert(1)'; 'data' = 'data:image/png;base64,AAAA'; 'file' = 'file:///etc/passwd'
                'scheme-relative' = '//example.com/x.png'; 'relative' = '/x.png'; 'credentials' = 'https://user:pw@example.com/x.png'; 'too long' = 'https://example.com/' + ('a' * 481)
                'ftp' = 'ftp://example.com/x.png'; 'CR LF' = "https://example.com/x.png`r`nX: y"; 'empty' = ''; 'space' = ' '
                'unknown resolution' = @{ Res = 'huge'; Url = 'https://example.com/x.png' }; 'no default' = @{ Res = 'low'; Url = 'https://example.com/x.png' }
            }).GetEnumerator()) {
        Add-Case 'New-AuthyApprovalRequest' $approval 'Logo' $entry.Key $entry.Value
    }
    foreach ($entry in ([ordered]@{ 'negative' = -1; 'fraction' = 1.5; 'letters' = 'abc'; 'overflow' = '1e400'; 'NaN' = [double]::NaN; 'over a year' = [timespan]::FromDays(400); 'negative timespan' = '-00:00:01' }).GetEnumerator()) {
        Add-Case 'New-AuthyApprovalRequest' $approval 'ExpiresIn' $entry.Key $entry.Value
    }
    $wait = @{ Uuid = $uuid }
    foreach ($entry in ([ordered]@{ 'zero' = 0; 'negative' = -5; 'letters' = 'abc'; 'NaN' = [double]::NaN }).GetEnumerator()) { Add-Case 'Wait-AuthyApprovalRequest' $wait 'Timeout' $entry.Key $entry.Value }
    foreach ($entry in ([ordered]@{ 'too short' = 0.01; 'letters' = 'abc'; 'too long' = 3600 }).GetEnumerator()) { Add-Case 'Wait-AuthyApprovalRequest' $wait 'PollInterval' $entry.Key $entry.Value }

    # User activity.
    foreach ($entry in ([ordered]@{ 'unknown' = 'login'; 'empty' = ''; 'with semicolon' = 'banned;'; 'LF' = "banned`n"; 'path' = '../banned' }).GetEnumerator()) { Add-Case 'Register-AuthyUserActivity' @{ AuthyId = 1 } 'Type' $entry.Key $entry.Value }
    foreach ($entry in ([ordered]@{ 'key with brackets' = @{ 'a[b]' = 1 }; 'nested' = @{ k = @{ x = 1 } }; 'value too long' = @{ k = 'v' * 1025 }; 'key with LF' = @{ "a`nb" = 'v' }; 'value with override' = @{ k = "a$rlo" + 'b' }; 'blank key' = @{ '' = 'v' } }).GetEnumerator()) {
        Add-Case 'Register-AuthyUserActivity' @{ AuthyId = 1; Type = 'banned' } 'Data' $entry.Key $entry.Value
    }

    # IP addresses passed on to Authy.
    $ipAttacks = [ordered]@{ 'one number' = '1'; 'octal' = '010.0.0.1'; 'out of range' = '256.1.1.1'; 'zone id' = 'fe80::1%eth0'; 'host name' = 'localhost'; 'network' = '203.0.113.7/24'; 'trailing LF' = "203.0.113.7`n"; 'SQL' = "' OR 1=1" }
    foreach ($entry in $ipAttacks.GetEnumerator()) { Add-Case 'Get-AuthyUser' @{ AuthyId = 1 } 'UserIp' $entry.Key $entry.Value }
    foreach ($command in 'Get-AuthyApplication', 'Get-AuthyApplicationStatistics') { foreach ($name in 'one number', 'octal', 'zone id') { Add-Case $command @{} 'UserIp' $name $ipAttacks[$name] } }
    foreach ($name in 'octal', 'host name') {
        Add-Case 'Get-AuthyPhoneInfo' @{ PhoneNumber = '5557000006'; CountryCode = 1 } 'UserIp' $name $ipAttacks[$name]
        Add-Case 'Remove-AuthyUser' @{ AuthyId = 1; Force = $true } 'UserIp' $name $ipAttacks[$name]
        Add-Case 'Register-AuthyUserActivity' @{ AuthyId = 1; Type = 'banned' } 'UserIp' $name $ipAttacks[$name]
    }

    # Bulk options.
    foreach ($entry in ([ordered]@{ 'zero' = 0; 'too many' = 65; 'fraction' = '1.5'; 'letters' = 'abc' }).GetEnumerator()) { Add-Case 'Get-AuthyUser' @{ AuthyId = 1 } 'ThrottleLimit' $entry.Key $entry.Value }

    # Connect-Authy: a refused value must leave the working session in place.
    foreach ($entry in ([ordered]@{
                'plain http to a remote host' = 'http://example.com'; 'javascript' = 'javascript:alert(1)'; 'file' = 'file:///etc/passwd'; 'credentials' = 'https://user:pw@api.authy.com'
                'query' = 'https://api.authy.com/?api_key=x'; 'fragment' = 'https://api.authy.com/#x'; 'relative' = 'relative/path'; 'ftp to loopback' = 'ftp://127.0.0.1/'
            }).GetEnumerator()) {
        Add-Case 'Connect-Authy' @{ UseTestKey = $true } 'ApiUrl' $entry.Key $entry.Value
    }
    foreach ($entry in ([ordered]@{ 'zero' = 0; 'negative' = -1; 'letters' = 'abc'; 'over ten minutes' = 601; 'overflow' = 1e300 }).GetEnumerator()) { Add-Case 'Connect-Authy' @{ UseTestKey = $true; UseTestUrl = $true } 'Timeout' $entry.Key $entry.Value }
    foreach ($entry in ([ordered]@{ 'negative' = -1; 'eleven' = 11; 'fraction' = '1.5'; 'letters' = 'abc' }).GetEnumerator()) { Add-Case 'Connect-Authy' @{ UseTestKey = $true; UseTestUrl = $true } 'MaxRetry' $entry.Key $entry.Value }
    foreach ($entry in ([ordered]@{ 'javascript' = 'javascript:alert(1)'; 'file' = 'file:///x'; 'socks' = 'socks5://127.0.0.1:1080'; 'query' = 'http://proxy.example.com/?q=1' }).GetEnumerator()) {
        Add-Case 'Connect-Authy' @{ UseTestKey = $true; UseTestUrl = $true } 'Proxy' $entry.Key $entry.Value
    }
    # Keys are built as SecureStrings when the test runs (the label names them).
    foreach ($name in 'key with CR LF', 'key with a space', 'key of white space', 'key with NUL', 'key of 300 characters') { Add-Case 'Connect-Authy' @{ UseTestUrl = $true } 'ApiKey' $name $name }

    # Callback checks (never a request, but their input is still validated).
    $signature = @{ Url = 'https://example.com/hook'; Method = 'POST'; Nonce = '1'; Signature = 'x'; Body = '{}'; UseTestKeyAsApiKey = $true }
    foreach ($entry in ([ordered]@{ 'PUT' = 'PUT'; 'empty' = ''; 'LF' = "POST`n" }).GetEnumerator()) { Add-Case 'Test-AuthyCallbackSignature' $signature 'Method' $entry.Key $entry.Value }
    foreach ($entry in ([ordered]@{ 'zero' = 0; 'negative' = -1; 'letters' = 'abc' }).GetEnumerator()) { Add-Case 'Test-AuthyCallbackSignature' $signature 'MaxAge' $entry.Key $entry.Value }
    foreach ($parameter in 'Url', 'Nonce', 'Signature') { Add-Case 'Test-AuthyCallbackSignature' $signature $parameter 'empty' '' }

    # The emulator's own options: a refused value must not stop the running emulator.
    foreach ($entry in ([ordered]@{ 'negative' = -1; 'too big' = 65536; 'letters' = 'abc'; 'fraction' = '1.5' }).GetEnumerator()) { Add-Case 'Start-AuthyEmulator' @{ NoConnect = $true } 'Port' $entry.Key $entry.Value }
    foreach ($entry in ([ordered]@{ 'FaultRate above 1' = @('FaultRate', 1.5); 'FaultRate negative' = @('FaultRate', -0.1); 'FaultKinds unknown' = @('FaultKinds', 'boom'); 'CallbackMethod PUT' = @('CallbackMethod', 'PUT'); 'LatencyMs negative' = @('LatencyMs', -1); 'RateLimit zero' = @('RateLimit', 0) }).GetEnumerator()) {
        Add-Case 'Start-AuthyEmulator' @{ NoConnect = $true } $entry.Value[0] $entry.Key $entry.Value[1]
    }

    # Cmdlets without parameters refuse a stray argument.
    foreach ($command in 'Get-AuthyConnection', 'Disconnect-Authy', 'Stop-AuthyEmulator', 'Get-AuthyApplication') { Add-Case $command @{} '(positional)' 'stray argument' '../1' }

    # Twilio Verify push challenges: every parameter of New-, Get- and Wait-TwilioVerifyChallenge.
    $pushFactor = 'YF0123456789abcdef0123456789abcdef'
    $pushChallenge = 'YC0123456789abcdef0123456789abcdef'
    $push = @{ Identity = 'push-user-0001'; FactorSid = $pushFactor; Message = 'Sign in?'; Force = $true }
    $identityAttacks = [ordered]@{ 'too short' = 'abc1234'; 'too long' = 'a' * 65; 'e-mail' = 'someone@example.com'; 'double dash' = 'push--user-0001'; 'trailing dash' = 'push-user-0001-'; 'space inside' = 'push user 0001' }
    foreach ($entry in $identifierAttacks.GetEnumerator()) { $identityAttacks[$entry.Key] = $entry.Value }
    foreach ($entry in $identityAttacks.GetEnumerator()) { Add-Case 'New-TwilioVerifyChallenge' $push 'Identity' $entry.Key $entry.Value }
    $sidAttacks = [ordered]@{ 'challenge SID' = $pushChallenge; 'short' = 'YF0123'; 'service SID' = 'VA0123456789abcdef0123456789abcdef'; 'non-hex' = 'YF0123456789abcdef0123456789abcdeg' }
    foreach ($entry in $identifierAttacks.GetEnumerator()) { $sidAttacks[$entry.Key] = $entry.Value }
    foreach ($entry in $sidAttacks.GetEnumerator()) { Add-Case 'New-TwilioVerifyChallenge' $push 'FactorSid' $entry.Key $entry.Value }
    foreach ($entry in ([ordered]@{ 'empty' = ''; 'blank' = '   '; '257 characters' = 'm' * 257; 'huge (1 MiB)' = $huge; 'NUL' = "a$nul" + 'b'; 'right-to-left override' = "Pay $rlo" + '001' }).GetEnumerator()) {
        Add-Case 'New-TwilioVerifyChallenge' $push 'Message' $entry.Key $entry.Value
    }
    $tooMany = [ordered]@{}; 1..21 | ForEach-Object { $tooMany["Field $_"] = 'v' }
    foreach ($entry in ([ordered]@{
                '21 fields' = $tooMany; 'label of 37' = @{ ('l' * 37) = 'v' }; 'value of 129' = @{ k = 'v' * 129 }; 'nested' = @{ k = @{ x = 1 } }; 'list value' = @{ k = @(1, 2) }
                'blank label' = @{ ' ' = 'v' }; 'empty value' = @{ k = '' }; 'label with LF' = @{ "a`nb" = 'v' }; 'value with override' = @{ k = "a$rlo" + 'b' }; 'value with NUL' = @{ k = "a$nul" }
            }).GetEnumerator()) {
        Add-Case 'New-TwilioVerifyChallenge' $push 'Details' $entry.Key $entry.Value
    }
    foreach ($entry in ([ordered]@{ 'over 1024 as JSON' = @{ k = 'h' * 1020 }; 'quotes over 1024 when escaped' = @{ k = '"' * 600 }; 'nested' = @{ k = @{ x = 1 } }; 'blank key' = @{ '' = 'v' }; 'key with CR LF' = @{ "a`r`nb" = 'v' } }).GetEnumerator()) {
        Add-Case 'New-TwilioVerifyChallenge' $push 'HiddenDetails' $entry.Key $entry.Value
    }
    foreach ($entry in ([ordered]@{ 'zero' = 0; 'negative' = -1; 'fraction' = 1.5; 'over an hour' = 3601; 'letters' = 'abc'; 'NaN' = [double]::NaN; 'a day' = [timespan]::FromDays(1) }).GetEnumerator()) {
        Add-Case 'New-TwilioVerifyChallenge' $push 'ExpiresIn' $entry.Key $entry.Value
    }
    Add-Case 'New-TwilioVerifyChallenge' @{ Message = 'Hi'; Force = $true } 'Identity (piped CSV row)' 'e-mail' $null ([pscustomobject]@{ Identity = 'someone@example.com'; FactorSid = $pushFactor })
    Add-Case 'New-TwilioVerifyChallenge' @{ Message = 'Hi'; Force = $true } 'FactorSid (piped CSV row)' 'dot-dot-slash' $null ([pscustomobject]@{ Identity = 'push-user-0001'; FactorSid = '../Services' })
    $get = @{ Identity = 'push-user-0001' }
    foreach ($name in 'too short', 'e-mail', 'dot-dot-slash', 'question mark', 'CR LF', 'SQL', 'null') { Add-Case 'Get-TwilioVerifyChallenge' @{} 'Identity' $name $identityAttacks[$name] }
    foreach ($name in 'short', 'service SID', 'dot-dot-slash', 'encoded slash', 'hash', 'CR LF', 'right-to-left override') { Add-Case 'Get-TwilioVerifyChallenge' $get 'ChallengeSid' $name $sidAttacks[$name] }
    foreach ($name in 'challenge SID', 'short', 'question mark', 'empty') { Add-Case 'Get-TwilioVerifyChallenge' $get 'FactorSid' $name $sidAttacks[$name] }
    foreach ($entry in ([ordered]@{ 'unknown' = 'answered'; 'LF' = "pending`n"; 'SQL' = "pending' OR 1=1" }).GetEnumerator()) { Add-Case 'Get-TwilioVerifyChallenge' $get 'Status' $entry.Key $entry.Value }
    foreach ($entry in ([ordered]@{ 'zero' = 0; 'too big' = 1001; 'fraction' = '1.5' }).GetEnumerator()) { Add-Case 'Get-TwilioVerifyChallenge' $get 'PageSize' $entry.Key $entry.Value }
    $waitPush = @{ Identity = 'push-user-0001'; ChallengeSid = $pushChallenge }
    foreach ($name in 'too short', 'dot-dot-slash', 'CR LF', 'null') { Add-Case 'Wait-TwilioVerifyChallenge' @{ ChallengeSid = $pushChallenge } 'Identity' $name $identityAttacks[$name] }
    foreach ($name in 'short', 'dot-dot-slash', 'question mark', 'null') { Add-Case 'Wait-TwilioVerifyChallenge' @{ Identity = 'push-user-0001' } 'ChallengeSid' $name $sidAttacks[$name] }
    Add-Case 'Wait-TwilioVerifyChallenge' @{ Identity = 'push-user-0001' } 'ChallengeSid' 'factor SID' $pushFactor
    foreach ($entry in ([ordered]@{ 'zero' = 0; 'negative' = -5; 'letters' = 'abc'; 'NaN' = [double]::NaN; 'a year and two days' = [timespan]::FromDays(367) }).GetEnumerator()) { Add-Case 'Wait-TwilioVerifyChallenge' $waitPush 'Timeout' $entry.Key $entry.Value }
    foreach ($entry in ([ordered]@{ 'too short' = 0.01; 'letters' = 'abc'; 'too long' = 3600 }).GetEnumerator()) { Add-Case 'Wait-TwilioVerifyChallenge' $waitPush 'PollInterval' $entry.Key $entry.Value }
    foreach ($entry in ([ordered]@{ 'zero' = 0; 'too many' = 65 }).GetEnumerator()) { Add-Case 'Wait-TwilioVerifyChallenge' $waitPush 'ThrottleLimit' $entry.Key $entry.Value }

    $script:hostileCases = $cases
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-AuthyUnderTest
    $script:emulator = Start-TestEmulator
    Connect-Authy -ApiKey $emulator.Key -ApiUrl $emulator.Url
    $script:user = New-AuthyUser -Email 'hostile@example.com' -Cellphone '555-700-0000' -CountryCode 1

    function script:Get-RequestCount { (Invoke-EmulatorControl -Url $emulator.Url -Path '/_emulator/stats').requests_total }

    # The errors that say "your input is wrong" before anything is sent: PowerShell's binding errors, or
    # an Authy.<name> validation error (never a five-digit Authy code, which only the server gives).
    $script:ClearErrorId = '^(ParameterArgument\w+|CannotConvert\w*|ParameterBindingFailed|PositionalParameterNotFound|NamedParameterNotFound|InputObjectNotBound|InputObjectMissingMandatory|(Authy|TwilioVerify)\.[A-Za-z]+),'

    function script:New-TestKey([string] $Name) {
        $text = switch ($Name) {
            'key with CR LF' { "abcdef`r`nX-Evil: 1" }
            'key with a space' { 'abc def' }
            'key of white space' { '   ' }
            'key with NUL' { "abc$([char]0)def" }
            'key of 300 characters' { 'k' * 300 }
        }
        ConvertTo-SecureString $text -AsPlainText -Force
    }
}

AfterAll {
    Stop-AuthyEmulator
}

Describe 'Hostile input is refused before any request' {
    BeforeEach {
        # Each case starts from a working session, so one failure cannot hide behind another.
        Connect-Authy -ApiKey $emulator.Key -ApiUrl $emulator.Url
    }

    It 'has at least 200 hostile values' {
        $hostileCases.Count | Should -BeGreaterOrEqual 200
    }

    It '<Command> -<Parameter>: <Label>' -ForEach $hostileCases {
        $splat = @{} + $Base
        foreach ($flag in 'UseTestKey', 'UseTestUrl', 'UseTestKeyAsApiKey') {
            if (-not $splat.ContainsKey($flag)) { continue }
            $splat.Remove($flag)
            if ($flag -eq 'UseTestUrl') { $splat.ApiUrl = $emulator.Url } else { $splat.ApiKey = $emulator.Key }
        }
        $arguments = @()
        if ($Parameter -eq 'ApiKey') { $splat.ApiKey = New-TestKey $Value }
        elseif ($Parameter -eq '(positional)') { $arguments = @($Value) }
        elseif (-not $Piped) { $splat[$Parameter] = $Value }

        $before = Get-RequestCount
        $failure = $null
        $output = $null
        try {
            if ($Piped) { $output = $Pipe | & $Command @splat -ErrorAction Stop }
            else { $output = & $Command @arguments @splat -ErrorAction Stop }
        }
        catch { $failure = $_ }

        $failure | Should -Not -BeNullOrEmpty -Because "the value must be refused (output: $output)"
        $failure.FullyQualifiedErrorId | Should -Match $ClearErrorId
        $failure.Exception.Message | Should -Not -BeNullOrEmpty
        if ($failure.FullyQualifiedErrorId -match '^(Authy|TwilioVerify)\.') {
            $failure.CategoryInfo.Category | Should -Be 'InvalidArgument'
        }
        elseif ($Parameter -notmatch '^\(|CSV|piped') {
            $failure.Exception.Message | Should -Match "'$Parameter'" -Because 'a binding error names the parameter'
        }
        (Get-RequestCount) | Should -Be $before -Because 'nothing may reach the server'

        # The session (and the emulator) still work.
        (Get-AuthyUser -AuthyId $user.AuthyId -ErrorAction Stop).AuthyId | Should -Be $user.AuthyId
        (Get-AuthyConnection).ApiUrl.AbsoluteUri.TrimEnd('/') | Should -Be $emulator.Url
    }
}

Describe 'Accepted on purpose (documented at the top of this file)' {
    BeforeEach {
        Reset-Emulator $emulator.Url
    }

    It 'reads AuthyId <Value> as user <Expected>' -ForEach @(
        @{ Value = '007'; Expected = 7 }
        @{ Value = ' 42 '; Expected = 42 }
        @{ Value = 3.0; Expected = 3 }
    ) {
        Get-AuthyUser -AuthyId $Value -ErrorAction SilentlyContinue
        (Get-EmulatorRequests $emulator.Url)[0].path | Should -Be "/protected/json/users/$Expected/status"
    }

    It 'reads CountryCode <Value> as 1' -ForEach @(@{ Value = '001' }, @{ Value = '+1' }, @{ Value = ' 1 ' }) {
        $null = Get-AuthyPhoneInfo -PhoneNumber '5557000007' -CountryCode $Value
        (Get-EmulatorRequests $emulator.Url)[0].query | Should -Match '(^|&)country_code=1(&|$)'
    }

    It 'reads CountryCode <Value> as <Expected>' -ForEach @(@{ Value = 'US'; Expected = 1 }, @{ Value = 'gb'; Expected = 44 }, @{ Value = '0044'; Expected = 44 }) {
        $null = Get-AuthyPhoneInfo -PhoneNumber '5557000007' -CountryCode $Value
        (Get-EmulatorRequests $emulator.Url)[0].query | Should -Match "(^|&)country_code=$Expected(&|$)"
    }

    It 'reads the phone number <Value> as 5557000007' -ForEach @(@{ Value = '(555) 700-0007' }, @{ Value = '+1 555.700.0007' }, @{ Value = ' 555 700 0007 ' }, @{ Value = '1-555-700-0007' }) {
        $null = Get-AuthyPhoneInfo -PhoneNumber $Value -CountryCode 1
        (Get-EmulatorRequests $emulator.Url)[0].query | Should -Match '(^|&)phone_number=5557000007(&|$)'
    }

    It 'takes a blank optional <Command> -<Parameter> as not given, and sends none' -ForEach @(
        @{ Command = 'Start-AuthyPhoneVerification'; Base = @{ PhoneNumber = '5557000005'; CountryCode = 1 }; Parameter = 'Via'; Field = 'via'; Default = 'sms' }
        @{ Command = 'Start-AuthyPhoneVerification'; Base = @{ PhoneNumber = '5557000005'; CountryCode = 1 }; Parameter = 'Locale'; Field = 'locale' }
        @{ Command = 'Send-AuthySms'; Base = @{ AuthyId = 999999 }; Parameter = 'Locale'; Field = 'locale' }
        @{ Command = 'Invoke-AuthyCall'; Base = @{ AuthyId = 999999 }; Parameter = 'Locale'; Field = 'locale' }
        @{ Command = 'New-AuthyQrCode'; Base = @{ AuthyId = 999999 }; Parameter = 'Label'; Field = 'label' }
        @{ Command = 'Get-AuthyUser'; Base = @{ AuthyId = 999999 }; Parameter = 'UserIp'; Field = 'user_ip' }
    ) {
        foreach ($blank in '', ' ') {
            Reset-Emulator $emulator.Url
            $splat = @{} + $Base
            $splat[$Parameter] = $blank
            $null = & $Command @splat -ErrorVariable failures -ErrorAction SilentlyContinue
            @($failures | Where-Object { $_.FullyQualifiedErrorId -match '^Authy\.(Invalid|Missing)' }) | Should -BeNullOrEmpty
            $logged = @(Get-EmulatorRequests $emulator.Url)
            $logged.Count | Should -Be 1
            if ($Default) { $logged[0].parameters.$Field | Should -Be $Default } else { $logged[0].parameters.$Field | Should -BeNullOrEmpty }
            "$($logged[0].query)" | Should -Not -Match "(^|&)$Field="
        }
    }

    It 'trims the blanks around <Command> -<Parameter> ''<Value>''' -ForEach @(
        @{ Command = 'Start-AuthyPhoneVerification'; Base = @{ PhoneNumber = '5557000005'; CountryCode = 1 }; Parameter = 'Via'; Value = 'call '; Field = 'via'; Expected = 'call' }
        @{ Command = 'Test-AuthyPhoneVerification'; Base = @{ PhoneNumber = '5557000005'; CountryCode = 1 }; Parameter = 'Code'; Value = ' 1234'; Field = 'verification_code'; Expected = '1234' }
    ) {
        $splat = @{} + $Base
        $splat[$Parameter] = $Value
        $null = & $Command @splat -ErrorAction SilentlyContinue
        (Get-EmulatorRequests $emulator.Url)[0].parameters.$Field | Should -Be $Expected
    }

    It 'keeps the leading zero of a token given as text' {
        Test-AuthyToken -AuthyId 999999 -Token '0123456' -ErrorAction SilentlyContinue
        (Get-EmulatorRequests $emulator.Url)[0].path | Should -Be '/protected/json/verify/0123456/999999'
    }

    It 'sends SQL and script fragments in free text as text, form-encoded' {
        $text = "Robert'); DROP TABLE users;-- `$(whoami) <b>"
        New-AuthyApprovalRequest -AuthyId 999999 -Message $text -ErrorAction SilentlyContinue
        $logged = Get-EmulatorRequests $emulator.Url
        $logged[0].path | Should -Be '/onetouch/json/users/999999/approval_requests'
        $logged[0].parameters.message | Should -Be $text
    }

    It 'allows line breaks and right-to-left marks in a message' {
        $text = "Approve?`nשלום$([char]0x200F)!"
        New-AuthyApprovalRequest -AuthyId 999999 -Message $text -ErrorAction SilentlyContinue
        (Get-EmulatorRequests $emulator.Url)[0].parameters.message | Should -Be $text
    }
}
