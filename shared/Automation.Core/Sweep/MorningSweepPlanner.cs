using System.Globalization;
using Automation.Core.Agents;
using Automation.Core.Cases;
using Automation.Core.Shops;
using Automation.Core.Tasks;

namespace Automation.Core.Sweep;

/// <summary>
/// What the sweep changes on a task that exists already: its assignee, priority and why it ranks where it does; for a
/// case's task (rebuilt from the case every morning) also its due time and evidence, so it shows where the case stands.
/// </summary>
public sealed record SweptTask(string TaskId, string? AssignedTo, int Priority, int Score, string WhyNow)
{
    /// <summary>The case task's due time now (null: unchanged).</summary>
    public DateTimeOffset? DueAt { get; init; }

    /// <summary>The case task's evidence now (null: unchanged).</summary>
    public IReadOnlyList<TaskEvidence>? Evidence { get; init; }
}

/// <summary>One agent's message: the agent and their tasks in the order to work them (supervisors also hear of what nobody could take).</summary>
public sealed record PlannedDigest(Agent Agent, IReadOnlyList<DigestEntry> Entries);

/// <summary>
/// A morning's plan for one shop, before anything is written: every item ranked, who takes what, the tasks to open
/// (cases needing someone that have no task yet), the changes to tasks that exist, the case tasks no longer needed
/// (<see cref="Closed"/>: the case is on track, resolved or closed) and each agent's message.
/// </summary>
public sealed record SweepPlan(
    DateOnly SweepDay,
    IReadOnlyList<RankedItem> Ranked,
    SweepAssignment Assignment,
    IReadOnlyList<AgentTask> NewTasks,
    IReadOnlyList<SweptTask> Updates,
    IReadOnlyList<PlannedDigest> Digests)
{
    public IReadOnlyList<TaskClosure> Closed { get; init; } = [];
}

/// <summary>
/// Plans a shop's morning sweep (pure: the caller reads and writes). It gathers every open task (review drafts, unhappy
/// customers, logistics problems, failed deliveries, handover notes, case actions) and every open case that needs
/// someone this morning, ranks them (<see cref="BacklogRanking"/>), assigns them (<see cref="TaskAssignment"/>), and
/// lays out each agent's list. Planning twice over the same facts gives the same plan, and planning over a plan's own
/// result changes no assignment: that, with deterministic task ids, is what makes a re-run harmless.
/// </summary>
public static class MorningSweepPlanner
{
    /// <summary>
    /// Which backlog source an open task belongs to. Case tasks (<see cref="SweepTaskKinds.AfterSaleCase"/>) are rebuilt
    /// from the cases themselves, so they have none. A kind the sweep does not know yet still gets done: it is ranked as
    /// a handover note (last), never dropped.
    /// </summary>
    public static BacklogSource? SourceOf(string taskKind) => taskKind switch
    {
        SweepTaskKinds.AfterSaleCase => null,
        TaskKinds.ReviewReplyApproval or TaskKinds.ReviewLegalAction => BacklogSource.ReviewDraftAwaitingApproval,
        TaskKinds.UnhappyFollowUp or TaskKinds.ReviewFollowUp => BacklogSource.UnhappyFollowUp,
        TaskKinds.DeliveryUnconfirmed => BacklogSource.UnconfirmedDelivery,
        TaskKinds.ShipmentException => BacklogSource.ShipmentException,
        SweepTaskKinds.MessageDeliveryFailed => BacklogSource.FailedMessageDelivery,
        CaseActionKinds.RequestPhotos or CaseActionKinds.ReshipThenClaim or CaseActionKinds.ExtendReturnDeadline => BacklogSource.DueSoonCase,
        _ => BacklogSource.HandoverNote,
    };

