namespace Automation.Core.Messaging;

/// <summary>Placeholder names usable in templates (each kind allows a subset, see <see cref="MessageTemplates.PlaceholdersFor"/>).</summary>
public static class MessagePlaceholders
{
    public const string ShopName = "shopName";
    public const string OrderId = "orderId";
    public const string Amount = "amount";
    public const string Currency = "currency";
    public const string ItemTitle = "itemTitle";
    public const string PayUrl = "payUrl";
    public const string CustomerName = "customerName";

    public const string Carrier = "carrier";
    public const string TrackingNumber = "trackingNumber";

    /// <summary>The event's tracking link, else one built from the carrier's tracking page.</summary>
    public const string TrackingUrl = "trackingUrl";

    /// <summary>Shop-local "yyyy-MM-dd HH:mm".</summary>
    public const string AutoCloseAt = "autoCloseAt";

    /// <summary>True for the placeholders that hold a link for the buyer to follow (made clickable where a format can).</summary>
    public static bool IsLink(string name) => name is PayUrl or TrackingUrl;
}
