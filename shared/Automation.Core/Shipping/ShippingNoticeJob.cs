using Automation.Core.Messaging;
using Automation.Core.Orders;
using Automation.Core.Shops;
using Automation.Core.Tasks;

namespace Automation.Core.Shipping;

/// <summary>
/// Shipping notices: one per shipment (step n is the order's n-th shipment), due the moment it is known. A repeated
/// event names a known shipment and plans nothing; a second shipment plans a second notice. Transactional: quiet
/// hours apply only if the shop asks (<c>shippingNotices.respectQuietHours</c>).
/// The buyer gets a notice, with tracking, unless the order was delivered before the shipment was first heard of: a
/// delivery reported a moment after the shipment (Shopify's local delivery, WooCommerce's <c>completed</c>) does not
/// take back a notice already planned.
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

            var skip = WhyNotPlanned(shop, order);
            plan.Add(skip is null ? PlannedMessage.Due(Kind, step, DueFrom(shop, planning.Now)) : PlannedMessage.Skipped(Kind, step, skip));
        }

        return plan;
    }

    public string? SkipReasonAfterChange(Order order)
    {
        ArgumentNullException.ThrowIfNull(order);
        return Ended(order);
    }

    public SendDecision DecideAtSendTime(ShopSettings shop, Order order, int step, DateTimeOffset now, DateTimeOffset? previousStepSentAt)
    {
        ArgumentNullException.ThrowIfNull(shop);
        ArgumentNullException.ThrowIfNull(order);
        if (step < 1 || step > order.Shipments.Count)
        {
            return SendDecision.Skip(SkipReasons.ShipmentUnknown);
        }

        if (WhyNotSent(shop, order) is { } reason)
        {
            return SendDecision.Skip(reason);
        }

        var due = DueFrom(shop, now);
        return due == now ? SendDecision.Send : SendDecision.Defer(due, SkipReasons.QuietHours);
    }

    /// <summary>
    /// When a shipment is first heard of: off, or pointless: a cancelled or closed order, or one already delivered
    /// (the parcel has arrived; telling the buyer it left is noise).
    /// </summary>
    private static string? WhyNotPlanned(ShopSettings shop, Order order) =>
        WhyNotSent(shop, order)
        ?? (order.Status is OrderStatus.Delivered or OrderStatus.Completed ? SkipReasons.ForStatus(order.Status) : null);

    /// <summary>When a planned notice comes due: off, or the order was cancelled or closed; a delivery since then is no reason.</summary>
    private static string? WhyNotSent(ShopSettings shop, Order order) =>
        !shop.ShippingNotices.Enabled ? SkipReasons.ShippingNoticesDisabled : Ended(order);

    private static string? Ended(Order order) =>
        order.Status is OrderStatus.Cancelled or OrderStatus.Closed ? SkipReasons.ForStatus(order.Status) : null;

    private static DateTimeOffset DueFrom(ShopSettings shop, DateTimeOffset now) =>
        shop.ShippingNotices.RespectQuietHours ? shop.QuietHours?.DeferOutOf(now, shop.TimeZone) ?? now : now;
}
