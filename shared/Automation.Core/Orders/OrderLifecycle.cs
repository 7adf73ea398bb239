using Automation.Core.Shops;

namespace Automation.Core.Orders;

/// <summary>
/// Applies events to orders. Events arrive late, twice or out of order, so:
/// <list type="bullet">
/// <item>The status only moves forward: created &lt; paid &lt; shipped &lt; delivered &lt; completed, and a later
/// status may skip steps (an order first seen as shipped was paid).</item>
/// <item>Cancelled and closed can end any order that is not yet completed; completed, cancelled and closed are
/// terminal. A late event for a terminal order (say <c>order.paid</c> after <c>order.closed</c>) leaves the
/// status as it is: the platform closed the order, and our records follow the order's first terminal state.
/// Its facts are still merged, so the order view shows what the platform reported.</item>
/// <item>Facts: an event that is current (it moves the order, or repeats its status) updates every fact it
/// carries. A late event (its status is behind the order's, or its occurredAt is older than the facts the order
/// holds, see <see cref="Order.FactsAsOf"/>) only fills facts still unknown, so a late <c>order.created</c> after
/// <c>order.paid</c> adds placedAt, customer and items but changes nothing already known.</item>
/// </list>
/// </summary>
public static class OrderLifecycle
{
    public static bool IsTerminal(OrderStatus status) => status is OrderStatus.Completed or OrderStatus.Cancelled or OrderStatus.Closed;

    /// <summary>Applies <paramref name="evt"/> to the order's current state (null when the order is new).</summary>
    public static OrderChange Apply(string shopId, Order? current, OrderEvent evt)
    {
        ArgumentException.ThrowIfNullOrEmpty(shopId);
        ArgumentNullException.ThrowIfNull(evt);
        var facts = evt.Facts;

        if (current is null)
        {
            var created = new Order(
                shopId,
                facts.OrderId,
                evt.Status,
                facts.PlacedAt,
                facts.AutoCloseAt,
                facts.Total,
                facts.Currency,
                facts.PayUrl,
                facts.Customer,
                facts.Items ?? [],
                facts.Shipment) { FactsAsOf = evt.OccurredAt };
            return new OrderChange(Track(created, evt), StatusChanged: true, PreviousStatus: null);
        }

        if (!string.Equals(current.ShopId, shopId, StringComparison.Ordinal)
            || !string.Equals(current.OrderId, facts.OrderId, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Event {evt.Id} is for order {shopId}/{facts.OrderId}, not {current.ShopId}/{current.OrderId}.", nameof(evt));
        }

        var status = NextStatus(current.Status, evt.Status);
        var isStale = evt.OccurredAt is { } occurredAt && current.FactsAsOf is { } asOf && occurredAt < asOf;
        var isLate = isStale || (status == current.Status && evt.Status != current.Status);
        var merged = isLate ? FillGaps(current, facts) : Update(current, facts) with { FactsAsOf = Newest(current.FactsAsOf, evt.OccurredAt) };
        merged = Track(merged with { Status = status }, evt);
        return new OrderChange(merged, StatusChanged: status != current.Status, PreviousStatus: current.Status);
    }

    /// <summary>The status after an event announcing <paramref name="announced"/>: never backwards, terminal states stay.</summary>
    public static OrderStatus NextStatus(OrderStatus current, OrderStatus announced)
    {
        if (IsTerminal(current))
        {
            return current;
        }

        if (announced is OrderStatus.Cancelled or OrderStatus.Closed)
        {
            return announced;
        }

        return Rank(announced) > Rank(current) ? announced : current;
    }

    /// <summary>When an unpaid order closes automatically: the platform's time if given, else placed + the shop's setting.</summary>
    public static DateTimeOffset? EffectiveAutoCloseAt(Order order, PaymentReminderSettings settings)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(settings);
        return order.AutoCloseAt ?? order.PlacedAt + settings.AutoCloseAfter;
    }

    /// <summary>
    /// Keeps every shipment an event names (a new one is added at the end, a known one updated with the newer facts)
    /// and the first shipping and delivery times, also from late events.
    /// </summary>
    private static Order Track(Order order, OrderEvent evt)
    {
        var shipments = order.Shipments;
        if (evt.Facts.Shipment is { } shipment)
        {
            var index = shipments.ToList().FindIndex(s => s.Identity == shipment.Identity);
            shipments = index < 0
                ? [.. shipments, shipment]
                : [.. shipments.Take(index), shipment with { TrackingUrl = shipment.TrackingUrl ?? shipments[index].TrackingUrl }, .. shipments.Skip(index + 1)];
        }

        return order with
        {
            Shipments = shipments,
            ShippedAt = order.ShippedAt ?? (evt.Type == OrderEventTypes.Shipped ? evt.OccurredAt : null),
            DeliveredAt = order.DeliveredAt ?? (evt.Type == OrderEventTypes.Delivered ? evt.OccurredAt : null),
        };
    }

    private static DateTimeOffset? Newest(DateTimeOffset? a, DateTimeOffset? b) => a is null || b > a ? b : a;

    private static int Rank(OrderStatus status) => status switch
    {
        OrderStatus.Created => 0,
        OrderStatus.Paid => 1,
        OrderStatus.Shipped => 2,
        OrderStatus.Delivered => 3,
        OrderStatus.Completed => 4,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Cancelled and closed have no rank."),
    };

    private static Order Update(Order order, OrderFacts facts) => order with
    {
        PlacedAt = facts.PlacedAt ?? order.PlacedAt,
        AutoCloseAt = facts.AutoCloseAt ?? order.AutoCloseAt,
        Total = facts.Total ?? order.Total,
        Currency = facts.Currency ?? order.Currency,
        PayUrl = facts.PayUrl ?? order.PayUrl,
        Customer = MergeCustomer(newer: facts.Customer, older: order.Customer),
        Items = facts.Items ?? order.Items,
        Shipment = facts.Shipment ?? order.Shipment,
    };

    private static Order FillGaps(Order order, OrderFacts facts) => order with
    {
        PlacedAt = order.PlacedAt ?? facts.PlacedAt,
        AutoCloseAt = order.AutoCloseAt ?? facts.AutoCloseAt,
        Total = order.Total ?? facts.Total,
        Currency = order.Currency ?? facts.Currency,
        PayUrl = order.PayUrl ?? facts.PayUrl,
        Customer = MergeCustomer(newer: order.Customer, older: facts.Customer),
        Items = order.Items.Count > 0 ? order.Items : facts.Items ?? order.Items,
        Shipment = order.Shipment ?? facts.Shipment,
    };

    /// <summary>The same customer: field by field, newer wins. A different customer: the newer one.</summary>
    private static Customer? MergeCustomer(Customer? newer, Customer? older)
    {
        if (newer is null || older is null)
        {
            return newer ?? older;
        }

        if (!string.Equals(newer.Id, older.Id, StringComparison.Ordinal))
        {
            return newer;
        }

        return new Customer(
            newer.Id,
            newer.Name ?? older.Name,
            newer.Phone ?? older.Phone,
            newer.Email ?? older.Email,
            newer.Locale ?? older.Locale);
    }
}
