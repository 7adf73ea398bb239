using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Automation.Functions.Tests.Benchmarks;

/// <summary>Counts the storage REST requests (billed transactions) the product makes, by service and verb.
/// Installed per retry, so a retried request counts twice, as Azure bills it.</summary>
internal sealed class StorageTransactionCounter(int tablePort, int queuePort) : HttpPipelineSynchronousPolicy
{
    private readonly ConcurrentDictionary<string, int> _counts = new();
    private readonly ConcurrentDictionary<string, int> _byResource = new();

    public override void OnSendingRequest(HttpMessage message)
    {
        var uri = message.Request.Uri;
        var service = uri.Port == tablePort ? "table" : uri.Port == queuePort ? "queue" : "other";
        _counts.AddOrUpdate($"{service} {message.Request.Method.Method}", 1, (_, n) => n + 1);

        // Path-style (Azurite): /{account}/{table or queue}[(keys)|/messages...]
        var segments = uri.Path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var resource = segments.Length > 1 ? segments[1].Split('(')[0] : "";
        _byResource.AddOrUpdate($"{resource} {message.Request.Method.Method}", 1, (_, n) => n + 1);
    }

    /// <summary>Requests to one table or queue with one verb, e.g. <c>Of("Shops", "GET")</c>.</summary>
    public int Of(string resource, string verb) => _byResource.GetValueOrDefault($"{resource} {verb}");

    public int Total => _counts.Values.Sum();

    public int Of(string service) => _counts.Where(c => c.Key.StartsWith(service, StringComparison.Ordinal)).Sum(c => c.Value);

    public IReadOnlyDictionary<string, int> Snapshot() => new SortedDictionary<string, int>(_counts, StringComparer.Ordinal);

    public void Reset()
    {
        _counts.Clear();
        _byResource.Clear();
    }
}
