using Automation.Core.Messaging;
using Automation.Core.Orders;
using Automation.Core.Shops;
using Automation.Core.Tasks;

namespace Automation.Core.FollowUps;

/// <summary>
/// Post-delivery follow-ups: one per order, <c>followUps.afterDelivery</c> after the parcel was signed for (the
/// event's occurredAt, else when it arrived), moved out of quiet hours. None for an order cancelled or closed
/// (refunded) by then; the same check, at send time, is where open after-sale cases will hold it.
/// </summary>
public sealed class FollowUpJob : IOrderMessageJob
{
    public string Kind => MessageKinds.FollowUp;

    public bool ReachesCustomer => true;

    public bool IsTransactional => false;

    public bool StepsWaitForPrevious => false;

    public AgentTask? TaskFor(ShopSettings shop, Order order, int step, DateTimeOffset now) => null;

    public IReadOnlyList<PlannedMessage> Plan(MessagePlanning planning)
    {
        ArgumentNullException.ThrowIfNull(planning);
        var (shop, order) = (planning.Shop, planning.After);
        if (planning.ExistingSteps.Count > 0 || order.Status is not (OrderStatus.Delivered or OrderStatus.Completed))
        {
            return [];
        }

        if (!shop.FollowUps.Enabled)
        {
            return [PlannedMessage.Skipped(Kind, 1, SkipReasons.FollowUpsDisabled)];
        }

        var nominal = (order.DeliveredAt ?? planning.Now) + shop.FollowUps.AfterDelivery;
        return [PlannedMessage.Due(Kind, 1, shop.QuietHours?.DeferOutOf(nominal, shop.TimeZone) ?? nominal)];
    }

    public string? SkipReasonAfterChange(Order order)
    {
        ArgumentNullException.ThrowIfNull(order);
        return order.Status is OrderStatus.Cancelled or OrderStatus.Closed ? SkipReasons.ForStatus(order.Status) : null;
    }

    public SendDecision DecideAtSendTime(ShopSettings shop, Order order, int step, DateTimeOffset now, DateTimeOffset? previousStepSentAt)
    {
        ArgumentNullException.ThrowIfNull(shop);
        ArgumentNullException.ThrowIfNull(order);
        if (SkipReasonAfterChange(order) is { } reason)
        {
            return SendDecision.Skip(reason);
        }

        if (!shop.FollowUps.Enabled)
        {
            return SendDecision.Skip(SkipReasons.FollowUpsDisabled);
        }

        var until = shop.QuietHours?.DeferOutOf(now, shop.TimeZone) ?? now;
        return until == now ? SendDecision.Send : SendDecision.Defer(until, SkipReasons.QuietHours);
    }
}
