using System.Text.Json;
using Automation.Core.Messaging;
using Automation.Core.Orders;
using Automation.Core.Reviews;
using Automation.Core.Tasks;
using Automation.Functions.Features.Access;
using Automation.Functions.Features.Http;
using Automation.Functions.Features.Messaging;
using Automation.Functions.Features.Tasks;
using Automation.Storage.Stores;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;

namespace Automation.Functions.Features.Reviews;

/// <summary>
/// Ops read how a review was handled (<c>ReviewView</c>) and approve its drafted reply, as drafted or edited
/// (<c>ApproveReviewReply</c>); an edited reply goes through the same personal-data check as a composed one.
/// Both take the shop key; an agent key may also approve a reply whose approval task the morning sweep assigned to its
/// agent (the task in their list is the one they act on).
/// </summary>
internal sealed class ReviewFunctions(
    ReviewStore reviews,
    OrderStore orders,
    TaskStore tasks,
    DueMessageIndex dueIndex,
    ImmediateHandOff handOff,
    ApiKeyAuthentication access,
    TimeProvider time)
{
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

        var edited = input?.Text;
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
        await dueIndex.AddAsync(reply.Key, now, now, cancellationToken);
        var resolution = edited is null ? "reply approved as drafted" : "reply approved with edits";
        var approvedBy = grant.IsShopWide ? TaskClosers.Ops : grant.AgentId!;
        if (!await reviews.ApproveAsync(review with { ApprovedAt = now }, scheduled, approvalTask, resolution, approvedBy, cancellationToken))
        {
            return ApiProblems.Status(StatusCodes.Status409Conflict, "Reply not awaiting approval", $"The reply to review '{reviewId}' was approved by someone else meanwhile.");
        }

        await handOff.HandOffAsync(reply.Key, now, now, cancellationToken);
        return TypedResults.Accepted((string?)null, await ViewAsync(review with { ApprovedAt = now }, scheduled, cancellationToken));
    }

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

/// <summary>The body of an approval: the reply as edited, or nothing to approve the draft as it is.</summary>
internal sealed class ReviewReplyApprovalInput
{
    public string? Text { get; set; }
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
    IReadOnlyList<TaskView> Tasks)
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
            tasks);
    }

    internal sealed record ClassificationView(string Category, string? Cause, bool MentionsLegalAction, IReadOnlyList<ReviewEvidence> Evidence);

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
