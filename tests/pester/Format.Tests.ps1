# The default table views (src/Authy/Authy.Format.ps1xml) at the two console widths people have: every header on
# one line and no line wider than the console at 80 columns, and a typical email whole at 120.

BeforeDiscovery {
    # One typical object per view, with values as wide as real ones get.
    $script:email = 'margaret.hamilton@example.com'
    $script:samples = @(
        @{ Type = 'AuthyUser'; Object = @{ AuthyId = 123456789; Email = $email; Cellphone = '4155550100'; CountryCode = 1; Message = 'User created successfully.' } }
        @{ Type = 'AuthyUserStatus'; Object = @{ AuthyId = 123456789; Confirmed = $true; Registered = $true; CountryCode = 44; PhoneNumber = 'XXX-XXX-1234'; Email = $email; Devices = [string[]]('android', 'iphone') } }
        @{ Type = 'AuthyOperationResult'; Object = @{ AuthyId = 123456789; Operation = 'Remove'; Success = $true; Message = 'User removed from application' } }
        @{ Type = 'AuthyTokenDelivery'; Object = @{ AuthyId = 123456789; Channel = 'email'; Sent = $true; Email = $email; EmailId = 'BM1c1de7c9a6c4e0f4'; Message = 'Email token was sent' } }
        @{ Type = 'AuthyTokenVerification'; Object = @{ AuthyId = 123456789; IsValid = $false; ErrorCode = '60019'; Message = 'Token is invalid. Token was used recently.' } }
        @{ Type = 'AuthyQrCode'; Object = @{ AuthyId = 123456789; QrCodeUrl = 'https://api.authy.com/protected/json/users/123456789/secret.png?token=0123456789abcdef'; Label = 'Contoso' } }
        @{ Type = 'AuthyTotpSecret'; Object = @{ AuthyId = 123456789; Otp = '123456'; PlainTextSecret = 'JBSWY3DPEHPK3PXP' } }
        @{ Type = 'AuthyApprovalRequest'; Object = @{ Uuid = '550e8400-e29b-41d4-a716-446655440000'; AuthyId = 123456789; Status = 'approved'; ProcessedAt = [datetimeoffset]'2026-11-29T12:00:00Z'; UserEmail = $email } }
        @{ Type = 'AuthyPhoneVerification'; Object = @{ Uuid = '550e8400-e29b-41d4-a716-446655440000'; PhoneNumber = '4155550100'; CountryCode = 1; Via = 'sms'; Carrier = 'Verizon Wireless'; IsCellphone = $true; SecondsToExpire = 599 } }
        @{ Type = 'AuthyPhoneVerificationCheck'; Object = @{ PhoneNumber = '4155550100'; CountryCode = 1; IsValid = $true; Message = 'Verification code is correct.' } }
        @{ Type = 'AuthyPhoneVerificationStatus'; Object = @{ Uuid = '550e8400-e29b-41d4-a716-446655440000'; PhoneNumber = '4155550100'; CountryCode = 1; Status = 'pending'; SecondsToExpire = 599 } }
        @{ Type = 'AuthyPhoneInfo'; Object = @{ PhoneNumber = '4155550100'; CountryCode = 1; Type = 'cellphone'; Provider = 'Verizon Wireless'; IsPorted = $false } }
        @{ Type = 'AuthyApplication'; Object = @{ AppId = 1234567; Name = 'Contoso Admin Portal'; Plan = 'pay_as_you_go'; SmsEnabled = $true; PhoneCallsEnabled = $true; OnetouchEnabled = $true } }
        @{ Type = 'AuthyMonthlyStatistics'; Object = @{ AppId = 1234567; Year = 2026; Month = 'September'; MonthNumber = 9; SmsCount = 1234567; CallsCount = 123456; UsersCount = 123456; AuthsCount = 1234567; ApiCallsCount = 12345678 } }
        @{ Type = 'AuthyConnection'; Object = @{ ApiUrl = [uri]'https://api.authy.com/'; ApiKey = '****abcd'; Timeout = [timespan]::FromSeconds(15); MaxRetry = 3; Source = 'Connect-Authy' } }
        @{ Type = 'AuthyEmulator'; Object = @{ Url = [uri]'http://127.0.0.1:54321/'; ProcessId = 123456; ApiKey = '****0000' } }
        @{ Type = 'AuthyLogo'; Object = @{ Res = 'default'; Url = 'https://example.com/images/contoso-logo-default.png' } }
        # A type outside Authy.Models goes by its full name.
        @{ Type = 'Authy.Verify.Models.TwilioVerification'; Object = @{ Sid = 'VE0123456789abcdef0123456789abcdef'; To = '+447700900123'; Channel = 'whatsapp'; Status = 'max_attempts_reached'; Valid = $false; SendCount = 5 } }
        @{ Type = 'Authy.Verify.Models.TwilioVerificationCheck'; Object = @{ Sid = 'VE0123456789abcdef0123456789abcdef'; To = '+447700900123'; Channel = 'sms'; Status = 'approved'; Valid = $true } }
        @{ Type = 'Authy.Verify.Models.TwilioVerifyConnection'; Object = @{ ServiceSid = 'VA0123456789abcdef0123456789abcdef'; AccountSid = 'AC0123456789abcdef0123456789abcdef'; Username = 'SK0123456789abcdef0123456789abcdef'; Secret = '****abcd'; ApiUrl = [uri]'https://verify.twilio.com/'; Timeout = [timespan]::FromSeconds(15); MaxRetry = 3; Source = 'Connect-TwilioVerify' } }
        @{ Type = 'Authy.Verify.Models.TwilioVerifyService'; Object = @{ Sid = 'VA0123456789abcdef0123456789abcdef'; FriendlyName = 'Contoso sign-in for staff 2024'; CodeLength = 8; TotpIssuer = 'Contoso Staff Portal'; TotpTimeStep = 30; TotpCodeLength = 6; TotpSkew = 1 } }
        @{ Type = 'Authy.Verify.Models.TwilioPhoneInfo'; Object = @{ PhoneNumber = '+447700900123'; Valid = $true; CountryCode = 'GB'; CallingCountryCode = '44'; NationalFormat = '07700 900123'; LineType = 'nonFixedVoip'; Carrier = 'Twilio - SMS/MMS-SVR' } }
        @{ Type = 'Authy.Verify.Models.TwilioVerifyChallenge'; Object = @{ Sid = 'YC0123456789abcdef0123456789abcdef'; Status = 'approved'; Identity = 'ff483d1ff591898a9942916050d2ca3f'; Message = 'Approve the wire transfer of 1,250.00 EUR to Contoso Ltd?' } }
        @{ Type = 'Authy.Verify.Signing.TwilioRequestSignatureResult'; Object = @{ IsValid = $false; Outcome = 'SignatureMismatch'; Url = 'https://hooks.example.com/twilio/verify?tenant=7'; Message = 'The signature is not Twilio''s.' } }
        @{ Type = 'Authy.Verify.Models.TwilioVerifyFactor'; Object = @{ Sid = 'YF0123456789abcdef0123456789abcdef'; Identity = '550e8400-e29b-41d4-a716-446655440000'; FriendlyName = 'Margaret''s iPhone 15'; FactorType = 'passkeys'; Status = 'unverified' } }
        @{ Type = 'Authy.Verify.Models.TwilioVerifyEntity'; Object = @{ Identity = '550e8400-e29b-41d4-a716-446655440000'; Sid = 'YE0123456789abcdef0123456789abcdef' } }
    )
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-AuthyUnderTest
    # Colours would make lines look longer than they are.
    if (Get-Variable PSStyle -ErrorAction SilentlyContinue) { $PSStyle.OutputRendering = 'PlainText' }

    [xml] $script:format = Get-Content -Raw (Join-Path $env:AUTHY_TEST_MODULE 'Authy.Format.ps1xml')

    # A sample's type: a short name is in Authy.Models, a dotted one is already full.
    function script:Get-FullTypeName([string] $TypeName) { if ($TypeName.Contains('.')) { $TypeName } else { "Authy.Models.$TypeName" } }

    # The table view of a type: its column labels, in order.
    function script:Get-ViewLabels([string] $TypeName) {
        $view = $format.Configuration.ViewDefinitions.View | Where-Object { $_.ViewSelectedBy.TypeName -eq (Get-FullTypeName $TypeName) -and $_.TableControl }
        @($view.TableControl.TableHeaders.TableColumnHeader | ForEach-Object Label)
    }

    function script:Get-Rendered([string] $TypeName, [hashtable] $Properties, [int] $Width) {
        $object = New-Object (Get-FullTypeName $TypeName) -Property $Properties
        @(($object | Out-String -Width $Width) -split '\r?\n' | Where-Object { $_.Trim() })
    }
}

