using Automation.Core.Orders;

namespace Automation.Core.Reminders;

/// <summary>When an order event pays an order, which is what a payment reminder is for (the report's conversion).</summary>
public static class ReminderConversion
{
    /// <summary>
    /// The payment time when the change took an unpaid order (created) to paid or any stage after it (a platform may
    /// report the shipment first): the event's time, else <paramref name="now"/>. Null for every other change,
    /// cancellation and closing included.
    /// </summary>
    public static DateTimeOffset? PaidAt(Order? before, Order after, DateTimeOffset? occurredAt, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(after);
        var paid = before?.Status == OrderStatus.Created
            && after.Status is OrderStatus.Paid or OrderStatus.Shipped or OrderStatus.Delivered or OrderStatus.Completed;
        return paid ? occurredAt ?? now : null;
    }
}
