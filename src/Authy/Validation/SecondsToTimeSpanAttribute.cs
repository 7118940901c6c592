namespace Authy.Validation;

/// <summary>
/// Reads a bare number as seconds: PowerShell would otherwise turn <c>-Timeout 30</c> into 30 ticks
/// (3 microseconds). TimeSpan values and strings such as '00:00:30' pass through unchanged.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class SecondsToTimeSpanAttribute : ArgumentTransformationAttribute
{
    public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
    {
        var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
        switch (value)
        {
            case int whole:
                return TimeSpan.FromSeconds(whole);
            case long whole:
                return TimeSpan.FromSeconds(whole);
            case double fraction:
                return TimeSpan.FromSeconds(fraction);
            case decimal fraction:
                return TimeSpan.FromSeconds((double)fraction);
            case string text when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds):
                return TimeSpan.FromSeconds(seconds);
            default:
                return inputData;
        }
    }
}
