using System.Globalization;
using System.Net;
using Automation.Testing;
using Azure.Storage.Queues;

namespace Automation.DevHost.Tests.Triggers;

/// <summary>Queue triggers poll real queues in Azurite with the queue extension's semantics.</summary>
[Collection("Azurite")]
public sealed class QueueTriggerTests(QueueHostFixture fixture) : IClassFixture<QueueHostFixture>
{
    private static readonly TimeSpan Eventually = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Message_FunctionSucceeds_FunctionGetsTextAndMetadataAndTheMessageIsDeleted()
    {
        var queue = fixture.Queue(fixture.QueueName);
        var text = "hello " + Guid.NewGuid();
        await queue.CreateIfNotExistsAsync();

        var sent = (await queue.SendMessageAsync(text)).Value;

        var record = Assert.Single(await fixture.Records.WaitForAsync("queue", 1, r => r["message"] == text));
        Assert.Equal("1", record["dequeueCount"]);
        Assert.Equal(sent.MessageId, record["id"]);
        Assert.False(string.IsNullOrEmpty(record["popReceipt"]));
        Assert.Equal(sent.InsertionTime, DateTimeOffset.Parse(record["insertionTime"]!, CultureInfo.InvariantCulture));
        Assert.Equal(sent.ExpirationTime, DateTimeOffset.Parse(record["expirationTime"]!, CultureInfo.InvariantCulture));
        await WaitUntilEmptyAsync(queue);
    }

    [Fact]
    public async Task Messages_ABatch_EachRunsOnceAndIsDeleted()
    {
        var queue = fixture.Queue(fixture.QueueName);
        var batch = "batch " + Guid.NewGuid();
        await queue.CreateIfNotExistsAsync();

        await Task.WhenAll(Enumerable.Range(0, 10).Select(i => queue.SendMessageAsync($"{batch} {i}")));

        var records = await fixture.Records.WaitForAsync("queue", 10, r => r["message"]!.StartsWith(batch, StringComparison.Ordinal));
        Assert.Equal(10, records.Select(r => r["message"]).Distinct().Count());
        await WaitUntilEmptyAsync(queue);
        await Task.Delay(500);
        Assert.Equal(10, fixture.Records.Read("queue").Count(r => r["message"]!.StartsWith(batch, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Message_FunctionFails_VisibleAgainUntilMaxDequeueCountThenMovedToPoison()
    {
        var queue = fixture.Queue(fixture.FailingQueueName);
        var text = "doomed " + Guid.NewGuid();
        await queue.CreateIfNotExistsAsync();

        await queue.SendMessageAsync(text);

        var poison = fixture.Queue(fixture.FailingQueueName + "-poison");
        var poisoned = await WaitForMessageAsync(poison, text);
        Assert.NotNull(poisoned);
        var attempts = fixture.Records.Read("failing").Where(r => r["message"] == text).Select(r => r["dequeueCount"]).Order(StringComparer.Ordinal);
        Assert.Equal(["1", "2", "3"], attempts); // maxDequeueCount 3 in the test app's host.json
        await WaitUntilEmptyAsync(queue);
        await fixture.Output.WaitForLineAsync(line => line.Contains($"moved to {fixture.FailingQueueName}-poison", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Message_NotBase64_MovedToPoisonAsItIsWithoutRunning()
    {
        var raw = fixture.Queue(fixture.QueueName, QueueMessageEncoding.None);
        var text = "not base64 at all! " + Guid.NewGuid();
        await raw.CreateIfNotExistsAsync();

        await raw.SendMessageAsync(text);

        Assert.NotNull(await WaitForMessageAsync(fixture.Queue(fixture.QueueName + "-poison", QueueMessageEncoding.None), text));
        Assert.DoesNotContain(fixture.Records.Read("queue"), r => r["message"] == text);
    }

    [Fact]
    public async Task InvokeQueueAsync_Succeeds_FunctionGetsTheTextAndDequeueCount()
    {
        var text = "direct " + Guid.NewGuid();

        var result = await fixture.Host.InvokeQueueAsync("Record", text, dequeueCount: 4);

        Assert.True(result.Succeeded, result.ExceptionMessage);
        var record = Assert.Single(await fixture.Records.WaitForAsync("queue", 1, r => r["message"] == text));
        Assert.Equal("4", record["dequeueCount"]);
    }

    [Fact]
    public async Task InvokeQueueAsync_FunctionThrows_FailedWithTheExceptionTypeAndMessage()
    {
        var result = await fixture.Host.InvokeQueueAsync("AlwaysFails", "direct failure");

        Assert.False(result.Succeeded);
        Assert.Equal("Failed", result.Status);
        Assert.Equal("System.InvalidOperationException", result.ExceptionType);
        Assert.Contains("This function always fails: direct failure", result.ExceptionMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdminPost_QueueFunction_Answers202AndRunsItWithTheInput()
    {
        var text = "admin " + Guid.NewGuid();

        using var response = await fixture.Client.SendAsync(
            new HttpRequestMessage(HttpMethod.Post, "admin/functions/Record").WithKey(Hosts.MasterKey).Json($$"""{"input": "{{text}}"}"""));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var record = Assert.Single(await fixture.Records.WaitForAsync("queue", 1, r => r["message"] == text));
        Assert.Equal("0", record["dequeueCount"]); // never on a queue, as with the host's admin call
    }

    internal static async Task<string?> WaitForMessageAsync(QueueClient queue, string text)
    {
        var deadline = DateTimeOffset.UtcNow + Eventually;
        while (DateTimeOffset.UtcNow < deadline)
        {
            if (await queue.ExistsAsync())
            {
                var peeked = (await queue.PeekMessagesAsync(32)).Value;
                if (peeked.FirstOrDefault(m => m.MessageText == text) is { } message)
                {
                    return message.MessageText;
                }
            }

            await Task.Delay(100);
        }

        return null;
    }

    internal static async Task WaitUntilEmptyAsync(QueueClient queue)
    {
        var deadline = DateTimeOffset.UtcNow + Eventually;
        while ((await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount > 0)
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, $"{queue.Name} still holds messages.");
            await Task.Delay(100);
        }
    }
}
