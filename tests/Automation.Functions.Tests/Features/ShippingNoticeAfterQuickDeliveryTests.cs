using Automation.Core.Messaging;
using Automation.Functions.Tests.Support;
using Automation.Storage.Stores;
using Automation.Testing;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;

namespace Automation.Functions.Tests.Features;

/// <summary>
/// An order delivered a moment after it shipped (Shopify's local delivery, WooCommerce's <c>completed</c>) still gets
/// its shipping notice, through the real worker. Delivery runs only when the test invokes it with the notice's queue
/// message, so the delivered event is always applied before the notice is sent: the order the sender reads is delivered
/// every time, not by a race.
/// </summary>
[Collection("Azurite")]
public sealed class ShippingNoticeAfterQuickDeliveryTests(AzuriteFixture azurite)
{
    [Theory]
    [InlineData("order.delivered", "delivered")]
    [InlineData("order.completed", "completed")]
    public async Task ShippingNotice_OrderDeliveredRightAfterItShipped_IsSentOnce_WithTracking(string deliveredBy, string status)
    {
        await using var scenario = await ShopScenario.StartAsync(
            azurite, "quickdelivery", settings: new Dictionary<string, string?> { ["AzureWebJobs.DeliverMessage.Disabled"] = "true" });
        await scenario.PostAsync(ProductApi.OrderCreated("q-1", "Q100", DateTimeOffset.UtcNow.AddMinutes(-5)));
        await scenario.PostAsync(ProductApi.StatusEvent("q-2", "order.paid", "Q100"));
        await scenario.PostAsync(ProductApi.Shipped("q-3", "Q100", "ship-1", "SF3001", "https://track.example/SF3001"));
        await scenario.PostAsync(ProductApi.StatusEvent("q-4", deliveredBy, "Q100"));

        // The notice's own queue message, as the hand-off wrote it, delivered as the host does, then once more as a
        // redelivery would; taken off the queue so that no later test's host finds it.
        var queue = scenario.Host.Storage.GetRequiredService<QueueServiceClient>().GetQueueClient("outbound-messages");
        var handedOff = (await queue.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(1))).Value.Single(m => m.MessageText.Contains(scenario.ShopId, StringComparison.Ordinal));
        Assert.True(await scenario.Host.InvokeQueueAsHostAsync("DeliverMessage", handedOff.MessageText), scenario.Host.RecentOutput);
        Assert.True(await scenario.Host.InvokeQueueAsHostAsync("DeliverMessage", handedOff.MessageText, dequeueCount: 2), scenario.Host.RecentOutput);
        await queue.DeleteMessageAsync(handedOff.MessageId, handedOff.PopReceipt);
        var notice = new MessageKey(scenario.ShopId, "Q100", MessageKinds.ShippingNotice, 1);

        var sent = Assert.Single(scenario.Sink.Received);
        Assert.Equal(200, sent.AnsweredStatus);
        Assert.Equal((notice.MessageId, MessageKinds.ShippingNotice), (sent.Json.GetProperty("messageId").GetString(), sent.Json.GetProperty("kind").GetString()));
        Assert.Contains("https://track.example/SF3001", sent.Json.GetProperty("text").GetString(), StringComparison.Ordinal);
        var order = await scenario.OrderAsync("Q100");
        Assert.Equal(status, order.GetProperty("status").GetString());
        Assert.Equal("sent", order.Message(MessageKinds.ShippingNotice, 1).GetProperty("state").GetString());
    }
}
