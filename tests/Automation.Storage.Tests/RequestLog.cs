using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Automation.Storage.Tests;

/// <summary>
/// Records every request the storage clients send (each one a billed transaction). Added per retry, so a retried
/// call counts once per attempt, as Azure bills it.
/// </summary>
internal sealed class RequestLog : HttpPipelineSynchronousPolicy
{
    private readonly ConcurrentQueue<SentRequest> _requests = new();

    public int Count => _requests.Count;

    public IReadOnlyList<SentRequest> Requests => [.. _requests];

    public void Clear() => _requests.Clear();

    // A snapshot: the request itself is disposed, headers and all, once its response is read.
    public override void OnSendingRequest(HttpMessage message) => _requests.Enqueue(new(
        message.Request.Method.Method,
        message.Request.Uri.ToUri(),
        message.Request.Headers.TryGetValue("x-ms-version", out var version) ? version : null));

    /// <summary>The requests sent while <paramref name="action"/> ran (nothing else may use the clients meanwhile).</summary>
    public async Task<int> CountAsync(Func<Task> action)
    {
        Clear();
        await action();
        return Count;
    }
}

internal sealed record SentRequest(string Method, Uri Uri, string? Version);
