namespace Automation.Core.Orders;

/// <summary>An order's current state, merged from every event applied to it (see <see cref="OrderLifecycle"/>).</summary>
public sealed record Order(
    string ShopId,
    string OrderId,
    OrderStatus Status,
    DateTimeOffset? PlacedAt,
    DateTimeOffset? AutoCloseAt,
    decimal? Total,
    string? Currency,
    string? PayUrl,
    Customer? Customer,
    IReadOnlyList<OrderItem> Items,
    Shipment? Shipment);

/// <summary>The result of applying an event: the new state and whether the status moved.</summary>
public sealed record OrderChange(Order Order, bool StatusChanged, OrderStatus? PreviousStatus);
