using Automation.Core.Cases;
using Automation.Core.Shops;
using Automation.Core.Tasks;
using Automation.Functions.Features.Orders;
using Automation.Storage.Stores;

namespace Automation.Functions.Features.Cases;

/// <summary>What applying a case event came to: an outcome, or the errors of a transition that makes no sense (a 400).</summary>
internal sealed record CaseIngestionResult(IngestionOutcome Outcome, IReadOnlyDictionary<string, string[]>? Errors)
{
    public bool IsValid => Errors is null;
}

/// <summary>
/// Applies a verified <c>case.opened</c>, <c>case.updated</c> or <c>case.closed</c>: the case moves along its kind's
/// state machine (<see cref="CaseLifecycle"/>; a late event only fills gaps), the follow-ups it now calls for become
/// tasks (<see cref="CaseTasks"/>), the case's tasks it makes unneeded are closed (<see cref="CaseTasks.ClosuresFor"/>:
/// "case closed"), and the case, its open-case index row, the order's timeline, the order's open cases (which hold its
/// follow-up) and those tasks change in one atomic write.
/// Storage cost: 2 point reads (the case, the order) and 1 entity group transaction, closing tasks included (their ids
/// follow from the case row, so none is read); +1 point read when the event is
/// refused (to tell a repeated event, answered "duplicate", from a bad one); a concurrent change of the case or the
/// order costs the reads and the transaction again (at most <see cref="MaxAttempts"/> times, then a 503).
/// </summary>
internal sealed partial class CaseIngestion(
    CaseStore cases,
    OrderStore orders,
    TimeProvider time,
    ILogger<CaseIngestion> logger)
{
    private const int MaxAttempts = 5;

    public async Task<CaseIngestionResult> ApplyAsync(ShopSettings shop, CaseEvent caseEvent, CancellationToken cancellationToken)
    {
        var facts = caseEvent.Facts;
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var current = await cases.GetAsync(shop.ShopId, facts.CaseId, cancellationToken);
            if (current is not null && !string.Equals(current.Case.OrderId, facts.OrderId, StringComparison.Ordinal))
            {
                return await RefusedAsync(shop, caseEvent, new Dictionary<string, string[]>
                {
                    ["case.orderId"] = [$"Case {facts.CaseId} belongs to order {current.Case.OrderId}; an event cannot move it to another order."],
                }, cancellationToken);
            }

            var now = time.GetUtcNow();
            var change = CaseLifecycle.Apply(shop.ShopId, current?.Case, caseEvent, shop.ServiceTargets, now);
            if (!change.IsValid)
            {
                return await RefusedAsync(shop, caseEvent, change.Errors, cancellationToken);
            }

            var order = await orders.GetOrderAsync(shop.ShopId, facts.OrderId, cancellationToken);
            var c = change.Value.Case;
            var tasks = NewTasks(shop, current?.Case, c, now);
            var closed = CaseTasks.ClosuresFor(current?.Case, c, current?.SweepTaskId);
            var write = new CaseWrite(caseEvent.Id, caseEvent.Type, current, c, order, now, Describe(change.Value, tasks.Count, closed.Count), tasks) { ClosedTasks = closed };
            switch (await cases.ApplyAsync(write, cancellationToken))
            {
                case EventWriteOutcome.Applied:
                    LogApplied(logger, shop.ShopId, caseEvent.Id, caseEvent.Type, c.Status, change.Value.Late, tasks.Count);
                    return new(IngestionOutcome.Accepted, null);
                case EventWriteOutcome.Duplicate:
                    return new(IngestionOutcome.Duplicate, null);
                default:
                    LogConflict(logger, shop.ShopId, caseEvent.Id, attempt);
                    break;
            }
        }

        throw new OrderConcurrencyException($"The case or its order was changed concurrently {MaxAttempts} times while applying the event.");
    }

    /// <summary>
    /// The tasks the case calls for that its previous state did not: those were opened by the transaction that wrote
    /// that state (task ids are deterministic), so sending them again would only cost a failed insert and a resubmit.
    /// </summary>
    private static IReadOnlyList<AgentTask> NewTasks(ShopSettings shop, Case? previous, Case c, DateTimeOffset now)
    {
        var (targets, zone) = (shop.ServiceTargets, shop.TimeZone);
        var tasks = CaseTasks.For(c, CaseDeadlines.For(c, targets, zone, now), now);
        if (previous is null || tasks.Count == 0)
        {
            return tasks;
        }

        var opened = CaseTasks.For(previous, CaseDeadlines.For(previous, targets, zone, now), now).Select(t => t.TaskId).ToHashSet(StringComparer.Ordinal);
        return [.. tasks.Where(t => !opened.Contains(t.TaskId))];
    }

    /// <summary>A refused event that was applied before is a repeat (the case has moved on since): "duplicate", not 400.</summary>
    private async Task<CaseIngestionResult> RefusedAsync(
        ShopSettings shop, CaseEvent caseEvent, IReadOnlyDictionary<string, string[]> errors, CancellationToken cancellationToken)
    {
        if (await cases.EventSeenAsync(shop.ShopId, caseEvent.Id, cancellationToken))
        {
            return new(IngestionOutcome.Duplicate, null);
        }

        LogRefused(logger, shop.ShopId, caseEvent.Id, errors.Keys);
        return new(IngestionOutcome.Accepted, errors);
    }

    /// <summary>The order timeline's line: what the event did to the case, with no words of the buyer's.</summary>
    private static string Describe(CaseChange change, int tasks, int closedTasks)
    {
        var c = change.Case;
        var what = change switch
        {
            { PreviousStatus: null } => $"case {c.CaseId} ({CaseNames.Name(c.Kind)}) recorded as {CaseNames.Name(c.Status)}",
            { Late: true } => $"case {c.CaseId}: late event, status stays {CaseNames.Name(c.Status)}; details merged",
            { StatusChanged: true, PreviousStatus: { } before } => $"case {c.CaseId}: {CaseNames.Name(before)} -> {CaseNames.Name(c.Status)}",
            _ => $"case {c.CaseId}: status stays {CaseNames.Name(c.Status)}; details merged",
        };
        var opened = tasks > 0 ? $"{what}; {tasks} task(s) opened" : what;
        return closedTasks > 0 ? $"{opened}; {closedTasks} task(s) closed" : opened;
    }

    [LoggerMessage(EventId = 2040, Level = LogLevel.Information,
        Message = "Shop {ShopId}: case event {EventId} ({EventType}) applied; status {Status}, late {Late}, tasks {Tasks}")]
    private static partial void LogApplied(ILogger logger, string shopId, string eventId, string eventType, CaseStatus status, bool late, int tasks);

    [LoggerMessage(EventId = 2041, Level = LogLevel.Debug, Message = "Shop {ShopId}: case event {EventId} met a concurrent change (attempt {Attempt}); retrying")]
    private static partial void LogConflict(ILogger logger, string shopId, string eventId, int attempt);

    [LoggerMessage(EventId = 2042, Level = LogLevel.Information, Message = "Shop {ShopId}: case event {EventId} refused at {Fields}")]
    private static partial void LogRefused(ILogger logger, string shopId, string eventId, IEnumerable<string> fields);
}
