using Automation.Core.Messaging;
using Automation.Core.Orders;
using Automation.Core.Reminders;
using Automation.Core.Shops;
using Automation.Core.Tasks;
using Automation.Functions.Features.Messaging;
using Automation.Storage.Stores;

namespace Automation.Functions.Features.Orders;

internal enum IngestionOutcome
{
    Accepted,
    Duplicate,
}

/// <summary>
/// Applies one verified order event: the order moves forward (never backwards), each job plans the messages the
/// change calls for (payment reminders for a new unpaid order, a shipping notice per new shipment, a follow-up once
/// delivered), and messages the order no longer needs are skipped, all in one atomic write.
/// Storage cost: 1 range query (order + its outbox rows), 1 upsert per newly scheduled message into the due
/// index, 1 entity group transaction (a payment also marks the reminders sent before it in the sent-message log, in the
/// same transaction); a concurrent update of the same order costs a re-read and a retry.
/// </summary>
internal sealed partial class OrderEventIngestion(
    OrderStore orders,
    DueMessageIndex dueIndex,
    ImmediateHandOff handOff,
    TimeProvider time,
    ILogger<OrderEventIngestion> logger)
{
    private const int MaxAttempts = 5;

    public async Task<IngestionOutcome> ApplyAsync(ShopSettings shop, OrderEvent orderEvent, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var (stored, messages) = await orders.GetForUpdateAsync(shop.ShopId, orderEvent.Facts.OrderId, cancellationToken);
            var change = OrderLifecycle.Apply(shop.ShopId, stored?.Order, orderEvent);
            var order = change.Order;
            var now = time.GetUtcNow();

            // Each job plans the steps it adds for this change; steps already in the outbox are never planned again.
            var existingSteps = messages.ToLookup(m => m.Key.Kind, m => m.Key.Step, StringComparer.Ordinal);
            var previouslyPlanned = stored?.RemindersPlanned ?? false;
            var newMessages = OrderMessageJobs.All
                .SelectMany(job => job.Plan(new MessagePlanning(shop, stored?.Order, order, existingSteps[job.Kind].ToHashSet(), previouslyPlanned, now)))
                .ToList();
            var remindersPlanned = previouslyPlanned || (order.Status == OrderStatus.Created && order.PlacedAt is not null);

            // The index is written first and the outbox row second: a crash in between leaves an index entry that
            // finds no outbox row and is dropped, never an outbox row that nothing will ever pick up.
            foreach (var planned in newMessages)
            {
                if (planned.DueAt is { } dueAt)
                {
                    await dueIndex.AddAsync(new MessageKey(shop.ShopId, order.OrderId, planned.Kind, planned.Step), dueAt, now, cancellationToken);
                }
            }

            var toSkip = messages
                .Where(m => m.State == MessageState.Scheduled)
                .Select(m => (Message: m, Reason: OrderMessageJobs.For(m.Key.Kind).SkipReasonAfterChange(order)))
                .Where(m => m.Reason is not null)
                .Select(m => (m.Message, m.Reason!))
                .ToList();

            var write = new OrderEventWrite(
                shop.ShopId,
                orderEvent,
                now,
                Describe(stored?.Order, change),
                order,
                remindersPlanned,
                stored?.ETag,
                newMessages,
                toSkip)
            {
                NewTasks = orderEvent.ShipmentException is { } exception ? [LogisticsTasks.ForException(shop.ShopId, order, exception, now)] : [],

                // A payment converts the reminders sent before it: their rows in the sent-message log say so, for the report.
                PaidAt = ReminderConversion.PaidAt(stored?.Order, order, orderEvent.OccurredAt, now),
                ConvertedReminders = [.. messages.Where(m => m is { State: MessageState.Sent, SentAt: not null, Key.Kind: MessageKinds.PaymentReminder })],
            };

            switch (await orders.ApplyEventAsync(write, cancellationToken))
            {
                case EventWriteOutcome.Applied:
                    LogApplied(logger, shop.ShopId, orderEvent.Id, orderEvent.Type, newMessages.Count, toSkip.Count);
                    await HandOffDueNowAsync(shop.ShopId, order.OrderId, newMessages, now, cancellationToken);
                    return IngestionOutcome.Accepted;
                case EventWriteOutcome.Duplicate:
                    LogDuplicate(logger, shop.ShopId, orderEvent.Id);
                    return IngestionOutcome.Duplicate;
                case EventWriteOutcome.Conflict:
                default:
                    LogConflict(logger, shop.ShopId, orderEvent.Id, attempt);
                    break;
            }
        }

        throw new OrderConcurrencyException($"The order was changed concurrently {MaxAttempts} times while applying the event.");
    }

    /// <summary>
    /// Transactional messages due at once (a shipping notice) go straight to delivery (see <see cref="ImmediateHandOff"/>).
    /// Other jobs (reminders, follow-ups) are not urgent to the minute and keep to the sweep.
    /// </summary>
    private async Task HandOffDueNowAsync(string shopId, string orderId, IReadOnlyList<PlannedMessage> planned, DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var message in planned.Where(m => m.DueAt <= now && OrderMessageJobs.For(m.Kind) is { IsTransactional: true, ReachesCustomer: true }))
        {
            await handOff.HandOffAsync(new MessageKey(shopId, orderId, message.Kind, message.Step), message.DueAt!.Value, now, cancellationToken);
        }
    }

    private static string Describe(Order? before, OrderChange change) => before is null
        ? $"order recorded as {Lower(change.Order.Status)}"
        : change.StatusChanged
            ? $"status {Lower(before.Status)} -> {Lower(change.Order.Status)}"
            : $"status stays {Lower(change.Order.Status)}; details merged";

    private static string Lower(OrderStatus status) => status.ToString().ToLowerInvariant();

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information,
        Message = "Shop {ShopId}: event {EventId} ({EventType}) applied; {Scheduled} message(s) planned, {Skipped} skipped")]
    private static partial void LogApplied(ILogger logger, string shopId, string eventId, string eventType, int scheduled, int skipped);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Shop {ShopId}: event {EventId} is a duplicate; nothing changed")]
    private static partial void LogDuplicate(ILogger logger, string shopId, string eventId);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Debug, Message = "Shop {ShopId}: event {EventId} met a concurrent update (attempt {Attempt}); retrying")]
    private static partial void LogConflict(ILogger logger, string shopId, string eventId, int attempt);
}

internal sealed class OrderConcurrencyException(string message) : Exception(message);
