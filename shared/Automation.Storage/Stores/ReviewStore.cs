using System.Globalization;
using System.Text;
using System.Text.Json;
using Automation.Core.Messaging;
using Automation.Core.Orders;
using Automation.Core.Reports;
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

    /// <summary>An agent's decision about how the review reads (the last one, when they changed it again); null when none was made.</summary>
    public ReviewCorrection? Correction { get; init; }

    /// <summary>The reply's outbox row.</summary>
    public MessageKey ReplyKey => new(ShopId, Review.OrderId, MessageKinds.ReviewReply, ReplyStep);

    public override string ToString() => $"StoredReview {{ ShopId = {ShopId}, Review = {Review}, ReplyStep = {ReplyStep} }}";
}

/// <summary>Everything one <c>review.posted</c> event writes, atomically.</summary>
/// <param name="Reply">The reply's outbox row: scheduled with its prepared text when posted at once, otherwise awaiting approval.</param>
public sealed record ReviewWrite(string EventId, StoredReview Review, string Outcome, StoredMessage Reply, IReadOnlyList<AgentTask> Tasks);

/// <summary>
/// A shop's taught phrases as stored, with the ETag of their row (<see cref="ETag"/> default: the shop has no row yet,
/// and the first write creates it).
/// </summary>
public sealed record StoredTaughtPhrases(IReadOnlyList<TaughtPhraseEntry> Entries, ETag ETag)
{
    public static StoredTaughtPhrases None { get; } = new([], default);
}

/// <summary>The shop's taught list to write with a correction, replacing the one read under <paramref name="Basis"/>.</summary>
public sealed record TaughtPhrasesWrite(IReadOnlyList<TaughtPhraseEntry> Entries, StoredTaughtPhrases Basis);

/// <summary>How a write that changes a review's approval or reading came out.</summary>
public enum ReviewUpdateOutcome
{
    Applied,

    /// <summary>The review (or its reply) changed since read: approved or corrected by someone else. Nothing written.</summary>
    ReviewChanged,

