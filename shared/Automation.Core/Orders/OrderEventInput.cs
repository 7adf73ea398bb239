using System.Diagnostics.CodeAnalysis;
using Automation.Core.Cases;

namespace Automation.Core.Orders;

/// <summary>
/// The body of <c>POST /api/shops/{shopId}/events</c> as received: everything optional and unchecked.
/// <see cref="OrderEventValidator"/> turns it into an <see cref="OrderEvent"/>.
/// </summary>
public sealed class OrderEventInput
{
    public string? Id { get; set; }

    public string? Type { get; set; }

    /// <summary>
    /// RFC 3339 date and time with an offset. Kept as text: the serializer would read a date without an offset
    /// as the server's local time, and the validator must see what was sent to refuse it.
    /// </summary>
    public string? OccurredAt { get; set; }

    public OrderInput? Order { get; set; }

    /// <summary>For <c>customer.message</c> and <c>review.posted</c>: who wrote (<c>{ "id" }</c>, and for a review the buyer's details to keep out of the reply).</summary>
    public CustomerInput? Customer { get; set; }

    /// <summary>For <c>customer.message</c>: <c>{ "id", "text", "receivedAt" }</c>.</summary>
    public CustomerMessageInput? Message { get; set; }

    /// <summary>For <c>shipment.exception</c>: <c>{ "id", "status", "detail", "at" }</c>.</summary>
    public ShipmentExceptionInput? Shipment { get; set; }

    /// <summary>For <c>review.posted</c>: <c>{ "id", "orderId", "rating", "text", "postedAt", "platform", "item", "locale" }</c>.</summary>
    public ReviewInput? Review { get; set; }

    /// <summary>For <c>case.opened</c>, <c>case.updated</c> and <c>case.closed</c>: the case (see <see cref="CaseInput"/>).</summary>
    public CaseInput? Case { get; set; }

    /// <summary>The case event's own input, for <see cref="CaseEventValidator"/>.</summary>
    public CaseEventInput ToCaseEvent() => new() { Id = Id, Type = Type, OccurredAt = OccurredAt, Case = Case };
}

public sealed class ReviewInput
{
    public string? Id { get; set; }

    public string? OrderId { get; set; }

    /// <summary>1 to 5 stars.</summary>
    public int? Rating { get; set; }

    public string? Text { get; set; }

    /// <inheritdoc cref="OrderEventInput.OccurredAt"/>
    public string? PostedAt { get; set; }

    /// <summary>Where it was posted: "taobao", "jd", "shopify", "amazon"…; the shop's channel posts the reply there.</summary>
    public string? Platform { get; set; }

    /// <summary>The reviewed item's title, if the platform says (otherwise the order's first item is used).</summary>
    public string? Item { get; set; }

    /// <summary>The review's language, if the platform says.</summary>
    public string? Locale { get; set; }
}

public sealed class CustomerMessageInput
{
    public string? Id { get; set; }

    public string? Text { get; set; }

    /// <inheritdoc cref="OrderEventInput.OccurredAt"/>
    public string? ReceivedAt { get; set; }
}

public sealed class ShipmentExceptionInput
{
    public string? Id { get; set; }

    /// <summary>lost, damaged, returned_to_sender, address_problem or delayed.</summary>
    public string? Status { get; set; }

    public string? Detail { get; set; }

    /// <inheritdoc cref="OrderEventInput.OccurredAt"/>
    public string? At { get; set; }
}

public sealed class OrderInput
{
    public string? Id { get; set; }

    /// <inheritdoc cref="OrderEventInput.OccurredAt"/>
    public string? PlacedAt { get; set; }

    /// <inheritdoc cref="OrderEventInput.OccurredAt"/>
    public string? AutoCloseAt { get; set; }

    public decimal? Total { get; set; }

    public string? Currency { get; set; }

    public string? PayUrl { get; set; }

    public CustomerInput? Customer { get; set; }

    [SuppressMessage("Usage", "CA2227:Collection properties should be read only", Justification = "Input DTO bound by System.Text.Json.")]
    [SuppressMessage("Design", "CA1002:Do not expose generic lists", Justification = "Input DTO bound by System.Text.Json.")]
    public List<OrderItemInput>? Items { get; set; }

    public ShipmentInput? Shipment { get; set; }
}

public sealed class CustomerInput
{
    public string? Id { get; set; }

    public string? Name { get; set; }

    public string? Phone { get; set; }

    public string? Email { get; set; }

    public string? Locale { get; set; }

    /// <summary>Only read from a <c>review.posted</c> event: kept out of the public reply, stored with the review, never logged.</summary>
    public string? Address { get; set; }
}

public sealed class OrderItemInput
{
    public string? Sku { get; set; }

    public string? Title { get; set; }

    public int? Quantity { get; set; }

    public decimal? Price { get; set; }
}

public sealed class ShipmentInput
{
    public string? Id { get; set; }

    public string? Carrier { get; set; }

    public string? TrackingNumber { get; set; }

    public string? TrackingUrl { get; set; }
}
