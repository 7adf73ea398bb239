namespace Automation.Core.Orders;

/// <summary>
/// Where an order is in its life: created (placed, unpaid) -> paid -> shipped -> delivered -> completed,
/// or cancelled/closed. Completed, cancelled and closed are terminal. See <see cref="OrderLifecycle"/>.
/// </summary>
public enum OrderStatus
{
    Created,
    Paid,
    Shipped,
    Delivered,
    Completed,
    Cancelled,
    Closed,
}
