namespace Automation.Core.Orders;

/// <summary>A validated order event: the status it announces and the facts it carries (null = not in this event).</summary>
public sealed record OrderEvent(string Id, string Type, OrderStatus Status, DateTimeOffset? OccurredAt, OrderFacts Facts)
{
    /// <summary>For <c>shipment.exception</c>: what went wrong with which shipment.</summary>
    public ShipmentException? ShipmentException { get; init; }
}

/// <summary>What one event says about an order; null means "not said", never "cleared".</summary>
public sealed record OrderFacts(
    string OrderId,
    DateTimeOffset? PlacedAt,
    DateTimeOffset? AutoCloseAt,
    decimal? Total,
    string? Currency,
    string? PayUrl,
    Customer? Customer,
    IReadOnlyList<OrderItem>? Items,
    Shipment? Shipment);

/// <summary>The buyer. Name, phone and email are personal data: never log them, never put them in a public reply.</summary>
public sealed record Customer(string Id, string? Name, string? Phone, string? Email, string? Locale)
{
    // Keeps personal data out of logs and exception messages that print records.
    public override string ToString() => $"Customer {{ Id = {Id}, Locale = {Locale} }}";
}

public sealed record OrderItem(string? Sku, string Title, int Quantity, decimal Price);

public sealed record Shipment(string? Id, string Carrier, string TrackingNumber, string? TrackingUrl)
{
    /// <summary>What tells shipments apart: the platform's shipment id, else carrier and tracking number.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string Identity => Id ?? $"{Carrier}|{TrackingNumber}";
}

/// <summary>A validated <c>customer.message</c>: a customer wrote to the shop about an order. Its text is the customer's own words.</summary>
public sealed record CustomerMessageEvent(string Id, string OrderId, string CustomerId, string MessageId, string Text, DateTimeOffset? ReceivedAt, DateTimeOffset? OccurredAt)
{
    // The text is the customer's: keep it out of logs.
    public override string ToString() => $"CustomerMessageEvent {{ Id = {Id}, OrderId = {OrderId}, CustomerId = {CustomerId}, MessageId = {MessageId} }}";
}
