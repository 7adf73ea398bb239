using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Automation.Core.Platforms;

/// <summary>
/// Reading platform bodies as they are: ids that are JSON numbers (Shopify's are 64-bit) are taken from their text so
/// nothing goes through a double, and money that is a decimal string ("199.00") is parsed exactly.
/// </summary>
internal static class PlatformJson
{
    public static JsonElement? Property(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value
            : null;

    /// <summary>An id sent as a whole JSON number or a string; a Shopify GraphQL id ("gid://shopify/Order/123") gives its last segment.</summary>
    public static string? Id(this JsonElement element, string name) => element.Property(name) is { } value ? IdOf(value) : null;

    public static string? IdOf(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Number:
                var raw = value.GetRawText();
                return raw.All(char.IsAsciiDigit) ? raw : null;
            case JsonValueKind.String:
                var text = value.GetString()!.Trim();
                var slash = text.StartsWith("gid://", StringComparison.Ordinal) ? text.LastIndexOf('/') : -1;
                text = slash >= 0 ? text[(slash + 1)..] : text;
                return text.Length > 0 ? text : null;
            default:
                return null;
        }
    }

    public static string? Text(this JsonElement element, string name) =>
        element.Property(name) is { ValueKind: JsonValueKind.String } value && value.GetString() is { Length: > 0 } text ? text : null;

    /// <summary>Money as a decimal string or a JSON number, exactly; null when absent, and <paramref name="valid"/> false when unreadable.</summary>
    public static decimal? Money(this JsonElement element, string name, out bool valid)
    {
        valid = true;
        switch (element.Property(name))
        {
            case null:
                return null;
            case { ValueKind: JsonValueKind.String } text
                when decimal.TryParse(text.GetString(), NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed):
                return parsed;
            case { ValueKind: JsonValueKind.Number } number when number.TryGetDecimal(out var exact):
                return exact;
            default:
                valid = false;
                return null;
        }
    }

    public static int? Int(this JsonElement element, string name) =>
        element.Property(name) is { ValueKind: JsonValueKind.Number } value && value.TryGetInt32(out var number) ? number : null;

    public static IEnumerable<JsonElement> Array(this JsonElement element, string name) =>
        element.Property(name) is { ValueKind: JsonValueKind.Array } array ? array.EnumerateArray() : [];

    /// <summary>
    /// A piece of a canonical id made from platform values (topics, header ids): kept as it is when it has the id
    /// shape, otherwise replaced by a short hash, so an odd header can never break the id rules or collide.
    /// </summary>
    public static string IdPart(string value)
    {
        var cleaned = value.Replace('/', '.');
        return cleaned.Length is > 0 and <= 64 && cleaned.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-') && char.IsAsciiLetterOrDigit(cleaned[0])
            ? cleaned
            : "h" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)))[..24];
    }

    /// <summary>
    /// <see cref="IdPart(string)"/> of at most <paramref name="maxLength"/> characters (25 or more, a hash's length): a
    /// longer part becomes its short hash, so several parts joined into one id stay within the id rules' 128 characters.
    /// </summary>
    public static string IdPart(string value, int maxLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 25);
        var part = IdPart(value);
        return part.Length <= maxLength ? part : "h" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)))[..24];
    }

    /// <summary>A stable stand-in for a delivery without platform ids: the hash of its topic and exact bytes.</summary>
    public static string BodyHash(string topic, ReadOnlySpan<byte> body)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(topic + "\n"));
        hash.AppendData(body);
        return "b" + Convert.ToHexStringLower(hash.GetHashAndReset())[..32];
    }
}
