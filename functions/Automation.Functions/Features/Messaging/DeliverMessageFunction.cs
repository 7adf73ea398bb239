using Automation.Core.Messaging;
using Automation.Core.Orders;
using Automation.Core.Shops;
using Automation.Core.Tasks;
using Automation.Functions.Features.Shops;
using Automation.Storage.Stores;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Automation.Functions.Features.Messaging;

/// <summary>
/// Queue function: delivers one message to a customer and records the outcome on its outbox row. This is the
/// one send-and-record mechanism every job uses; a kind's <see cref="IOrderMessageJob"/> supplies the last check.
/// <para>Exactly-once towards the customer rests on the outbox row: a final row (sent, skipped, failed) is never
/// sent again; a row is claimed with its ETag before sending, so of two instances only one sends; a crash after
/// sending leaves the row claimed, and after the claim expires the message is sent again with the same
/// webhook-id (the message id), which the shop's endpoint uses to drop the repeat (by email: the same Message-ID, by
/// which a mail system or a reader can tell the repeat).</para>
/// Storage cost per message sent: 1 read of the outbox row, 1 of the shop (unless cached), 1 of the order (and 1 of the previous
/// step's row from step 2 on, for jobs whose steps follow each other), 1 of the customer's contacts for a non-transactional
/// message, 1 claim (one transaction over the outbox row, the order's ETag and the customer's contacts), 1 record; an
/// order or customer changed between the check and the claim adds its read and 1 claim per retry. A prepared message
/// (an approved review reply) reads neither the order nor the customer: 1 read of the row, the shop, 1 claim, 1 record.
/// </summary>
internal sealed partial class DeliverMessageFunction(
    OrderStore orders,
    TaskStore tasks,
    ShopSettingsCache shops,
    DueMessageIndex dueIndex,
    OutboundMessageQueue outbound,
    CustomerChannelClient channel,
    TimeProvider time,
    IOptions<MessageDeliveryOptions> options,
    IOptions<QueueTriggerSettings> queueSettings,
    ILogger<DeliverMessageFunction> logger)
{
    /// <summary>An index entry may fire a little before the row's due time (clock skew between instances).</summary>
    private static readonly TimeSpan EarlySlack = TimeSpan.FromMinutes(1);

    /// <summary>How soon a step whose previous step is not settled yet looks again.</summary>
    private static readonly TimeSpan PreviousStepWait = TimeSpan.FromMinutes(2);

    /// <summary>How many times the order may change under a claim before the message goes back to the queue.</summary>
    private const int MaxClaimAttempts = 3;

    /// <param name="messageText">The queue message: the message's key as JSON (<see cref="OutboundMessageRef"/>).</param>
    /// <param name="dequeueCount">How many times the host has dequeued it, this delivery included (from the trigger metadata).</param>
    [Function(nameof(DeliverMessage))]
    public async Task DeliverMessage(
        [QueueTrigger(OutboundMessageQueue.QueueName, Connection = "AzureWebJobsStorage")] string messageText,
        long dequeueCount,
        CancellationToken cancellationToken)
    {
        var key = OutboundMessageQueue.Parse(messageText);
        var row = await orders.GetMessageAsync(key, cancellationToken);
        var now = time.GetUtcNow();
        if (row is null)
        {
            // The index was written but the event's transaction was not (or was a duplicate that lost): nothing to send.
            LogNoOutboxRow(logger, key.MessageId);
            return;
        }

        if (row.State == MessageState.AwaitingApproval)
        {
            // A draft is never due; an entry for it can only be a stale one (its step was taken by another review's row).
            LogAwaitingApproval(logger, key.MessageId);
            return;
        }

        if (row.IsFinal)
        {
            if (IsDeliveryFailure(row))
            {
                // The failure was recorded but this invocation is running again, so the task may not have been opened
                // (a crash or storage error right after the record): opening it again is a no-op if it was.
                await OpenFailedTaskAsync(row, row.UpdatedAt, cancellationToken);
            }

            LogAlreadyFinal(logger, key.MessageId, row.State);
            return;
        }

        if (row.State == MessageState.Scheduled && row.DueAt > now + EarlySlack)
        {
            // A stale index entry (the message was deferred since): its current entry will fire at the right time.
            return;
        }

        if (row.State == MessageState.Sending && row.LeaseUntil > now)
        {
            // Another instance holds the claim. Look again once it expires rather than burning this message's retries.
            await outbound.EnqueueAsync(key, row.LeaseUntil.Value - now + TimeSpan.FromSeconds(1), cancellationToken);
            return;
        }

        var job = OrderMessageJobs.For(key.Kind);
        var shop = await shops.GetAsync(key.ShopId, cancellationToken);
        if (shop is null)
        {
            await RecordAsync(row with { State = MessageState.Skipped, Reason = "shop_not_found" }, cancellationToken);
            return;
        }

        if (shop.CustomerChannel is null && job.ReachesCustomer)
        {
            // Nowhere to send it: say so in the order view rather than calling it sent.
            await RecordAsync(row with { State = MessageState.Skipped, Reason = "no_customer_channel", LeaseUntil = null }, cancellationToken);
            LogNoChannel(logger, key.MessageId);
            return;
        }

        StoredMessage claimed;
        OutgoingMessage outgoing;
        if (job.SendsPreparedText)
        {
            if (row.Prepared is not { } prepared)
            {
                await RecordAsync(row with { State = MessageState.Skipped, Reason = "no_prepared_text", LeaseUntil = null }, cancellationToken);
                return;
            }

            // Nothing about the order can stop a settled text (a reply a person approved), so the order is not read and
            // the claim is the row's own conditional update: of two instances, one wins.
            var preparedClaim = await orders.TryUpdateMessageAsync(Claiming(row, now), cancellationToken);
            if (preparedClaim is null)
            {
                LogLostClaim(logger, key.MessageId);
                return;
            }

            claimed = preparedClaim;
            outgoing = OutgoingMessage.FromPrepared(key.ShopId, key.OrderId, key.Kind, key.Step, prepared);
        }
        else
        {
            if (await ClaimComposedAsync(row, job, shop, now, cancellationToken) is not (var composedClaim, var order))
            {
                return;
            }

            claimed = composedClaim;
            if (job.TaskFor(shop, order, key.Step, now) is { } task)
            {
                // Work for agents instead of a message: open the task (its id makes a repeat a no-op) and record the step.
                await tasks.OpenAsync(task, cancellationToken);
                await RecordAsync(claimed with { State = MessageState.Sent, SentAt = time.GetUtcNow(), LeaseUntil = null, Reason = "task_opened" }, cancellationToken);
                return;
            }

            outgoing = OutgoingMessage.Compose(shop, order, key.Kind, key.Step);
        }

        var result = await channel.DeliverAsync(shop.CustomerChannel!, outgoing, cancellationToken);

        var done = time.GetUtcNow();
        switch (result.Outcome)
        {
            case DeliveryOutcome.Delivered:
                await RecordAsync(claimed with
                {
                    State = MessageState.Sent,
                    SentAt = done,
                    LeaseUntil = null,
                    LastError = null,
                    Reason = null,
                }, cancellationToken);
                LogSent(logger, key.MessageId, claimed.Attempts);
                return;
            case DeliveryOutcome.Refused:
                await RecordFailedAsync(claimed with { State = MessageState.Failed, Reason = "refused_" + result.Error, LastError = result.Error, LeaseUntil = null }, done, cancellationToken);
                LogFailed(logger, key.MessageId, claimed.Attempts, result.Error);
                return;
        }

        if (claimed.Attempts >= options.Value.MaxAttempts || dequeueCount >= queueSettings.Value.MaxDequeueCount)
        {
            await RecordFailedAsync(claimed with
            {
                State = MessageState.Failed,
                Reason = $"gave_up_after_{claimed.Attempts}_attempts",
                LastError = result.Error,
                LeaseUntil = null,
            }, done, cancellationToken);
            LogFailed(logger, key.MessageId, claimed.Attempts, result.Error);
            return;
        }

        // Release the claim and let the queue redeliver later (its visibility timeout is the back-off).
        await RecordAsync(claimed with { State = MessageState.Scheduled, LastError = result.Error, LeaseUntil = null }, cancellationToken);
        throw new DeliveryRetryException($"Delivery of {key.MessageId} failed ({result.Error}); attempt {claimed.Attempts} of {options.Value.MaxAttempts}.");
    }

    /// <summary>
    /// Decides on a composed message with the order as it is now and claims it: null when it was skipped, deferred, or
    /// claimed by another instance (all recorded); otherwise the claimed row and the order it was decided on.
    /// </summary>
    private async Task<(StoredMessage Claimed, Order Order)?> ClaimComposedAsync(
        StoredMessage row, IOrderMessageJob job, ShopSettings shop, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var key = row.Key;

        // Steps keep their order and distance even when several came due at once (a late webhook): a step waits
        // while the one before it is still to be settled, and the policy keeps it apart from the one sent.
        StoredMessage? previous = null;
        for (var attempt = 1; ; attempt++)
        {
            var order = await orders.GetOrderAsync(key.ShopId, key.OrderId, cancellationToken);
            if (order is null)
            {
                await RecordAsync(row with { State = MessageState.Skipped, Reason = "order_not_found" }, cancellationToken);
                return null;
            }

            if (attempt == 1 && key.Step > 1 && job.StepsWaitForPrevious)
            {
                previous = await orders.GetMessageAsync(key with { Step = key.Step - 1 }, cancellationToken);
            }

            var decision = previous is { IsFinal: false }
                ? SendDecision.Defer(now + PreviousStepWait, "waiting_for_previous_step")
                : job.DecideAtSendTime(shop, order.Order, key.Step, now, previous?.SentAt);
            switch (decision.Kind)
            {
                case SendDecisionKind.Skip:
                    await RecordAsync(row with { State = MessageState.Skipped, Reason = decision.Reason, LeaseUntil = null }, cancellationToken);
                    return null;
                case SendDecisionKind.Defer when decision.DeferUntil is { } until:
                    await dueIndex.AddAsync(key, until, now, cancellationToken);
                    await RecordAsync(row with { State = MessageState.Scheduled, DueAt = until, Reason = decision.Reason, LeaseUntil = null }, cancellationToken);
                    return null;
            }

            // A shop that mails its buyers cannot reach one without a usable address. Skipped like a shop without a
            // channel, and before the claim, so it takes nothing from the contact budget and is never tried again.
            if (job.ReachesCustomer && shop.CustomerChannel is EmailCustomerChannel
                && EmailAddresses.WhyNotRecipient(order.Order.Customer?.Email) is { } noAddress)
            {
                await RecordAsync(row with { State = MessageState.Skipped, Reason = noAddress, LeaseUntil = null }, cancellationToken);
                LogNoCustomerEmail(logger, key.MessageId, noAddress);
                return null;
            }

            // A non-transactional message takes from the customer's contact budget, in the claim's own transaction.
            CustomerContactsWrite? budget = null;
            if (!job.IsTransactional && order.Order.Customer?.Id is { } customerId)
            {
                var customer = await orders.GetCustomerContactsAsync(key.ShopId, customerId, cancellationToken);
                if (ContactBudget.WhyNot(shop.ContactBudget, customer.Contacts, now) is { } overBudget)
                {
                    // Skipped, never queued for later: a message held back for the budget would arrive out of its moment.
                    await RecordAsync(row with { State = MessageState.Skipped, Reason = overBudget, LeaseUntil = null }, cancellationToken);
                    return null;
                }

                budget = new CustomerContactsWrite(customerId, ContactBudget.Record(shop.ContactBudget, customer.Contacts, now), customer.ETag);
            }

            // The claim carries the ETag of the order as it was checked: a payment (or any change) committed since
            // the check makes it fail, and the order is read and judged again instead of being sent on stale facts.
            var claim = await orders.TryClaimMessageAsync(
                Claiming(row, now),
                order.ETag,
                budget,
                cancellationToken);
            switch (claim.Outcome)
            {
                case ClaimOutcome.Claimed:
                    return (claim.Message!, order.Order);
                case ClaimOutcome.MessageChanged:
                    LogLostClaim(logger, key.MessageId);
                    return null;
                case ClaimOutcome.OrderChanged or ClaimOutcome.CustomerChanged when attempt >= MaxClaimAttempts:
                    // An order (or customer) this busy: let the queue bring the message back later rather than spin here.
                    throw new DeliveryRetryException($"The order or customer of {key.MessageId} changed during each of {attempt} claims.");
                default:
                    LogOrderChangedBeforeClaim(logger, key.MessageId, attempt);
                    break;
            }
        }
    }

    private StoredMessage Claiming(StoredMessage row, DateTimeOffset now) =>
        row with { State = MessageState.Sending, Attempts = row.Attempts + 1, LeaseUntil = now + options.Value.ClaimLease, Reason = null };

    private async Task<bool> RecordAsync(StoredMessage updated, CancellationToken cancellationToken)
    {
        if (await orders.TryUpdateMessageAsync(updated, cancellationToken) is null)
        {
            LogLostClaim(logger, updated.Key.MessageId);
            return false;
        }

        return true;
    }

    /// <summary>
    /// Records a message as failed for good and opens the task to reach the customer another way. The record comes
    /// first: a task is opened only for a failure that was actually recorded (not one another instance overrode).
    /// </summary>
    private async Task RecordFailedAsync(StoredMessage failed, DateTimeOffset failedAt, CancellationToken cancellationToken)
    {
        if (await RecordAsync(failed, cancellationToken))
        {
            await OpenFailedTaskAsync(failed, failedAt, cancellationToken);
        }
    }

    private async Task OpenFailedTaskAsync(StoredMessage failed, DateTimeOffset failedAt, CancellationToken cancellationToken)
    {
        var key = failed.Key;

        // The reason says how it failed (refused_http_422, gave_up_after_3_attempts) and the error what was seen last:
        // codes only, never the message's text or the customer's details.
        var failure = (failed.Reason, failed.LastError) switch
        {
            ({ } reason, { } error) when !reason.StartsWith("refused_", StringComparison.Ordinal) => $"{reason} ({error})",
            ({ } reason, _) => reason,
            (null, { } error) => error,
            _ => "failed",
        };
        var task = FailedDeliveryTasks.For(key.ShopId, key.MessageId, key.OrderId, key.Kind, failure, failedAt);
        if (await tasks.OpenAsync(task, cancellationToken))
        {
            LogFailedTaskOpened(logger, key.MessageId, task.TaskId);
        }
    }

    /// <summary>Failed for good at delivery (refused or given up), as opposed to the other final states.</summary>
    private static bool IsDeliveryFailure(StoredMessage row) =>
        row.State == MessageState.Failed
        && (row.Reason?.StartsWith("refused_", StringComparison.Ordinal) == true || row.Reason?.StartsWith("gave_up_", StringComparison.Ordinal) == true);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Message {MessageId} sent (attempt {Attempt})")]
    private static partial void LogSent(ILogger logger, string messageId, int attempt);

    [LoggerMessage(EventId = 3007, Level = LogLevel.Information, Message = "Message {MessageId} not sent: the shop has no customer channel")]
    private static partial void LogNoChannel(ILogger logger, string messageId);

    [LoggerMessage(EventId = 3010, Level = LogLevel.Information, Message = "Message {MessageId} not sent: the shop mails its buyers and this one has no usable address ({Reason})")]
    private static partial void LogNoCustomerEmail(ILogger logger, string messageId, string reason);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Message {MessageId} failed for good after attempt {Attempt}: {Error}")]
    private static partial void LogFailed(ILogger logger, string messageId, int attempt, string? error);

    [LoggerMessage(EventId = 3009, Level = LogLevel.Information, Message = "Message {MessageId} failed for good; task {TaskId} opened to reach the customer another way")]
    private static partial void LogFailedTaskOpened(ILogger logger, string messageId, string taskId);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Information, Message = "Message {MessageId} has no outbox row; dropping the index entry")]
    private static partial void LogNoOutboxRow(ILogger logger, string messageId);

    [LoggerMessage(EventId = 3008, Level = LogLevel.Debug, Message = "Message {MessageId} awaits approval; nothing to send yet")]
    private static partial void LogAwaitingApproval(ILogger logger, string messageId);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Debug, Message = "Message {MessageId} is already {State}; nothing to do")]
    private static partial void LogAlreadyFinal(ILogger logger, string messageId, MessageState state);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Information, Message = "Message {MessageId} was changed by another instance; leaving it to that one")]
    private static partial void LogLostClaim(ILogger logger, string messageId);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Information, Message = "Message {MessageId}: the order or the customer's contacts changed between the check and the claim (attempt {Attempt}); deciding again")]
    private static partial void LogOrderChangedBeforeClaim(ILogger logger, string messageId, int attempt);
}

/// <summary>Thrown so the host redelivers the queue message later (a failed invocation), and poisons it after maxDequeueCount.</summary>
internal sealed class DeliveryRetryException(string message) : Exception(message);
