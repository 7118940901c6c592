namespace Authy.Phones;

/// <summary>
/// A phone number in the one form the module sends: the country calling code and the national
/// significant number (digits only, no trunk prefix), plus its E.164 spelling for reports and Verify.
/// </summary>
public sealed class NormalizedPhoneNumber
{
    public NormalizedPhoneNumber(int countryCode, string nationalNumber)
    {
        CountryCode = countryCode;
        NationalNumber = nationalNumber;
    }

    /// <summary>The calling code: 1 for the US and Canada, 44 for the UK.</summary>
    public int CountryCode { get; }

    /// <summary>The national significant number: <c>7700900123</c> for UK <c>07700 900123</c>, <c>0612345678</c> for Rome.</summary>
    public string NationalNumber { get; }

    /// <summary><c>+</c>, the calling code and the national number: <c>+447700900123</c>.</summary>
    public string E164 => "+" + CountryCode.ToString(System.Globalization.CultureInfo.InvariantCulture) + NationalNumber;

    public override string ToString() => E164;
}

/// <summary>Why a phone number or country was refused: each kind has its own ErrorId.</summary>
public enum PhoneProblem
{
    None,
    InvalidPhoneNumber,
    InvalidCountryCode,
    MissingCountry,
}
