using System.IO;
using System.Runtime.InteropServices;
using System.Security;
using Authy.Verify;
using Authy.Verify.Models;

namespace Authy.Cmdlets.Verify;

/// <summary>
/// New-TwilioVerifyFactor: enrols a TOTP factor for an identity (POST …/Entities/{Identity}/Factors, FactorType
/// totp; docs/api/verify.md §4.5), creating the entity when it is new. The reply's binding (secret and otpauth URI) is
/// the only time Twilio shows it, so the factor written keeps both as SecureStrings, and the enrolment QR code is
/// drawn here, locally: -QrCode to the host (the information stream, never the output), -QrCodePath to a PNG.
/// The factor stays unverified until Confirm-TwilioVerifyFactor sends its first code.
/// </summary>
[Cmdlet(VerbsCommon.New, "TwilioVerifyFactor", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(TwilioVerifyFactor))]
public sealed class NewTwilioVerifyFactorCommand : VerifyIdentityCmdlet
{
    private static readonly string[] FriendlyNameNames = { "FriendlyName", "friendly_name", "Name", "DeviceName" };

    /// <summary>The tags of the QR code written to the information stream (a host shows PSHOST ones).</summary>
    private static readonly string[] QrCodeTags = { "PSHOST", "QrCode" };

    /// <summary>The name the authenticator app shows for the account (at most 64 characters).</summary>
    [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
    [Alias("friendly_name")]
    public string? FriendlyName { get; set; }

    /// <summary>A Base32 seed the person already has (a migration); without it Twilio makes one.</summary>
    [Parameter]
    public SecureString? Secret { get; set; }

    /// <summary>Seconds per code, 20 to 60 (default: the service's, else 30).</summary>
    [Parameter]
    [WholeNumber]
    [ValidateRange(TotpRules.MinTimeStep, TotpRules.MaxTimeStep)]
    public int? TimeStep { get; set; }

    /// <summary>Digits per code, 3 to 8 (default: the service's, else 6).</summary>
    [Parameter]
    [WholeNumber]
    [ValidateRange(TotpRules.MinCodeLength, TotpRules.MaxCodeLength)]
    public int? CodeLength { get; set; }

    /// <summary>Time steps either side of now that still count, 0 to 2 (default: the service's, else 1).</summary>
    [Parameter]
    [WholeNumber]
    [ValidateRange(TotpRules.MinSkew, TotpRules.MaxSkew)]
    public int? Skew { get; set; }

    /// <summary>The HMAC of the codes: sha1 (the default, what every app supports), sha256 or sha512.</summary>
    [Parameter]
    [ValidateSet("sha1", "sha256", "sha512")]
    public string? Algorithm { get; set; }

    /// <summary>Draw the enrolment QR code in the terminal (to the host, through the information stream).</summary>
    [Parameter]
    public SwitchParameter QrCode { get; set; }

    /// <summary>Write the enrolment QR code to this PNG file (its folder must exist; an existing file is replaced).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? QrCodePath { get; set; }

    /// <summary>Enrol without asking for confirmation.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    private SecureString? _secret;

    // The PNG files this command writes: a second record naming one already taken would replace the first record's
    // QR code, and with it the only copy of that factor's secret Twilio ever shows.
    private readonly HashSet<string> _pngPaths = new HashSet<string>(
        RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        if (Secret == null)
        {
            return;
        }

        // Checked once, before any record is sent; the message says where the seed is wrong, never what it is.
        _secret = TotpRules.Base32Secret(Secret, out var problem);
        if (problem != null)
        {
            ThrowTerminatingError(AuthyErrorRecords.Invalid("InvalidSecret", problem, null, ErrorIdPrefix));
        }
    }

    protected override bool ResolveRecord() => ReadIdentity(required: true);

    protected override void ProcessInput()
    {
        var name = ReadRequired(FriendlyName, FriendlyNameNames, "friendly name", nameof(FriendlyName), "InvalidText", TotpRules.FriendlyName);
        if (name == null)
        {
            return;
        }

        string? png = null;
        if (!string.IsNullOrWhiteSpace(QrCodePath))
        {
            png = ReadPngPath(QrCodePath!);
            if (png == null)
            {
                return;
            }
        }

        var request = new TotpFactorRequest
        {
            Identity = CurrentIdentity,
            FriendlyName = name,
            Secret = _secret,
            TimeStep = TimeStep,
            CodeLength = CodeLength,
            Skew = Skew,
            Algorithm = Algorithm,
        };
        var terminal = QrCode.IsPresent;
        EnqueueConfirmed(RecordTarget, request.Identity, $"Create a TOTP factor '{name}'", Force, async (log, cancellationToken) =>
        {
            var factor = await Verify.NewTotpFactorAsync(request, log, cancellationToken).ConfigureAwait(false);
            return new Enrolment(factor, terminal, png);
        });
    }

    /// <summary>Draws the QR code where asked, then writes the factor: it is written even when the file cannot be, since its secret exists nowhere else.</summary>
    protected override void WriteResult(object result)
    {
        if (!(result is Enrolment enrolment))
        {
            base.WriteResult(result);
            return;
        }

        var uri = enrolment.Factor.BindingUri;
        if (uri == null && (enrolment.Terminal || enrolment.PngPath != null))
        {
            WriteWarning($"Twilio sent no otpauth URI for factor {enrolment.Factor.Sid}, so there is no QR code to draw.");
        }
        else if (uri != null)
        {
            if (enrolment.Terminal)
            {
                var text = QrCodes.Terminal(uri);
                WriteInformation(new HostInformationMessage { Message = text, NoNewLine = false }, QrCodeTags);
            }

            if (enrolment.PngPath != null)
            {
                try
                {
                    File.WriteAllBytes(enrolment.PngPath, QrCodes.Png(uri));
                }
                catch (Exception failure) when (failure is IOException || failure is UnauthorizedAccessException)
                {
                    WriteWarning($"The QR code of factor {enrolment.Factor.Sid} could not be written to '{enrolment.PngPath}': {failure.Message} The factor is written below; draw it again with its BindingUri.");
                }
            }
        }

        WriteObject(enrolment.Factor);
    }

    /// <summary>
    /// The file system path for the PNG, checked before any request: its folder must exist, it must not be a folder, and
    /// no earlier record of this command may have taken it.
    /// </summary>
    private string? ReadPngPath(string path)
    {
        string full;
        try
        {
            full = SessionState.Path.GetUnresolvedProviderPathFromPSPath(path, out var provider, out _);
            if (!string.Equals(provider.Name, "FileSystem", StringComparison.OrdinalIgnoreCase))
            {
                WriteInvalidValue("InvalidPath", $"-QrCodePath '{InputRules.Shorten(path)}' is not a file system path.", path);
                return null;
            }
        }
        catch (Exception failure) when (failure is ItemNotFoundException || failure is ProviderNotFoundException || failure is System.Management.Automation.DriveNotFoundException || failure is NotSupportedException || failure is ArgumentException || failure is PSInvalidOperationException)
        {
            WriteInvalidValue("InvalidPath", $"-QrCodePath '{InputRules.Shorten(path)}' is not a path: {failure.Message}", path);
            return null;
        }

        if (Directory.Exists(full))
        {
            WriteInvalidValue("InvalidPath", $"-QrCodePath '{InputRules.Shorten(path)}' is a folder; give a file name such as factor.png.", path);
            return null;
        }

        var folder = Path.GetDirectoryName(full);
        if (string.IsNullOrEmpty(folder) || !Directory.Exists(folder))
        {
            WriteInvalidValue("InvalidPath", $"-QrCodePath '{InputRules.Shorten(path)}': the folder '{InputRules.Shorten(folder ?? string.Empty)}' does not exist.", path);
            return null;
        }

        if (!_pngPaths.Add(full))
        {
            // This record's error, not the path's (it was fine for the record that took it): later records go on.
            WriteInvalidValue("InvalidPath", $"-QrCodePath '{InputRules.Shorten(path)}' already holds the QR code of an earlier record of this command; give each factor a file of its own (a QrCodePath column binds per row).", null);
            return null;
        }

        return full;
    }

    /// <summary>A created factor with where its QR code goes, handed from the worker to the pipeline thread.</summary>
    private sealed class Enrolment(TwilioVerifyFactor factor, bool terminal, string? pngPath)
    {
        public TwilioVerifyFactor Factor { get; } = factor;

        public bool Terminal { get; } = terminal;

        public string? PngPath { get; } = pngPath;
    }
}
