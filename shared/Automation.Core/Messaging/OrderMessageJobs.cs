using System.Collections.Frozen;
using Automation.Core.FollowUps;
using Automation.Core.Reminders;
using Automation.Core.Reviews;
using Automation.Core.Shipping;

namespace Automation.Core.Messaging;

/// <summary>Every job that messages customers about orders, by kind.</summary>
public static class OrderMessageJobs
{
    public static IReadOnlyList<IOrderMessageJob> All { get; } = [new PaymentReminderJob(), new ShippingNoticeJob(), new FollowUpJob(), new DeliveryCheckJob(), new ReviewReplyJob()];

    private static readonly FrozenDictionary<string, IOrderMessageJob> ByKind = All.ToFrozenDictionary(j => j.Kind, StringComparer.Ordinal);

    /// <exception cref="InvalidOperationException">No job sends this kind (a stored row of a kind since removed).</exception>
    public static IOrderMessageJob For(string kind) =>
        ByKind.TryGetValue(kind, out var job) ? job : throw new InvalidOperationException($"No job sends messages of kind '{kind}'.");
}
