using Automation.Core.Orders;

namespace Automation.Core.Messaging;

/// <summary>
/// Why a message is skipped or waits: short, stable snake_case codes, recorded with the message and
/// shown in the order view. Stable because stored; add new codes rather than renaming.
/// </summary>
public static class SkipReasons
{
    /// <summary>The shop turned this kind of message off.</summary>
    public const string RemindersDisabled = "reminders_disabled";

    /// <summary>The step is beyond the shop's current cap (maxPerOrder).</summary>
    public const string StepOverCap = "step_over_cap";

    /// <summary>The order has no placement time, so nothing can be scheduled from it.</summary>
    public const string MissingPlacedAt = "missing_placed_at";

    /// <summary>The order's automatic close time has been reached; a reminder would be pointless.</summary>
    public const string AutoClosePassed = "auto_close_passed";

    /// <summary>The step would be due only at or after the automatic close time.</summary>
    public const string DueAfterAutoClose = "due_after_auto_close";

    /// <summary>Quiet hours last until (or past) the automatic close time.</summary>
    public const string QuietHoursUntilAutoClose = "quiet_hours_until_auto_close";

    /// <summary>Less than the minimum gap after the previous step sent; buyers are not messaged in bursts.</summary>
    public const string TooCloseToPreviousStep = "too_close_to_previous_step";

    /// <summary>The step's time comes before step 1's (auto-close is too near for it).</summary>
    public const string BeforeFirstStep = "before_first_step";

    public const string ShippingNoticesDisabled = "shipping_notices_disabled";

    public const string FollowUpsDisabled = "follow_ups_disabled";

    /// <summary>The order has an after-sale case not yet closed: asking how it went would ignore the buyer's complaint.</summary>
    public const string OpenAfterSaleCase = "open_after_sale_case";

    /// <summary>A shipping notice whose step names no shipment of the order.</summary>
    public const string ShipmentUnknown = "shipment_unknown";

    /// <summary>The customer already got the shop's maximum of non-transactional messages in the window.</summary>
    public const string ContactBudgetExceeded = "contact_budget_exceeded";

    /// <summary>The customer asked not to get non-transactional messages.</summary>
    public const string CustomerOptedOut = "customer_opted_out";

    /// <summary>The customer's personal data was erased (on their request) before the message went out.</summary>
    public const string CustomerErased = "customer_erased";

    /// <summary>The shop mails its buyers (an email channel) and this order's customer has no email address.</summary>
    public const string NoCustomerEmail = "no_customer_email";

    /// <summary>The shop mails its buyers and this order's customer email is not an address mail can go to.</summary>
    public const string InvalidCustomerEmail = "invalid_customer_email";

    /// <summary>Used for <see cref="SendDecisionKind.Defer"/>: the shop's quiet hours are on.</summary>
    public const string QuietHours = "quiet_hours";

    public const string OrderPaid = "order_paid";
    public const string OrderShipped = "order_shipped";
    public const string OrderDelivered = "order_delivered";
    public const string OrderCompleted = "order_completed";
    public const string OrderCancelled = "order_cancelled";
    public const string OrderClosed = "order_closed";

    /// <summary>"order_paid", "order_cancelled", ...: the order has moved on to that status.</summary>
    public static string ForStatus(OrderStatus status) => status switch
    {
        OrderStatus.Paid => OrderPaid,
        OrderStatus.Shipped => OrderShipped,
        OrderStatus.Delivered => OrderDelivered,
        OrderStatus.Completed => OrderCompleted,
        OrderStatus.Cancelled => OrderCancelled,
        OrderStatus.Closed => OrderClosed,
        OrderStatus.Created => "order_created",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown order status."),
    };
}
