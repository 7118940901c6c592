using System.Collections;

namespace Authy.Signing;

/// <summary>
/// PowerShell values to the JSON Authy signed a callback over: what Test-AuthyCallbackSignature -Parameters
/// takes (a hashtable, nested or with Rack keys, or ConvertFrom-Json's objects) becomes the parameter hash
/// that <see cref="CallbackSignature"/> puts into Rails query form.
/// </summary>
internal static class PSObjectJson
{
    /// <summary>A hashtable to the JSON hash Authy signed: nested dictionaries, lists and objects follow, Rack keys are unfolded.</summary>
    internal static JObject FromDictionary(IDictionary? dictionary)
    {
        if (dictionary == null)
        {
            return new JObject();
        }

        var pairs = new List<KeyValuePair<string, JToken>>();
        foreach (DictionaryEntry entry in dictionary)
        {
            var key = Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty;
            pairs.Add(new KeyValuePair<string, JToken>(key, ToToken(entry.Value, 0)));
        }

        return RailsQuery.FromPairs(pairs);
    }

    private static JToken ToToken(object? value, int depth)
    {
        if (depth > 64)
        {
            throw new FormatException("The parameters nest more than 64 levels deep.");
        }

        if (value is PSObject wrapped)
        {
            if (wrapped.BaseObject is PSCustomObject)
            {
                // ConvertFrom-Json without -AsHashtable: the note properties are the fields, in order.
                var fields = new JObject();
                foreach (var property in wrapped.Properties)
                {
                    fields[property.Name] = ToToken(property.Value, depth + 1);
                }

                return fields;
            }

            value = wrapped.BaseObject;
        }

        switch (value)
        {
            case null:
                return JValue.CreateNull();
            case JToken token:
                return token.DeepClone();
            case string text:
                return new JValue(text);
            case bool flag:
                return new JValue(flag);
            case char character:
                return new JValue(character.ToString());
            case byte _:
            case sbyte _:
            case short _:
            case ushort _:
            case int _:
            case uint _:
            case long _:
                return new JValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
            case ulong unsigned:
                return new JValue(unsigned);
            case float _:
            case double _:
                return new JValue(Convert.ToDouble(value, CultureInfo.InvariantCulture));
            case decimal number:
                return new JValue(number);
            case IDictionary nested:
                var hash = new JObject();
                foreach (DictionaryEntry entry in nested)
                {
                    hash[Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty] = ToToken(entry.Value, depth + 1);
                }

                return hash;
            case IEnumerable items:
                var array = new JArray();
                foreach (var item in items)
                {
                    array.Add(ToToken(item, depth + 1));
                }

                return array;
            default:
                return new JValue(LanguagePrimitives.ConvertTo<string>(value));
        }
    }
}
