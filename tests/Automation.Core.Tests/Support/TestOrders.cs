using Automation.Core.Orders;

namespace Automation.Core.Tests.Support;

/// <summary>Builders for orders, order events and webhook bodies.</summary>
internal static class TestOrders
{
    public const string ShopId = "demo-shop";
    public const string OrderId = "A1001";

    public static Customer Buyer { get; } = new("c-9", "李雷", "13800000000", "lilei@example.com", "zh-CN");

    public static IReadOnlyList<OrderItem> Hoodie { get; } = [new OrderItem("HD-M", "Hoodie", 1, 199.00m)];

    /// <summary>An unpaid order placed at <paramref name="placedAt"/>, total 199.00 CNY, one hoodie.</summary>
    public static Order Unpaid(DateTimeOffset placedAt, DateTimeOffset? autoCloseAt = null) => new(
        ShopId,
        OrderId,
        OrderStatus.Created,
        placedAt,
        autoCloseAt,
        199.00m,
        "CNY",
        "https://shop.example/pay/A1001",
        Buyer,
        Hoodie,
        Shipment: null);

    /// <summary>Facts carrying only the order id.</summary>
    public static OrderFacts IdOnly(string orderId = OrderId) => new(orderId, null, null, null, null, null, null, null, null);

    /// <summary>The facts an order.created carries.</summary>
    public static OrderFacts Full(DateTimeOffset placedAt) => new(
        OrderId, placedAt, null, 199.00m, "CNY", "https://shop.example/pay/A1001", Buyer, Hoodie, null);

    public static OrderEvent Event(string type, OrderFacts? facts = null, string? id = null)
        => new(id ?? "evt-" + type, type, OrderEventTypes.StatusOf(type), null, facts ?? IdOnly());

    /// <summary>A complete, valid order.created webhook body.</summary>
    public static OrderEventInput CreatedInput() => new()
    {
        Id = "evt-1001",
        Type = OrderEventTypes.Created,
        OccurredAt = "2026-11-22T10:00:00Z",
        Order = new OrderInput
        {
            Id = OrderId,
            PlacedAt = "2026-11-22T10:00:00Z",
            Total = 199.00m,
            Currency = "CNY",
            PayUrl = "https://shop.example/pay/A1001",
            Customer = new CustomerInput { Id = "c-9", Name = "李雷", Phone = "13800000000", Email = "lilei@example.com", Locale = "zh-CN" },
            Items = [new OrderItemInput { Sku = "HD-M", Title = "Hoodie", Quantity = 1, Price = 199.00m }],
        },
    };

    /// <summary>A minimal event of any type: event id and order id only.</summary>
    public static OrderEventInput Input(string type, string orderId = OrderId) => new()
    {
        Id = "evt-" + type,
        Type = type,
        Order = new OrderInput { Id = orderId },
    };
}
