using Automation.Core.FollowUps;
using Automation.Core.Messaging;
using Automation.Core.Orders;
using Automation.Core.Shops;
using Automation.Core.Tests.Support;

namespace Automation.Core.Tests.FollowUps;

public class FollowUpJobTests
{
    private static readonly DateTimeOffset DeliveredAt = new(2026, 11, 26, 12, 30, 0, TimeSpan.Zero); // 20:30 in Shanghai
    private static readonly FollowUpJob Job = new();

    [Fact]
    public void Plan_OnDelivery_IsDueThreeDaysAfterTheParcelWasSignedFor()
    {
        var plan = Job.Plan(Planning(TestShops.Shop(), Delivered(), existing: []));

        Assert.Equal([PlannedMessage.Due(MessageKinds.FollowUp, 1, DeliveredAt.AddDays(3))], plan);
    }

    [Fact]
    public void Plan_DueInQuietHours_MovesToTheirEnd_InTheShopsZone()
    {
        var shop = TestShops.Shop(quietHours: new QuietHours(new TimeOnly(20, 0), new TimeOnly(9, 0)));

        var plan = Job.Plan(Planning(shop, Delivered(), existing: []));

        Assert.Equal(new DateTimeOffset(2026, 11, 30, 1, 0, 0, TimeSpan.Zero), plan.Single().DueAt); // 09:00 Shanghai
    }

    [Fact]
    public void Plan_OncePerOrder_AndNotBeforeDelivery()
    {
        Assert.Empty(Job.Plan(Planning(TestShops.Shop(), Delivered(), existing: [1])));
        Assert.Empty(Job.Plan(Planning(TestShops.Shop(), Delivered() with { Status = OrderStatus.Shipped }, existing: [])));
    }

    [Fact]
    public void Plan_WithoutADeliveryTime_CountsFromWhenTheEventArrived()
    {
        var now = DeliveredAt.AddHours(5);

        var plan = Job.Plan(new MessagePlanning(TestShops.Shop(), null, Delivered() with { DeliveredAt = null }, [], true, now));

        Assert.Equal(now.AddDays(3), plan.Single().DueAt);
    }

    [Fact]
    public void Plan_OrderWithAnOpenAfterSaleCase_IsSkipped()
    {
        var plan = Job.Plan(Planning(TestShops.Shop(), Delivered() with { OpenCases = ["case-1"] }, existing: []));

        Assert.Equal([PlannedMessage.Skipped(MessageKinds.FollowUp, 1, SkipReasons.OpenAfterSaleCase)], plan);
    }

    [Fact]
    public void DecideAtSendTime_CaseOpenedAfterPlanning_IsSkipped_AndSentOnceNoCaseIsOpen()
    {
        var sendAt = DeliveredAt.AddDays(3).AddHours(4); // 16:30 in Shanghai, outside quiet hours

        var withCase = Job.DecideAtSendTime(TestShops.Shop(), Delivered() with { OpenCases = ["case-1"] }, 1, sendAt, null);
        var without = Job.DecideAtSendTime(TestShops.Shop(), Delivered(), 1, sendAt, null);

        Assert.Equal(SendDecision.Skip(SkipReasons.OpenAfterSaleCase), withCase);
        Assert.Equal(SendDecision.Send, without);
    }

    [Theory]
    [InlineData(OrderStatus.Cancelled, SkipReasons.OrderCancelled)]
    [InlineData(OrderStatus.Closed, SkipReasons.OrderClosed)]
    public void DecideAtSendTime_CancelledOrRefundedOrder_IsSkipped(OrderStatus status, string reason)
    {
        var decision = Job.DecideAtSendTime(TestShops.Shop(), Delivered() with { Status = status }, 1, DeliveredAt.AddDays(3), null);

        Assert.Equal(SendDecision.Skip(reason), decision);
        Assert.Equal(reason, Job.SkipReasonAfterChange(Delivered() with { Status = status }));
    }

    [Fact]
    public void DecideAtSendTime_InQuietHours_Waits()
    {
        var shop = TestShops.Shop(quietHours: new QuietHours(new TimeOnly(20, 0), new TimeOnly(9, 0)));
        var lateEvening = new DateTimeOffset(2026, 11, 29, 14, 0, 0, TimeSpan.Zero); // 22:00 Shanghai

        var decision = Job.DecideAtSendTime(shop, Delivered(), 1, lateEvening, null);

        Assert.Equal(SendDecision.Defer(new DateTimeOffset(2026, 11, 30, 1, 0, 0, TimeSpan.Zero), SkipReasons.QuietHours), decision);
    }

    private static Order Delivered() =>
        TestOrders.Unpaid(DeliveredAt.AddDays(-4)) with { Status = OrderStatus.Delivered, DeliveredAt = DeliveredAt };

    private static MessagePlanning Planning(ShopSettings shop, Order order, int[] existing) => new(shop, null, order, existing, RemindersPlanned: true, DeliveredAt);
}
