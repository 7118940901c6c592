using System;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using System.Security;
using Authy.Emulator;
using Authy.Http;
using Authy.Models;
using Authy.Session;
using Authy.Validation;

namespace Authy.Cmdlets
{
    /// <summary>
    /// Start-AuthyEmulator: runs the Authy emulator shipped with the module on 127.0.0.1 and connects this
    /// session to it, so scripts can be dry-run with no account and no network.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Start, "AuthyEmulator")]
    [OutputType(typeof(AuthyEmulator))]
    public sealed class StartAuthyEmulatorCommand : PSCmdlet
    {
        /// <summary>The key the emulator accepts when none is given (documented, not a secret).</summary>
        public const string DemoApiKey = "AuthyEmulatorDemoKey000000000000";

        [Parameter(Position = 0)]
        [WholeNumber]
        [ValidateRange(0, 65535)]
        public int Port { get; set; }

        [Parameter]
        public SecureString? ApiKey { get; set; }

        [Parameter]
        [WholeNumber]
        [ValidateRange(0, 60000)]
        public int LatencyMs { get; set; }

        [Parameter]
        [ValidateRange(0.0, 1.0)]
        public double FaultRate { get; set; }

        [Parameter]
        [ValidateSet("429", "500", "503", "reset", "timeout")]
        public string[]? FaultKinds { get; set; }

        [Parameter]
        public int? Seed { get; set; }

        [Parameter]
        [WholeNumber]
        [ValidateRange(1, 100000)]
        public int? RateLimit { get; set; }

        [Parameter]
        [SecondsToTimeSpan]
        public TimeSpan? DeletionDelay { get; set; }

        [Parameter]
        public Uri? CallbackUrl { get; set; }

        [Parameter]
        [ValidateSet("POST", "GET")]
        public string CallbackMethod { get; set; } = "POST";

        /// <summary>Phone verification accepts -CustomCode (otherwise 403/60021, as for an application without the feature).</summary>
        [Parameter]
        public SwitchParameter AllowCustomCodes { get; set; }

        /// <summary>Answer the TOTP seed export (Export-AuthyTotpSecret) instead of refusing it with 60154, as Authy does unless support enabled it.</summary>
        [Parameter]
        public SwitchParameter EnableSecretExport { get; set; }

        /// <summary>Phone verification refuses -CustomMessage with 403/60021, as for an application without the feature.</summary>
        [Parameter]
        public SwitchParameter DenyCustomMessages { get; set; }

        /// <summary>Start it without connecting the session to it.</summary>
        [Parameter]
        public SwitchParameter NoConnect { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void EndProcessing()
        {
            if (CallbackUrl != null && (!CallbackUrl.IsAbsoluteUri || (CallbackUrl.Scheme != Uri.UriSchemeHttp && CallbackUrl.Scheme != Uri.UriSchemeHttps)))
            {
                ThrowTerminatingError(new ErrorRecord(
                    new ArgumentException($"-CallbackUrl must be an absolute http:// or https:// URL, such as http://127.0.0.1:8080/authy/ (got '{CallbackUrl}')."),
                    "Authy.InvalidCallbackUrl",
                    ErrorCategory.InvalidArgument,
                    CallbackUrl));
                return;
            }

            var key = ApiKey ?? SecureText.Protect(DemoApiKey);
            EmulatorProcess emulator;
            try
            {
                emulator = EmulatorProcess.Start(BuildArguments(), TimeSpan.FromSeconds(60), SecureText.Reveal(key));
            }
            catch (Exception failed) when (failed is InvalidOperationException || failed is System.IO.FileNotFoundException || failed is System.ComponentModel.Win32Exception)
            {
                ThrowTerminatingError(new ErrorRecord(failed, "Authy.EmulatorNotStarted", ErrorCategory.ResourceUnavailable, null));
                return;
            }

            // The one this session started before is replaced only once the new one runs, so a failed
            // start leaves the session as it was.
            EmulatorRegistry.Take()?.Dispose();
            EmulatorRegistry.Set(emulator);
            WriteVerbose($"Authy emulator (process {emulator.ProcessId}) listening on {emulator.Url}.");
            if (!NoConnect)
            {
                AuthySessionStore.Set(new AuthySession(new AuthyClientSettings(emulator.Url), key, "Start-AuthyEmulator"));
            }

            if (PassThru)
            {
                WriteObject(new AuthyEmulator { Url = emulator.Url, ProcessId = emulator.ProcessId, ApiKey = SecureText.Mask(key) });
            }
        }

        private List<string> BuildArguments()
        {
            var arguments = new List<string> { "--urls", "http://127.0.0.1:" + Port.ToString(CultureInfo.InvariantCulture) };
            if (LatencyMs > 0)
            {
                arguments.Add("--latency-ms");
                arguments.Add(LatencyMs.ToString(CultureInfo.InvariantCulture));
            }

            if (FaultRate > 0)
            {
                arguments.Add("--fault-rate");
                arguments.Add(FaultRate.ToString(CultureInfo.InvariantCulture));
                arguments.Add("--fault-kinds");
                arguments.Add(string.Join(",", FaultKinds ?? new[] { "429", "500", "503", "reset", "timeout" }));
            }

            if (Seed.HasValue)
            {
                arguments.Add("--seed");
                arguments.Add(Seed.Value.ToString(CultureInfo.InvariantCulture));
            }

            if (RateLimit.HasValue)
            {
                arguments.Add("--rate-limit");
                arguments.Add(RateLimit.Value.ToString(CultureInfo.InvariantCulture));
            }

            if (DeletionDelay.HasValue)
            {
                arguments.Add("--deletion-delay");
                arguments.Add(((long)DeletionDelay.Value.TotalSeconds).ToString(CultureInfo.InvariantCulture));
            }

            if (CallbackUrl != null)
            {
                arguments.Add("--callback-url");
                arguments.Add(CallbackUrl.AbsoluteUri);
                arguments.Add("--callback-method");
                arguments.Add(CallbackMethod);
            }

            if (EnableSecretExport)
            {
                arguments.Add("--enable-secret-export");
            }

            if (AllowCustomCodes)
            {
                arguments.Add("--allow-custom-codes");
            }

            if (DenyCustomMessages)
            {
                arguments.Add("--deny-custom-messages");
            }

            return arguments;
        }
    }
}
