using System.Globalization;
using Automation.Core.Orders;

namespace Automation.Core.Tasks;

public enum AgentTaskState
{
    Open,
    Done,
    Escalated,
}

/// <summary>One fact that explains why a task exists, shown to the agent ("status": "lost", "review text": "…").</summary>
public sealed record TaskEvidence(string Label, string Value);

/// <summary>
/// Work for a person: what to do (<see cref="Kind"/>), what it concerns (order, case or review), how urgent it is
/// (<see cref="Priority"/>, 1 = most urgent, and <see cref="DueAt"/>), its state and the evidence an agent needs.
/// The id is deterministic (see <see cref="TaskIds"/>), so processing the same facts again never opens it twice.
/// </summary>
public sealed record AgentTask(
    string TaskId,
    string ShopId,
    string Kind,
    string? OrderId,
    string? CaseId,
    string? ReviewId,
    int Priority,
    DateTimeOffset DueAt,
    AgentTaskState State,
    IReadOnlyList<TaskEvidence> Evidence,
    DateTimeOffset CreatedAt)
{
    public string? AssignedTo { get; init; }

    public string? Resolution { get; init; }

    /// <summary>The morning sweep's score for the task (higher first), when a sweep ranked it.</summary>
    public int? Score { get; init; }

    /// <summary>Why the task ranks where it does, e.g. "score 9300: overdue case (+9000); overdue by 3h (+300)".</summary>
    public string? WhyNow { get; init; }

    /// <summary>The supervisor an unfinished task went to at the sweep's deadline.</summary>
    public string? EscalatedTo { get; init; }

    /// <summary>Why it went to the supervisor, e.g. "still open at the 12:00 deadline; never assigned; priority 1".</summary>
    public string? EscalationReason { get; init; }

    /// <summary>The sweep day (the shop's local day) whose deadline escalated it: the supervisor's list of that day holds it.</summary>
    public DateOnly? EscalatedOn { get; init; }

    /// <summary>When the task was marked done (null while it is open or escalated).</summary>
    public DateTimeOffset? DoneAt { get; init; }

    /// <summary>Who marked it done: the agent's id, or <see cref="TaskClosers.Ops"/> for a shop key.</summary>
    public string? DoneBy { get; init; }
}

/// <summary>The kinds of task the product opens. Stored; add rather than rename.</summary>
public static class TaskKinds
{
    /// <summary>A shipment was lost, damaged, returned, stuck or misaddressed: solve it with the carrier and the buyer.</summary>
    public const string ShipmentException = "shipment_exception";

    /// <summary>Shipped long ago and never confirmed delivered: find the parcel.</summary>
    public const string DeliveryUnconfirmed = "delivery_unconfirmed";

    /// <summary>A customer wrote that something is wrong (usually in reply to a follow-up): contact them and solve it.</summary>
    public const string UnhappyFollowUp = "unhappy_follow_up";

    /// <summary>A drafted (or held) public reply to a review waits for a person to approve or rewrite it.</summary>
    public const string ReviewReplyApproval = "review_reply_approval";

    /// <summary>A review mentions legal or regulatory action: a supervisor answers it, never the automation.</summary>
    public const string ReviewLegalAction = "review_legal_action";

    /// <summary>A mixed or negative review: contact the buyer privately (an offer for quality problems, an explanation for mismatches).</summary>
    public const string ReviewFollowUp = "review_follow_up";
}

/// <summary>Deterministic task ids: the kind and what the task is about, e.g. <c>shipment_exception:A1001:ship-1:lost</c>.</summary>
public static class TaskIds
{
    public static string For(string kind, params string[] subject)
    {
        ArgumentException.ThrowIfNullOrEmpty(kind);
        return string.Join(':', [kind, .. subject]);
    }
}

/// <summary>How the after-sale team's logistics tasks are opened (their 48-hour target is the domain's).</summary>
public static class LogisticsTasks
{
    /// <summary>The after-sale team's target for solving a logistics problem.</summary>
    public static readonly TimeSpan ResolutionTarget = TimeSpan.FromHours(48);

