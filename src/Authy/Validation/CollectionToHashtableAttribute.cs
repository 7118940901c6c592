using System.Collections;
using System.Collections.Specialized;

namespace Authy.Validation;

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
