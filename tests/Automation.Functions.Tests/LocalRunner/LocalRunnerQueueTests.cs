using System.Net;
using Automation.Functions.Hosting;
using Automation.Functions.Tests.Hosting;
using Automation.Storage;
using Automation.Storage.Queues;
using Automation.Testing;

namespace Automation.Functions.Tests.LocalRunner;

/// <summary>Queue-triggered functions in local mode against Azurite: host semantics end to end.</summary>
[Collection("Azurite")]
public sealed class LocalRunnerQueueTests(AzuriteFixture azurite)
{
    private readonly QueueServiceClient _queues = new(StorageAccount.FromConnectionString(azurite.ConnectionString));

    [Fact]
    public async Task Queue_MessageSent_FunctionReceivesItOnceAndItIsDeleted()
    {
        var name = AzuriteFixture.UniqueName("orders");
        await using var app = await StartAsync("RecordingQueue", ("TestQueueName", name.ToUpperInvariant()));
        var queue = _queues.GetQueueClient(name);
        await queue.CreateIfNotExistsAsync();

        var sent = await queue.SendMessageAsync("""{"orderId":42,"customer":{"id":"c1"}}""");

        var message = Assert.Single(await app.Log.WaitForAsync<QueueTriggerMessage>(RecordingQueueFunction.Name, 1));
        Assert.Equal("""{"orderId":42,"customer":{"id":"c1"}}""", message.Text);
        Assert.Equal((1L, sent.MessageId, 3), (message.DequeueCount, message.Id, message.MaxDequeueCount));
        Assert.NotNull(message.InsertionTime);
        await WaitUntilAsync(async () => (await queue.PeekMessagesAsync(1)).Count == 0);
        await Task.Delay(500); // deleted, not merely invisible: it never comes back
        Assert.Single(app.Log.Of<QueueTriggerMessage>(RecordingQueueFunction.Name));
    }

    [Fact]
    public async Task Queue_FunctionAlwaysFails_SeesDequeueCountOneToMaxThenMessageIsInPoisonQueue()
    {
        var name = AzuriteFixture.UniqueName("failing");
        await using var app = await StartAsync("FailingQueue", ("TestFailingQueueName", name));
        var queue = _queues.GetQueueClient(name);
        var poison = _queues.GetQueueClient(name + "-poison");
        await queue.CreateIfNotExistsAsync();

        await queue.SendMessageAsync("this one cannot be processed");

        await WaitUntilAsync(async () => (await poison.PeekMessagesAsync(1)).Count == 1);
        Assert.Equal([1L, 2L, 3L], app.Log.Of<QueueTriggerMessage>(FailingQueueFunction.Name).Select(m => m.DequeueCount));
        Assert.Equal("this one cannot be processed", Assert.Single(await poison.PeekMessagesAsync(32)).MessageText);
        Assert.Empty(await queue.PeekMessagesAsync(32));
    }

    [Fact]
    public async Task Queue_BatchOfMessages_EachIsDeliveredOnce()
    {
        var name = AzuriteFixture.UniqueName("batch");
        await using var app = await StartAsync("RecordingQueue", ("TestQueueName", name));
        var queue = _queues.GetQueueClient(name);
        await queue.CreateIfNotExistsAsync();

        var texts = Enumerable.Range(1, 10).Select(i => $"message {i}").ToList();
        foreach (var text in texts)
        {
            await queue.SendMessageAsync(text);
        }

        var received = await app.Log.WaitForAsync<QueueTriggerMessage>(RecordingQueueFunction.Name, texts.Count);
        Assert.Equal(texts.Order(StringComparer.Ordinal), received.Select(m => m.Text).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Shutdown_MessageArrivingWhileStopping_IsNotReceivedNorChargedAFailedDelivery()
    {
        var name = AzuriteFixture.UniqueName("draining");
        var app = await StartAsync("GatedQueue", ("TestGatedQueueName", name));
        var queue = _queues.GetQueueClient(name);
        var poison = _queues.GetQueueClient(name + "-poison");
        await queue.CreateIfNotExistsAsync();
        await poison.CreateIfNotExistsAsync();
        try
        {
            await queue.SendMessageAsync("in flight");
            await app.Log.WaitForAsync<QueueTriggerMessage>(GatedQueueFunction.Name, 1);

            // Ctrl+C: the server stops taking requests and waits for the in-flight one.
            var stopping = app.StopAsync();
            await queue.SendMessageAsync("arrived during shutdown");
            await Task.Delay(1500); // several polls at maxPollingInterval 200 ms
            Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<FunctionGate>(app.Services).Open();
            await stopping;
        }
        finally
        {
            await app.DisposeAsync();
        }

        // Nobody may have received the late message: not counted as a failed delivery, not poisoned. The in-flight one
        // is not lost either (finished and deleted, or released for the next start).
        var left = (await queue.PeekMessagesAsync(32)).ToDictionary(m => m.MessageText, m => m.DequeueCount);
        Assert.Equal(0L, Assert.Contains("arrived during shutdown", left));
        Assert.True(left.ContainsKey("in flight") || app.Log.Of<QueueTriggerMessage>(GatedQueueFunction.Name).Count == 1);
        Assert.Empty(await poison.PeekMessagesAsync(32));
    }

    [Fact]
    public async Task AdminApi_QueueFunction_DeliversTheInputAsTheMessageText()
    {
        await using var app = await StartAsync("RecordingQueue", ("TestQueueName", AzuriteFixture.UniqueName("admin")));

        using var response = await LocalRunnerTimerTests.PostAdminAsync(app, "RecordingQueue", LocalRunnerApp.MasterKey, """{"input":"run me now"}""");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var message = Assert.Single(await app.Log.WaitForAsync<QueueTriggerMessage>(RecordingQueueFunction.Name, 1));
        Assert.Equal(("run me now", 0L), (message.Text, message.DequeueCount));
    }

    private Task<LocalRunnerApp> StartAsync(string function, params (string Key, string Value)[] settings)
    {
        var values = new Dictionary<string, string?> { ["AzureWebJobsStorage"] = azurite.ConnectionString };
        foreach (var (key, value) in settings)
        {
            values[key] = value;
        }

        return LocalRunnerApp.StartAsync([function], values);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!await condition())
        {
            if (waited.Elapsed > TimeSpan.FromSeconds(30))
            {
                throw new TimeoutException("The condition was not met within 30 s.");
            }

            await Task.Delay(50);
        }
    }
}
