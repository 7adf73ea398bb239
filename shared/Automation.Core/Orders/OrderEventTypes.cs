using System.Collections.Frozen;

namespace Automation.Core.Orders;

/// <summary>The webhook event types accepted now, and the order status each one announces.</summary>
public static class OrderEventTypes
{
    public const string Created = "order.created";
    public const string Paid = "order.paid";
    public const string Shipped = "order.shipped";
    public const string Delivered = "order.delivered";
    public const string Completed = "order.completed";
    public const string Cancelled = "order.cancelled";
    public const string Closed = "order.closed";

    /// <summary>A shipment went wrong (lost, damaged, ...): opens a logistics task. It implies the order shipped.</summary>
    public const string ShipmentException = "shipment.exception";

    /// <summary>A customer wrote to the shop (a reply to a follow-up, an opt-out): announces no order status, see <see cref="OrderEventValidator.ValidateCustomerMessage"/>.</summary>
    public const string CustomerMessage = "customer.message";

    /// <summary>A buyer reviewed an order: classified, answered (or drafted) and followed up, see <see cref="Reviews.ReviewEventValidator"/>.</summary>
    public const string ReviewPosted = "review.posted";

    private static readonly FrozenDictionary<string, OrderStatus> Statuses = new Dictionary<string, OrderStatus>
    {
        [Created] = OrderStatus.Created,
        [Paid] = OrderStatus.Paid,
        [Shipped] = OrderStatus.Shipped,
        [Delivered] = OrderStatus.Delivered,
        [Completed] = OrderStatus.Completed,
        [Cancelled] = OrderStatus.Cancelled,
        [Closed] = OrderStatus.Closed,
        [ShipmentException] = OrderStatus.Shipped,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Every type the shop's events endpoint accepts, in lifecycle order: the order types, then the others it routes.</summary>
    public static IReadOnlyList<string> All { get; } =
        [Created, Paid, Shipped, Delivered, Completed, Cancelled, Closed, ShipmentException, CustomerMessage, ReviewPosted, .. Cases.CaseEventTypes.All];

    /// <summary>Whether the type announces an order status (every type but <see cref="CustomerMessage"/> and <see cref="ReviewPosted"/>).</summary>
    public static bool IsSupported(string? type) => type is not null && Statuses.ContainsKey(type);

    public static OrderStatus StatusOf(string type)
        => Statuses.TryGetValue(type, out var status)
            ? status
            : throw new ArgumentException($"Unsupported event type '{type}'.", nameof(type));
}