    /// <param name="openTasks">The shop's open tasks (state open; escalated ones are the supervisors' already).</param>
    /// <param name="openCases">The shop's open cases with their due times as of <paramref name="now"/>.</param>
    /// <param name="clearBy">The sweep's deadline (noon local by default): the due time of work that has none of its own.</param>
    public static SweepPlan Plan(
        ShopSettings shop,
        DateOnly sweepDay,
        IReadOnlyList<AgentTask> openTasks,
        IReadOnlyList<(Case Case, CaseDue Due)> openCases,
        DateTimeOffset clearBy,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(shop);
        ArgumentNullException.ThrowIfNull(openTasks);
        ArgumentNullException.ThrowIfNull(openCases);
        var existing = openTasks.ToDictionary(t => t.TaskId, StringComparer.Ordinal);
        var items = new List<BacklogItem>();
        foreach (var task in openTasks)
        {
            if (SourceOf(task.Kind) is { } source)
            {
                items.Add(BacklogItems.FromTask(task, source) with { Role = RoleFor(task, source) });
            }
        }

        // One task per case: an open case task whose id no item claims this morning is closed below. A task from before
        // case tasks had one id per case (after_sale_case:{case}:{status}) hands its assignee on to the case's task.
        var caseTasks = openTasks.Where(t => t.Kind == SweepTaskKinds.AfterSaleCase).ToList();
        var caseItems = new Dictionary<string, BacklogItem>(StringComparer.Ordinal);
        foreach (var (@case, due) in openCases)
        {
            if (BacklogItems.ForCase(@case, due) is { } item)
            {
                var assignedTo = existing.TryGetValue(item.TaskId, out var task)
                    ? task.AssignedTo
                    : caseTasks.FirstOrDefault(t => t.CaseId == @case.CaseId && t.AssignedTo is not null)?.AssignedTo;
                items.Add(item with { AssignedTo = assignedTo });
                caseItems[@case.CaseId] = item;
            }
        }

        var stillOpenCases = openCases.ToDictionary(c => c.Case.CaseId, c => c.Case, StringComparer.Ordinal);
        var closed = caseTasks
            .Where(t => t.CaseId is null || !caseItems.TryGetValue(t.CaseId, out var item) || item.TaskId != t.TaskId)
            .Select(t => new TaskClosure(t.TaskId, WhyNoLongerNeeded(t, caseItems, stillOpenCases)))
            .ToList();

        var ranked = BacklogRanking.Rank(items, now);
        var agents = shop.Agents.Select(a => new SweepAgent(a.Id, a.Roles.Select(RoleOf).ToHashSet(), a.Active, a.MaxOpenTasks, OpenTasks: 0)).ToList();
        var assignment = TaskAssignment.Assign(ranked, agents);

        var newTasks = new List<AgentTask>();
        var updates = new List<SweptTask>();
        var byTask = new Dictionary<string, AgentTask>(StringComparer.Ordinal);
        foreach (var (item, agentId) in assignment.Assigned.Select(a => (a.Ranked, (string?)a.AgentId))
                     .Concat(assignment.Unassigned.Select(u => (u.Ranked, (string?)null))))
        {
            var whyNow = string.Create(CultureInfo.InvariantCulture, $"score {item.Score}: {item.Reason}");
            if (existing.TryGetValue(item.TaskId, out var task) && task.Kind == SweepTaskKinds.AfterSaleCase)
            {
                // The sweep opened it and rebuilds it from the case: it follows the case, less urgent too once on track.
                var rebuilt = BacklogRanking.ToTask(item, shop.ShopId, clearBy, now);
                updates.Add(new SweptTask(task.TaskId, agentId, rebuilt.Priority, item.Score, whyNow) { DueAt = rebuilt.DueAt, Evidence = rebuilt.Evidence });
                byTask[task.TaskId] = task with { AssignedTo = agentId, Priority = rebuilt.Priority, Score = item.Score, WhyNow = whyNow, DueAt = rebuilt.DueAt, Evidence = rebuilt.Evidence };
            }
            else if (task is not null)
            {
                // The sweep never makes a task less urgent than its opener did (a legal threat opens at priority 1).
                var priority = Math.Min(task.Priority, item.Priority);
                updates.Add(new SweptTask(task.TaskId, agentId, priority, item.Score, whyNow));
                byTask[task.TaskId] = task with { AssignedTo = agentId, Priority = priority, Score = item.Score, WhyNow = whyNow };
            }
            else
            {
                var created = BacklogRanking.ToTask(item, shop.ShopId, clearBy, now) with { AssignedTo = agentId };
                newTasks.Add(created);
                byTask[created.TaskId] = created;
            }
        }

        var digests = new List<PlannedDigest>();
        foreach (var agent in shop.Agents.Where(a => a.Active))
        {
            var entries = assignment.Assigned
                .Where(a => a.AgentId == agent.Id)
                .Select(a => new DigestEntry(byTask[a.Ranked.TaskId], a.Ranked.Score, a.Ranked.Reason))
                .ToList();
            if (assignment.ReportTo.Contains(agent.Id, StringComparer.Ordinal))
            {
                entries.AddRange(assignment.Unassigned.Select(u => new DigestEntry(byTask[u.Ranked.TaskId], u.Ranked.Score, $"not assigned: {u.Reason}; {u.Ranked.Reason}")));
            }

            if (entries.Count > 0)
            {
                digests.Add(new PlannedDigest(agent, entries));
            }
        }

        return new SweepPlan(sweepDay, ranked, assignment, newTasks, updates, digests) { Closed = closed };
    }

    private static string WhyNoLongerNeeded(AgentTask task, Dictionary<string, BacklogItem> caseItems, Dictionary<string, Case> openCases)
    {
        if (task.CaseId is { } caseId && caseItems.TryGetValue(caseId, out var item))
        {
            return $"replaced by {item.TaskId}";
        }

        return task.CaseId is { } id && openCases.TryGetValue(id, out var c)
            ? CaseLifecycle.IsResolution(c.Status) ? $"case {CaseNames.Name(c.Status)}" : $"no longer needed: case is {CaseNames.Name(c.Status)} and on track"
            : "case closed";
    }

    /// <summary>
    /// Who does a task: a legal threat is a supervisor's (whatever the default for review drafts), a handover note says
    /// whom it is for (its "role" evidence), the rest follow their source's default.
    /// </summary>
    private static SweepRole RoleFor(AgentTask task, BacklogSource source)
    {
        if (task.Kind == TaskKinds.ReviewLegalAction)
        {
            return SweepRole.Supervisor;
        }

        if (task.Kind == SweepTaskKinds.HandoverNote && task.Evidence.FirstOrDefault(e => e.Label == "role") is { } named
            && Enum.GetValues<SweepRole>().FirstOrDefault(r => TaskAssignment.Name(r) == named.Value, (SweepRole)(-1)) is var role && role >= 0)
        {
            return role;
        }

        return BacklogItems.DefaultRole(source);
    }

    public static SweepRole RoleOf(AgentRole role) => role switch
    {
        AgentRole.PreSale => SweepRole.PreSale,
        AgentRole.AfterSale => SweepRole.AfterSale,
        AgentRole.Complaints => SweepRole.Complaints,
        _ => SweepRole.Supervisor,
    };
}
