using System.Globalization;
using Automation.Core.Messaging;
using Automation.Core.Reviews;
using Automation.Core.Shops;
using Automation.Functions.Features.Messaging;
using Automation.Functions.Features.Orders;
using Automation.Storage.Stores;

namespace Automation.Functions.Features.Reviews;

/// <summary>
/// Applies a verified <c>review.posted</c>: the review is read (<see cref="ReviewClassifier"/>), a public reply composed
/// and checked for personal data, and the reply either posted at once or left awaiting a person's approval, with the
/// tasks the review calls for, all in one atomic write. The reply is an ordinary outbox row of the order (kind
/// <c>review_reply</c>, step n for the order's n-th review), so it is swept, claimed, sent and recorded like every
/// other message.
/// The review is read with the shop's taught phrases (<see cref="TaughtPhrasesCache"/>).
/// Storage cost: 1 range query (the order and its outbox, for the customer, the item and the next reply step), the
/// shop's taught phrases (1 point read, side by side with the order's query, when this instance has no copy of them
/// from the last 15 s; none in a burst), 1 upsert into the due index when posting at once, 1 entity group transaction
/// (which also writes the review's row in the report's receipt index); then the immediate hand-off (1 queue message,
/// 1 delete). A second review of the same order taking the same step meanwhile costs a re-read and a retry.
/// </summary>
internal sealed partial class ReviewIngestion(
    OrderStore orders,
    ReviewStore reviews,
    DueMessageIndex dueIndex,
    ImmediateHandOff handOff,
    TaughtPhrasesCache taughtPhrases,
    TimeProvider time,
    ILogger<ReviewIngestion> logger)
{
    private const int MaxAttempts = 5;

    public async Task<IngestionOutcome> ApplyAsync(ShopSettings shop, ReviewEvent reviewEvent, CancellationToken cancellationToken)
    {
        var posted = reviewEvent.Review;

        // Read once, beside the first read of the order: a retry for the reply's step needs no fresher list.
        var taught = taughtPhrases.GetAsync(shop.ShopId, cancellationToken);
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var (order, messages) = await orders.GetForUpdateAsync(shop.ShopId, posted.OrderId, cancellationToken);
            var now = time.GetUtcNow();
            var decision = ReviewHandling.Decide(shop, reviewEvent, order?.Order, now, await taught);
            var step = messages.Where(m => m.Key.Kind == MessageKinds.ReviewReply).Select(m => m.Key.Step).DefaultIfEmpty(0).Max() + 1;
            var key = new MessageKey(shop.ShopId, posted.OrderId, MessageKinds.ReviewReply, step);
            var customerId = reviewEvent.Customer?.Id ?? order?.Order.Customer?.Id;
            var reply = new StoredMessage(
                key,
                decision.PostNow ? MessageState.Scheduled : MessageState.AwaitingApproval,
                decision.PostNow ? now : null,
                decision.ApprovalReason,
                0,
                null,
                null,
                null,
                now,
                default)
            {
                Prepared = decision.Reply.Text is { } text
                    ? new PreparedMessage(text, decision.Reply.Locale, customerId, posted.ReviewId, posted.Platform)
                    : null,
            };

            if (decision.PostNow)
            {
                // Index first, rows second (as for every message): a crash in between leaves an entry that finds nothing.
                await dueIndex.AddAsync(key, now, now, cancellationToken);
            }

            var stored = new StoredReview(
                shop.ShopId,
                posted,
                customerId,
                ReviewHandling.FactsOf(reviewEvent, order?.Order),
                decision.Classification,
                decision.Reply,
                decision.ApprovalReason,
                step,
                [.. decision.Tasks.Select(t => t.TaskId)],
                now,
                default);
            switch (await reviews.AddAsync(new ReviewWrite(reviewEvent.Id, stored, Describe(posted, decision), reply, decision.Tasks), cancellationToken))
            {
                case ReviewWriteOutcome.Applied:
                    LogApplied(logger, shop.ShopId, reviewEvent.Id, decision.Classification.Category, decision.PostNow, decision.Tasks.Count);
                    if (decision.PostNow)
                    {
                        await handOff.HandOffAsync(key, now, now, cancellationToken);
                    }

                    return IngestionOutcome.Accepted;
                case ReviewWriteOutcome.Duplicate:
                    return IngestionOutcome.Duplicate;
                default:
                    LogStepTaken(logger, shop.ShopId, reviewEvent.Id, attempt);
                    break;
            }
        }

        throw new OrderConcurrencyException($"Other reviews of the order took the reply's step {MaxAttempts} times in a row.");
    }

    /// <summary>The timeline's line for the review: how it was read and what happened, with no words of the buyer's.</summary>
    private static string Describe(PostedReview review, ReviewDecision decision)
    {
        var classification = decision.Classification;
        var reading = string.Create(CultureInfo.InvariantCulture, $"review {review.ReviewId} ({review.Rating}/5) read as {ReviewReplySettingsValidator.Name(classification.Category)}");
        if (classification.Cause is { } cause)
        {
            reading += ", likely cause " + ReviewSignals.ForCause(cause)[ReviewSignals.CausePrefix.Length..];
        }

        var reply = decision.PostNow ? "reply posted" : $"reply awaiting approval ({decision.ApprovalReason})";
        return $"{reading}; {reply}; {decision.Tasks.Count} task(s) opened";
    }

    [LoggerMessage(EventId = 2030, Level = LogLevel.Information,
        Message = "Shop {ShopId}: review event {EventId} applied (category {Category}, posted now: {PostedNow}, tasks: {Tasks})")]
    private static partial void LogApplied(ILogger logger, string shopId, string eventId, ReviewCategory category, bool postedNow, int tasks);

    [LoggerMessage(EventId = 2031, Level = LogLevel.Debug, Message = "Shop {ShopId}: review event {EventId} met another review of the order (attempt {Attempt}); retrying")]
    private static partial void LogStepTaken(ILogger logger, string shopId, string eventId, int attempt);
}
