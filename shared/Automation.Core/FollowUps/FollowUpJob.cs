using Automation.Core.Messaging;
using Automation.Core.Orders;
using Automation.Core.Shops;
using Automation.Core.Tasks;

namespace Automation.Core.FollowUps;

/// <summary>
/// Post-delivery follow-ups: one per order, <c>followUps.afterDelivery</c> after the parcel was signed for (the
/// event's occurredAt, else when it arrived), moved out of quiet hours. None for an order cancelled or closed
/// (refunded) by then, nor for an order with an after-sale case still open (<see cref="Order.OpenCases"/>), checked
/// when the follow-up is planned and again at send time (a case opened in between holds it too).
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

        if (OpenCaseReason(order) is { } openCase)
        {
            return [PlannedMessage.Skipped(Kind, 1, openCase)];
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

        if (OpenCaseReason(order) is { } openCase)
        {
            return SendDecision.Skip(openCase);
        }

        var until = shop.QuietHours?.DeferOutOf(now, shop.TimeZone) ?? now;
        return until == now ? SendDecision.Send : SendDecision.Defer(until, SkipReasons.QuietHours);
    }

    /// <summary>
    /// The one place of the rule "no follow-up while an after-sale case is open" (issue 8). A skip, not a deferral:
    /// a buyer who had to open a case is not asked afterwards whether everything was fine.
    /// </summary>
    private static string? OpenCaseReason(Order order) => order.OpenCases.Count > 0 ? SkipReasons.OpenAfterSaleCase : null;
}
