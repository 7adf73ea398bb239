using System.Globalization;
using Automation.Core.Orders;
using Automation.Core.Shops;
using Automation.Core.Tasks;

namespace Automation.Core.Reviews;

/// <summary>
/// Everything decided about one review: how it was read, the reply composed for it, whether the reply goes out now or
/// waits for a person (and why), and the tasks it opens.
/// </summary>
/// <param name="ApprovalReason">
/// Why a person must approve the reply first: <see cref="ReviewHandling.DraftMode"/> (the shop drafts this category) or a
/// hold reason (<see cref="ReviewReplyHoldReasons"/>, <see cref="PublicReplyHoldReasons"/>); null when it is posted now.
/// </param>
public sealed record ReviewDecision(
    ReviewClassification Classification,
    ReviewReply Reply,
    string? ApprovalReason,
    ReviewFollowUp? FollowUp,
    IReadOnlyList<AgentTask> Tasks)
{
    public bool PostNow => ApprovalReason is null;
}

/// <summary>
/// Decides what happens to a posted review (pure: the caller stores and sends). Positive reviews are answered at once
/// unless anything looks off; other categories are drafted by default (<c>reviewReplies.mode</c>); a review mentioning
/// legal action is never answered automatically and becomes a supervisor task; mixed and negative reviews always open
/// a task to follow the buyer up privately.
/// </summary>
public static class ReviewHandling
{
    /// <summary>The approval reason when the shop's mode for the category is <c>draft</c>.</summary>
    public const string DraftMode = "draft_mode";

    /// <summary>A supervisor answers a review that mentions legal action within a working morning, before it spreads.</summary>
    public static readonly TimeSpan LegalAnswerWithin = TimeSpan.FromHours(4);

    /// <summary>Drafts and private follow-ups are due within a day: a reply weeks late reads worse than none.</summary>
    public static readonly TimeSpan AnswerWithin = TimeSpan.FromHours(24);

    /// <param name="taught">The shop's taught phrases (none when null).</param>
    public static ReviewDecision Decide(ShopSettings shop, ReviewEvent review, Order? order, DateTimeOffset now, TaughtPhrases? taught = null)
    {
        ArgumentNullException.ThrowIfNull(shop);
        ArgumentNullException.ThrowIfNull(review);
        var posted = review.Review;
        var classification = ReviewClassifier.Classify(posted.Rating, posted.Text, taught ?? TaughtPhrases.None);
        var customer = review.Customer ?? order?.Customer;
        var request = new ReviewReplyRequest(
            shop.ShopId,
            shop.Name,
            posted.ReviewId,
            posted.Locale ?? customer?.Locale,
            shop.Locale,
            posted.ItemTitle ?? (order?.Items is [var first, ..] ? first.Title : null),
            classification,
            FactsOf(review, order));
        var reply = ReviewReplies.Compose(request, shop.ReviewReplies);

        // Thanking a buyer for a complaint in public is worse than a late reply: under the default gate, a positive
        // reading with any doubt waits for a person; the looser gate holds only a contrast ("…, but"), as before.
        if (reply.HoldReason is null && classification.Category == ReviewCategory.Positive && IsUncertain(classification, shop.ReviewReplies.PublicReplyGate))
        {
            reply = reply with { HoldReason = ReviewReplyHoldReasons.UncertainPositive };
        }

        var approvalReason = reply.HoldReason ?? (reply.Mode == ReviewReplyMode.Draft ? DraftMode : null);
        var followUp = ReviewFollowUps.For(classification, shop.Locale);
        var tasks = new List<AgentTask>();
        if (approvalReason is not null)
        {
            tasks.Add(ApprovalTask(shop.ShopId, posted, classification, reply, approvalReason, now));
        }

        if (followUp is not null)
        {
            tasks.Add(FollowUpTask(shop.ShopId, posted, classification, followUp, now));
        }

        return new ReviewDecision(classification, reply, approvalReason, followUp, tasks);
    }

    /// <summary>Whether a positive reading is not sure enough to be answered in public at once under the gate.</summary>
    public static bool IsUncertain(ReviewClassification classification, PublicReplyGate gate)
    {
        ArgumentNullException.ThrowIfNull(classification);
        return gate == PublicReplyGate.ClearPraise
            ? classification.Doubts.Count > 0
            : classification.Evidence.Any(e => e.Signal == ReviewSignals.Contrast);
    }

