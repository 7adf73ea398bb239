using System.Text.Json;
using Automation.Core.Messaging;
using Automation.Core.Tests.Support;
using static Automation.Core.Tests.Support.Zones;

namespace Automation.Core.Tests.Messaging;

public class OutgoingMessageTests
{
    private static readonly DateTimeOffset PlacedAt = At("2026-11-22T02:00:00Z");

    [Fact]
    public void Compose_PaymentReminder_HasIdLocaleTextAndCustomer()
    {
        var shop = TestShops.Shop(locale: "en");
        var order = TestOrders.Unpaid(PlacedAt);

        var message = OutgoingMessage.Compose(shop, order, MessageKinds.PaymentReminder, 2);

        Assert.Equal("demo-shop:A1001:payment_reminder:2", message.MessageId);
        Assert.Equal(("demo-shop", "A1001", "payment_reminder", 2), (message.ShopId, message.OrderId, message.Kind, message.Step));
        Assert.Equal("zh-CN", message.Locale); // the customer's language, not the shop's
        Assert.Contains("A1001", message.Text, StringComparison.Ordinal);
        Assert.Contains("2026-11-23 10:00", message.Text, StringComparison.Ordinal); // placed + 24h, Shanghai time
        Assert.Equal(new OutgoingCustomer("c-9", "李雷", "13800000000", "lilei@example.com"), message.Customer);
    }

    [Fact]
    public void Compose_ShopOverride_IsUsed()
    {
        var shop = TestShops.Shop().WithTemplates(MessageKinds.PaymentReminder, ("zh-CN", "{shopName}提醒：订单{orderId}待付款 {{{amount}}}"));

        var message = OutgoingMessage.Compose(shop, TestOrders.Unpaid(PlacedAt), MessageKinds.PaymentReminder, 1);

        Assert.Equal("Demo Shop提醒：订单A1001待付款 {199.00}", message.Text);
    }

    [Fact]
    public void Compose_SerializedForTheChannel_MatchesTheContract()
    {
        var message = OutgoingMessage.Compose(TestShops.Shop(), TestOrders.Unpaid(PlacedAt), MessageKinds.PaymentReminder, 1);

        using var json = JsonDocument.Parse(JsonSerializer.Serialize(message, JsonSerializerOptions.Web));

        Assert.Equal(
            ["messageId", "shopId", "orderId", "kind", "step", "locale", "text", "customer"],
            json.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["id", "name", "phone", "email"], json.RootElement.GetProperty("customer").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void FromPrepared_ReviewReply_IsPublicWithTheReviewAndOnlyTheCustomerId()
    {
        var prepared = new PreparedMessage("Thanks for the review!", "en", "c-9", "rv-1", "shopify");

        var message = OutgoingMessage.FromPrepared("demo-shop", "A1001", MessageKinds.ReviewReply, 2, prepared);
        using var json = JsonDocument.Parse(JsonSerializer.Serialize(message, JsonSerializerOptions.Web));

        Assert.Equal("demo-shop:A1001:review_reply:2", message.MessageId);
        Assert.Equal(
            ["messageId", "shopId", "orderId", "kind", "step", "locale", "text", "customer", "reviewId", "platform", "public"],
            json.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.True(json.RootElement.GetProperty("public").GetBoolean());
        Assert.Equal("rv-1", json.RootElement.GetProperty("reviewId").GetString());
        Assert.Equal("Thanks for the review!", message.Text);
        Assert.Equal(new OutgoingCustomer("c-9", null, null, null), message.Customer);
    }

    [Fact]
    public void ToString_Message_LeavesOutPersonalData()
    {
        var shop = TestShops.Shop().WithTemplates(MessageKinds.PaymentReminder, ("zh-CN", "{customerName}，订单{orderId}待付款"));
        var message = OutgoingMessage.Compose(shop, TestOrders.Unpaid(PlacedAt), MessageKinds.PaymentReminder, 1);

        Assert.Contains("李雷", message.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("李雷", message.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("13800000000", message.ToString(), StringComparison.Ordinal);
    }
}
