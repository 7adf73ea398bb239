using Automation.Core.Agents;
using Automation.Core.Cases;
using Automation.Core.Shops;
using Automation.Core.Sweep;
using Automation.Core.Tasks;
using Automation.Functions.Features.Messaging;
using Automation.Storage.Stores;
using Microsoft.Extensions.Options;

namespace Automation.Functions.Features.Sweep;

/// <summary>What one run of a shop's sweep did.</summary>
/// <param name="MessagesPending">Messages another claim still holds (a run still sending, or one that died mid-send): a run after its lease sends them.</param>
internal sealed record SweepRunResult(DateOnly SweepDay, bool AlreadyDone, int Ranked, int Assigned, int Unassigned, int TasksOpened, int MessagesSent, int MessagesFailed, int MessagesPending);

/// <summary>What one run of a shop's noon escalation did: the tasks it escalated, and the supervisors' messages as in <see cref="SweepRunResult"/>.</summary>
internal sealed record EscalationRunResult(DateOnly SweepDay, int Escalated, int MessagesSent, int MessagesFailed, int MessagesPending);

/// <summary>
/// Runs one shop's morning sweep and its noon escalation. The sweep reads the shop's open tasks and open cases (1 query
/// per 1,000 of each), plans (<see cref="MorningSweepPlanner"/>), writes the plan in transactions of 100 tasks, then sends each
/// agent one message, each claimed first so that a second run or instance never sends it again; the day is marked done
/// only when every message went out, so a failed one is tried again on the next timer run, and one still held by
/// another claim (a crashed run's) by the first run after that claim's lease (the tasks, being deterministic, are
/// unchanged by it).
/// </summary>
internal sealed partial class MorningSweepRunner(
    TaskStore tasks,
    CaseStore cases,
    SweepStore sweeps,
    AgentChannelClient channel,
    IOptions<MorningSweepOptions> options,
    TimeProvider time,
    ILogger<MorningSweepRunner> logger)
{
    /// <summary>Runs the day's sweep unless it is done: 1 point read of the day's record first.</summary>
    public async Task<SweepRunResult> SweepAsync(ShopSettings shop, DateOnly day, CancellationToken cancellationToken) =>
        await SweepAsync(shop, day, await sweeps.GetDayAsync(shop.ShopId, day, cancellationToken), cancellationToken);

    /// <summary>Runs the day's sweep unless <paramref name="dayRecord"/>, the day's record as the caller just read it, says it is done.</summary>
    public async Task<SweepRunResult> SweepAsync(ShopSettings shop, DateOnly day, SweepDayRecord? dayRecord, CancellationToken cancellationToken)
    {
        if (dayRecord is { Done: true } done)
        {
            return new SweepRunResult(day, true, 0, done.Assigned, done.Unassigned, 0, 0, 0, 0);
        }

        var now = time.GetUtcNow();
        var clearBy = MorningSweepSchedule.DeadlineOf(day, shop.MorningSweep, shop.TimeZone);
        var open = await tasks.ListAsync(shop.ShopId, AgentTaskState.Open, null, cancellationToken);
        var cases = await OpenCasesAsync(shop, now, cancellationToken);
        var plan = MorningSweepPlanner.Plan(shop, day, open, cases, clearBy, now);
        var existed = await tasks.ApplySweepAsync(
            shop.ShopId,
            plan.NewTasks,
            [.. plan.Updates.Select(u => new SweptTaskWrite(u.TaskId, u.AssignedTo, u.Priority, u.Score, u.WhyNow) { DueAt = u.DueAt, Evidence = u.Evidence })],
            plan.Closed,
            now,
            cancellationToken);

        // A case's one task that was closed or escalated for an earlier status is new work again now: 1 read (+1 write)
        // each, only for those; the same status leaves the person's close standing.
        var existing = existed.ToHashSet(StringComparer.Ordinal);
        foreach (var task in plan.NewTasks.Where(t => t.Kind == SweepTaskKinds.AfterSaleCase && existing.Contains(t.TaskId)))
        {
            await tasks.TryReopenAsync(task, cancellationToken);
        }

        var (sent, failed, pending) = await SendAsync(shop, day, DigestPurpose.MorningList, plan.Digests, clearBy, now, cancellationToken);
        if (failed == 0 && pending == 0)
        {
            await sweeps.MarkDoneAsync(shop.ShopId, day, plan.Assignment.Assigned.Count, plan.Assignment.Unassigned.Count, time.GetUtcNow(), cancellationToken);
        }

        LogSwept(logger, shop.ShopId, plan.Ranked.Count, plan.Assignment.Assigned.Count, plan.Assignment.Unassigned.Count, sent, failed, pending);
        return new SweepRunResult(day, false, plan.Ranked.Count, plan.Assignment.Assigned.Count, plan.Assignment.Unassigned.Count, plan.NewTasks.Count, sent, failed, pending);
    }

    /// <summary>
    /// At the deadline, every task the sweep ranked that is still open goes to a supervisor, once (an escalated task is
    /// not open any more), and each supervisor gets one message listing every task escalated to them for the day, this
    /// run's and an earlier run's alike: a run whose message failed, or whose worker died mid-send, left its tasks
    /// escalated and nothing else, so a later run finds the list only in storage. Storage: 1 range query for the open
    /// tasks, the merges (<see cref="TaskStore.EscalateAsync"/>), 1 range query for the day's escalated tasks (both per
    /// 1,000 of the shop's tasks; the open-task read cannot see the escalated ones, and one query for all supervisors
    /// is cheaper than one each), 2 per supervisor messaged (claim, settle) and 1 to mark the day escalated. The
    /// claim keeps a list already sent from going again.
    /// </summary>
    public async Task<EscalationRunResult> EscalateAsync(ShopSettings shop, DateOnly day, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var deadline = MorningSweepSchedule.DeadlineOf(day, shop.MorningSweep, shop.TimeZone);
        // With their ETags: a task marked done after this read must not be escalated over it.
        var stored = await tasks.ListForUpdateAsync(shop.ShopId, AgentTaskState.Open, cancellationToken);
        var byId = stored.ToDictionary(t => t.Task.TaskId, StringComparer.Ordinal);
        var open = stored.Select(t => t.Task).ToList();
        var load = open.Where(t => t.AssignedTo is not null).CountBy(t => t.AssignedTo!).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        var agents = shop.Agents.Select(a => new SweepAgent(
            a.Id, a.Roles.Select(MorningSweepPlanner.RoleOf).ToHashSet(), a.Active, a.MaxOpenTasks, load.GetValueOrDefault(a.Id))).ToList();
        var result = NoonEscalation.Escalate(open.Where(t => t.Score is not null), agents, deadline, shop.TimeZone);
        var escalated = await tasks.EscalateAsync(shop.ShopId, day, [.. result.Escalations.Select(e => (byId[e.Task.TaskId], e.SupervisorId, e.Reason))], cancellationToken);

        // Read after the merges, in task order (a run's own tasks keep the order they were escalated in): only what is
        // escalated goes into the messages, so a task done in the same moment, or since an earlier run, is not listed.
        var digests = new List<PlannedDigest>();
        foreach (var list in (await tasks.ListEscalatedAsync(shop.ShopId, day, cancellationToken)).GroupBy(t => t.EscalatedTo ?? "", StringComparer.Ordinal))
        {
            if (shop.Agents.FirstOrDefault(a => a.Id == list.Key) is not { } supervisor)
            {
                LogSupervisorGone(logger, shop.ShopId, list.Key, list.Count());
                continue;
            }

            digests.Add(new PlannedDigest(supervisor, [.. list.Select(t => new DigestEntry(t, t.Score ?? 0, t.EscalationReason ?? ""))]));
        }

        var (sent, failed, pending) = await SendAsync(shop, day, DigestPurpose.NoonEscalation, digests, deadline, now, cancellationToken);
        if (failed == 0 && pending == 0)
        {
            await sweeps.MarkEscalatedAsync(shop.ShopId, day, time.GetUtcNow(), cancellationToken);
        }

        LogEscalated(logger, shop.ShopId, escalated.Count, result.NotEscalated.Count, sent, failed, pending);
        return new EscalationRunResult(day, escalated.Count, sent, failed, pending);
    }

    /// <summary>The shop's open cases with their due times now: one range query over the open-case index (per 1,000 cases).</summary>
    private async Task<IReadOnlyList<(Case Case, CaseDue Due)>> OpenCasesAsync(ShopSettings shop, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var open = await cases.ListOpenAsync(shop.ShopId, cancellationToken);
        return [.. open.Select(c => (c.Summary, CaseDeadlines.For(c.Summary, shop.ServiceTargets, shop.TimeZone, now)))];
    }

    /// <summary>
    /// Sends each digest that this run claims: failed ones are dropped for the next run, and ones another claim holds
    /// are counted as pending, so that the caller marks the day done only when neither is left.
    /// </summary>
    private async Task<(int Sent, int Failed, int Pending)> SendAsync(
        ShopSettings shop, DateOnly day, DigestPurpose purpose, IReadOnlyList<PlannedDigest> digests, DateTimeOffset clearBy, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (sent, failed, pending) = (0, 0, 0);
        foreach (var planned in digests)
        {
            // The claim rows' keys as stored since before purposes had names: the agent's id, "noon:" before it at noon.
            var claimKey = (purpose == DigestPurpose.NoonEscalation ? "noon:" : "") + planned.Agent.Id;
            var claim = await sweeps.TryClaimDigestAsync(shop.ShopId, day, claimKey, now + options.Value.DigestLease, now, cancellationToken);
            if (claim == DigestClaim.HeldElsewhere)
            {
                pending++;
                LogHeldElsewhere(logger, shop.ShopId, planned.Agent.Id);
            }

            if (claim != DigestClaim.Claimed)
            {
                continue;
            }

            var digest = AgentDigest.Create(shop, planned.Agent, planned.Entries, options.Value.PublicBaseUrl, day, purpose, clearBy, now);
            var message = AgentChannelMessages.Create(planned.Agent.Channel, digest, time.GetUtcNow());
            var result = await channel.SendAsync(planned.Agent.Channel.Type, message, cancellationToken);
            var delivered = result.Outcome == DeliveryOutcome.Delivered;
            await sweeps.SettleDigestAsync(shop.ShopId, day, claimKey, delivered, planned.Entries.Count, time.GetUtcNow(), cancellationToken);
            if (delivered)
            {
                sent++;
            }
            else
            {
                failed++;
                LogSendFailed(logger, shop.ShopId, planned.Agent.Id, planned.Agent.Channel.Type, result.Error);
            }
        }

        return (sent, failed, pending);
    }

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information,
        Message = "Shop {ShopId}: morning sweep ranked {Ranked} item(s), assigned {Assigned}, left {Unassigned} for supervisors; {Sent} message(s) sent, {Failed} failed, {Pending} held by another run")]
    private static partial void LogSwept(ILogger logger, string shopId, int ranked, int assigned, int unassigned, int sent, int failed, int pending);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "Shop {ShopId}: the task list of agent {AgentId} ({Channel}) was not delivered ({Error}); the next run tries again")]
    private static partial void LogSendFailed(ILogger logger, string shopId, string agentId, AgentChannelType channel, string? error);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Information,
        Message = "Shop {ShopId}: the task list of agent {AgentId} is claimed by another run whose lease has not run out; the day stays open, and a run after the lease takes it over")]
    private static partial void LogHeldElsewhere(ILogger logger, string shopId, string agentId);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Information,
        Message = "Shop {ShopId}: noon escalation handed {Escalated} task(s) to supervisors; {Stuck} could not be escalated; {Sent} message(s) sent, {Failed} failed, {Pending} held by another run")]
    private static partial void LogEscalated(ILogger logger, string shopId, int escalated, int stuck, int sent, int failed, int pending);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Warning,
        Message = "Shop {ShopId}: {Tasks} task(s) were escalated to {SupervisorId}, who is no longer in the shop's agents; their list is not sent")]
    private static partial void LogSupervisorGone(ILogger logger, string shopId, string supervisorId, int tasks);
}
