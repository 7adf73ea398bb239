using System.Security.Cryptography;
using System.Text;

namespace Automation.Core.Security;

/// <summary>
/// The signature Shopify (<c>X-Shopify-Hmac-Sha256</c>) and WooCommerce (<c>X-WC-Webhook-Signature</c>) both put on
/// their webhooks: the Base64 HMAC-SHA256 of the exact body bytes, keyed with the UTF-8 secret. Checked on the raw
/// bytes, before anything parses them, and compared in constant time.
/// </summary>
public static class PlatformSignature
{
    public static string Compute(string secret, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
    }

    /// <summary>Whether <paramref name="header"/> is the body's signature under <paramref name="secret"/>; false when missing or malformed.</summary>
    public static bool IsValid(string secret, ReadOnlySpan<byte> body, string? header)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (string.IsNullOrWhiteSpace(header))
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body, expected);
        Span<byte> given = stackalloc byte[64];
        return Convert.TryFromBase64String(header.Trim(), given, out var length)
            && length == HMACSHA256.HashSizeInBytes
            && CryptographicOperations.FixedTimeEquals(expected, given[..length]);
    }
}
