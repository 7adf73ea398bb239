using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Automation.Functions.Tests.Support;
using Automation.Testing;

namespace Automation.Functions.Tests.Features;

/// <summary>
/// Shipping notices and post-delivery follow-ups on the same schedule-send-record mechanism as payment reminders,
/// through the real worker over HTTP against Azurite.
/// </summary>
[Collection("Azurite")]
public sealed class ShippingAndFollowUpFlowTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private ShopScenario _scenario = null!;
    private ProductHost _host = null!;
    private MessageSink _sink = null!;
    private string _shopId = null!;

    public async Task InitializeAsync()
    {
        _scenario = await ShopScenario.StartAsync(azurite, "ship");
        (_host, _sink, _shopId) = (_scenario.Host, _scenario.Sink, _scenario.ShopId);
    }

    public Task DisposeAsync() => _scenario.DisposeAsync().AsTask();

    [Fact]
    public async Task Shipped_SendsOneNoticePerShipment_AtOnce_WithoutASweep_AndARepeatSendsNothing()
    {
        await PostAsync(ProductApi.OrderCreated("s-1", "S100", DateTimeOffset.UtcNow.AddMinutes(-5)));
        await PostAsync(ProductApi.StatusEvent("s-2", "order.paid", "S100"));

        await PostAsync(ProductApi.Shipped("s-3", "S100", "ship-1", "SF1001", "https://track.example/SF1001"));
        await PostAsync(ProductApi.Shipped("s-3b", "S100", "ship-1", "SF1001", "https://track.example/SF1001")); // the platform repeats it
        await PostAsync(ProductApi.Shipped("s-4", "S100", "ship-2", "SF1002", trackingUrl: null, carrier: "顺丰"));
        var delivered = await _sink.WaitForDeliveredAsync(2);
        await _host.InvokeTimerAsHostAsync("PaymentReminderSweep"); // the notices were handed off at once: nothing is queued again
        await _host.WaitForQueueIdleAsync("outbound-messages");

        Assert.Equal(2, _sink.Delivered.Count);
        Assert.Equal(
            [$"{_shopId}:S100:shipping_notice:1", $"{_shopId}:S100:shipping_notice:2"],
            delivered.Select(d => d.Json.GetProperty("messageId").GetString()).Order(StringComparer.Ordinal));
        var second = delivered.Single(d => d.Json.GetProperty("step").GetInt32() == 2).Json.GetProperty("text").GetString();
        Assert.Contains("SF1002", second, StringComparison.Ordinal);
        Assert.Contains("https://www.sf-express.com/chn/sc/waybill/waybill-detail/SF1002", second, StringComparison.Ordinal); // built from the carrier table
        var order = await _host.GetOrderAsync(_shopId, "S100");
        Assert.Equal(2, order.GetProperty("shipments").GetArrayLength());
        Assert.Equal("sent", order.Message("shipping_notice", 2).GetProperty("state").GetString());
        Assert.Equal("skipped", order.Message("payment_reminder", 1).GetProperty("state").GetString());
    }

    [Fact]
    public async Task Delivered_SendsOneFollowUpThreeDaysAfter_AndNoneForACancelledOrder()
    {
        var threeDaysAgo = DateTimeOffset.UtcNow.AddDays(-3).AddMinutes(-5);
        await PostAsync(ProductApi.OrderCreated("f-1", "F100", threeDaysAgo.AddDays(-2)));
        await PostAsync(ProductApi.Shipped("f-2", "F100", "ship-1", "YT2001", "https://track.example/YT2001"));
        await _sink.WaitForDeliveredAsync(1); // the shipping notice, before the parcel is signed for
        await PostAsync(Delivered("f-3", "F100", threeDaysAgo));
        await PostAsync(Delivered("f-3b", "F100", threeDaysAgo)); // a repeat with a new id plans nothing more
        await PostAsync(ProductApi.OrderCreated("f-4", "F200", threeDaysAgo.AddDays(-2)));
        await PostAsync(Delivered("f-5", "F200", threeDaysAgo));
        await PostAsync(ProductApi.StatusEvent("f-6", "order.cancelled", "F200"));

        await _host.InvokeTimerAsHostAsync("PaymentReminderSweep"); // returns once the sweep has handed everything off
        var delivered = await _sink.WaitForDeliveredAsync(2);
        await _host.WaitForQueueIdleAsync("outbound-messages");

        var followUp = Assert.Single(_sink.Delivered, d => d.Json.GetProperty("kind").GetString() == "follow_up");
        Assert.Equal($"{_shopId}:F100:follow_up:1", followUp.Json.GetProperty("messageId").GetString());
        Assert.Contains("F100", followUp.Json.GetProperty("text").GetString(), StringComparison.Ordinal);
        var delivery = await _host.GetOrderAsync(_shopId, "F100");
        Assert.Equal(threeDaysAgo.AddDays(3), delivery.Message("follow_up", 1).GetProperty("dueAt").GetDateTimeOffset(), TimeSpan.FromSeconds(1));
        Assert.Single(delivery.GetProperty("messages").EnumerateArray(), m => m.GetProperty("kind").GetString() == "follow_up");
        var cancelled = await _host.GetOrderAsync(_shopId, "F200");
        Assert.Equal("skipped", cancelled.Message("follow_up", 1).GetProperty("state").GetString());
        Assert.Equal("order_cancelled", cancelled.Message("follow_up", 1).GetProperty("reason").GetString());
        Assert.Equal(2, delivered.Count);
    }

    private static JsonObject Delivered(string eventId, string orderId, DateTimeOffset at)
    {
        var evt = ProductApi.StatusEvent(eventId, "order.delivered", orderId);
        evt["occurredAt"] = at.ToString("O", CultureInfo.InvariantCulture);
        return evt;
    }

    private Task PostAsync(JsonObject evt) => _scenario.PostAsync(evt);
}
