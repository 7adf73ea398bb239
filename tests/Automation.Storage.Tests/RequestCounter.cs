using Azure.Core;
using Azure.Core.Pipeline;

namespace Automation.Storage.Tests;

/// <summary>Counts the requests (billed transactions) a client makes: added per call, so retries count once.</summary>
internal sealed class RequestCounter : HttpPipelineSynchronousPolicy
{
    private int _count;

    public int Count => _count;

    public override void OnSendingRequest(HttpMessage message) => Interlocked.Increment(ref _count);
}
