using System.Net.Http;
using Authy.Emulator.Signing;

namespace Authy.Emulator.OneTouch;

/// <summary>
/// Delivers the OneTouch callback of docs/api/authy.md §2.14 to <c>--callback-url</c>: POST with a JSON
/// body, or GET with the payload flattened into a Rack query string, signed with
/// X-Authy-Signature / X-Authy-Signature-Nonce using the application's API key.
/// </summary>
internal sealed class CallbackSender
{
    private readonly EmulatorServices _services;

    public CallbackSender(EmulatorServices services)
    {
        _services = services;
    }

    /// <summary>The outcome for the control reply: null when no callback is configured.</summary>
    public async Task<JsonObject?> SendAsync(JsonObject payload, CancellationToken cancellationToken)
    {
        if (_services.Options.CallbackUrl is not { } callbackUrl)
        {
            return null;
        }

        var method = _services.Options.CallbackMethod == CallbackMethod.Get ? "GET" : "POST";
        // The signed URL is scheme://host[:port]/path without the query string (2.14).
        var signedUrl = callbackUrl.GetLeftPart(UriPartial.Path);
        var nonce = _services.Clock.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = CallbackSigner.Sign(_services.Options.ApiKey, nonce, method, signedUrl, payload);

        using var message = new HttpRequestMessage(method == "GET" ? HttpMethod.Get : HttpMethod.Post, callbackUrl);
        if (method == "GET")
        {
            var query = RailsQueryEncoder.ToQuery(payload);
            var existing = callbackUrl.Query.TrimStart('?');
            message.RequestUri = new Uri(signedUrl + "?" + (existing.Length > 0 ? existing + "&" : "") + query);
        }
        else
        {
            message.Content = new StringContent(CompactJson.Serialize(payload), Encoding.UTF8, "application/json");
        }

        message.Headers.TryAddWithoutValidation(CallbackSigner.NonceHeader, nonce);
        message.Headers.TryAddWithoutValidation(CallbackSigner.SignatureHeader, signature);

        var outcome = new JsonObject { ["url"] = callbackUrl.ToString(), ["method"] = method };
        try
        {
            using var response = await _services.CallbackClient.SendAsync(message, cancellationToken).ConfigureAwait(false);
            outcome["status"] = (int)response.StatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            outcome["status"] = null;
            outcome["error"] = e.Message;
        }

        return outcome;
    }
}
