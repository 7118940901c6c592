namespace Authy.Validation;

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
