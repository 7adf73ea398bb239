using Automation.Core.Orders;
using Automation.Core.Shops;
using Automation.Core.Tests.Support;
using static Automation.Core.Tests.Support.TestOrders;

namespace Automation.Core.Tests.Orders;

public class OrderLifecycleTests
{
    private static readonly DateTimeOffset PlacedAt = Zones.At("2026-11-22T10:00:00Z");

    [Fact]
    public void Apply_NewOrder_TakesStatusAndFactsFromEvent()
    {
        var change = OrderLifecycle.Apply(ShopId, null, Event(OrderEventTypes.Created, Full(PlacedAt)));

        Assert.True(change.StatusChanged);
        Assert.Null(change.PreviousStatus);
        Assert.Equal(ShopId, change.Order.ShopId);
        Assert.Equal(OrderId, change.Order.OrderId);
        Assert.Equal(OrderStatus.Created, change.Order.Status);
        Assert.Equal(PlacedAt, change.Order.PlacedAt);
        Assert.Equal(199.00m, change.Order.Total);
        Assert.Equal(Buyer, change.Order.Customer);
        Assert.Equal(Hoodie, change.Order.Items);
    }

    [Fact]
    public void Apply_FirstEventIsPaid_CreatesPaidOrderWithoutItems()
    {
        var change = OrderLifecycle.Apply(ShopId, null, Event(OrderEventTypes.Paid));

        Assert.Equal(OrderStatus.Paid, change.Order.Status);
        Assert.Empty(change.Order.Items);
        Assert.Null(change.Order.PlacedAt);
    }

    [Fact]
    public void Apply_LifecycleInOrder_MovesForwardStepByStep()
    {
        Order? order = null;
        var seen = new List<(OrderStatus?, OrderStatus)>();
        foreach (var type in new[] { OrderEventTypes.Created, OrderEventTypes.Paid, OrderEventTypes.Shipped, OrderEventTypes.Delivered, OrderEventTypes.Completed })
        {
            var change = OrderLifecycle.Apply(ShopId, order, Event(type));
            Assert.True(change.StatusChanged);
            seen.Add((change.PreviousStatus, change.Order.Status));
            order = change.Order;
        }

        Assert.Equal(
            [(null, OrderStatus.Created), (OrderStatus.Created, OrderStatus.Paid), (OrderStatus.Paid, OrderStatus.Shipped), (OrderStatus.Shipped, OrderStatus.Delivered), (OrderStatus.Delivered, OrderStatus.Completed)],
            seen);
    }

    [Fact]
    public void Apply_ShippedBeforePaidArrives_SkipsAhead()
    {
        var change = OrderLifecycle.Apply(ShopId, Unpaid(PlacedAt), Event(OrderEventTypes.Shipped));

        Assert.Equal(OrderStatus.Shipped, change.Order.Status);
        Assert.Equal(OrderStatus.Created, change.PreviousStatus);
    }

    [Theory]
    [InlineData(OrderStatus.Paid, OrderEventTypes.Created)]
    [InlineData(OrderStatus.Shipped, OrderEventTypes.Created)]
    [InlineData(OrderStatus.Shipped, OrderEventTypes.Paid)]
    [InlineData(OrderStatus.Delivered, OrderEventTypes.Shipped)]
    [InlineData(OrderStatus.Delivered, OrderEventTypes.Paid)]
    [InlineData(OrderStatus.Completed, OrderEventTypes.Delivered)]
    [InlineData(OrderStatus.Completed, OrderEventTypes.Cancelled)]
    [InlineData(OrderStatus.Completed, OrderEventTypes.Closed)]
    [InlineData(OrderStatus.Cancelled, OrderEventTypes.Paid)]
    [InlineData(OrderStatus.Cancelled, OrderEventTypes.Created)]
    [InlineData(OrderStatus.Cancelled, OrderEventTypes.Closed)]
    [InlineData(OrderStatus.Closed, OrderEventTypes.Paid)]
    [InlineData(OrderStatus.Closed, OrderEventTypes.Cancelled)]
    [InlineData(OrderStatus.Closed, OrderEventTypes.Completed)]
    public void Apply_LateEvent_NeverMovesStatusBackwards(OrderStatus current, string lateType)
    {
        var order = Unpaid(PlacedAt) with { Status = current };

        var change = OrderLifecycle.Apply(ShopId, order, Event(lateType));

        Assert.Equal(current, change.Order.Status);
        Assert.False(change.StatusChanged);
        Assert.Equal(current, change.PreviousStatus);
    }

