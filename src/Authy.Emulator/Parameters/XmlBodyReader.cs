using System.Xml;
using System.Xml.Linq;

namespace Authy.Emulator.Parameters;

/// <summary>
/// XML request bodies as the XML-era java client sent them
/// (<c>&lt;user&gt;&lt;cellphone&gt;..&lt;/cellphone&gt;&lt;/user&gt;</c>, docs/api/authy.md §1.9): the root
/// element becomes a top-level parameter holding its children, as Rails' XML params parser does.
/// </summary>
public static class XmlBodyReader
{
    public static JsonObject Parse(string body)
    {
        var result = new JsonObject();
        if (string.IsNullOrWhiteSpace(body))
        {
            return result;
        }

        try
        {
            var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
            using var reader = XmlReader.Create(new System.IO.StringReader(body), settings);
            var root = XElement.Load(reader);
            result[Undasherize(root.Name.LocalName)] = ToNode(root);
            return result;
        }
        catch (XmlException e)
        {
            throw new ParameterParseException("Invalid XML body: " + e.Message);
        }
    }

    private static JsonNode? ToNode(XElement element)
    {
        if ((string?)element.Attribute("nil") == "true")
        {
            return null;
        }

        if (!element.HasElements)
        {
            return JsonValue.Create(element.Value);
        }

        if ((string?)element.Attribute("type") == "array")
        {
            return new JsonArray(element.Elements().Select(ToNode).ToArray());
        }

        var obj = new JsonObject();
        foreach (var child in element.Elements())
        {
            obj[Undasherize(child.Name.LocalName)] = ToNode(child);
        }

        return obj;
    }

    private static string Undasherize(string name) => name.Replace('-', '_');
}
