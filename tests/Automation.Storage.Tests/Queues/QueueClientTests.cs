using System.Text;
using Automation.Storage.Queues;
using Automation.Testing;
using Azure;

namespace Automation.Storage.Tests.Queues;

[Collection("Azurite")]
public sealed class QueueClientTests(AzuriteFixture azurite)
{
    private readonly RequestCounter _requests = new();

    [Fact]
    public async Task CreateIfNotExistsAsync_CalledTwice_Succeeds()
    {
        var queue = Client();

        await queue.CreateIfNotExistsAsync();
        await queue.CreateIfNotExistsAsync();

        Assert.Equal(0, await queue.GetApproximateMessageCountAsync());
    }

    [Fact]
    public async Task DeleteIfExistsAsync_ExistingThenMissing_ReturnsTrueThenFalse()
    {
        var queue = await CreateQueueAsync();

        Assert.True(await queue.DeleteIfExistsAsync());
        Assert.False(await queue.DeleteIfExistsAsync());
    }

    [Fact]
    public async Task SendMessageAsync_MissingQueue_Throws404QueueNotFound()
    {
        var queue = Client();

        var e = await Assert.ThrowsAsync<RequestFailedException>(() => queue.SendMessageAsync("x"));

        Assert.Equal(404, e.Status);
        Assert.Equal("QueueNotFound", e.ErrorCode);
        Assert.Contains("queue does not exist", e.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task SendReceiveDelete_OneMessage_RoundTripsAndRemoves()
    {
        var queue = await CreateQueueAsync();
        const string text = "{\"job\":\"r1\",\"note\":\"héllo <&> ✓\"}";

        var receipt = await queue.SendMessageAsync(text);
        var received = Assert.Single(await queue.ReceiveMessagesAsync(visibilityTimeout: TimeSpan.FromSeconds(30)));

        Assert.Equal(receipt.MessageId, received.MessageId);
        Assert.Equal(text, received.MessageText);
        Assert.Equal(1, received.DequeueCount);
        Assert.NotNull(received.InsertedOn);
        Assert.True(received.ExpiresOn > received.InsertedOn!.Value.AddDays(6));
        Assert.True(received.NextVisibleOn > received.InsertedOn);
        Assert.True(receipt.ExpiresOn > receipt.InsertedOn);

        await queue.DeleteMessageAsync(received.MessageId, received.PopReceipt);

        Assert.Empty(await queue.PeekMessagesAsync(32));
        Assert.Equal(0, await queue.GetApproximateMessageCountAsync());
    }

    [Fact]
    public async Task ReceiveMessagesAsync_EmptyQueue_ReturnsEmpty()
    {
        var queue = await CreateQueueAsync();

        Assert.Empty(await queue.ReceiveMessagesAsync(32));
    }

    [Fact]
    public async Task ReceiveMessagesAsync_Several_ReturnsUpToMaxInOneRequest()
    {
        var queue = await CreateQueueAsync();
        for (var i = 0; i < 5; i++)
        {
            await queue.SendMessageAsync($"m{i}");
        }

        var before = _requests.Count;
        var first = await queue.ReceiveMessagesAsync(3);
        var rest = await queue.ReceiveMessagesAsync(32);

        Assert.Equal(2, _requests.Count - before);
        Assert.Equal(3, first.Count);
        Assert.Equal(2, rest.Count);
        Assert.Equal(
            ["m0", "m1", "m2", "m3", "m4"],
            first.Concat(rest).Select(m => m.MessageText).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task SendMessageAsync_VisibilityTimeout_DelaysDelivery()
    {
        var queue = await CreateQueueAsync();

        var receipt = await queue.SendMessageAsync("later", visibilityTimeout: TimeSpan.FromSeconds(2));

        Assert.True(receipt.NextVisibleOn >= receipt.InsertedOn.AddSeconds(2));
        Assert.Empty(await queue.ReceiveMessagesAsync());
        Assert.Empty(await queue.PeekMessagesAsync());
        Assert.Equal(1, await queue.GetApproximateMessageCountAsync());
        var received = await ReceiveWithinAsync(queue, TimeSpan.FromSeconds(10));
        Assert.Equal("later", received.MessageText);
    }

    [Fact]
    public async Task SendMessageAsync_InfiniteTimeToLive_NeverExpires()
    {
        var queue = await CreateQueueAsync();

        var infinite = await queue.SendMessageAsync("a", timeToLive: Timeout.InfiniteTimeSpan);
        var minusOne = await queue.SendMessageAsync("b", timeToLive: TimeSpan.FromSeconds(-1));
        var hour = await queue.SendMessageAsync("c", timeToLive: TimeSpan.FromHours(1));

        Assert.Equal(9999, infinite.ExpiresOn.Year);
        Assert.Equal(9999, minusOne.ExpiresOn.Year);
        Assert.Equal(hour.InsertedOn.AddHours(1), hour.ExpiresOn);
    }

    [Fact]
    public async Task UpdateMessageAsync_ZeroVisibility_ReleasesMessageForRedelivery()
    {
        var queue = await CreateQueueAsync();
        await queue.SendMessageAsync("work");
        var leased = Assert.Single(await queue.ReceiveMessagesAsync(visibilityTimeout: TimeSpan.FromMinutes(5)));
        Assert.Empty(await queue.ReceiveMessagesAsync());

        var update = await queue.UpdateMessageAsync(leased.MessageId, leased.PopReceipt, TimeSpan.Zero);

        Assert.NotEqual(leased.PopReceipt, update.PopReceipt);
        var again = Assert.Single(await queue.ReceiveMessagesAsync());
        Assert.Equal(leased.MessageId, again.MessageId);
        Assert.Equal(2, again.DequeueCount);
        Assert.Equal("work", again.MessageText);
    }

    [Fact]
    public async Task UpdateMessageAsync_ExtendLeaseWithNewText_HidesAndReplacesText()
    {
        var queue = await CreateQueueAsync();
        await queue.SendMessageAsync("v1");
        var leased = Assert.Single(await queue.ReceiveMessagesAsync(visibilityTimeout: TimeSpan.FromSeconds(1)));

        var update = await queue.UpdateMessageAsync(leased.MessageId, leased.PopReceipt, TimeSpan.FromSeconds(2), "v2 ✓");

        Assert.True(update.NextVisibleOn > leased.NextVisibleOn);
        await Task.Delay(TimeSpan.FromSeconds(1.2));
        Assert.Empty(await queue.ReceiveMessagesAsync());
        var again = await ReceiveWithinAsync(queue, TimeSpan.FromSeconds(10));
        Assert.Equal("v2 ✓", again.MessageText);

        await queue.DeleteMessageAsync(again.MessageId, again.PopReceipt);
    }

    [Fact]
    public async Task PeekMessagesAsync_VisibleMessages_DoesNotLease()
    {
        var queue = await CreateQueueAsync();
        await queue.SendMessageAsync("a");
        await queue.SendMessageAsync("b");

        var peeked = await queue.PeekMessagesAsync(32);
        var received = await queue.ReceiveMessagesAsync(32);

        Assert.Equal(["a", "b"], peeked.Select(m => m.MessageText).Order(StringComparer.Ordinal));
        Assert.All(peeked, m => Assert.Equal(0, m.DequeueCount));
        Assert.Equal(2, received.Count);
    }

    [Fact]
    public async Task GetApproximateMessageCountAsync_ThreeMessages_ReturnsThree()
    {
        var queue = await CreateQueueAsync();
        for (var i = 0; i < 3; i++)
        {
            await queue.SendMessageAsync("m");
        }

        Assert.Equal(3, await queue.GetApproximateMessageCountAsync());

        await queue.ClearMessagesAsync();

        Assert.Equal(0, await queue.GetApproximateMessageCountAsync());
    }

    [Fact]
    public async Task SendMessageAsync_Base64Default_PutsBase64OfUtf8OnTheWire()
    {
        var queue = await CreateQueueAsync();
        var raw = RawClient(queue.Name);
        const string text = "{\"shop\":\"s1\",\"text\":\"ünïcode ✓\"}";

        await queue.SendMessageAsync(text);
        var onTheWire = Assert.Single(await raw.PeekMessagesAsync());

        Assert.Equal(QueueMessageEncoding.Base64, queue.MessageEncoding);
        Assert.Equal(Convert.ToBase64String(Encoding.UTF8.GetBytes(text)), onTheWire.MessageText);
    }

    [Fact]
    public async Task ReceiveMessagesAsync_Base64ClientReadsUnencodedMessage_ReturnsRawText()
    {
        var queue = await CreateQueueAsync();
        await RawClient(queue.Name).SendMessageAsync("{\"not\":\"base64\"}");

        var received = Assert.Single(await queue.ReceiveMessagesAsync());

        Assert.Equal("{\"not\":\"base64\"}", received.MessageText);
    }

    [Fact]
    public async Task SendMessageAsync_NoEncodingWithXmlSpecialCharacters_RoundTrips()
    {
        var queue = await CreateQueueAsync();
        var raw = RawClient(queue.Name);
        const string text = "<a href=\"x\">&amp; 'q'</a>\r\nline2\ttab";

        await raw.SendMessageAsync(text);

        Assert.Equal(text, Assert.Single(await raw.ReceiveMessagesAsync()).MessageText);
    }

    [Fact]
    public async Task SendMessageAsync_Base64Limit_AcceptsExactly48KiBAndRejectsMoreBeforeSending()
    {
        var queue = await CreateQueueAsync();
        var atLimit = new string('a', 48 * 1024);

        await queue.SendMessageAsync(atLimit);
        var before = _requests.Count;
        var e = await Assert.ThrowsAsync<ArgumentException>(() => queue.SendMessageAsync(atLimit + "a"));

        Assert.Equal(before, _requests.Count);
        Assert.Contains("65536", e.Message, StringComparison.Ordinal);
        Assert.Equal(atLimit, Assert.Single(await queue.ReceiveMessagesAsync()).MessageText);
    }

    [Fact]
    public async Task SendMessageAsync_NoEncodingLimit_Accepts64KiB()
    {
        var queue = await CreateQueueAsync();
        var raw = RawClient(queue.Name);

        await raw.SendMessageAsync(new string('x', 64 * 1024));

        await Assert.ThrowsAsync<ArgumentException>(() => raw.SendMessageAsync(new string('x', (64 * 1024) + 1)));
    }

    [Fact]
    public void SendMessageAsync_NoEncodingWithControlCharacter_ThrowsBeforeSending()
    {
        var raw = RawClient(AzuriteFixture.UniqueName("q"));

        Assert.Throws<ArgumentException>(() => raw.MessageBody("bell\u0007"));
    }

    [Fact]
    public async Task DeleteMessageAsync_StalePopReceipt_IsLeaseLost()
    {
        var queue = await CreateQueueAsync();
        await queue.SendMessageAsync("m");
        var first = Assert.Single(await queue.ReceiveMessagesAsync());
        await queue.UpdateMessageAsync(first.MessageId, first.PopReceipt, TimeSpan.FromMinutes(1));

        var e = await Assert.ThrowsAsync<RequestFailedException>(() => queue.DeleteMessageAsync(first.MessageId, first.PopReceipt));

        Assert.True(QueueClient.IsLeaseLost(e), $"{e.Status} {e.ErrorCode}");
        Assert.Equal(1, await queue.GetApproximateMessageCountAsync());
    }

    [Fact]
    public async Task UpdateMessageAsync_DeletedMessage_IsLeaseLost()
    {
        var queue = await CreateQueueAsync();
        await queue.SendMessageAsync("m");
        var leased = Assert.Single(await queue.ReceiveMessagesAsync());
        await queue.DeleteMessageAsync(leased.MessageId, leased.PopReceipt);

        var e = await Assert.ThrowsAsync<RequestFailedException>(
            () => queue.UpdateMessageAsync(leased.MessageId, leased.PopReceipt, TimeSpan.Zero));

        Assert.True(QueueClient.IsLeaseLost(e), $"{e.Status} {e.ErrorCode}");
    }

    [Theory]
    [InlineData(404, "MessageNotFound", true)]
    [InlineData(400, "PopReceiptMismatch", true)]
    [InlineData(404, "QueueNotFound", false)]
    [InlineData(500, null, false)]
    public void IsLeaseLost_StatusAndCode_Classifies(int status, string? code, bool expected)
    {
        Assert.Equal(expected, QueueClient.IsLeaseLost(new RequestFailedException(status, "x", code, null)));
    }

    [Fact]
    public async Task Operations_InvalidArguments_ThrowBeforeAnyRequest()
    {
        var queue = Client();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => queue.ReceiveMessagesAsync(0));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => queue.ReceiveMessagesAsync(33));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => queue.PeekMessagesAsync(33));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => queue.ReceiveMessagesAsync(1, TimeSpan.Zero));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => queue.SendMessageAsync("m", TimeSpan.FromDays(8)));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => queue.SendMessageAsync("m", null, TimeSpan.Zero));
        await Assert.ThrowsAsync<ArgumentException>(() => queue.DeleteMessageAsync("id", ""));
        Assert.Equal(0, _requests.Count);
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("Jobs")]
    [InlineData("-jobs")]
    [InlineData("jobs-")]
    [InlineData("jobs--due")]
    [InlineData("jobs_due")]
    public void GetQueueClient_InvalidName_Throws(string name)
    {
        var service = new QueueServiceClient(StorageAccount.FromConnectionString(azurite.ConnectionString));

        Assert.Throws<ArgumentException>(() => service.GetQueueClient(name));
    }

    [Fact]
    public void GetQueueClient_EncodingFromOptions_IsUsed()
    {
        var account = StorageAccount.FromConnectionString(azurite.ConnectionString);
        var service = new QueueServiceClient(account, new StorageClientOptions { MessageEncoding = QueueMessageEncoding.None });

        Assert.Equal(QueueMessageEncoding.None, service.GetQueueClient("jobs-due").MessageEncoding);
        Assert.Equal(QueueMessageEncoding.Base64, service.GetQueueClient("jobs-due", QueueMessageEncoding.Base64).MessageEncoding);
    }

    private QueueServiceClient Service()
    {
        var options = new StorageClientOptions();
        options.AddPolicy(_requests, Azure.Core.HttpPipelinePosition.PerCall);
        return new QueueServiceClient(StorageAccount.FromConnectionString(azurite.ConnectionString), options);
    }

    private QueueClient Client() => Service().GetQueueClient(AzuriteFixture.UniqueName("q"));

    private QueueClient RawClient(string name) => Service().GetQueueClient(name, QueueMessageEncoding.None);

    private async Task<QueueClient> CreateQueueAsync()
    {
        var queue = Client();
        await queue.CreateIfNotExistsAsync();
        return queue;
    }

    private static async Task<QueueMessage> ReceiveWithinAsync(QueueClient queue, TimeSpan timeout)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (true)
        {
            var received = await queue.ReceiveMessagesAsync();
            if (received.Count > 0)
            {
                return received[0];
            }

            Assert.True(DateTimeOffset.UtcNow < deadline, "No message became visible in time.");
            await Task.Delay(200);
        }
    }
}