    [Theory]
    [InlineData(OrderStatus.Created, OrderEventTypes.Cancelled, OrderStatus.Cancelled)]
    [InlineData(OrderStatus.Created, OrderEventTypes.Closed, OrderStatus.Closed)]
    [InlineData(OrderStatus.Paid, OrderEventTypes.Closed, OrderStatus.Closed)]
    [InlineData(OrderStatus.Shipped, OrderEventTypes.Cancelled, OrderStatus.Cancelled)]
    [InlineData(OrderStatus.Delivered, OrderEventTypes.Closed, OrderStatus.Closed)]
    public void Apply_CancelOrCloseBeforeCompletion_EndsTheOrder(OrderStatus current, string type, OrderStatus expected)
    {
        var change = OrderLifecycle.Apply(ShopId, Unpaid(PlacedAt) with { Status = current }, Event(type));

        Assert.Equal(expected, change.Order.Status);
        Assert.True(change.StatusChanged);
    }

    [Fact]
    public void Apply_LateCreatedAfterPaid_KeepsPaidAndFillsMissingFacts()
    {
        var paid = OrderLifecycle.Apply(ShopId, null, Event(OrderEventTypes.Paid)).Order;

        var change = OrderLifecycle.Apply(ShopId, paid, Event(OrderEventTypes.Created, Full(PlacedAt)));

        Assert.Equal(OrderStatus.Paid, change.Order.Status);
        Assert.False(change.StatusChanged);
        Assert.Equal(PlacedAt, change.Order.PlacedAt);
        Assert.Equal(Buyer, change.Order.Customer);
        Assert.Equal(Hoodie, change.Order.Items);
        Assert.Equal(199.00m, change.Order.Total);
    }

    [Fact]
    public void Apply_LateCreatedAfterPaid_DoesNotOverwriteNewerFacts()
    {
        // order.paid reported the discounted total; the stale order.created must not undo it.
        var paidFacts = IdOnly() with { Total = 150.00m, Items = [new OrderItem("HD-L", "Hoodie L", 1, 150.00m)] };
        var paid = OrderLifecycle.Apply(ShopId, null, Event(OrderEventTypes.Paid, paidFacts)).Order;

        var change = OrderLifecycle.Apply(ShopId, paid, Event(OrderEventTypes.Created, Full(PlacedAt)));

        Assert.Equal(150.00m, change.Order.Total);
        Assert.Equal("Hoodie L", Assert.Single(change.Order.Items).Title);
    }

    [Fact]
    public void Apply_PaidAfterClosed_StaysClosedButRecordsFacts()
    {
        var closed = Unpaid(PlacedAt) with { Status = OrderStatus.Closed, PayUrl = null };

        var change = OrderLifecycle.Apply(ShopId, closed, Event(OrderEventTypes.Paid, IdOnly() with { PayUrl = "https://shop.example/pay/2" }));

        Assert.Equal(OrderStatus.Closed, change.Order.Status);
        Assert.False(change.StatusChanged);
        Assert.Equal("https://shop.example/pay/2", change.Order.PayUrl);
    }

    [Fact]
    public void Apply_SamePaidTwiceUnderDifferentIds_ChangesStatusOnce()
    {
        var order = Unpaid(PlacedAt);

        var first = OrderLifecycle.Apply(ShopId, order, Event(OrderEventTypes.Paid, id: "evt-2"));
        var second = OrderLifecycle.Apply(ShopId, first.Order, Event(OrderEventTypes.Paid, id: "evt-3"));

        Assert.True(first.StatusChanged);
        Assert.False(second.StatusChanged);
        Assert.Equal(OrderStatus.Paid, second.PreviousStatus);
        Assert.Equal(first.Order, second.Order);
    }

    [Fact]
    public void Apply_CreatedTwice_SecondUpdatesFactsWithoutStatusChange()
    {
        var order = Unpaid(PlacedAt);

        var change = OrderLifecycle.Apply(ShopId, order, Event(OrderEventTypes.Created, Full(PlacedAt) with { Total = 189.00m }));

        Assert.False(change.StatusChanged);
        Assert.Equal(189.00m, change.Order.Total);
    }

    [Fact]
    public void Apply_CurrentEventWithoutFacts_KeepsKnownFacts()
    {
        var order = Unpaid(PlacedAt);

        var change = OrderLifecycle.Apply(ShopId, order, Event(OrderEventTypes.Paid));

        Assert.Equal(order with { Status = OrderStatus.Paid }, change.Order);
    }

    [Fact]
    public void Apply_StalePayloadWithSameStatus_OnlyFillsGaps()
    {
        // Shopify sends the whole order with every orders/updated, and retries or reorders them: the older body must
        // not put back a total the newer one changed.
        var newer = Event(OrderEventTypes.Created, Full(PlacedAt) with { Total = 189.00m, PayUrl = null }, "evt-newer") with { OccurredAt = PlacedAt.AddMinutes(10) };
        var older = Event(OrderEventTypes.Created, Full(PlacedAt) with { Total = 199.00m, PayUrl = "https://pay.example/o/1" }, "evt-older") with { OccurredAt = PlacedAt.AddMinutes(5) };
        var afterNewer = OrderLifecycle.Apply(ShopId, Unpaid(PlacedAt) with { PayUrl = null }, newer).Order;

        var afterOlder = OrderLifecycle.Apply(ShopId, afterNewer, older).Order;

        Assert.Equal(189.00m, afterOlder.Total);
        Assert.Equal("https://pay.example/o/1", afterOlder.PayUrl);
        Assert.Equal(PlacedAt.AddMinutes(10), afterOlder.FactsAsOf);
    }

