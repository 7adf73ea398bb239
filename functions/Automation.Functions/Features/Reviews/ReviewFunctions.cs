using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;
using Automation.Core.Messaging;
using Automation.Core.Orders;
using Automation.Core.Reviews;
using Automation.Core.Tasks;
using Automation.Functions.Features.Access;
using Automation.Functions.Features.Http;
using Automation.Functions.Features.Messaging;
using Automation.Functions.Features.Shops;
using Automation.Functions.Features.Tasks;
using Automation.Storage.Stores;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;

namespace Automation.Functions.Features.Reviews;

/// <summary>
/// Ops read how a review was handled (<c>ReviewView</c>), approve its drafted reply, as drafted or edited
/// (<c>ApproveReviewReply</c>), and say how a review whose reply went out reads (<c>ReviewReading</c>). An edited reply
/// goes through the same personal-data check as a composed one. An approval may name the category the agent settled
/// on and the phrases that decided it; approving a positive reading as it stands confirms it. That decision is stored
/// with the review and what it teaches is merged into the shop's taught phrases in the same transaction.
/// The shop key does everything; an agent key may also approve a reply whose approval task the morning sweep assigned to
/// its agent (the task in their list is the one they act on).
/// </summary>
internal sealed partial class ReviewFunctions(
    ReviewStore reviews,
    OrderStore orders,
    TaskStore tasks,
    DueMessageIndex dueIndex,
    ImmediateHandOff handOff,
    TaughtPhrasesCache taughtPhrases,
    ShopSettingsCache shops,
    ApiKeyAuthentication access,
    TimeProvider time,
    ILogger<ReviewFunctions> logger)
{
    /// <summary>Corrections racing for the shop's phrase list: each loser reads it again and merges; past this many, 503.</summary>
    private const int MaxPhraseAttempts = 5;

    public const int MaxApprovalBytes = 16 * 1024;

    /// <summary>A public reply is a few sentences; a longer one is a mistake (or a paste of something else).</summary>
    public const int MaxReplyLength = 1000;

    [Function(nameof(ReviewView))]
    public async Task<IResult> ReviewView(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "shops/{shopId}/reviews/{reviewId}")] HttpRequest request,
        string shopId,
        string reviewId,
        CancellationToken cancellationToken)
    {
        if (await access.RequireShopKeyAsync(request, shopId, cancellationToken) is { } denied)
        {
            return denied;
        }

        var review = OrderEventValidator.IsValidId(reviewId) ? await reviews.GetAsync(shopId, reviewId, cancellationToken) : null;
        return review is null
            ? UnknownReview(shopId, reviewId)
            : TypedResults.Ok(await ViewAsync(review, await orders.GetMessageAsync(review.ReplyKey, cancellationToken), cancellationToken));
    }

    [Function(nameof(ApproveReviewReply))]
    public async Task<IResult> ApproveReviewReply(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "shops/{shopId}/reviews/{reviewId}/reply")] HttpRequest request,
        string shopId,
        string reviewId,
        CancellationToken cancellationToken)
    {
        if (await access.AuthenticateAsync(request, shopId, cancellationToken) is not { } grant)
        {
            return ApiKeyAuthentication.Unauthenticated(request);
        }

        var body = await JsonBody.ReadLimitedAsync(request, MaxApprovalBytes, cancellationToken);
        if (body is null)
        {
            return ApiProblems.Status(StatusCodes.Status413PayloadTooLarge, "Body too large", $"An approval is limited to {MaxApprovalBytes / 1024} KiB.");
        }

        ReviewReplyApprovalInput? input = null;
        if (body.Length > 0)
        {
            if (!JsonBody.IsJson(request.ContentType))
            {
                return ApiProblems.Status(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", "Send the approval as application/json, or no body to approve the draft as it is.");
            }

            if (!JsonBody.TryDeserialize(body, ApiJsonContext.Default.ReviewReplyApprovalInput, out input, out var jsonError))
            {
                return ApiProblems.Invalid(jsonError.Key, jsonError.Value[0]);
            }
        }

        var review = OrderEventValidator.IsValidId(reviewId) ? await reviews.GetAsync(shopId, reviewId, cancellationToken) : null;
        if (review is null)
        {
            return UnknownReview(shopId, reviewId);
        }

        var approvalTask = review.ApprovalReason is null ? null : ReviewHandling.ApprovalTaskId(reviewId, review.Classification.MentionsLegalAction);
        if (!grant.IsShopWide && !await IsAssignedToAsync(shopId, approvalTask, grant.AgentId, cancellationToken))
        {
            return ApiProblems.Status(StatusCodes.Status403Forbidden, "Not your approval",
                $"An agent key approves only a reply whose approval task is assigned to its agent; the reply to review '{reviewId}' is not.");
        }

        var reply = await orders.GetMessageAsync(review.ReplyKey, cancellationToken);
        if (reply is null || reply.State != MessageState.AwaitingApproval)
        {
            return ApiProblems.Status(StatusCodes.Status409Conflict, "Reply not awaiting approval",
                $"The reply to review '{reviewId}' is {StateName(reply?.State)}: it was posted at once or approved already.");
        }

        var reading = ReviewReadings.Validate(input?.Category, input?.Phrases, review.Review.Text, review.Facts, categoryRequired: false);
        if (!reading.IsValid)
        {
            return ApiProblems.Invalid(reading.Errors);
        }

        var edited = input?.Text;
        if (edited is null && reading.Value.Category is { } settled && settled != review.Classification.Category && reply.Prepared?.Text is not null)
        {
            // The draft answers the classifier's reading: thanking a buyer for what an agent now reads as a complaint is
            // the very thing a reclassification is there to stop.
            return ApiProblems.Invalid("text", $"The draft answers a {ReviewReplySettingsValidator.Name(review.Classification.Category)} reading; send the reply for a {ReviewReplySettingsValidator.Name(settled)} one in \"text\".");
        }

        string text;
        if (edited is null)
        {
            if (reply.Prepared?.Text is not { } draft)
            {
                return ApiProblems.Invalid("text", $"There is no draft to approve (it was held: {review.Reply.HoldReason}); write the reply in \"text\".");
            }

            text = draft;
        }
        else
        {
            if (edited.Length > MaxReplyLength)
            {
                return ApiProblems.Invalid("text", $"A reply is at most {MaxReplyLength} characters.");
            }

            // An edited reply gets the check a composed one got, but nothing is silently cut from what a person wrote:
            // any personal data found is refused with what it looked like, for them to rewrite.
            var check = ReviewReplies.CheckEdited(edited, review.Facts);
            if (check.IsHeld || check.Removed.Count > 0 || check.Text is null)
            {
                var found = check.Removed.Count > 0 ? string.Join(", ", check.Removed.Select(PublicReplyPrivacy.Code)) : check.HoldReason;
                return ApiProblems.Invalid("text", $"The reply is public and must not contain personal data; found: {found}.");
            }

            text = check.Text;
        }

        var now = time.GetUtcNow();
        var prepared = (reply.Prepared ?? new PreparedMessage(text, review.Reply.Locale, review.CustomerId, review.Review.ReviewId, review.Review.Platform)) with { Text = text };
        var scheduled = reply with { State = MessageState.Scheduled, DueAt = now, Reason = null, UpdatedAt = now, Prepared = prepared };
        var resolution = edited is null ? "reply approved as drafted" : "reply approved with edits";
        var approvedBy = grant.IsShopWide ? TaskClosers.Ops : grant.AgentId!;
        var correction = ReviewReadings.ForApproval(review.Classification, reading.Value, approvedBy, now);
        var approved = review with { ApprovedAt = now, Correction = correction ?? review.Correction };

        // The list is read before anything is written, so a full one refuses the approval with nothing stored.
        var phrases = await PhrasesToWriteAsync(shopId, reviewId, correction, cancellationToken);
        if (phrases.Problem is { } full)
        {
            return full;
        }

        await dueIndex.AddAsync(reply.Key, now, now, cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            switch (await reviews.ApproveAsync(approved, scheduled, approvalTask, resolution, approvedBy, phrases.Write, cancellationToken))
            {
                case ReviewUpdateOutcome.Applied:
                    Taught(shopId, correction, phrases.Write);
                    await handOff.HandOffAsync(reply.Key, now, now, cancellationToken);
                    return TypedResults.Accepted((string?)null, await ViewAsync(approved, scheduled, cancellationToken));
                case ReviewUpdateOutcome.ReviewChanged:
                    return ApiProblems.Status(StatusCodes.Status409Conflict, "Reply not awaiting approval", $"The reply to review '{reviewId}' was approved by someone else meanwhile.");
                default:
                    if (attempt == MaxPhraseAttempts)
                    {
                        return PhrasesBusy(request);
                    }

                    // Another correction changed the shop's phrases: merge this one into the list as it is now.
                    phrases = await PhrasesToWriteAsync(shopId, reviewId, correction, cancellationToken);
                    if (phrases.Problem is { } fullNow)
                    {
                        return fullNow;
                    }

                    break;
            }
        }
    }

    /// <summary>
    /// Says how a review reads when its reply went out without a person (or was approved already): the category an agent
    /// settled on, and optionally the phrases that decided it, stored with the review and taught to the shop's list. The
    /// last word wins: a second change replaces the first. A reply still awaiting approval takes its reading with the
    /// approval (409 here), so one review has one place where a person decides it.
    /// Storage: the key check, 1 review read, 1 reply read, the shop's phrases (1 point read when the change teaches any),
    /// 1 entity group transaction; 1 point read per task for the answer.
    /// </summary>
    [Function(nameof(ReviewReading))]
    public async Task<IResult> ReviewReading(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = "shops/{shopId}/reviews/{reviewId}/reading")] HttpRequest request,
        string shopId,
        string reviewId,
        CancellationToken cancellationToken)
    {
        if (await access.RequireShopKeyAsync(request, shopId, cancellationToken) is { } denied)
        {
            return denied;
        }

        if (!JsonBody.IsJson(request.ContentType))
        {
            return ApiProblems.Status(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", "Send the reading as application/json: {\"category\": \"mixed\", \"phrases\": [...]}.");
        }

        var body = await JsonBody.ReadLimitedAsync(request, MaxApprovalBytes, cancellationToken);
        if (body is null)
        {
            return ApiProblems.Status(StatusCodes.Status413PayloadTooLarge, "Body too large", $"A reading is limited to {MaxApprovalBytes / 1024} KiB.");
        }

        if (!JsonBody.TryDeserialize(body, ApiJsonContext.Default.ReviewReadingInput, out var input, out var jsonError))
        {
            return ApiProblems.Invalid(jsonError.Key, jsonError.Value[0]);
        }

        for (var attempt = 1; ; attempt++)
        {
            var review = OrderEventValidator.IsValidId(reviewId) ? await reviews.GetAsync(shopId, reviewId, cancellationToken) : null;
            if (review is null)
            {
                return UnknownReview(shopId, reviewId);
            }

            var reading = ReviewReadings.Validate(input?.Category, input?.Phrases, review.Review.Text, review.Facts, categoryRequired: true);
            if (!reading.IsValid)
            {
                return ApiProblems.Invalid(reading.Errors);
            }

            var reply = await orders.GetMessageAsync(review.ReplyKey, cancellationToken);
            if (reply?.State == MessageState.AwaitingApproval)
            {
                return ApiProblems.Status(StatusCodes.Status409Conflict, "Reply awaiting approval",
                    $"The reply to review '{reviewId}' awaits approval: send the category and phrases with the approval (POST …/reply), with the reply written for them.");
            }

            var correction = ReviewReadings.ForReading(review.Classification, reading.Value, TaskClosers.Ops, time.GetUtcNow());
            var phrases = await PhrasesToWriteAsync(shopId, reviewId, correction, cancellationToken);
            if (phrases.Problem is { } full)
            {
                return full;
            }

            // A complaint that was thanked in public is followed up privately, as if it had been read so at once.
            var followUp = correction.Category is ReviewCategory.Mixed or ReviewCategory.Negative && await shops.GetAsync(shopId, cancellationToken) is { } shop
                ? ReviewHandling.FollowUpForCorrection(shop, review.Review, review.Classification, correction.Category, correction.At)
                : null;
            var corrected = review with { Correction = correction };
            var outcome = await reviews.CorrectAsync(corrected, phrases.Write, cancellationToken, followUp);
            if (outcome == ReviewUpdateOutcome.Applied)
            {
                Taught(shopId, correction, phrases.Write);
                if (followUp is not null && !review.TaskIds.Contains(followUp.TaskId, StringComparer.Ordinal))
                {
                    corrected = corrected with { TaskIds = [.. review.TaskIds, followUp.TaskId] };
                }

                return TypedResults.Ok(await ViewAsync(corrected, reply, cancellationToken));
            }

            // The review was corrected by someone else, or the phrases changed: read both again; the last word wins.
            if (attempt == MaxPhraseAttempts)
            {
                return PhrasesBusy(request);
            }
        }
    }

    /// <summary>
    /// The shop's taught list with what the correction teaches merged in, to write with it: null when it teaches nothing
    /// new (no write, no read when it teaches nothing at all), or a 409 when the list would pass its cap.
    /// </summary>
    private async Task<(TaughtPhrasesWrite? Write, ProblemHttpResult? Problem)> PhrasesToWriteAsync(
        string shopId, string reviewId, ReviewCorrection? correction, CancellationToken cancellationToken)
    {
        if (correction is not { Phrases.Count: > 0 })
        {
            return (null, null);
        }

        var basis = await reviews.GetPhrasesAsync(shopId, cancellationToken);
        var merge = TaughtPhraseList.Merge(basis.Entries, correction.Phrases, correction.By, correction.At, reviewId);
        if (merge.Full)
        {
            return (null, ApiProblems.Status(StatusCodes.Status409Conflict, "Taught phrases full",
                $"phrases: the shop has {basis.Entries.Count} taught phrases and this correction would pass {TaughtPhrases.MaxPhrases}; nothing was stored. " +
                "Remove phrases the shop no longer needs (DELETE /api/shops/{shopId}/review-phrases/{text}) and send it again."));
        }

        return (merge.ChangesList ? new TaughtPhrasesWrite(merge.Entries, basis) : null, null);
    }

    /// <summary>After a correction landed: this instance reads reviews with the new list at once.</summary>
    private void Taught(string shopId, ReviewCorrection? correction, TaughtPhrasesWrite? phrases)
    {
        if (correction is null)
        {
            return;
        }

        if (phrases is not null)
        {
            taughtPhrases.Invalidate(shopId);
        }

        LogCorrected(logger, shopId, correction.ReadAs, correction.Category, correction.Phrases.Count);
    }

    private static ProblemHttpResult PhrasesBusy(HttpRequest request)
    {
        request.HttpContext.Response.Headers.RetryAfter = "1";
        return ApiProblems.Status(StatusCodes.Status503ServiceUnavailable, "Busy",
            $"The review or the shop's taught phrases were changed by other corrections {MaxPhraseAttempts} times in a row; nothing was stored. Send it again.");
    }

    [LoggerMessage(EventId = 2035, Level = LogLevel.Information,
        Message = "Shop {ShopId}: a review read as {ReadAs} was settled as {Category} by an agent ({Phrases} phrase(s) taught)")]
    private static partial void LogCorrected(ILogger logger, string shopId, ReviewCategory readAs, ReviewCategory category, int phrases);

    /// <summary>Whether the approval task exists and is assigned to the agent: 1 point read, for agent keys only.</summary>
    private async Task<bool> IsAssignedToAsync(string shopId, string? approvalTaskId, string? agentId, CancellationToken cancellationToken) =>
        approvalTaskId is not null
        && agentId is not null
        && await tasks.GetAsync(shopId, approvalTaskId, cancellationToken) is { } task
        && string.Equals(task.AssignedTo, agentId, StringComparison.Ordinal);

    /// <summary>The review as ops see it, with its reply's outbox row. Storage: 1 point read per task (at most two).</summary>
    private async Task<ReviewDetails> ViewAsync(StoredReview review, StoredMessage? reply, CancellationToken cancellationToken)
    {
        var opened = new List<TaskView>();
        foreach (var taskId in review.TaskIds)
        {
            if (await tasks.GetAsync(review.ShopId, taskId, cancellationToken) is { } task)
            {
                opened.Add(TaskView.From(task));
            }
        }

        return ReviewDetails.From(review, reply, opened);
    }

    internal static string StateName(MessageState? state) => state is { } known ? JsonNamingPolicy.SnakeCaseLower.ConvertName(known.ToString()) : "missing";

    private static ProblemHttpResult UnknownReview(string shopId, string reviewId) =>
        ApiProblems.Status(StatusCodes.Status404NotFound, "Unknown review", $"No review '{reviewId}' in shop '{shopId}'.");
}

