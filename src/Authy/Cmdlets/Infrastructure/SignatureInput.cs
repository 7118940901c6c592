using System;
using System.Collections;
using System.Collections.Specialized;
using System.Globalization;
using System.Management.Automation;

namespace Authy.Cmdlets.Infrastructure
{
    /// <summary>
    /// How the two signature cmdlets (Test-AuthyCallbackSignature, Test-TwilioRequestSignature) read a request
    /// as a web framework hands it over: its headers, and its URL exactly as it was called.
    /// </summary>
    internal static class SignatureInput
    {
        /// <summary>A header's value (the first, when it repeats), trimmed; names in any case; null when absent.</summary>
        internal static string? HeaderValue(IDictionary headers, string name)
        {
            foreach (DictionaryEntry entry in headers)
            {
                var entryName = Convert.ToString(entry.Key is PSObject key ? key.BaseObject : entry.Key, CultureInfo.InvariantCulture)?.Trim();
                if (string.Equals(entryName, name, StringComparison.OrdinalIgnoreCase))
                {
                    var value = entry.Value is PSObject wrapped ? wrapped.BaseObject : entry.Value;
                    if (value is string text)
                    {
                        return text.Trim();
                    }

                    if (value is IEnumerable values)
                    {
                        foreach (var item in values)
                        {
                            return Convert.ToString(item is PSObject inner ? inner.BaseObject : item, CultureInfo.InvariantCulture)?.Trim();
                        }

                        return null;
                    }

                    return Convert.ToString(value, CultureInfo.InvariantCulture)?.Trim();
                }
            }

            return null;
        }
    }

    /// <summary>
    /// A [Uri] (HttpListener's Request.Url) becomes its original text: PowerShell's own conversion uses
    /// Uri.ToString(), which unescapes the query and would change the URL (and parameters) that were signed.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property)]
    internal sealed class UrlOriginalTextAttribute : ArgumentTransformationAttribute
    {
        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            return value is Uri uri ? uri.OriginalString : inputData;
        }
    }

    /// <summary>
    /// HttpListener's NameValueCollection (Headers, QueryString) and WebHeaderCollection become a hashtable
    /// whose values are the arrays of values, so repeated names keep every value. Names are compared as
    /// <see cref="IgnoreCase"/> says (headers) or exactly (form fields).
    /// </summary>
    [AttributeUsage(AttributeTargets.Property)]
    internal sealed class CollectionToHashtableAttribute : ArgumentTransformationAttribute
    {
        /// <summary>Whether the hashtable's names ignore case.</summary>
        public bool IgnoreCase { get; set; }

        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            if (value is NameValueCollection collection)
            {
                var table = new Hashtable(IgnoreCase ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
                foreach (string? name in collection.AllKeys)
                {
                    if (name != null)
                    {
                        table[name] = collection.GetValues(name);
                    }
                }

                return table;
            }

            return inputData;
        }
    }
}
