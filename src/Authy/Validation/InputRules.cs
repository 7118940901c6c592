using System;
using System.Text.RegularExpressions;

namespace Authy.Validation
{
    /// <summary>
    /// What the API accepts, checked before anything is sent. Each rule returns null when the value is
    /// fine, else a sentence saying what is wrong and what is expected.
    /// </summary>
    public static class InputRules
    {
        private static readonly Regex EmailShape = new Regex(@"^[^@\s""<>()\[\],;:\\]+@[^@\s""<>()\[\],;:\\]+\.[^@\s""<>()\[\],;:\\.]{2,}$", RegexOptions.CultureInvariant);

        // Digits with the separators the API allows between groups: dashes, periods, spaces (authy-api.md 1.10).
        private static readonly Regex PhoneShape = new Regex(@"^[0-9]+([-. ][0-9]+)*$", RegexOptions.CultureInvariant);

        public static string? Email(string? value)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                return "The email address is empty.";
            }

            if (value!.Length > 254 || !EmailShape.IsMatch(value))
            {
                return $"'{Shorten(value)}' is not an email address like name@example.com.";
            }

            return null;
        }

        public static string? PhoneNumber(string? value)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                return "The phone number is empty.";
            }

            var digits = 0;
            foreach (var character in value!)
            {
                if (character >= '0' && character <= '9')
                {
                    digits++;
                }
            }

            if (value.Length > 32 || !PhoneShape.IsMatch(value))
            {
                return $"'{Shorten(value)}' is not a phone number: use digits, optionally grouped by dashes, periods or spaces, without the country code.";
            }

            if (digits < 4 || digits > 14)
            {
                return $"'{Shorten(value)}' has {digits} digits; a phone number without its country code has 4 to 14.";
            }

            return null;
        }

        /// <summary>Shortens a value for an error message, so a huge input cannot flood the screen.</summary>
        public static string Shorten(string value)
        {
            const int MaxShown = 40;
            var flat = value.Replace("\r", "\\r").Replace("\n", "\\n");
            return flat.Length <= MaxShown ? flat : flat.Substring(0, MaxShown) + "...";
        }
    }
}
