using Automation.Core.Messaging;
using Automation.Core.Orders;
using Automation.Core.Tests.Support;
using static Automation.Core.Tests.Support.Zones;

namespace Automation.Core.Tests.Messaging;

public class MessageValuesTests
{
    private static readonly DateTimeOffset PlacedAt = At("2026-11-22T10:00:00Z");

    [Fact]
    public void ForOrder_UnpaidOrder_FillsEveryPaymentReminderPlaceholder()
    {
        var values = MessageValues.ForOrder(TestShops.Shop(), TestOrders.Unpaid(PlacedAt), At("2026-11-23T10:00:00Z"));

        Assert.Equal(MessageTemplates.PlaceholdersFor(MessageKinds.PaymentReminder), values.Keys.ToHashSet());
        Assert.Equal("Demo Shop", values["shopName"]);
        Assert.Equal("A1001", values["orderId"]);
        Assert.Equal("199.00", values["amount"]);
        Assert.Equal("CNY", values["currency"]);
        Assert.Equal("Hoodie", values["itemTitle"]);
        Assert.Equal("https://shop.example/pay/A1001", values["payUrl"]);
        Assert.Equal("李雷", values["customerName"]);
        Assert.Equal("2026-11-23 18:00", values["autoCloseAt"]); // Shanghai, UTC+8
    }

    [Fact]
    public void ForOrder_StoredTextWithSpoofingCharacters_IsCleaned()
    {
        var unpaid = TestOrders.Unpaid(PlacedAt);
        var order = unpaid with
        {
            Customer = unpaid.Customer! with { Name = "Li\u202E Lei\u0000" },
            Items = [new OrderItem("HD-M", "Hoo\u200Bdie", 1, 199m), new OrderItem(null, "Cap", 1, 1m)],
        };

        var values = MessageValues.ForOrder(TestShops.Shop(), order, null);

        Assert.Equal("Li Lei", values["customerName"]);
        Assert.Equal("Hoodie (+1)", values["itemTitle"]);
    }

    [Theory]
    [InlineData("1234.5", "1234.50")]
    [InlineData("0", "0.00")]
    [InlineData("19.999", "20.00")]
    [InlineData("1000000", "1000000.00")]
    public void ForOrder_Amount_HasTwoDecimalsWithoutGrouping(string total, string expected)
    {
        var order = TestOrders.Unpaid(PlacedAt) with { Total = decimal.Parse(total, System.Globalization.CultureInfo.InvariantCulture) };

        Assert.Equal(expected, MessageValues.ForOrder(TestShops.Shop(), order, null)["amount"]);
    }

    [Fact]
    public void ForOrder_Amount_IgnoresTheCurrentCulture()
    {
        var previous = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("de-DE");

            Assert.Equal("199.00", MessageValues.ForOrder(TestShops.Shop(), TestOrders.Unpaid(PlacedAt), null)["amount"]);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void ForOrder_AutoCloseInDaylightTime_ShownInShopLocalTime()
    {
        var values = MessageValues.ForOrder(TestShops.Shop("America/New_York"), TestOrders.Unpaid(PlacedAt), At("2026-07-01T13:30:00Z"));

        Assert.Equal("2026-07-01 09:30", values["autoCloseAt"]);
    }

    [Fact]
    public void ForOrder_SeveralItems_NamesTheFirstAndCountsTheRest()
    {
        var order = TestOrders.Unpaid(PlacedAt) with
        {
            Items = [new OrderItem(null, "Hoodie", 1, 199m), new OrderItem(null, "Socks", 2, 10m), new OrderItem(null, "Cap", 1, 30m)],
        };

        Assert.Equal("Hoodie (+2)", MessageValues.ForOrder(TestShops.Shop(), order, null)["itemTitle"]);
    }

    [Fact]
    public void ForOrder_UnknownFacts_RenderAsEmptyText()
    {
        var order = new Order("demo-shop", "A1001", OrderStatus.Created, null, null, null, null, null, null, [], null);

        var values = MessageValues.ForOrder(TestShops.Shop(), order, null);

        Assert.All(new[] { "amount", "currency", "itemTitle", "payUrl", "customerName", "autoCloseAt" }, key => Assert.Equal(string.Empty, values[key]));
    }

    [Fact]
    public void RenderDefault_ChineseReminder_ReadsNaturally()
    {
        var shop = TestShops.Shop();
        var order = TestOrders.Unpaid(PlacedAt);

        var text = MessageTemplates.Render(MessageKinds.PaymentReminder, "zh-CN", shop, MessageValues.ForOrder(shop, order, At("2026-11-23T10:00:00Z")));

        Assert.Equal("亲，您在Demo Shop的订单A1001（Hoodie，199.00 CNY）还没有付款哦。点这里付款：https://shop.example/pay/A1001 订单将于2026-11-23 18:00自动关闭，喜欢就别错过啦～", text);
    }

    [Fact]
    public void RenderDefault_EnglishReminder_ReadsNaturally()
    {
        var shop = TestShops.Shop(locale: "en");
        var order = TestOrders.Unpaid(PlacedAt);

        var text = MessageTemplates.Render(MessageKinds.PaymentReminder, "en-US", shop, MessageValues.ForOrder(shop, order, At("2026-11-23T10:00:00Z")));

        Assert.Equal("Hi from Demo Shop! Your order A1001 (Hoodie, 199.00 CNY) is still waiting for payment. You can pay here: https://shop.example/pay/A1001 Unpaid orders close automatically, this one at 2026-11-23 18:00.", text);
    }
}
