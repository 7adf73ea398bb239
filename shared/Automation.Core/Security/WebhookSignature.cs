using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Automation.Core.Security;

/// <summary>
/// The HTTP headers that carry the timestamp and signature of a shop's event to the product (inbound only; the
/// product's own messages are signed as Standard Webhooks, see <see cref="StandardWebhookHeaders"/>).
/// </summary>
public static class WebhookHeaders
{
    /// <summary>Unix seconds at which the request was signed.</summary>
    public const string Timestamp = "X-Automation-Timestamp";

    /// <summary>"sha256=" + lowercase hex HMAC-SHA256 over "{timestamp}.{raw body}".</summary>
    public const string Signature = "X-Automation-Signature";
}

public enum SignatureCheck
{
    Valid,

    /// <summary>A header is absent or empty.</summary>
    Missing,

    /// <summary>A header is not in the expected shape.</summary>
    Malformed,

    /// <summary>The signature matches but the timestamp is outside the tolerance: a replay or a wrong clock.</summary>
    Stale,

    /// <summary>The signature does not match the body, timestamp and secret.</summary>
    Mismatch,
}

/// <summary>
/// Verifies the events a shop posts to the product: HMAC-SHA256 keyed with the shop's <c>webhookSecret</c> (UTF-8)
/// over the bytes "{timestamp}.{raw body}", timestamp in Unix seconds.
/// </summary>
public static class WebhookSignature
{
    public const string Prefix = "sha256=";

    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromMinutes(5);

    private const int HashLength = 32;

    /// <summary>"sha256=" + lowercase hex of the HMAC over "{timestamp}.{body}".</summary>
    public static string Compute(string secret, string timestamp, ReadOnlySpan<byte> body)
        => Prefix + Convert.ToHexStringLower(Hash(secret, timestamp, body));

    /// <summary>
    /// Checks a request's headers against its raw body. The comparison is constant-time. A correct
    /// signature whose timestamp is more than <paramref name="tolerance"/> away from <paramref name="now"/>,
    /// in either direction, is <see cref="SignatureCheck.Stale"/>.
    /// </summary>
    public static SignatureCheck Verify(
        string secret,
        string? timestampHeader,
        string? signatureHeader,
        ReadOnlySpan<byte> body,
        DateTimeOffset now,
        TimeSpan tolerance)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        ArgumentOutOfRangeException.ThrowIfLessThan(tolerance, TimeSpan.Zero);

        if (string.IsNullOrWhiteSpace(timestampHeader) || string.IsNullOrWhiteSpace(signatureHeader))
        {
            return SignatureCheck.Missing;
        }

        var timestamp = timestampHeader.Trim();
        if (!TryParseUnixSeconds(timestamp, out var signedAt))
        {
            return SignatureCheck.Malformed;
        }

        var signature = signatureHeader.AsSpan().Trim();
        if (!signature.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)
            || signature.Length != Prefix.Length + (HashLength * 2))
        {
            return SignatureCheck.Malformed;
        }

        Span<byte> provided = stackalloc byte[HashLength];
        if (Convert.FromHexString(signature[Prefix.Length..], provided, out _, out var written) != OperationStatus.Done || written != HashLength)
        {
            return SignatureCheck.Malformed;
        }

        if (!CryptographicOperations.FixedTimeEquals(Hash(secret, timestamp, body), provided))
        {
            return SignatureCheck.Mismatch;
        }

        return (now - signedAt).Duration() > tolerance ? SignatureCheck.Stale : SignatureCheck.Valid;
    }

    private static byte[] Hash(string secret, string timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        ArgumentNullException.ThrowIfNull(timestamp);
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret));
        hmac.AppendData(Encoding.UTF8.GetBytes(timestamp + "."));
        hmac.AppendData(body);
        return hmac.GetHashAndReset();
    }

    private static bool TryParseUnixSeconds(string text, out DateTimeOffset instant)
    {
        instant = default;
        // Digits only: no sign, no spaces, no exponent; at most 12 digits keeps it inside DateTimeOffset's range.
        if (text.Length is 0 or > 12 || !text.All(char.IsAsciiDigit))
        {
            return false;
        }

        var seconds = long.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
        if (seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            return false;
        }

        instant = DateTimeOffset.FromUnixTimeSeconds(seconds);
        return true;
    }
}
