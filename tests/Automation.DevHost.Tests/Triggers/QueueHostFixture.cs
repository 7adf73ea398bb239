using Automation.Storage;
using Automation.Testing;
using Azure.Storage.Queues;

namespace Automation.DevHost.Tests.Triggers;

/// <summary>A host whose queue functions listen on queues of their own in the shared Azurite (test app host.json:
/// maxDequeueCount 3, visibilityTimeout 1 s, maxPollingInterval 500 ms, batchSize 4).</summary>
public sealed class QueueHostFixture(AzuriteFixture azurite) : IAsyncLifetime
{
    public Records Records { get; } = new();

    public HostOutput Output { get; } = new();

    public DevHostApp Host { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public string QueueName { get; } = AzuriteFixture.UniqueName("ok");

    public string FailingQueueName { get; } = AzuriteFixture.UniqueName("fail");

    public async Task InitializeAsync()
    {
        var settings = Hosts.BaseSettings(Records);
        settings["AzureWebJobsStorage"] = azurite.ConnectionString;
        settings["TestQueueName"] = QueueName;
        settings["TestFailingQueueName"] = FailingQueueName;
        Host = await Hosts.StartAsync(settings, Output);
        Client = Host.Client();
    }

    /// <summary>A client for <paramref name="name"/>, encoding as the host expects by default (base64) unless told otherwise.</summary>
    public QueueClient Queue(string name, QueueMessageEncoding encoding = QueueMessageEncoding.Base64) =>
        new(azurite.ConnectionString, name, new QueueClientOptions(StorageServiceVersions.Queues) { MessageEncoding = encoding });

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Host.DisposeAsync();
        Records.Dispose();
    }
}
