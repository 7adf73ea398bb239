using System.Globalization;
using Automation.Core.Orders;
using Automation.Core.Shipping;
using Automation.Core.Shops;
using Automation.Core.Time;

namespace Automation.Core.Messaging;

/// <summary>Builds the placeholder values a message template is rendered with.</summary>
public static class MessageValues
{
    public const string DateTimeFormat = "yyyy-MM-dd HH:mm";

    /// <summary>
    /// The values for messages about an order. Unknown facts render as empty text; the amount has two
    /// decimals (invariant culture); <paramref name="autoCloseAt"/> is shown in the shop's local time.
    /// With several items, the first one's title is followed by how many more there are: "Hoodie (+2)".
    /// </summary>
    /// <summary>
    /// The values for step <paramref name="step"/> of a <paramref name="kind"/> message: the order's, and for a
    /// shipping notice those of the shipment it announces (its carrier, tracking number and link).
    /// </summary>
    public static IReadOnlyDictionary<string, string> ForMessage(ShopSettings shop, Order order, string kind, int step)
    {
        ArgumentNullException.ThrowIfNull(order);
        var values = new Dictionary<string, string>(ForOrder(shop, order, OrderLifecycle.EffectiveAutoCloseAt(order, shop.PaymentReminders)), StringComparer.Ordinal);
        if (kind == MessageKinds.ShippingNotice && step >= 1 && step <= order.Shipments.Count)
        {
            var shipment = order.Shipments[step - 1];
            values[MessagePlaceholders.Carrier] = CustomerText.Clean(shipment.Carrier);
            values[MessagePlaceholders.TrackingNumber] = CustomerText.Clean(shipment.TrackingNumber);
            values[MessagePlaceholders.TrackingUrl] = shipment.TrackingUrl
                ?? CarrierTrackingLinks.For(shipment.Carrier, shipment.TrackingNumber, shop.CarrierLinks)
                ?? string.Empty;
        }

        return values;
    }

    public static IReadOnlyDictionary<string, string> ForOrder(ShopSettings shop, Order order, DateTimeOffset? autoCloseAt)
    {
        ArgumentNullException.ThrowIfNull(shop);
        ArgumentNullException.ThrowIfNull(order);

        // Event text is cleaned when it comes in; cleaning again here also covers orders stored before that rule.
        var firstTitle = order.Items.Count == 0 ? string.Empty : CustomerText.Clean(order.Items[0].Title);
        var itemTitle = order.Items.Count switch
        {
            0 => string.Empty,
            1 => firstTitle,
            _ => string.Create(CultureInfo.InvariantCulture, $"{firstTitle} (+{order.Items.Count - 1})"),
        };

        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [MessagePlaceholders.ShopName] = shop.Name,
            [MessagePlaceholders.OrderId] = order.OrderId,
            [MessagePlaceholders.Amount] = order.Total?.ToString("0.00", CultureInfo.InvariantCulture) ?? string.Empty,
            [MessagePlaceholders.Currency] = order.Currency ?? string.Empty,
            [MessagePlaceholders.ItemTitle] = itemTitle,
            [MessagePlaceholders.PayUrl] = order.PayUrl ?? string.Empty,
            [MessagePlaceholders.CustomerName] = order.Customer?.Name is { } name ? CustomerText.Clean(name) : string.Empty,
            [MessagePlaceholders.AutoCloseAt] = autoCloseAt is { } at
                ? ZonedTime.ToLocal(at, shop.TimeZone).ToString(DateTimeFormat, CultureInfo.InvariantCulture)
                : string.Empty,
        };
    }
}
