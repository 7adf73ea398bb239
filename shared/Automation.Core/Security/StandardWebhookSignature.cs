using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Automation.Core.Security;

/// <summary>The headers of an outbound message signed as Standard Webhooks (standardwebhooks.com) describes.</summary>
public static class StandardWebhookHeaders
{
    /// <summary>The message's id, the same on every attempt: the receiver drops a repeat by it.</summary>
    public const string Id = "webhook-id";

    /// <summary>Unix seconds at which this attempt was signed.</summary>
    public const string Timestamp = "webhook-timestamp";

    /// <summary><c>v1,</c> + base64 HMAC-SHA256 over <c>{id}.{timestamp}.{raw body}</c>.</summary>
    public const string Signature = "webhook-signature";

    /// <summary>
    /// The message id once more, under the name the product sent it before it followed Standard Webhooks, so that a
    /// receiver that drops repeats by this header keeps working. <see cref="Id"/> is the key.
    /// </summary>
    public const string IdempotencyKey = "Idempotency-Key";
}

/// <summary>The headers that sign one attempt at sending one message.</summary>
public sealed record SignedMessageHeaders(string Id, string Timestamp, string Signature)
{
    /// <summary>Every header to send, <see cref="StandardWebhookHeaders.IdempotencyKey"/> included.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> All =>
    [
        new(StandardWebhookHeaders.Id, Id),
        new(StandardWebhookHeaders.Timestamp, Timestamp),
        new(StandardWebhookHeaders.Signature, Signature),
        new(StandardWebhookHeaders.IdempotencyKey, Id),
    ];
}

/// <summary>
/// Signs the product's outbound messages (to a shop's customer channel, and agents' webhook lists) as Standard
/// Webhooks: <c>v1,</c> + base64 of HMAC-SHA256 over the bytes <c>{id}.{timestamp}.{raw body}</c>, keyed with the
/// secret's key (<see cref="SigningSecrets.KeyOf"/>), so that a receiver verifies with any Standard Webhooks library.
/// Inbound events are signed the product's own way instead (<see cref="WebhookSignature"/>).
/// </summary>
public static class StandardWebhookSignature
{
    /// <summary>The only signature scheme of the spec for a symmetric secret.</summary>
    public const string Version = "v1";

    /// <summary>Signs <paramref name="body"/> as message <paramref name="messageId"/> as of <paramref name="now"/>.</summary>
    public static SignedMessageHeaders Sign(string secret, string messageId, DateTimeOffset now, ReadOnlySpan<byte> body)
    {
        var timestamp = now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return new SignedMessageHeaders(messageId, timestamp, Compute(SigningSecrets.KeyOf(secret), messageId, timestamp, body));
    }

    /// <summary>The <c>webhook-signature</c> value: <c>v1,</c> + base64 of the HMAC over <c>{id}.{timestamp}.{body}</c>.</summary>
    public static string Compute(ReadOnlySpan<byte> key, string messageId, string timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        ArgumentException.ThrowIfNullOrEmpty(timestamp);
        if (key.IsEmpty)
        {
            throw new ArgumentException("A signing key is required.", nameof(key));
        }

        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        hmac.AppendData(Encoding.UTF8.GetBytes(messageId + "." + timestamp + "."));
        hmac.AppendData(body);
        return Version + "," + Convert.ToBase64String(hmac.GetHashAndReset());
    }
}

/// <summary>
/// Outbound signing secrets (<c>customerChannel.secret</c>, a <c>webhook</c> agent channel's <c>secret</c>) and the
/// HMAC keys they stand for.
/// <list type="bullet">
/// <item>The Standard Webhooks form, <c>whsec_</c> + standard base64 of 24 to 64 random bytes: the key is those bytes,
/// as every Standard Webhooks library reads it. Settings sent today must use it.</item>
/// <item>A plain secret (16–256 characters) saved before that rule: the key is its UTF-8 bytes. It stays in use
/// while the shop keeps it; its receiver configures its library with <c>whsec_</c> + base64 of those bytes, since
/// libraries base64-decode the secret they are given.</item>
/// </list>
/// </summary>
public static class SigningSecrets
{
    public const string Prefix = "whsec_";

    /// <summary>The spec's bounds for a symmetric secret's random bytes.</summary>
    public const int MinKeyBytes = 24;

    /// <inheritdoc cref="MinKeyBytes"/>
    public const int MaxKeyBytes = 64;

    /// <summary>
    /// The HMAC key of a secret: a valid <c>whsec_</c> secret's decoded bytes, otherwise (a plain secret saved
    /// before whsec_ was required) the secret's UTF-8 bytes.
    /// </summary>
    public static byte[] KeyOf(string secret)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        return TryReadStandard(secret, out var key) ? key : Encoding.UTF8.GetBytes(secret);
    }

    /// <summary>True for <c>whsec_</c> + canonical standard base64 (padded, no spaces) of 24 to 64 bytes.</summary>
    public static bool IsStandard(string? secret) => TryReadStandard(secret, out _);

    /// <summary>Why <paramref name="secret"/> is not a valid <c>whsec_</c> secret, or null when it is one.</summary>
    public static string? ProblemWithStandard(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (!secret.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return $"Must be a Standard Webhooks secret: \"{Prefix}\" followed by the base64 of {MinKeyBytes} to {MaxKeyBytes} random bytes (e.g. \"{Prefix}\" + the output of `openssl rand -base64 32`).";
        }

        if (!TryDecode(secret.AsSpan(Prefix.Length), out var key))
        {
            return $"After \"{Prefix}\" comes standard base64 (A-Z, a-z, 0-9, '+', '/', padded with '='; no spaces or line breaks) of {MinKeyBytes} to {MaxKeyBytes} random bytes.";
        }

        return key.Length is < MinKeyBytes or > MaxKeyBytes
            ? $"The key after \"{Prefix}\" is {key.Length} bytes; Standard Webhooks asks for {MinKeyBytes} to {MaxKeyBytes} random bytes (e.g. `openssl rand -base64 32`)."
            : null;
    }

    private static bool TryReadStandard(string? secret, out byte[] key)
    {
        key = [];
        return secret is not null
            && secret.StartsWith(Prefix, StringComparison.Ordinal)
            && TryDecode(secret.AsSpan(Prefix.Length), out key)
            && key.Length is >= MinKeyBytes and <= MaxKeyBytes;
    }

    // Only the canonical encoding counts: Convert's decoder skips whitespace and some libraries reject what others
    // accept, so a secret that re-encodes to itself reads the same in every receiver's library.
    private static bool TryDecode(ReadOnlySpan<char> encoded, out byte[] key)
    {
        key = [];
        if (encoded.IsEmpty || encoded.Length % 4 != 0 || encoded.ContainsAny(" \t\r\n"))
        {
            return false;
        }

        var buffer = new byte[encoded.Length / 4 * 3];
        if (!Convert.TryFromBase64Chars(encoded, buffer, out var written))
        {
            return false;
        }

        var decoded = buffer[..written];
        if (!encoded.SequenceEqual(Convert.ToBase64String(decoded)))
        {
            return false;
        }

        key = decoded;
        return true;
    }
}