/// <summary>
/// The body of an approval: the reply as edited, or nothing to approve the draft as it is; optionally the category the
/// agent settled on and the phrases that decided it (see <see cref="ReviewReadings"/>).
/// </summary>
internal sealed class ReviewReplyApprovalInput
{
    public string? Text { get; set; }

    public string? Category { get; set; }

    [SuppressMessage("Usage", "CA2227:Collection properties should be read only", Justification = "Input DTO bound by System.Text.Json.")]
    public List<TaughtPhraseInput?>? Phrases { get; set; }
}

/// <summary>The body of a change of reading: <c>{"category": "mixed", "phrases": [{"text": "一洗就缩", "reading": "complaint"}]}</c>.</summary>
internal sealed class ReviewReadingInput
{
    public string? Category { get; set; }

    [SuppressMessage("Usage", "CA2227:Collection properties should be read only", Justification = "Input DTO bound by System.Text.Json.")]
    public List<TaughtPhraseInput?>? Phrases { get; set; }
}

/// <summary>A review as handled: what it said, how it was read (with the words that decided it), the reply and the tasks.</summary>
internal sealed record ReviewDetails(
    string ReviewId,
    string OrderId,
    string Platform,
    int Rating,
    string Text,
    DateTimeOffset? PostedAt,
    DateTimeOffset ReceivedAt,
    ReviewDetails.ClassificationView Classification,
    ReviewDetails.ReplyView Reply,
    IReadOnlyList<TaskView> Tasks,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ReviewDetails.CorrectionView? Correction)
{
    public static ReviewDetails From(StoredReview review, StoredMessage? reply, IReadOnlyList<TaskView> tasks)
    {
        var posted = review.Review;
        var classification = review.Classification;
        var composed = review.Reply;
        return new ReviewDetails(
            posted.ReviewId,
            posted.OrderId,
            posted.Platform,
            posted.Rating,
            posted.Text,
            posted.PostedAt,
            review.ReceivedAt,
            new ClassificationView(
                ReviewReplySettingsValidator.Name(classification.Category),
                classification.Cause is { } cause ? ReviewSignals.ForCause(cause)[ReviewSignals.CausePrefix.Length..] : null,
                classification.MentionsLegalAction,
                classification.Confidence,
                classification.Doubts,
                classification.Evidence),
            new ReplyView(
                ReviewFunctions.StateName(reply?.State),
                ReviewReplySettingsValidator.Name(composed.Mode),
                reply?.Prepared?.Text,
                composed.Locale,
                review.ApprovalReason,
                composed.HoldReason,
                [.. composed.Removed.Select(PublicReplyPrivacy.Code)],
                reply?.Key.MessageId ?? review.ReplyKey.MessageId,
                review.ApprovedAt,
                reply?.SentAt,
                reply?.Reason),
            tasks,
            CorrectionView.From(review.Correction));
    }

    /// <summary>An agent's decision about the reading: the category settled on, the classifier's, and the phrases it taught.</summary>
    internal sealed record CorrectionView(string Category, string ReadAs, bool Reclassified, IReadOnlyList<PhraseView> Phrases, string By, DateTimeOffset At)
    {
        public static CorrectionView? From(ReviewCorrection? correction) => correction is null
            ? null
            : new(
                ReviewReplySettingsValidator.Name(correction.Category),
                ReviewReplySettingsValidator.Name(correction.ReadAs),
                correction.Reclassified,
                [.. correction.Phrases.Select(p => new PhraseView(p.Text, ReviewReadings.Name(p.Reading)))],
                correction.By,
                correction.At);
    }

    internal sealed record PhraseView(string Text, string Reading);

    /// <param name="Confidence">How sure the reading is, 0 to 1 (0 on reviews read before it was measured).</param>
    /// <param name="Doubts">Why a positive reading is not clear praise (unread_text, contrast, minor_complaint …); empty otherwise.</param>
    internal sealed record ClassificationView(string Category, string? Cause, bool MentionsLegalAction, double Confidence, IReadOnlyList<string> Doubts, IReadOnlyList<ReviewEvidence> Evidence);

    /// <param name="State">awaiting_approval, scheduled, sending, sent, failed or skipped (the outbox row's state).</param>
    /// <param name="Text">The reply as it will be (or was) posted; null when the draft was held and no one has written one yet.</param>
    /// <param name="Removed">Personal data taken out of the composed reply, by kind.</param>
    internal sealed record ReplyView(
        string State,
        string Mode,
        string? Text,
        string Locale,
        string? ApprovalReason,
        string? HoldReason,
        IReadOnlyList<string> Removed,
        string MessageId,
        DateTimeOffset? ApprovedAt,
        DateTimeOffset? SentAt,
        string? Reason);
}
