using System.Text.Json.Serialization;

using Automation.Core.Agents;
using Automation.Core.Sweep;
using Automation.Core.Cases;
using Automation.Core.Platforms;
using Automation.Core.Reviews;
using Automation.Core.Shipping;

namespace Automation.Core.Shops;

/// <summary>
/// A shop's validated settings (build them with <see cref="ShopSettingsValidator"/>).
/// <see cref="Templates"/> maps a message kind to normalized locale tags to template text.
/// </summary>
public sealed record ShopSettings(
    string ShopId,
    string Name,
    string TimeZoneId,
    string Locale,
    string WebhookSecret,
    QuietHours? QuietHours,
    PaymentReminderSettings PaymentReminders,
    CustomerChannel? CustomerChannel,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Templates)
{
    public ShippingNoticeSettings ShippingNotices { get; init; } = ShippingNoticeSettings.Default;

    public FollowUpSettings FollowUps { get; init; } = FollowUpSettings.Default;

    public ContactBudgetSettings ContactBudget { get; init; } = ContactBudgetSettings.Default;

    /// <summary>The shop's own tracking pages by carrier, over the built-in table.</summary>
    public CarrierLinkSettings CarrierLinks { get; init; } = CarrierLinkSettings.Default;

    public ReviewReplySettings ReviewReplies { get; init; } = ReviewReplySettings.Default;

    /// <summary>Service targets for after-sale cases (<c>slas</c>): response and resolution times over working hours.</summary>
    public ServiceTargets ServiceTargets { get; init; } = ServiceTargets.Default;

    /// <summary>The shop's team: who receives which tasks, and where each agent's task list is sent.</summary>
    public IReadOnlyList<Agent> Agents { get; init; } = [];

    /// <summary>When the morning sweep runs (<c>at</c>) and when its tasks are due (<c>deadline</c>), in the shop's zone.</summary>
    public MorningSweepSettings MorningSweep { get; init; } = MorningSweepSettings.Default;

    /// <summary>The shop platforms whose own webhooks the shop sends, with what verifies them.</summary>
    public PlatformConnections Platforms { get; init; } = PlatformConnections.None;

    /// <summary>The shop's own opt-out keywords, on top of the built-in ones (退订, TD, T, STOP, unsubscribe).</summary>
    public IReadOnlyList<string> OptOutKeywords { get; init; } = [];

    /// <summary>The shop's IANA time zone (resolved from <see cref="TimeZoneId"/>; the runtime caches zones).</summary>
    [JsonIgnore]
    public TimeZoneInfo TimeZone => TimeZoneInfo.FindSystemTimeZoneById(TimeZoneId);

    // Keep secrets out of logs and exception messages.
    public override string ToString()
        => $"ShopSettings {{ ShopId = {ShopId}, Name = {Name}, TimeZoneId = {TimeZoneId}, Locale = {Locale}, QuietHours = {QuietHours}, PaymentReminders = {PaymentReminders}, CustomerChannel = {CustomerChannel}, Agents = {Agents.Count} }}";
}
