using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Automation.Storage.Pipeline;

/// <summary>Shared key helpers common to the table (SharedKeyLite) and queue (SharedKey) schemes.</summary>
internal static class SharedKeySigning
{
    public const string DateHeader = "x-ms-date";

    public static string ComputeSignature(byte[] key, string stringToSign) =>
        Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));

    public static string FormatDate(DateTimeOffset now) => now.UtcDateTime.ToString("R", CultureInfo.InvariantCulture);
}

/// <summary>
/// Sets a fresh <c>x-ms-date</c> on every attempt; the bearer policy runs after it. Used alone for token auth.
/// </summary>
internal sealed class StorageDatePolicy(TimeProvider timeProvider) : HttpPipelineSynchronousPolicy
{
    public override void OnSendingRequest(HttpMessage message) =>
        message.Request.Headers.SetValue(SharedKeySigning.DateHeader, SharedKeySigning.FormatDate(timeProvider.GetUtcNow()));
}

/// <summary>
/// Table service SharedKeyLite: <c>StringToSign = x-ms-date + "\n" + "/" + account + encoded path [+ "?comp=" + value]</c>.
/// A per-retry policy, so each attempt is signed with its own date.
/// </summary>
internal sealed class TableSharedKeyLitePolicy(string accountName, byte[] key, TimeProvider timeProvider) : HttpPipelineSynchronousPolicy
{
    public override void OnSendingRequest(HttpMessage message)
    {
        var request = message.Request;
        var date = SharedKeySigning.FormatDate(timeProvider.GetUtcNow());
        request.Headers.SetValue(SharedKeySigning.DateHeader, date);
        var stringToSign = BuildStringToSign(date, accountName, request.Uri.ToUri());
        request.Headers.SetValue(HttpHeader.Names.Authorization,
            $"SharedKeyLite {accountName}:{SharedKeySigning.ComputeSignature(key, stringToSign)}");
    }

    internal static string BuildStringToSign(string date, string accountName, Uri uri)
    {
        var builder = new StringBuilder(date.Length + accountName.Length + uri.AbsolutePath.Length + 16);
        builder.Append(date).Append('\n').Append('/').Append(accountName).Append(uri.AbsolutePath);
        foreach (var (name, value) in QueryParameters(uri))
        {
            if (string.Equals(name, "comp", StringComparison.OrdinalIgnoreCase))
            {
                builder.Append("?comp=").Append(value);
                break;
            }
        }

        return builder.ToString();
    }

    internal static IEnumerable<(string Name, string Value)> QueryParameters(Uri uri)
    {
        var query = uri.Query;
        if (query.Length <= 1)
        {
            yield break;
        }

        foreach (var pair in query[1..].Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var name = eq < 0 ? pair : pair[..eq];
            var value = eq < 0 ? string.Empty : pair[(eq + 1)..];
            yield return (Uri.UnescapeDataString(name), Uri.UnescapeDataString(value));
        }
    }
}

/// <summary>
/// Queue (blob/file) service full SharedKey. A per-retry policy: it runs after the client request id
/// policy has added its <c>x-ms-*</c> header, and re-signs every attempt with a fresh date.
/// </summary>
internal sealed class QueueSharedKeyPolicy(string accountName, byte[] key, TimeProvider timeProvider) : HttpPipelineSynchronousPolicy
{
    public override void OnSendingRequest(HttpMessage message)
    {
        var request = message.Request;
        request.Headers.SetValue(SharedKeySigning.DateHeader, SharedKeySigning.FormatDate(timeProvider.GetUtcNow()));
        var stringToSign = BuildStringToSign(request, accountName);
        request.Headers.SetValue(HttpHeader.Names.Authorization,
            $"SharedKey {accountName}:{SharedKeySigning.ComputeSignature(key, stringToSign)}");
    }

    internal static string BuildStringToSign(Request request, string accountName)
    {
        string Header(string name) => request.Headers.TryGetValue(name, out var value) ? value : string.Empty;

        var contentLength = request.Content is not null && request.Content.TryComputeLength(out var length) && length > 0
            ? length.ToString(CultureInfo.InvariantCulture)
            : string.Empty;

        var builder = new StringBuilder(256);
        builder.Append(request.Method.Method).Append('\n')
            .Append(Header("Content-Encoding")).Append('\n')
            .Append(Header("Content-Language")).Append('\n')
            .Append(contentLength).Append('\n')
            .Append(Header("Content-MD5")).Append('\n')
            .Append(Header("Content-Type")).Append('\n')
            .Append(string.Empty).Append('\n') // Date: x-ms-date is used instead.
            .Append(Header("If-Modified-Since")).Append('\n')
            .Append(Header("If-Match")).Append('\n')
            .Append(Header("If-None-Match")).Append('\n')
            .Append(Header("If-Unmodified-Since")).Append('\n')
            .Append(Header("Range")).Append('\n');

        var msHeaders = request.Headers
            .Where(h => h.Name.StartsWith("x-ms-", StringComparison.OrdinalIgnoreCase))
            .Select(h => (Name: h.Name.ToLowerInvariant(), Value: h.Value.Trim()))
            .OrderBy(h => h.Name, StringComparer.Ordinal);
        foreach (var (name, value) in msHeaders)
        {
            builder.Append(name).Append(':').Append(value).Append('\n');
        }

        var uri = request.Uri.ToUri();
        builder.Append('/').Append(accountName).Append(uri.AbsolutePath);
        var parameters = TableSharedKeyLitePolicy.QueryParameters(uri)
            .GroupBy(p => p.Name.ToLowerInvariant(), StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal);
        foreach (var group in parameters)
        {
            builder.Append('\n').Append(group.Key).Append(':')
                .Append(string.Join(',', group.Select(p => p.Value).Order(StringComparer.Ordinal)));
        }

        return builder.ToString();
    }
}
