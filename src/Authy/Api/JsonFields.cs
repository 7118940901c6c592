using System;
using System.Collections.Generic;
using System.Globalization;
using Authy.Http;
using Newtonsoft.Json.Linq;

namespace Authy.Api
{
    /// <summary>
    /// Lenient field readers: Authy sends numbers as strings and booleans as strings in places
    /// (authy-api.md 1.5, 1.10), and omits or nulls fields freely.
    /// </summary>
    internal static class JsonFields
    {
        public static string? String(JToken? parent, string name) => AuthyReplyParser.JsonText(parent?[name]);

        public static bool Bool(JToken? parent, string name) => AuthyReplyParser.IsTrue(parent?[name]);

        public static bool? NullableBool(JToken? parent, string name)
        {
            var token = parent?[name];
            return token == null || token.Type == JTokenType.Null ? (bool?)null : AuthyReplyParser.IsTrue(token);
        }

        public static long? Long(JToken? parent, string name)
        {
            var text = String(parent, name);
            return text != null && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : (long?)null;
        }

        public static int? Int(JToken? parent, string name)
        {
            var value = Long(parent, name);
            return value.HasValue && value.Value >= int.MinValue && value.Value <= int.MaxValue ? (int)value.Value : (int?)null;
        }

        public static string[] Strings(JToken? parent, string name)
        {
            if (!(parent?[name] is JArray array))
            {
                return System.Array.Empty<string>();
            }

            var result = new List<string>(array.Count);
            foreach (var item in array)
            {
                var text = AuthyReplyParser.JsonText(item);
                if (text != null)
                {
                    result.Add(text);
                }
            }

            return result.ToArray();
        }

        /// <summary>Reads a time sent either as unix seconds (number or text) or as ISO-8601 text.</summary>
        public static DateTimeOffset? Time(JToken? parent, string name)
        {
            var token = parent?[name];
            if (token == null || token.Type == JTokenType.Null)
            {
                return null;
            }

            var text = AuthyReplyParser.JsonText(token);
            if (text == null)
            {
                return null;
            }

            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
            {
                // 0 stands for "never" in device records (last_sync_date: 0).
                return seconds <= 0 ? (DateTimeOffset?)null : DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000));
            }

            return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
                ? time
                : (DateTimeOffset?)null;
        }

        public static JObject? Object(JToken? parent, string name) => parent?[name] as JObject;

        public static JArray? Array(JToken? parent, string name) => parent?[name] as JArray;
    }
}
