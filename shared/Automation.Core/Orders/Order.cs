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
    Shipment? Shipment)
{
    /// <summary>Every shipment of the order, in the order first seen: a shipping notice's step is a shipment's position (from 1).</summary>
    public IReadOnlyList<Shipment> Shipments { get; init; } = [];

    /// <summary>When the order first shipped, as its platform reported (occurredAt of the event).</summary>
    public DateTimeOffset? ShippedAt { get; init; }

    /// <summary>When the parcel was signed for, as its platform reported (occurredAt of the event).</summary>
    public DateTimeOffset? DeliveredAt { get; init; }

    /// <summary>
    /// The platform's time (occurredAt) of the newest event whose facts the order took. An event older than this (a
    /// platform's retry of a stale payload, Shopify's orders/updated arriving out of order) only fills facts still
    /// unknown: what the order says never moves backwards either.
    /// </summary>
    public DateTimeOffset? FactsAsOf { get; init; }

    /// <summary>
    /// The ids of the order's after-sale cases not yet closed, kept by the case events' transactions (not by order
    /// events, which carry it over): while any is open the buyer is not asked how the order went.
    /// </summary>
    public IReadOnlyList<string> OpenCases { get; init; } = [];
}

/// <summary>The result of applying an event: the new state and whether the status moved.</summary>
public sealed record OrderChange(Order Order, bool StatusChanged, OrderStatus? PreviousStatus);
