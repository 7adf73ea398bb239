using Automation.Core.Messaging;
using Automation.Core.Orders;
using Automation.Core.Shops;
using Automation.Core.Tasks;

namespace Automation.Core.Shipping;

/// <summary>
/// Shipping notices: one per shipment (step n is the order's n-th shipment), due the moment it is known. A repeated
/// event names a known shipment and plans nothing; a second shipment plans a second notice. Transactional: quiet
/// hours apply only if the shop asks (<c>shippingNotices.respectQuietHours</c>).
/// </summary>
public sealed class ShippingNoticeJob : IOrderMessageJob
{
    public string Kind => MessageKinds.ShippingNotice;

    public bool ReachesCustomer => true;

    public bool IsTransactional => true;

    public bool StepsWaitForPrevious => false;

    public AgentTask? TaskFor(ShopSettings shop, Order order, int step, DateTimeOffset now) => null;

    public IReadOnlyList<PlannedMessage> Plan(MessagePlanning planning)
    {
        ArgumentNullException.ThrowIfNull(planning);
        var (shop, order) = (planning.Shop, planning.After);
        var plan = new List<PlannedMessage>();
        for (var step = 1; step <= order.Shipments.Count; step++)
        {
            if (planning.ExistingSteps.Contains(step))
            {
                continue;
            }

            var skip = WhyNot(shop, order);
            plan.Add(skip is null ? PlannedMessage.Due(Kind, step, DueFrom(shop, planning.Now)) : PlannedMessage.Skipped(Kind, step, skip));
        }

        return plan;
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
        if (step < 1 || step > order.Shipments.Count)
        {
            return SendDecision.Skip(SkipReasons.ShipmentUnknown);
        }

        if (WhyNot(shop, order) is { } reason)
        {
            return SendDecision.Skip(reason);
        }

        var due = DueFrom(shop, now);
        return due == now ? SendDecision.Send : SendDecision.Defer(due, SkipReasons.QuietHours);
    }

    /// <summary>
    /// Off, or pointless: a cancelled or closed order, or a shipment first heard of once the order was already delivered
    /// (the parcel has arrived; telling the buyer it left is noise).
    /// </summary>
    private static string? WhyNot(ShopSettings shop, Order order) =>
        !shop.ShippingNotices.Enabled ? SkipReasons.ShippingNoticesDisabled
        : order.Status is OrderStatus.Cancelled or OrderStatus.Closed or OrderStatus.Delivered or OrderStatus.Completed ? SkipReasons.ForStatus(order.Status)
        : null;

    private static DateTimeOffset DueFrom(ShopSettings shop, DateTimeOffset now) =>
        shop.ShippingNotices.RespectQuietHours ? shop.QuietHours?.DeferOutOf(now, shop.TimeZone) ?? now : now;
}
