namespace Automation.Core.Shops;

/// <summary>
/// Shipping notices: one per shipment, the moment it ships. Transactional, so by default they ignore quiet hours and
/// the contact budget (a buyer wants to know a parcel is on its way).
/// </summary>
public sealed record ShippingNoticeSettings(bool Enabled, bool RespectQuietHours)
{
    public static ShippingNoticeSettings Default { get; } = new(Enabled: true, RespectQuietHours: false);
}

/// <summary>
/// Post-delivery follow-ups: one per order, <see cref="AfterDelivery"/> after it was delivered, never in quiet hours.
/// An order shipped <see cref="AfterShippedWithoutDelivery"/> ago with no delivery event opens a task instead.
/// </summary>
public sealed record FollowUpSettings(bool Enabled, TimeSpan AfterDelivery, TimeSpan AfterShippedWithoutDelivery)
{
    public static FollowUpSettings Default { get; } = new(Enabled: true, AfterDelivery: TimeSpan.FromDays(3), AfterShippedWithoutDelivery: TimeSpan.FromDays(10));
}

/// <summary>
/// How often a customer may get non-transactional messages (payment reminders, follow-ups) from the shop: at most
/// <see cref="MaxPerWindow"/> in any <see cref="Window"/>. Over budget, a message is skipped, never queued for later.
/// </summary>
public sealed record ContactBudgetSettings(int MaxPerWindow, TimeSpan Window)
{
    public const int MaxAllowed = 20;

    public static ContactBudgetSettings Default { get; } = new(MaxPerWindow: 2, Window: TimeSpan.FromHours(24));
}
