using System.Text.Json;
using System.Xml;

namespace Authy.Emulator.Json;

/// <summary>
/// A minimal Rails <c>Hash#to_xml</c> for the <c>/xml/</c> variants (docs/api/authy.md §1.9): root
/// <c>&lt;hash&gt;</c> (errors: <c>&lt;errors&gt;</c>), dasherized keys, <c>type="integer"</c>,
/// <c>type="boolean"</c>, <c>nil="true"</c>, arrays as <c>type="array"</c> with singular children.
/// </summary>
public static class RailsXml
{
    public static string Serialize(JsonObject body, bool isError)
    {
        var builder = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        WriteHash(builder, isError ? "errors" : "hash", body, 0);
        return builder.ToString();
    }

    private static void WriteHash(StringBuilder builder, string name, JsonObject hash, int depth)
    {
        var indent = new string(' ', depth * 2);
        builder.Append(indent).Append('<').Append(name).Append(">\n");
        foreach (var (key, value) in hash)
        {
            WriteNode(builder, Dasherize(key), value, depth + 1);
        }

        builder.Append(indent).Append("</").Append(name).Append(">\n");
    }

    private static void WriteNode(StringBuilder builder, string name, JsonNode? node, int depth)
    {
        var indent = new string(' ', depth * 2);
        switch (node)
        {
            case null:
                builder.Append(indent).Append('<').Append(name).Append(" nil=\"true\"/>\n");
                break;
            case JsonObject obj:
                WriteHash(builder, name, obj, depth);
                break;
            case JsonArray array when array.Count == 0:
                builder.Append(indent).Append('<').Append(name).Append(" type=\"array\"/>\n");
                break;
            case JsonArray array:
                builder.Append(indent).Append('<').Append(name).Append(" type=\"array\">\n");
                var child = Singularize(name);
                foreach (var element in array)
                {
                    WriteNode(builder, child, element, depth + 1);
                }

                builder.Append(indent).Append("</").Append(name).Append(">\n");
                break;
            case JsonValue value:
                var kind = value.GetValueKind();
                var type = kind switch
                {
                    JsonValueKind.True or JsonValueKind.False => " type=\"boolean\"",
                    JsonValueKind.Number => value.ToJsonString().Contains('.') ? " type=\"float\"" : " type=\"integer\"",
                    _ => "",
                };
                var text = kind switch
                {
                    JsonValueKind.String => value.GetValue<string>(),
                    JsonValueKind.True => "true",
                    JsonValueKind.False => "false",
                    _ => value.ToJsonString(),
                };
                if (kind == JsonValueKind.Null)
                {
                    builder.Append(indent).Append('<').Append(name).Append(" nil=\"true\"/>\n");
                    break;
                }

                builder.Append(indent).Append('<').Append(name).Append(type).Append('>')
                    .Append(Escape(text)).Append("</").Append(name).Append(">\n");
                break;
        }
    }

    private static string Dasherize(string key)
    {
        var name = key.Replace('_', '-').Replace(' ', '-');
        try
        {
            return XmlConvert.VerifyName(name.TrimStart('-'));
        }
        catch (XmlException)
        {
            return XmlConvert.EncodeName(name);
        }
    }

    private static string Singularize(string name) =>
        name.EndsWith("ies") ? name[..^3] + "y" : name.EndsWith('s') ? name[..^1] : name;

    private static string Escape(string text) =>
        text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\"", "&quot;");
}