Describe 'The default views' {
    It 'has a sample here for every table view in the format file' {
        $viewed = @($format.Configuration.ViewDefinitions.View | Where-Object TableControl | ForEach-Object { $_.ViewSelectedBy.TypeName -replace '^Authy\.Models\.' })
        $sampled = @($samples | ForEach-Object Type)
        @($viewed | Where-Object { $_ -notin $sampled }) | Should -BeNullOrEmpty
    }
}

Describe 'The <Type> table' -ForEach $samples {
    It 'fits <_> columns with every header on one line' -ForEach 80, 120 {
        $lines = Get-Rendered $Type $Object $_
        $labels = Get-ViewLabels $Type
        $labels | Should -Not -BeNullOrEmpty
        # Header, dashes, one row: a wrapped header would add a line, and a dropped column would lose its label.
        $lines.Count | Should -Be 3 -Because ($lines -join "`n")
        $header = $lines[0]
        foreach ($label in $labels) { $header | Should -Match "(^| )$([regex]::Escape($label))( |$)" -Because "'$label' should be whole on the header line: $header" }
        $lines[1] | Should -Match '^[- ]+$'
        foreach ($line in $lines) { $line.Length | Should -BeLessOrEqual $_ -Because "'$line' should fit $_ columns" }
    }
}

Describe 'The <Type> table of an object with an email' -ForEach @($samples | Where-Object { $_.Object.Email }) {
    It 'has an Email column, whole at 120 columns' {
        Get-ViewLabels $Type | Should -Contain 'Email'
        (Get-Rendered $Type $Object 120)[2] | Should -Match ([regex]::Escape($Object.Email))
    }
}