    /// <summary>A task for a shipment exception, due 48 h after it happened, with the shipment's facts as evidence.</summary>
    public static AgentTask ForException(string shopId, Order order, ShipmentException exception, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(exception);
        var shipment = order.Shipments.FirstOrDefault(s => s.Id == exception.ShipmentId);
        var evidence = new List<TaskEvidence>
        {
            new("shipment", exception.ShipmentId),
            new("status", ShipmentExceptionStatuses.Name(exception.Status)),
        };
        if (shipment is not null)
        {
            evidence.Add(new("carrier", shipment.Carrier));
            evidence.Add(new("tracking number", shipment.TrackingNumber));
        }

        if (exception.Detail is { } detail)
        {
            evidence.Add(new("detail", detail));
        }

        var at = exception.At ?? now;
        evidence.Add(new("reported at", at.ToString("O", CultureInfo.InvariantCulture)));
        return new AgentTask(
            TaskIds.For(TaskKinds.ShipmentException, order.OrderId, exception.ShipmentId, ShipmentExceptionStatuses.Name(exception.Status)),
            shopId,
            TaskKinds.ShipmentException,
            order.OrderId,
            CaseId: null,
            ReviewId: null,
            Priority: exception.Status is ShipmentExceptionStatus.Lost or ShipmentExceptionStatus.Damaged ? 1 : 2,
            DueAt: at + ResolutionTarget,
            AgentTaskState.Open,
            evidence,
            now);
    }

    /// <summary>A task for an order shipped long ago that never arrived (as far as its platform said).</summary>
    public static AgentTask ForUnconfirmedDelivery(string shopId, Order order, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(order);
        var evidence = new List<TaskEvidence>();
        if (order.ShippedAt is { } shippedAt)
        {
            evidence.Add(new("shipped at", shippedAt.ToString("O", CultureInfo.InvariantCulture)));
        }

        foreach (var shipment in order.Shipments)
        {
            evidence.Add(new("shipment", $"{shipment.Carrier} {shipment.TrackingNumber}"));
        }

        evidence.Add(new("status", order.Status.ToString().ToLowerInvariant()));
        return new AgentTask(
            TaskIds.For(TaskKinds.DeliveryUnconfirmed, order.OrderId),
            shopId,
            TaskKinds.DeliveryUnconfirmed,
            order.OrderId,
            CaseId: null,
            ReviewId: null,
            Priority: 2,
            DueAt: now + ResolutionTarget,
            AgentTaskState.Open,
            evidence,
            now);
    }
}

/// <summary>Tasks from what customers write back.</summary>
public static class CustomerMessageTasks
{
    /// <summary>An unhappy customer waits for a person: due within a day, sooner than most after-sale work.</summary>
    public static readonly TimeSpan AnswerWithin = TimeSpan.FromHours(24);

    public static AgentTask ForUnhappy(string shopId, CustomerMessageEvent message, FollowUps.CustomerReply reply, bool repliesToFollowUp, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(reply);
        var evidence = new List<TaskEvidence>
        {
            new("message", message.Text),
            new("in reply to", repliesToFollowUp ? "the follow-up" : "nothing sent by the shop"),
        };
        if (reply.Cause is { } cause)
        {
            evidence.Add(new("likely cause", Reviews.ReviewSignals.ForCause(cause)[Reviews.ReviewSignals.CausePrefix.Length..]));
        }

        evidence.AddRange(reply.Evidence.Select(e => new TaskEvidence(e.Signal, e.Text)));
        return new AgentTask(
            TaskIds.For(TaskKinds.UnhappyFollowUp, message.OrderId, message.MessageId),
            shopId,
            TaskKinds.UnhappyFollowUp,
            message.OrderId,
            CaseId: null,
            ReviewId: null,
            Priority: 2,
            DueAt: (message.ReceivedAt ?? now) + AnswerWithin,
            AgentTaskState.Open,
            evidence,
            now);
    }
}