    /// <summary>The buyer's personal facts, to keep out of the reply: the review's customer first, then the order's.</summary>
    public static PersonalFacts FactsOf(ReviewEvent review, Order? order)
    {
        ArgumentNullException.ThrowIfNull(review);
        var fromReview = review.Customer;
        var fromOrder = order?.Customer;
        return new PersonalFacts(
            fromReview?.Name ?? fromOrder?.Name,
            fromReview?.Phone ?? fromOrder?.Phone,
            fromReview?.Email ?? fromOrder?.Email,
            review.Address,
            review.Review.OrderId);
    }

    /// <summary>
    /// The task that asks a person to approve (or write) the reply: a supervisor's when the review mentions legal action,
    /// otherwise an approval of the draft. Its id is fixed per review, so approving can close it.
    /// </summary>
    public static string ApprovalTaskId(string reviewId, bool legal)
        => TaskIds.For(legal ? TaskKinds.ReviewLegalAction : TaskKinds.ReviewReplyApproval, reviewId);

    private static AgentTask ApprovalTask(string shopId, PostedReview review, ReviewClassification classification, ReviewReply reply, string reason, DateTimeOffset now)
    {
        var legal = classification.MentionsLegalAction;
        var evidence = new List<TaskEvidence>(ReviewEvidence(review, classification))
        {
            new("why a person approves", reason),
            new("draft reply", reply.Text ?? "(none: the draft could not be made safe; write the reply)"),
        };
        evidence.AddRange(classification.Doubts.Select(d => new TaskEvidence("doubt", d)));
        if (legal)
        {
            evidence.AddRange(classification.Evidence.Where(e => e.Signal == ReviewSignals.Legal).Select(e => new TaskEvidence("legal action mentioned", e.Text)));
        }

        return new AgentTask(
            ApprovalTaskId(review.ReviewId, legal),
            shopId,
            legal ? TaskKinds.ReviewLegalAction : TaskKinds.ReviewReplyApproval,
            review.OrderId,
            CaseId: null,
            review.ReviewId,
            Priority: legal ? 1 : 3,
            DueAt: now + (legal ? LegalAnswerWithin : AnswerWithin),
            AgentTaskState.Open,
            evidence,
            now);
    }

    /// <summary>
    /// The private follow-up a person's reading calls for: when an agent reads a review as mixed or negative that the
    /// classifier did not (a complaint that was thanked in public), the buyer is followed up as if it had been read so.
    /// Null when the corrected category needs no follow-up. The cause is the classifier's, else "other".
    /// </summary>
    public static AgentTask? FollowUpForCorrection(ShopSettings shop, PostedReview review, ReviewClassification reading, ReviewCategory corrected, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(shop);
        ArgumentNullException.ThrowIfNull(review);
        ArgumentNullException.ThrowIfNull(reading);
        var asCorrected = reading with { Category = corrected, Cause = corrected is ReviewCategory.Mixed or ReviewCategory.Negative ? reading.Cause ?? ReviewCause.Other : null };
        return ReviewFollowUps.For(asCorrected, shop.Locale) is { } followUp ? FollowUpTask(shop.ShopId, review, asCorrected, followUp, now) : null;
    }

    private static AgentTask FollowUpTask(string shopId, PostedReview review, ReviewClassification classification, ReviewFollowUp followUp, DateTimeOffset now)
    {
        var evidence = new List<TaskEvidence>(ReviewEvidence(review, classification))
        {
            new("what to do", followUp.Text),
        };
        return new AgentTask(
            TaskIds.For(TaskKinds.ReviewFollowUp, review.ReviewId),
            shopId,
            TaskKinds.ReviewFollowUp,
            review.OrderId,
            CaseId: null,
            review.ReviewId,
            Priority: classification.Category == ReviewCategory.Negative ? 2 : 3,
            DueAt: now + AnswerWithin,
            AgentTaskState.Open,
            evidence,
            now);
    }

    /// <summary>What an agent needs so as never to ask the buyer to repeat themselves: the review, its reading and why.</summary>
    private static IEnumerable<TaskEvidence> ReviewEvidence(PostedReview review, ReviewClassification classification)
    {
        yield return new("rating", review.Rating.ToString(CultureInfo.InvariantCulture) + "/5");
        yield return new("review", review.Text.Length > 0 ? review.Text : "(no text)");
        yield return new("platform", review.Platform);
        yield return new("category", ReviewReplySettingsValidator.Name(classification.Category));
        if (classification.Cause is { } cause)
        {
            yield return new("likely cause", ReviewSignals.ForCause(cause)[ReviewSignals.CausePrefix.Length..]);
        }

        foreach (var evidence in classification.Evidence.Where(e => e.Signal != ReviewSignals.Legal))
        {
            yield return new(evidence.Signal, evidence.Text);
        }
    }
}
