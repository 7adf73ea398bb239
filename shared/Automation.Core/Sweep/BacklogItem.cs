using Automation.Core.Cases;
using Automation.Core.Tasks;

namespace Automation.Core.Sweep;

/// <summary>
/// Where a backlog item comes from. Declared top priority first, in the order of issue 9's list: the declaration order
/// is the ranking's first key (see <see cref="BacklogRanking"/>), so insert a new source where it belongs.
/// </summary>
public enum BacklogSource
{
    EscalatedDispute,
    OverdueCase,
    DueSoonCase,
    ReturnReceivedNotRefunded,
    ExchangeAwaitingReshipment,
    ReviewDraftAwaitingApproval,
    UnhappyFollowUp,
    UnconfirmedDelivery,
    ShipmentException,
    FailedMessageDelivery,
    HandoverNote,
}

/// <summary>The roles of the shop's agents (issue 9's <c>roles</c>); an item needs one of them.</summary>
public enum SweepRole
{
    PreSale,
    AfterSale,
    Complaints,
    Supervisor,
}

/// <summary>An amount the shop stands to lose (refund, order value), for ranking and the agent's context.</summary>
public sealed record MoneyAtStake(decimal Amount, string Currency);

/// <summary>
/// One piece of work the morning sweep found, before ranking: what it is (<see cref="Source"/>, <see cref="Kind"/>),
/// its deterministic <see cref="TaskId"/> (from <see cref="TaskIds.For"/>, so a re-run finds the same task), what it
/// concerns, when it is due (null when nothing sets a time), when the work arose (<see cref="CreatedAt"/>, for its age),
/// the evidence the agent needs and the role that does it.
/// </summary>
public sealed record BacklogItem(
    string TaskId,
    BacklogSource Source,
    string Kind,
    SweepRole Role,
    string? OrderId,
    string? CaseId,
    string? ReviewId,
    DateTimeOffset? DueAt,
    DateTimeOffset CreatedAt,
    IReadOnlyList<TaskEvidence> Evidence)
{
    public MoneyAtStake? AtStake { get; init; }

    /// <summary>The agent the task was given to in an earlier run, if any (kept while that agent can still take it).</summary>
    public string? AssignedTo { get; init; }
}

/// <summary>The task kinds the sweep opens besides those opened during the day (<see cref="TaskKinds"/>). Stored; add rather than rename.</summary>
public static class SweepTaskKinds
{
    /// <summary>An open after-sale case that needs a person now: disputed, overdue, due soon, or waiting on the shop.</summary>
    public const string AfterSaleCase = "after_sale_case";

    /// <summary>A review reply draft waiting for approval before it is posted.</summary>
    public const string ReviewDraftApproval = "review_draft_approval";

    /// <summary>A message to a customer could not be delivered: reach them another way.</summary>
    public const string MessageDeliveryFailed = "message_delivery_failed";

    /// <summary>A note the night shift handed over.</summary>
    public const string HandoverNote = "handover_note";
}

/// <summary>Builds backlog items with their deterministic task ids and the default role of each source.</summary>
public static class BacklogItems
{
    /// <summary>
    /// Who does each source by default: complaints take platform disputes and unhappy customers (both are complaints the
    /// buyer has already made), supervisors approve review drafts (domain.md: "ops decide"), after-sale does the rest.
    /// </summary>
    public static SweepRole DefaultRole(BacklogSource source) => source switch
    {
        BacklogSource.EscalatedDispute or BacklogSource.UnhappyFollowUp => SweepRole.Complaints,
        BacklogSource.ReviewDraftAwaitingApproval => SweepRole.Supervisor,
        _ => SweepRole.AfterSale,
    };

    /// <summary>
    /// The task id of a case's sweep task: the case alone, so a case has one task while it needs someone, whatever its
    /// status. A sweep keeps it up to date (status, evidence, due time, rank); turning overdue or moving to the next
    /// status does not open a second task.
    /// </summary>
    public static string CaseTaskId(string caseId) => TaskIds.For(SweepTaskKinds.AfterSaleCase, caseId);

    /// <summary>The evidence line that says where the case stands ("return_refund, received"); a change is new work.</summary>
    public const string CaseStateLabel = "case";

