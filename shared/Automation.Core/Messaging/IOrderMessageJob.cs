using Automation.Core.Orders;
using Automation.Core.Shops;
using Automation.Core.Tasks;

namespace Automation.Core.Messaging;

/// <summary>What the planning of an event's messages knows: the shop, the order before and after it, what is planned already.</summary>
/// <param name="ExistingSteps">The steps of the job's kind already in the order's outbox (any state).</param>
/// <param name="RemindersPlanned">Whether payment reminders were planned for the order before (even if none was due).</param>
/// <param name="Now">When the event is applied.</param>
public sealed record MessagePlanning(
    ShopSettings Shop,
    Order? Before,
    Order After,
    IReadOnlyCollection<int> ExistingSteps,
    bool RemindersPlanned,
    DateTimeOffset Now);

/// <summary>
/// One job that messages customers about their orders (payment reminders, shipping notices, follow-ups). Every job
/// runs on the same mechanism: planned messages go to the outbox with the event that caused them, the sweep hands due
/// ones to delivery, and delivery makes the job's last check, claims, sends and records. A job only says what differs:
/// when its steps are planned, which become pointless when the order changes, and whether a due one still goes out.
/// </summary>
public interface IOrderMessageJob
{
    string Kind { get; }

    /// <summary>Whether the job messages the customer (through the shop's customer channel) or opens tasks for agents.</summary>
    bool ReachesCustomer { get; }

    /// <summary>
    /// Transactional messages (shipping notices) are what the buyer is waiting for: they are not counted against the
    /// contact budget and are sent to customers who opted out of marketing-like messages.
    /// </summary>
    bool IsTransactional { get; }

    /// <summary>
    /// Whether a step waits until the one before it is settled (reminders keep their order and spacing); a shipping
    /// notice announces its own shipment and goes out regardless of the others.
    /// </summary>
    bool StepsWaitForPrevious { get; }

    /// <summary>
    /// Whether the text was settled before the message came due (<see cref="PreparedMessage"/> on its outbox row): it is
    /// sent as stored, without reading the order or deciding again. Composed jobs (the default) read the order at send time.
    /// </summary>
    bool SendsPreparedText => false;

    /// <summary>New steps to add after an event: due, or skipped with their reason. Steps already planned are never planned again.</summary>
    IReadOnlyList<PlannedMessage> Plan(MessagePlanning planning);

    /// <summary>Why a still-scheduled step is now pointless after the order changed, or null to keep it.</summary>
    string? SkipReasonAfterChange(Order order);

    /// <summary>
    /// For a job whose due step is work for agents rather than a message to the customer (an unconfirmed delivery):
    /// the task it opens instead of sending. Null for customer messages.
    /// </summary>
    AgentTask? TaskFor(ShopSettings shop, Order order, int step, DateTimeOffset now);

    /// <summary>Whether a due step goes out now, is skipped for good, or waits (with the order and settings as they are now).</summary>
    /// <param name="previousStepSentAt">When the step before this one was sent, if it was.</param>
    SendDecision DecideAtSendTime(ShopSettings shop, Order order, int step, DateTimeOffset now, DateTimeOffset? previousStepSentAt);
}
