using Automation.Core.Messaging;
using Automation.Core.Orders;
using Automation.Core.Shipping;
using Automation.Core.Shops;
using Automation.Core.Tests.Support;

namespace Automation.Core.Tests.Shipping;

public class ShippingNoticeJobTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 15, 0, 0, TimeSpan.Zero); // 23:00 in Shanghai
    private static readonly ShippingNoticeJob Job = new();
    private static readonly QuietHours Night = new(new TimeOnly(22, 0), new TimeOnly(8, 0));

    [Fact]
    public void Plan_FirstShipment_IsDueNow_EvenInQuietHours()
    {
        var shipped = Ship(Paid(), "S1");

        var plan = Job.Plan(Planning(TestShops.Shop(quietHours: Night), shipped, existing: []));

        Assert.Equal([PlannedMessage.Due(MessageKinds.ShippingNotice, 1, Now)], plan);
    }

    [Fact]
    public void Plan_SecondShipment_PlansStepTwoOnly_AndARepeatedShipmentPlansNothing()
    {
        var once = Ship(Paid(), "S1");
        var twice = Ship(once, "S2");
        var repeated = Ship(twice, "S2");

        Assert.Equal([PlannedMessage.Due(MessageKinds.ShippingNotice, 2, Now)], Job.Plan(Planning(TestShops.Shop(), twice, existing: [1])));
        Assert.Empty(Job.Plan(Planning(TestShops.Shop(), repeated, existing: [1, 2])));
        Assert.Equal(2, repeated.Shipments.Count);
    }

    [Fact]
    public void Plan_WhenTheShopRespectsQuietHours_IsDueWhenTheyEnd()
    {
        var shop = TestShops.Shop(quietHours: Night) with { ShippingNotices = new ShippingNoticeSettings(Enabled: true, RespectQuietHours: true) };

        var plan = Job.Plan(Planning(shop, Ship(Paid(), "S1"), existing: []));

        Assert.Equal(new DateTimeOffset(2026, 11, 30, 0, 0, 0, TimeSpan.Zero), plan.Single().DueAt); // 08:00 Shanghai
    }

    [Fact]
    public void Plan_Disabled_RecordsTheStepAsSkipped()
    {
        var shop = TestShops.Shop() with { ShippingNotices = new ShippingNoticeSettings(Enabled: false, RespectQuietHours: false) };

        var plan = Job.Plan(Planning(shop, Ship(Paid(), "S1"), existing: []));

        Assert.Equal([PlannedMessage.Skipped(MessageKinds.ShippingNotice, 1, SkipReasons.ShippingNoticesDisabled)], plan);
    }

    [Theory]
    [InlineData(OrderEventTypes.Delivered, SkipReasons.OrderDelivered)]
    [InlineData(OrderEventTypes.Completed, SkipReasons.OrderCompleted)]
    public void Plan_ShipmentFirstHeardOfAfterDelivery_IsSkipped(string deliveredBy, string reason)
    {
        var delivered = Ship(Apply(Paid(), deliveredBy), "S1");

        Assert.Equal(SkipReasons.ForStatus(delivered.Status), reason);
        Assert.Equal([PlannedMessage.Skipped(MessageKinds.ShippingNotice, 1, reason)], Job.Plan(Planning(TestShops.Shop(), delivered, existing: [])));
    }

    [Theory]
    [InlineData(OrderEventTypes.Delivered)]
    [InlineData(OrderEventTypes.Completed)] // WooCommerce's completed, a moment after the shipment
    public void DecideAtSendTime_OrderDeliveredAfterTheShipmentWasPlanned_Sends(string deliveredBy)
    {
        var shipped = Ship(Paid(), "S1");
        var planned = Job.Plan(Planning(TestShops.Shop(), shipped, existing: [])).Single();

        var decision = Job.DecideAtSendTime(TestShops.Shop(), Apply(shipped, deliveredBy), planned.Step, Now, null);

        Assert.Equal((SendDecisionKind.Send, (string?)null), (decision.Kind, decision.Reason));
    }

    [Fact]
    public void DecideAtSendTime_NoticesTurnedOffSinceThePlan_IsSkipped()
    {
        var off = TestShops.Shop() with { ShippingNotices = new ShippingNoticeSettings(Enabled: false, RespectQuietHours: false) };

        var decision = Job.DecideAtSendTime(off, Apply(Ship(Paid(), "S1"), OrderEventTypes.Delivered), 1, Now, null);

        Assert.Equal((SendDecisionKind.Skip, SkipReasons.ShippingNoticesDisabled), (decision.Kind, decision.Reason));
    }

    [Theory]
    [InlineData(OrderStatus.Shipped, SendDecisionKind.Send)]
    [InlineData(OrderStatus.Cancelled, SendDecisionKind.Skip)]
    [InlineData(OrderStatus.Closed, SendDecisionKind.Skip)]
    public void DecideAtSendTime_SendsUnlessTheOrderEnded(OrderStatus status, SendDecisionKind expected)
    {
        var order = Ship(Paid(), "S1") with { Status = status };

        Assert.Equal(expected, Job.DecideAtSendTime(TestShops.Shop(quietHours: Night), order, 1, Now, null).Kind);
    }

    [Fact]
    public void DecideAtSendTime_AStepWithoutItsShipment_IsSkipped()
    {
        Assert.Equal(SkipReasons.ShipmentUnknown, Job.DecideAtSendTime(TestShops.Shop(), Ship(Paid(), "S1"), 2, Now, null).Reason);
    }

    [Fact]
    public void Compose_ShippingNotice_NamesTheStepsOwnShipment()
    {
        var order = Ship(Ship(Paid(), "S1"), "S2");

        var first = OutgoingMessage.Compose(TestShops.Shop(locale: "en"), order with { Customer = null }, MessageKinds.ShippingNotice, 1);
        var second = OutgoingMessage.Compose(TestShops.Shop(locale: "en"), order with { Customer = null }, MessageKinds.ShippingNotice, 2);

        Assert.Contains("tracking number SF-S1", first.Text, StringComparison.Ordinal);
        Assert.Contains("https://track.example/S1", first.Text, StringComparison.Ordinal);
        Assert.Contains("tracking number SF-S2", second.Text, StringComparison.Ordinal);
        Assert.Equal("demo-shop:A1001:shipping_notice:2", second.MessageId);
    }

    [Theory]
    [InlineData("zh-CN", "亲，您在Demo Shop的订单A1001已发货啦！快递：SF Express，运单号：SF-S1。查看物流：https://track.example/S1")]
    [InlineData("en", "Good news from Demo Shop: your order A1001 has shipped with SF Express, tracking number SF-S1. Track it here: https://track.example/S1")]
    public void Compose_AnOrderKnownOnlyByItsShipment_LeavesNoEmptyBrackets(string locale, string expected)
    {
        var known = Ship(Paid(), "S1") with { Items = [], Customer = null };

        Assert.Equal(expected, OutgoingMessage.Compose(TestShops.Shop(locale: locale), known, MessageKinds.ShippingNotice, 1).Text);
    }

    private static Order Paid() => TestOrders.Unpaid(Now.AddDays(-1)) with { Status = OrderStatus.Paid };

    private static Order Ship(Order order, string shipmentId) =>
        OrderLifecycle.Apply(order.ShopId, order, new OrderEvent(
            "evt-ship-" + shipmentId,
            OrderEventTypes.Shipped,
            OrderStatus.Shipped,
            Now,
            TestOrders.IdOnly() with { Shipment = new Shipment(shipmentId, "SF Express", "SF-" + shipmentId, "https://track.example/" + shipmentId) })).Order;

    private static Order Apply(Order order, string eventType) =>
        OrderLifecycle.Apply(order.ShopId, order, new OrderEvent(
            "evt-" + eventType,
            eventType,
            OrderEventTypes.StatusOf(eventType),
            Now,
            TestOrders.IdOnly())).Order;

    private static MessagePlanning Planning(ShopSettings shop, Order order, int[] existing) => new(shop, null, order, existing, RemindersPlanned: true, Now);
}
