using Automation.Core.Messaging;
using Automation.Core.Orders;
using Automation.Core.Shipping;
using Automation.Core.Tasks;
using Automation.Core.Tests.Support;

namespace Automation.Core.Tests.Shipping;

public class DeliveryCheckJobTests
{
    private static readonly DateTimeOffset ShippedAt = new(2026, 11, 19, 8, 0, 0, TimeSpan.Zero);
    private static readonly DeliveryCheckJob Job = new();

    [Fact]
    public void Plan_WhenFirstShipped_IsDueTenDaysLater_AndOnlyOnce()
    {
        var shipped = Shipped();

        Assert.Equal([PlannedMessage.Due(MessageKinds.DeliveryCheck, 1, ShippedAt.AddDays(10))], Job.Plan(new(TestShops.Shop(), null, shipped, [], true, ShippedAt)));
        Assert.Empty(Job.Plan(new(TestShops.Shop(), null, shipped, [1], true, ShippedAt)));
    }

    [Theory]
    [InlineData(OrderStatus.Delivered)]
    [InlineData(OrderStatus.Completed)]
    [InlineData(OrderStatus.Cancelled)]
    public void DecideAtSendTime_OnceDeliveredOrEnded_IsSkipped(OrderStatus status)
    {
        Assert.Equal(SendDecisionKind.Skip, Job.DecideAtSendTime(TestShops.Shop(), Shipped() with { Status = status }, 1, ShippedAt.AddDays(10), null).Kind);
        Assert.NotNull(Job.SkipReasonAfterChange(Shipped() with { Status = status }));
    }

    [Fact]
    public void TaskFor_StillShipped_OpensADeliveryTaskWithTheShipmentsAsEvidence()
    {
        var now = ShippedAt.AddDays(10);

        var task = Job.TaskFor(TestShops.Shop(), Shipped(), 1, now)!;

        Assert.Equal(SendDecision.Send, Job.DecideAtSendTime(TestShops.Shop(), Shipped(), 1, now, null));
        Assert.Equal("delivery_unconfirmed:A1001", task.TaskId);
        Assert.Equal(TaskKinds.DeliveryUnconfirmed, task.Kind);
        Assert.Equal(now.AddHours(48), task.DueAt);
        Assert.Contains(new TaskEvidence("shipment", "ZTO ZT123"), task.Evidence);
        Assert.False(Job.ReachesCustomer);
    }

    private static Order Shipped() => TestOrders.Unpaid(ShippedAt.AddDays(-1)) with
    {
        Status = OrderStatus.Shipped,
        ShippedAt = ShippedAt,
        Shipments = [new Shipment("s-1", "ZTO", "ZT123", null)],
    };
}