    [Fact]
    public void Apply_StalePayloadAnnouncingLaterStatus_MovesStatusButKeepsNewerFacts()
    {
        var current = OrderLifecycle.Apply(ShopId, Unpaid(PlacedAt),
            Event(OrderEventTypes.Created, IdOnly() with { Total = 189.00m }) with { OccurredAt = PlacedAt.AddMinutes(10) }).Order;

        var change = OrderLifecycle.Apply(ShopId, current,
            Event(OrderEventTypes.Paid, IdOnly() with { Total = 199.00m }) with { OccurredAt = PlacedAt.AddMinutes(5) });

        Assert.Equal(OrderStatus.Paid, change.Order.Status);
        Assert.Equal(189.00m, change.Order.Total);
    }

    [Fact]
    public void Apply_NewerPayload_TakesItsFactsAndTime()
    {
        var current = OrderLifecycle.Apply(ShopId, null, Event(OrderEventTypes.Created, Full(PlacedAt)) with { OccurredAt = PlacedAt }).Order;

        var change = OrderLifecycle.Apply(ShopId, current,
            Event(OrderEventTypes.Created, IdOnly() with { Total = 150.00m }, "evt-edit") with { OccurredAt = PlacedAt.AddHours(1) });

        Assert.Equal(150.00m, change.Order.Total);
        Assert.Equal(PlacedAt.AddHours(1), change.Order.FactsAsOf);
    }

    [Fact]
    public void Apply_ShippedWithShipment_RecordsShipment()
    {
        var shipment = new Shipment("s-1", "SF Express", "SF123", "https://sf.example/t/SF123");

        var change = OrderLifecycle.Apply(ShopId, Unpaid(PlacedAt) with { Status = OrderStatus.Paid }, Event(OrderEventTypes.Shipped, IdOnly() with { Shipment = shipment }));

        Assert.Equal(shipment, change.Order.Shipment);
    }

    [Fact]
    public void Apply_SameCustomerWithNewPhone_MergesFieldByField()
    {
        var update = IdOnly() with { Customer = new Customer(Buyer.Id, null, "13900000000", null, null) };

        var change = OrderLifecycle.Apply(ShopId, Unpaid(PlacedAt), Event(OrderEventTypes.Paid, update));

        Assert.Equal(Buyer with { Phone = "13900000000" }, change.Order.Customer);
    }

    [Fact]
    public void Apply_EventForAnotherOrder_Throws()
    {
        Assert.Throws<ArgumentException>(() => OrderLifecycle.Apply(ShopId, Unpaid(PlacedAt), Event(OrderEventTypes.Paid, IdOnly("B2002"))));
    }

    [Fact]
    public void Apply_EventForAnotherShop_Throws()
    {
        Assert.Throws<ArgumentException>(() => OrderLifecycle.Apply("other-shop", Unpaid(PlacedAt), Event(OrderEventTypes.Paid)));
    }

    [Fact]
    public void EffectiveAutoCloseAt_PlatformTimeGiven_UsesIt()
    {
        var order = Unpaid(PlacedAt, autoCloseAt: PlacedAt.AddHours(72));

        Assert.Equal(PlacedAt.AddHours(72), OrderLifecycle.EffectiveAutoCloseAt(order, PaymentReminderSettings.Default));
    }

    [Fact]
    public void EffectiveAutoCloseAt_NoPlatformTime_AddsShopSettingToPlacement()
    {
        var settings = PaymentReminderSettings.Default with { AutoCloseAfter = TimeSpan.FromHours(48) };

        Assert.Equal(PlacedAt.AddHours(48), OrderLifecycle.EffectiveAutoCloseAt(Unpaid(PlacedAt), settings));
    }

    [Fact]
    public void EffectiveAutoCloseAt_NeitherKnown_IsNull()
    {
        var order = Unpaid(PlacedAt) with { PlacedAt = null };

        Assert.Null(OrderLifecycle.EffectiveAutoCloseAt(order, PaymentReminderSettings.Default));
    }

    [Fact]
    public void ToString_OrderWithCustomer_LeavesOutPersonalData()
    {
        var text = Unpaid(PlacedAt).ToString();

        Assert.Contains("c-9", text, StringComparison.Ordinal);
        Assert.DoesNotContain(Buyer.Name!, text, StringComparison.Ordinal);
        Assert.DoesNotContain(Buyer.Phone!, text, StringComparison.Ordinal);
        Assert.DoesNotContain(Buyer.Email!, text, StringComparison.Ordinal);
    }
}
