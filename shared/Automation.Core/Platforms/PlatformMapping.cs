using Automation.Core.Orders;

namespace Automation.Core.Platforms;

/// <summary>The platforms with an adapter, by the name their endpoint and records use.</summary>
public static class PlatformNames
{
    public const string Shopify = "shopify";
    public const string WooCommerce = "woocommerce";
}

/// <summary>
/// What one platform webhook delivery becomes: the canonical events the product applies, a compliance request, or
/// nothing (with the reason). An adapter builds it from the delivery alone, so mapping is pure and a body that cannot
/// be mapped applies nothing at all.
/// </summary>
public sealed record PlatformMapping
{
    /// <summary>The platform's topic as sent ("orders/create", "order.updated").</summary>
    public required string Topic { get; init; }

    /// <summary>
    /// What makes this delivery the same as an earlier one (Shopify's webhook id; WooCommerce's order id and
    /// modification time), for the delivery log. The canonical events' ids carry the same identity, so the order's own
    /// duplicate check stays the atomic one.
    /// </summary>
    public required string DeliveryKey { get; init; }

    /// <summary>The order the delivery concerns, when it names one (its timeline shows the delivery).</summary>
    public string? OrderId { get; init; }

    /// <summary>The platform's own ids the delivery carries ("order", "fulfillment", "return"...), as sent, for ops.</summary>
    public IReadOnlyDictionary<string, string> PlatformIds { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The canonical events, in the order to apply them, checked by the canonical validators like any other.</summary>
    public IReadOnlyList<OrderEventInput> Events { get; init; } = [];

    /// <summary>A privacy request (Shopify's mandatory compliance topics).</summary>
    public ComplianceRequest? Compliance { get; init; }

    /// <summary>Why the delivery changes nothing (a topic not mapped, a draft order), when it does not.</summary>
    public string? Ignored { get; init; }

    /// <summary>
    /// What the events leave out though the delivery is applied (a WooCommerce order completed without a tracking
    /// number is recorded as paid, with no shipping notice), for the delivery log and ops.
    /// </summary>
    public string? Note { get; init; }

    /// <summary>The body's fields the adapter could not read, by their path in the platform's body: the delivery fails as a whole.</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; init; } = new Dictionary<string, string[]>(StringComparer.Ordinal);

    public bool IsValid => Errors.Count == 0;
}

public enum ComplianceKind
{
    /// <summary>Erase one customer's personal data (Shopify <c>customers/redact</c>).</summary>
    CustomerRedact,

    /// <summary>Erase everything the shop's data holds (Shopify <c>shop/redact</c>, 48 hours after the app is uninstalled).</summary>
    ShopRedact,

    /// <summary>The customer asked what is kept about them (Shopify <c>customers/data_request</c>): recorded for ops.</summary>
    CustomerDataRequest,
}

/// <summary>A privacy request: which customer (none for the shop's) and the orders the platform names.</summary>
public sealed record ComplianceRequest(ComplianceKind Kind, string? CustomerId, IReadOnlyList<string> OrderIds, string? RequestId);
