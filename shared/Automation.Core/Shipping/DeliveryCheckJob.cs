using Automation.Core.Messaging;
using Automation.Core.Orders;
using Automation.Core.Shops;
using Automation.Core.Tasks;

namespace Automation.Core.Shipping;

/// <summary>
/// The check on a parcel that never arrives: planned when the order first ships, due
/// <c>followUps.afterShippedWithoutDelivery</c> (P10D) later, and dropped once a delivery (or the order's end) is
/// known. When it comes due it opens a "delivery not confirmed" task for the agents instead of messaging the buyer.
/// </summary>
public sealed class DeliveryCheckJob : IOrderMessageJob
{
    public string Kind => MessageKinds.DeliveryCheck;

    public bool ReachesCustomer => false;

    /// <summary>Nothing reaches the customer, so nothing counts against their budget.</summary>
    public bool IsTransactional => true;

    public bool StepsWaitForPrevious => false;

    public IReadOnlyList<PlannedMessage> Plan(MessagePlanning planning)
    {
        ArgumentNullException.ThrowIfNull(planning);
        var order = planning.After;
        return planning.ExistingSteps.Count > 0 || order.Status != OrderStatus.Shipped
            ? []
            : [PlannedMessage.Due(Kind, 1, (order.ShippedAt ?? planning.Now) + planning.Shop.FollowUps.AfterShippedWithoutDelivery)];
    }

    public string? SkipReasonAfterChange(Order order)
    {
        ArgumentNullException.ThrowIfNull(order);
        return order.Status == OrderStatus.Shipped ? null : SkipReasons.ForStatus(order.Status);
    }

    public SendDecision DecideAtSendTime(ShopSettings shop, Order order, int step, DateTimeOffset now, DateTimeOffset? previousStepSentAt) =>
        SkipReasonAfterChange(order) is { } reason ? SendDecision.Skip(reason) : SendDecision.Send;

    public AgentTask? TaskFor(ShopSettings shop, Order order, int step, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(shop);
        return LogisticsTasks.ForUnconfirmedDelivery(shop.ShopId, order, now);
    }
}
