using System.Text.Json;
using Automation.Core.Messaging;
using Automation.Core.Orders;
using Automation.Core.Reviews;
using Automation.Core.Tasks;
using Azure;
using Azure.Data.Tables;

namespace Automation.Storage.Stores;

/// <summary>A review as handled: what it said, how it was read, the reply composed and whether a person approved it.</summary>
/// <param name="Facts">The buyer's personal facts known when it arrived, kept to check an edited reply against. Never logged.</param>
/// <param name="ApprovalReason">Why the reply waited for a person (see <see cref="ReviewDecision.ApprovalReason"/>); null if posted at once.</param>
/// <param name="ReplyStep">The step of its <c>review_reply</c> row in the order's outbox.</param>
public sealed record StoredReview(
    string ShopId,
    PostedReview Review,
    string? CustomerId,
    PersonalFacts Facts,
    ReviewClassification Classification,
    ReviewReply Reply,
    string? ApprovalReason,
    int ReplyStep,
    IReadOnlyList<string> TaskIds,
    DateTimeOffset ReceivedAt,
    ETag ETag)
{
    public DateTimeOffset? ApprovedAt { get; init; }

    /// <summary>The reply's outbox row.</summary>
    public MessageKey ReplyKey => new(ShopId, Review.OrderId, MessageKinds.ReviewReply, ReplyStep);

    public override string ToString() => $"StoredReview {{ ShopId = {ShopId}, Review = {Review}, ReplyStep = {ReplyStep} }}";
}

/// <summary>Everything one <c>review.posted</c> event writes, atomically.</summary>
/// <param name="Reply">The reply's outbox row: scheduled with its prepared text when posted at once, otherwise awaiting approval.</param>
public sealed record ReviewWrite(string EventId, StoredReview Review, string Outcome, StoredMessage Reply, IReadOnlyList<AgentTask> Tasks);

public enum ReviewWriteOutcome
{
    Applied,

    /// <summary>The event, or another event about the same review, was applied before: nothing written.</summary>
    Duplicate,

    /// <summary>The reply's step in the order's outbox was taken meanwhile (another review of the order): read again and retry.</summary>
    StepTaken,
}

/// <summary>
/// Reviews, in the shop's partition of the Orders table (row <c>r|{reviewId}</c>), beside the order whose outbox holds
/// the reply and the tasks the review opens, so that one review is one entity group transaction. The review row's
/// insert makes a review handled once, whatever its event id. <c>o|{orderId}|r|{reviewId}</c> lists the order's
/// reviews (ids only), so an erasure of the order's customer finds them with the order's rows.
/// </summary>
public sealed class ReviewStore(StoreTables tables)
{
    /// <summary>
    /// Writes a review in one entity group transaction (1 storage transaction): the event id, the review, the order's
    /// timeline row, the reply's outbox row and the tasks; a task open already is left out and the rest sent again.
    /// </summary>
    public async Task<ReviewWriteOutcome> AddAsync(ReviewWrite write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        var review = write.Review;
        var (shopId, orderId) = (review.ShopId, review.Review.OrderId);
        var actions = new List<TableTransactionAction>
        {
            new(TableTransactionActionType.Add, OrderStore.EventIdEntity(shopId, write.EventId, orderId, OrderEventTypes.ReviewPosted, review.ReceivedAt)),
            new(TableTransactionActionType.Add, ToEntity(review)),
            new(TableTransactionActionType.Add, OrderStore.MessageEntity(write.Reply)),
            new(TableTransactionActionType.Add, OrderStore.TimelineEntity(shopId, orderId, write.EventId, OrderEventTypes.ReviewPosted, review.ReceivedAt, write.Outcome)),

            // The order's reviews, and the customer's orders: what an erasure finds them by (no extra transaction).
            new(TableTransactionActionType.UpsertReplace, OrderReviewEntity(shopId, orderId, review.Review.ReviewId)),
        };
        if (review.CustomerId is { } customerId)
        {
            actions.Add(new(TableTransactionActionType.UpsertReplace, OrderStore.CustomerOrderEntity(shopId, customerId, orderId)));
        }

        var firstTask = actions.Count;
        actions.AddRange(write.Tasks.Select(task => new TableTransactionAction(TableTransactionActionType.Add, TaskStore.ToEntity(task))));
        var table = await tables.GetAsync(StoreTables.Orders, cancellationToken).ConfigureAwait(false);
        try
        {
            await OrderStore.SubmitSkippingOpenTasksAsync(table, actions, firstTask, cancellationToken).ConfigureAwait(false);
            return ReviewWriteOutcome.Applied;
        }
        catch (TableTransactionFailedException e) when (e.Status == 409 && e.FailedTransactionActionIndex is 0 or 1)
        {
            return ReviewWriteOutcome.Duplicate;
        }
        catch (TableTransactionFailedException e) when (e.Status == 409 && e.FailedTransactionActionIndex == 2)
        {
            return ReviewWriteOutcome.StepTaken;
        }
    }