    /// <summary>
    /// Whether a case's task as stored, done or escalated, stood for earlier work than <paramref name="fresh"/> (the
    /// case has moved to another status since), so the sweep opens it again; the same status means the person's close
    /// or the supervisor's hold stands.
    /// </summary>
    public static bool IsNewWork(AgentTask stored, AgentTask fresh)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(fresh);
        return stored.State != AgentTaskState.Open && !string.Equals(CaseState(stored), CaseState(fresh), StringComparison.Ordinal);
    }

    private static string? CaseState(AgentTask task) => task.Evidence.FirstOrDefault(e => e.Label == CaseStateLabel)?.Value;

    /// <summary>
    /// The item for an open case, or null when the case needs nobody this morning (closed, resolved, or on track and
    /// waiting on the buyer). The first matching source wins: escalated, overdue, due soon, received and not refunded,
    /// awaiting reshipment.
    /// </summary>
    public static BacklogItem? ForCase(Case c, CaseDue due)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(due);
        if (CaseTasks.NobodyNeeded(c))
        {
            return null;
        }

        BacklogSource? source = c switch
        {
            { Escalated: true } => BacklogSource.EscalatedDispute,
            _ when due.IsOverdue => BacklogSource.OverdueCase,
            _ when due.IsDueSoon => BacklogSource.DueSoonCase,
            { Kind: CaseKind.ReturnRefund, Status: CaseStatus.Received or CaseStatus.AwaitingRefund } => BacklogSource.ReturnReceivedNotRefunded,
            { Kind: CaseKind.Exchange, Status: CaseStatus.Received or CaseStatus.AwaitingReshipment } => BacklogSource.ExchangeAwaitingReshipment,
            _ => null,
        };
        if (source is not { } s)
        {
            return null;
        }

        var evidence = new List<TaskEvidence>
        {
            new(CaseStateLabel, $"{CaseNames.Name(c.Kind)}, {CaseNames.Name(c.Status)}"),
        };
        if (c.Reason is { } reason)
        {
            evidence.Add(new("reason", CaseNames.Name(reason)));
        }

        evidence.AddRange(c.Evidence.Select(e => new TaskEvidence(CaseNames.Name(e.Type), e.Url ?? e.Text ?? "")));
        return new BacklogItem(CaseTaskId(c.CaseId), s, SweepTaskKinds.AfterSaleCase, DefaultRole(s), c.OrderId, c.CaseId, ReviewId: null, due.NextDueAt, c.OpenedAt, evidence)
        {
            AtStake = c is { Amount: { } amount, Currency: { } currency } ? new MoneyAtStake(amount, currency) : null,
        };
    }

    /// <summary>An item for a task opened earlier (a shipment exception, an unconfirmed delivery, an unhappy customer), keeping its id and assignee.</summary>
    public static BacklogItem FromTask(AgentTask task, BacklogSource source)
    {
        ArgumentNullException.ThrowIfNull(task);
        return new BacklogItem(task.TaskId, source, task.Kind, DefaultRole(source), task.OrderId, task.CaseId, task.ReviewId, task.DueAt, task.CreatedAt, task.Evidence)
        {
            AssignedTo = task.AssignedTo,
        };
    }

    public static BacklogItem ForReviewDraft(string reviewId, string? orderId, string draft, DateTimeOffset createdAt)
        => new(TaskIds.For(SweepTaskKinds.ReviewDraftApproval, reviewId), BacklogSource.ReviewDraftAwaitingApproval, SweepTaskKinds.ReviewDraftApproval,
            DefaultRole(BacklogSource.ReviewDraftAwaitingApproval), orderId, CaseId: null, reviewId, DueAt: null, createdAt, [new("draft", draft)]);

    public static BacklogItem ForFailedMessage(string messageId, string orderId, string messageKind, string failure, DateTimeOffset failedAt)
        => new(TaskIds.For(SweepTaskKinds.MessageDeliveryFailed, orderId, messageId), BacklogSource.FailedMessageDelivery, SweepTaskKinds.MessageDeliveryFailed,
            DefaultRole(BacklogSource.FailedMessageDelivery), orderId, CaseId: null, ReviewId: null, DueAt: null, failedAt,
            [new("message", messageKind), new("failure", failure)]);

    /// <summary>A night-shift note; <paramref name="role"/> lets the note say who should read it (after-sale by default).</summary>
    public static BacklogItem ForHandover(string noteId, string text, string? orderId, string? caseId, DateTimeOffset writtenAt, SweepRole role = SweepRole.AfterSale)
        => new(TaskIds.For(SweepTaskKinds.HandoverNote, noteId), BacklogSource.HandoverNote, SweepTaskKinds.HandoverNote,
            role, orderId, caseId, ReviewId: null, DueAt: null, writtenAt, [new("note", text)]);
}
