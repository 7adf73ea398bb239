using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Automation.Core.Security;

/// <summary>What an API key may reach. Stored as its name; add values rather than renaming.</summary>
public enum ApiKeyScope
{
    /// <summary>Ops: everything of one shop (settings, orders, every agent's tasks).</summary>
    Shop,

    /// <summary>One agent of one shop: only that agent's own tasks.</summary>
    Agent,
}

/// <summary>Who a request's API key says the caller is, once the key has been checked.</summary>
public sealed record ApiKeyGrant(string ShopId, string KeyId, ApiKeyScope Scope, string? AgentId)
{
    /// <summary>Settings, orders and every task of the shop: shop keys only.</summary>
    public bool IsShopWide => Scope == ApiKeyScope.Shop;

    /// <summary>An agent key sees its own agent's tasks and no one else's; a shop key sees every agent's.</summary>
    public bool MaySeeTasksOf(string agentId) => IsShopWide || string.Equals(AgentId, agentId, StringComparison.Ordinal);
}

/// <summary>A key as issued: the token is shown once, only its hash is stored.</summary>
public sealed record IssuedApiKey(string KeyId, string Token, string SecretHash);

/// <summary>
/// API keys: <c>sak.{keyId}.{secret}</c>. The key id (16 base-32 characters) names the stored row, so a key is checked
/// with one point read; the secret (256 random bits) is stored only as a SHA-256 hash bound to the shop and key id,
/// and compared in constant time. A fast hash is right here: a slow password hash protects guessable secrets, and
/// these are random and long, so the hash cannot be reversed by trying secrets however fast it is.
/// </summary>
public static class ApiKeys
{
    public const string Prefix = "sak";
    public const int KeyIdLength = 16;

    private const string KeyIdAlphabet = "abcdefghijklmnopqrstuvwxyz234567";
    private const int SecretBytes = 32;
    private const int SecretLength = 43; // base64url of 32 bytes, unpadded

    public static IssuedApiKey Issue(string shopId)
    {
        var keyId = RandomNumberGenerator.GetString(KeyIdAlphabet, KeyIdLength);
        var secret = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(SecretBytes));
        return new IssuedApiKey(keyId, $"{Prefix}.{keyId}.{secret}", Hash(shopId, keyId, secret));
    }

    /// <summary>Splits a presented token into its key id and secret; false for anything not shaped like a key.</summary>
    public static bool TryParse(string? token, out string keyId, out string secret)
    {
        keyId = secret = "";
        if (token is null || token.Length != Prefix.Length + 1 + KeyIdLength + 1 + SecretLength)
        {
            return false;
        }

        var parts = token.Split('.');
        if (parts.Length != 3 || parts[0] != Prefix || !IsKeyId(parts[1]) || !parts[2].All(IsBase64UrlChar))
        {
            return false;
        }

        (keyId, secret) = (parts[1], parts[2]);
        return true;
    }

    public static bool IsKeyId(string? keyId) => keyId is { Length: KeyIdLength } && keyId.All(c => KeyIdAlphabet.Contains(c, StringComparison.Ordinal));

    /// <summary>The stored form of a secret: SHA-256 over shop, key id and secret, so a hash row moved elsewhere matches nothing.</summary>
    public static string Hash(string shopId, string keyId, string secret) =>
        Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes($"{shopId}\n{keyId}\n{secret}")));

    /// <summary>Whether the secret matches the stored hash, in time independent of where they differ.</summary>
    public static bool Matches(string shopId, string keyId, string secret, string storedHash) =>
        CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(Hash(shopId, keyId, secret)),
            Encoding.ASCII.GetBytes(storedHash));

    private static bool IsBase64UrlChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_';
}