    /// <summary>A review with its ETag, or null: one point read (1 storage transaction).</summary>
    public async Task<StoredReview?> GetAsync(string shopId, string reviewId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StoreTables.Orders, cancellationToken).ConfigureAwait(false);
        var entity = await table.GetEntityIfExistsAsync<TableEntity>(shopId, ReviewRow(reviewId), cancellationToken: cancellationToken).ConfigureAwait(false);
        return entity.HasValue ? FromEntity(entity.Value!) : null;
    }

    /// <summary>
    /// Approves a reply in one entity group transaction (1 storage transaction), conditional on the review and the
    /// reply's outbox row as they were read: the review records the approval, the outbox row becomes due now with the
    /// approved text, and the approval task is closed with a note. False when either changed meanwhile (approved by
    /// someone else): read again. <paramref name="approvedBy"/> is who closed the task: "ops" or the agent's id.
    /// </summary>
    public async Task<bool> ApproveAsync(
        StoredReview review, StoredMessage scheduledReply, string? approvalTaskId, string resolution, string approvedBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(review);
        ArgumentNullException.ThrowIfNull(scheduledReply);
        var approvedAt = review.ApprovedAt ?? throw new ArgumentException("The approval time is missing.", nameof(review));
        var reviewEntity = new TableEntity(review.ShopId, ReviewRow(review.Review.ReviewId))
        {
            ["ApprovedAt"] = EntityValues.Checked(approvedAt, "ApprovedAt"),
        };
        var actions = new List<TableTransactionAction>
        {
            new(TableTransactionActionType.UpdateMerge, reviewEntity, OrderStore.Required(review.ETag, "the review")),
            new(TableTransactionActionType.UpdateReplace, OrderStore.MessageEntity(scheduledReply), OrderStore.Required(scheduledReply.ETag, "the reply")),
        };
        if (approvalTaskId is not null)
        {
            // Closing the task needs no condition: whoever approves, the task is done, and a merge leaves its evidence.
            actions.Add(new(TableTransactionActionType.UpdateMerge, new TableEntity(review.ShopId, TaskStore.RowPrefix + approvalTaskId)
            {
                ["State"] = nameof(AgentTaskState.Done),
                ["Resolution"] = resolution,
                ["DoneBy"] = approvedBy,
                ["DoneAt"] = approvedAt,
            }, ETag.All));
        }

        var table = await tables.GetAsync(StoreTables.Orders, cancellationToken).ConfigureAwait(false);
        try
        {
            await table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (TableTransactionFailedException e) when (e.Status is 412 or 404 && e.FailedTransactionActionIndex is 0 or 1)
        {
            return false;
        }
    }

    internal static string ReviewRow(string reviewId) => "r|" + reviewId;

    /// <summary>The infix of the order's review index rows: <c>o|{orderId}|r|{reviewId}</c>.</summary>
    internal const string OrderReviewInfix = "|r|";

    private static TableEntity OrderReviewEntity(string shopId, string orderId, string reviewId) =>
        new(shopId, OrderStore.OrderRow(orderId) + OrderReviewInfix + reviewId) { ["ReviewId"] = reviewId };

    internal static TableEntity ToEntity(StoredReview review)
    {
        var entity = new TableEntity(review.ShopId, ReviewRow(review.Review.ReviewId))
        {
            ["OrderId"] = review.Review.OrderId,
            ["Category"] = ReviewReplySettingsValidator.Name(review.Classification.Category),
            ["Review"] = JsonSerializer.Serialize(review.Review, StoreJsonContext.Default.PostedReview),
            ["Facts"] = JsonSerializer.Serialize(review.Facts, StoreJsonContext.Default.PersonalFacts),
            ["Classification"] = JsonSerializer.Serialize(review.Classification, StoreJsonContext.Default.ReviewClassification),
            ["Reply"] = JsonSerializer.Serialize(review.Reply, StoreJsonContext.Default.ReviewReply),
            ["ReplyStep"] = review.ReplyStep,
            ["TaskIds"] = string.Join('\n', review.TaskIds),
            ["ReceivedAt"] = EntityValues.Checked(review.ReceivedAt, "ReceivedAt"),
        };
        EntityValues.Set(entity, "CustomerId", review.CustomerId);
        EntityValues.Set(entity, "ApprovalReason", review.ApprovalReason);
        EntityValues.Set(entity, "ApprovedAt", review.ApprovedAt);
        return entity;
    }

    internal static StoredReview FromEntity(TableEntity entity) => new(
        entity.PartitionKey,
        JsonSerializer.Deserialize(entity.GetString("Review")!, StoreJsonContext.Default.PostedReview)!,
        entity.GetString("CustomerId"),
        JsonSerializer.Deserialize(entity.GetString("Facts")!, StoreJsonContext.Default.PersonalFacts)!,
        JsonSerializer.Deserialize(entity.GetString("Classification")!, StoreJsonContext.Default.ReviewClassification)!,
        JsonSerializer.Deserialize(entity.GetString("Reply")!, StoreJsonContext.Default.ReviewReply)!,
        entity.GetString("ApprovalReason"),
        entity.GetInt32("ReplyStep") ?? 1,
        entity.GetString("TaskIds") is { Length: > 0 } ids ? ids.Split('\n') : [],
        entity.GetDateTimeOffset("ReceivedAt") ?? default,
        entity.ETag)
    {
        ApprovedAt = entity.GetDateTimeOffset("ApprovedAt"),
    };
}