    /// <summary>The shop's taught list changed since read (another correction): read it again, merge, retry. Nothing written.</summary>
    PhrasesChanged,
}

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
/// <c>rt|{receivedAt, UTC ticks}|{reviewId}</c> lists the reviews by receipt for the report (how each was read, why its
/// reply waited, the decision about its reading), written in the transactions that write the review.
/// <c>rp</c> is the shop's taught phrases (<see cref="TaughtPhraseEntry"/>, one line each), written with the correction
/// that teaches them, under its ETag, so two corrections never lose each other's phrases.
/// "rp" and "rt|" sort before "r|" ('p' and 't' &lt; '|'), so no range of one takes in the other.
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

            // The report's index of reviews by receipt, in the transaction the review makes anyway.
            new(TableTransactionActionType.UpsertReplace, ReceivedEntity(review)),

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
    /// reply's outbox row as they were read: the review records the approval (and the agent's decision about its reading,
    /// <see cref="StoredReview.Correction"/>, when there is one), the outbox row becomes due now with the approved text,
    /// and the approval task is closed with a note. With a decision, the shop's taught list (under its ETag) and the
    /// review's row in the receipt index are written in the same transaction: the decision and what it taught land
    /// together or not at all. <paramref name="approvedBy"/> is who closed the task: "ops" or the agent's id.
    /// </summary>
    public async Task<ReviewUpdateOutcome> ApproveAsync(
        StoredReview review,
        StoredMessage scheduledReply,
        string? approvalTaskId,
        string resolution,
        string approvedBy,
        TaughtPhrasesWrite? phrases,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(review);
        ArgumentNullException.ThrowIfNull(scheduledReply);
        var approvedAt = review.ApprovedAt ?? throw new ArgumentException("The approval time is missing.", nameof(review));
        var reviewEntity = new TableEntity(review.ShopId, ReviewRow(review.Review.ReviewId))
        {
            ["ApprovedAt"] = EntityValues.Checked(approvedAt, "ApprovedAt"),
        };
        SetCorrection(reviewEntity, review.Correction);
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

        return await SubmitAsync(review, actions, phrases, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Records a change of a review's reading (its <see cref="StoredReview.Correction"/>) in one entity group transaction
    /// (1 storage transaction), conditional on the review as read: the review, its row in the receipt index, and the
    /// shop's taught list when the correction changes it (under its ETag).
    /// </summary>
    /// <param name="followUp">
    /// The private follow-up task the new reading opens (a thanked complaint read as one), or null. It goes in the same
    /// transaction and joins the review's task ids; a review that lists it already is not given it again.
    /// </param>
    public async Task<ReviewUpdateOutcome> CorrectAsync(StoredReview review, TaughtPhrasesWrite? phrases, CancellationToken cancellationToken, AgentTask? followUp = null)
    {
        ArgumentNullException.ThrowIfNull(review);
        var correction = review.Correction ?? throw new ArgumentException("The correction is missing.", nameof(review));
        var reviewEntity = new TableEntity(review.ShopId, ReviewRow(review.Review.ReviewId));
        SetCorrection(reviewEntity, correction);
        List<TableTransactionAction> actions = [new(TableTransactionActionType.UpdateMerge, reviewEntity, OrderStore.Required(review.ETag, "the review"))];
        if (followUp is not null && !review.TaskIds.Contains(followUp.TaskId, StringComparer.Ordinal))
        {
            reviewEntity["TaskIds"] = string.Join('\n', review.TaskIds.Append(followUp.TaskId));

            // The task id is the review's own: it exists only if the review lists it, and the review is written under
            // its ETag, so this add cannot meet a task another writer made.
            actions.Add(new(TableTransactionActionType.Add, TaskStore.ToEntity(followUp)));
        }

        return await SubmitAsync(review, actions, phrases, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The shop's taught phrases with their row's ETag: one point read (1 storage transaction), also when the shop has none.</summary>
    public async Task<StoredTaughtPhrases> GetPhrasesAsync(string shopId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StoreTables.Orders, cancellationToken).ConfigureAwait(false);
        var entity = await table.GetEntityIfExistsAsync<TableEntity>(shopId, PhrasesRow, cancellationToken: cancellationToken).ConfigureAwait(false);
        return entity.HasValue ? new StoredTaughtPhrases(ReadPhrases(entity.Value!), entity.Value!.ETag) : StoredTaughtPhrases.None;
    }

    /// <summary>
    /// Replaces the shop's taught list (ops removing a phrase) only if it is unchanged since read: 1 storage transaction.
    /// False when another write got there first: read again.
    /// </summary>
    public async Task<bool> TrySavePhrasesAsync(string shopId, TaughtPhrasesWrite write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        var table = await tables.GetAsync(StoreTables.Orders, cancellationToken).ConfigureAwait(false);
        try
        {
            await table.SubmitTransactionAsync([PhrasesAction(shopId, write)], cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (TableTransactionFailedException e) when (e.Status is 409 or 412 or 404)
        {
            return false;
        }
    }

    /// <summary>
    /// The reviews received in [<paramref name="from"/>, <paramref name="to"/>) as the report counts them: one
    /// single-partition range query over the receipt index, 1 storage transaction per 1,000 reviews.
    /// </summary>
    public async Task<IReadOnlyList<ReviewReceived>> ListReceivedAsync(string shopId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StoreTables.Orders, cancellationToken).ConfigureAwait(false);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {shopId} and RowKey ge {ReceivedRowPrefix + Ticks(from)} and RowKey lt {ReceivedRowPrefix + Ticks(to)}");
        var result = new List<ReviewReceived>();
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            result.Add(new ReviewReceived(
                entity.GetString("ReviewId")!,
                entity.GetDateTimeOffset("ReceivedAt") ?? default,
                ParseCategory(entity.GetString("Category")),
                entity.GetString("ApprovalReason"),
                entity.GetString("SettledAs") is { } settled ? ParseCategory(settled) : null,
                entity.GetInt32("PhrasesTaught") ?? 0));
        }

        return result;
    }

    private async Task<ReviewUpdateOutcome> SubmitAsync(StoredReview review, List<TableTransactionAction> actions, TaughtPhrasesWrite? phrases, CancellationToken cancellationToken)
    {
        var reviewActions = actions.Count;
        var phrasesAction = -1;
        if (phrases is not null)
        {
            phrasesAction = actions.Count;
            actions.Add(PhrasesAction(review.ShopId, phrases));
        }

        if (review.Correction is not null)
        {
            // A review stored before the index gets its row now: it is counted from its receipt on, like the others.
            actions.Add(new(TableTransactionActionType.UpsertReplace, ReceivedEntity(review)));
        }

        var table = await tables.GetAsync(StoreTables.Orders, cancellationToken).ConfigureAwait(false);
        try
        {
            await table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
            return ReviewUpdateOutcome.Applied;
        }
        catch (TableTransactionFailedException e) when (e.Status is 412 or 404 && e.FailedTransactionActionIndex < Math.Min(reviewActions, 2))
        {
            return ReviewUpdateOutcome.ReviewChanged;
        }
        catch (TableTransactionFailedException e) when (e.Status is 409 or 412 or 404 && e.FailedTransactionActionIndex == phrasesAction)
        {
            return ReviewUpdateOutcome.PhrasesChanged;
        }
    }

    /// <summary>Creates the row when the list was read absent (a concurrent creation fails with 409), else replaces it under the ETag read.</summary>
    private static TableTransactionAction PhrasesAction(string shopId, TaughtPhrasesWrite write) =>
        write.Basis.ETag == default
            ? new(TableTransactionActionType.Add, PhrasesEntity(shopId, write.Entries))
            : new(TableTransactionActionType.UpdateReplace, PhrasesEntity(shopId, write.Entries), write.Basis.ETag);

    internal const string PhrasesRow = "rp";
    internal const string ReceivedRowPrefix = "rt|";

    // A line is at most 1 + 40 + 64 + 13 + 128 characters and 4 tabs: 500 lines need a few columns of 30,000.
    private const int PhrasesColumnChars = 30_000;

    private static string Ticks(DateTimeOffset instant) => instant.UtcTicks.ToString("D19", CultureInfo.InvariantCulture);

    internal static string ReceivedRow(StoredReview review) => $"{ReceivedRowPrefix}{Ticks(review.ReceivedAt)}|{review.Review.ReviewId}";

    private static TableEntity ReceivedEntity(StoredReview review)
    {
        var entity = new TableEntity(review.ShopId, ReceivedRow(review))
        {
            ["ReviewId"] = review.Review.ReviewId,
            ["ReceivedAt"] = EntityValues.Checked(review.ReceivedAt, "ReceivedAt"),
            ["Category"] = ReviewReplySettingsValidator.Name(review.Classification.Category),
        };
        EntityValues.Set(entity, "ApprovalReason", review.ApprovalReason);
        if (review.Correction is { } correction)
        {
            entity["SettledAs"] = ReviewReplySettingsValidator.Name(correction.Category);
            entity["PhrasesTaught"] = correction.Phrases.Count;
        }

        return entity;
    }

    /// <summary>
    /// One line per phrase, <c>{p|c|n}\t{text}\t{by}\t{at, Unix ms}\t{reviewId}</c>, split across <c>Phrases</c>,
    /// <c>Phrases1</c>… at line ends: compact (JSON would escape every Chinese character to six), and no field holds a
    /// tab or a line break (texts are refused with control characters, ids have none).
    /// </summary>
    private static TableEntity PhrasesEntity(string shopId, IReadOnlyList<TaughtPhraseEntry> entries)
    {
        var entity = new TableEntity(shopId, PhrasesRow) { ["Count"] = entries.Count };
        var column = new StringBuilder();
        var part = 0;
        foreach (var entry in entries)
        {
            var line = string.Join('\t', ReadingCode(entry.Reading), entry.Text, entry.By, entry.At.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture), entry.ReviewId);
            if (column.Length > 0 && column.Length + 1 + line.Length > PhrasesColumnChars)
            {
                entity[PhrasesColumn(part++)] = column.ToString();
                column.Clear();
            }

            column.Append(column.Length > 0 ? "\n" : "").Append(line);
        }

        entity[PhrasesColumn(part)] = column.ToString();
        return entity;
    }

    private static List<TaughtPhraseEntry> ReadPhrases(TableEntity entity)
    {
        var entries = new List<TaughtPhraseEntry>();
        for (var part = 0; entity.GetString(PhrasesColumn(part)) is { } column; part++)
        {
            foreach (var line in column.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                var fields = line.Split('\t');
                entries.Add(new TaughtPhraseEntry(
                    fields[1],
                    fields[0] switch { "p" => TaughtReading.Praise, "c" => TaughtReading.Complaint, _ => TaughtReading.Neutral },
                    fields[2],
                    DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(fields[3], CultureInfo.InvariantCulture)),
                    fields[4]));
            }
        }

        return entries;
    }

    private static string ReadingCode(TaughtReading reading) => reading switch
    {
        TaughtReading.Praise => "p",
        TaughtReading.Complaint => "c",
        _ => "n",
    };

    private static string PhrasesColumn(int part) => part == 0 ? "Phrases" : "Phrases" + part.ToString(CultureInfo.InvariantCulture);

    private static ReviewCategory ParseCategory(string? name) =>
        ReviewReadings.TryParseCategory(name, out var category) ? category : throw new InvalidOperationException($"Stored review category '{name}' is not one.");

    private static void SetCorrection(TableEntity entity, ReviewCorrection? correction)
    {
        if (correction is not null)
        {
            entity["Correction"] = JsonSerializer.Serialize(correction, StoreJsonContext.Default.ReviewCorrection);
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
        SetCorrection(entity, review.Correction);
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
        Correction = entity.GetString("Correction") is { } correction ? JsonSerializer.Deserialize(correction, StoreJsonContext.Default.ReviewCorrection) : null,
    };
}
