using Microsoft.AspNetCore.Http;

namespace Authy.Emulator.Pipeline;

/// <summary>Writes API and control replies with the exact Content-Type the real service used.</summary>
internal static class ResponseWriter
{
    /// <summary>docs/api/authy.md §1.5: "application/json;charset=utf-8" (no space), as recorded from the service.</summary>
    public const string JsonContentType = "application/json;charset=utf-8";

    public const string XmlContentType = "application/xml;charset=utf-8";

    public static Task WriteAsync(HttpContext context, ApiResponse response, bool xml)
    {
        context.Response.StatusCode = response.Status;
        context.Response.Headers["X-Content-Type-Options"] = "nosniff";
        if (xml)
        {
            return WriteTextAsync(context, RailsXml.Serialize(response.Body, response.IsError), XmlContentType);
        }

        return WriteTextAsync(context, CompactJson.Serialize(response.Body), JsonContentType);
    }

    public static Task WriteTextAsync(HttpContext context, string text, string contentType)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        context.Response.ContentType = contentType;
        context.Response.ContentLength = bytes.Length;
        return context.Response.Body.WriteAsync(bytes, 0, bytes.Length);
    }
}
