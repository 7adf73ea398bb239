using Automation.Storage;
using Automation.Testing;
using Azure.Storage.Queues;

namespace Automation.DevHost.Tests.Triggers;

/// <summary>App settings <c>AzureFunctionsJobHost__extensions__queues__*</c> override host.json, as in the Functions host.</summary>
[Collection("Azurite")]
public sealed class QueueHostJsonOverrideTests(AzuriteFixture azurite) : IDisposable
{
    private readonly Records _records = new();
    private readonly HostOutput _output = new();
    private readonly string _queueName = AzuriteFixture.UniqueName("ok");
    private readonly string _failingQueueName = AzuriteFixture.UniqueName("fail");

    public void Dispose() => _records.Dispose();

    [Fact]
    public async Task Override_MaxDequeueCount_FailingMessagePoisonedAfterThatManyRuns()
    {
        await using var host = await StartAsync();
        var queue = Queue(_failingQueueName);
        await queue.CreateIfNotExistsAsync();

        await queue.SendMessageAsync("twice");

        Assert.NotNull(await QueueTriggerTests.WaitForMessageAsync(Queue(_failingQueueName + "-poison"), "twice"));
        Assert.Equal(["1", "2"], _records.Read("failing").Select(r => r["dequeueCount"]).Order(StringComparer.Ordinal)); // host.json says 3
    }

    [Fact]
    public async Task Message_AlreadyPastMaxDequeueCount_MovedToPoisonWithoutRunning()
    {
        var queue = Queue(_queueName);
        await queue.CreateIfNotExistsAsync();
        await queue.SendMessageAsync("worn out");
        for (var dequeueCount = 0L; dequeueCount < 3;)
        {
            // Each receive counts a dequeue; the message is made visible again at once (Azurite may need a moment).
            if ((await queue.ReceiveMessagesAsync(1, TimeSpan.FromSeconds(30))).Value is [var received])
            {
                dequeueCount = received.DequeueCount;
                await queue.UpdateMessageAsync(received.MessageId, received.PopReceipt, visibilityTimeout: TimeSpan.Zero);
            }
            else
            {
                await Task.Delay(20);
            }
        }

        await using var host = await StartAsync();

        Assert.NotNull(await QueueTriggerTests.WaitForMessageAsync(Queue(_queueName + "-poison"), "worn out"));
        Assert.Empty(_records.Read("queue"));
        await _output.WaitForLineAsync(line => line.Contains("is past maxDequeueCount", StringComparison.Ordinal)); // logged once settled
    }

    private Task<DevHostApp> StartAsync()
    {
        var settings = Hosts.BaseSettings(_records);
        settings["AzureWebJobsStorage"] = azurite.ConnectionString;
        settings["TestQueueName"] = _queueName;
        settings["TestFailingQueueName"] = _failingQueueName;
        settings["AzureFunctionsJobHost__extensions__queues__maxDequeueCount"] = "2";
        return Hosts.StartAsync(settings, _output);
    }

    private QueueClient Queue(string name) =>
        new(azurite.ConnectionString, name, new QueueClientOptions(StorageServiceVersions.Queues) { MessageEncoding = QueueMessageEncoding.Base64 });
}
