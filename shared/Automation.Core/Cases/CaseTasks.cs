using System.Globalization;
using Automation.Core.Tasks;

namespace Automation.Core.Cases;

/// <summary>
/// Turns the follow-ups a case calls for (<see cref="CaseActions"/>) into agent tasks, opened by the case event that
/// made them needed. Ids are the action's kind and the case (<c>request_photos:{caseId}</c>), so a repeated or later
/// event never opens the same follow-up twice; the return-deadline task also names the deadline, which is set once.
/// The ids follow from the case alone, so the event that makes a follow-up unneeded closes it without reading it
/// (<see cref="ClosuresFor"/>).
/// </summary>
public static class CaseTasks
{
    /// <summary>How long an agent has for a follow-up that no service target dates (asking for photos, extending the deadline).</summary>
    public static readonly TimeSpan DefaultDue = TimeSpan.FromHours(24);

    public static IReadOnlyList<AgentTask> For(Case c, CaseDue due, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(due);
        return [.. CaseActions.For(c).Select(action => ToTask(c, due, action, now))];
    }

    private static AgentTask ToTask(Case c, CaseDue due, CaseAction action, DateTimeOffset now)
    {
        var id = TaskIdOf(c, action);
        var (priority, dueAt) = action.Kind switch
        {
            // The buyer has nothing: reshipping is the first thing done, within the logistics target.
            CaseActionKinds.ReshipThenClaim => (1, due.Resolution?.DueAt ?? now + DefaultDue),

            // Without photos nothing else can be decided: due with the case's next target.
            CaseActionKinds.RequestPhotos => (2, due.NextDueAt is { } next && next > now ? next : now + DefaultDue),
            _ => (2, Earliest(now + DefaultDue, action.At)),
        };
        var evidence = new List<TaskEvidence>
        {
            new("what to do", action.Why),
            new("case", c.CaseId),
            new("kind", CaseNames.Name(c.Kind)),
            new("status", CaseNames.Name(c.Status)),
        };
        if (c.Reason is { } reason)
        {
            evidence.Add(new("reason", CaseNames.Name(reason)));
        }

        if (c.Amount is { } amount)
        {
            evidence.Add(new("amount", string.Create(CultureInfo.InvariantCulture, $"{amount} {c.Currency}").TrimEnd()));
        }

        evidence.Add(new("opened at", c.OpenedAt.ToString("O", CultureInfo.InvariantCulture)));
        return new AgentTask(id, c.ShopId, action.Kind, c.OrderId, c.CaseId, ReviewId: null, priority, dueAt, AgentTaskState.Open, evidence, now);
    }

    /// <summary>
    /// The tasks to close when a case moves from <paramref name="previous"/> to <paramref name="current"/>: each
    /// follow-up the previous state called for and the current one does not (the transaction that wrote the previous
    /// state opened it, so it exists), and the morning sweep's task for the case (<paramref name="sweepTaskId"/>, when
    /// one was opened) once the case is closed, or resolved without a platform dispute, since nobody needs to work it
    /// any more. Only the event that ends the need closes a task: a later event finds nothing to close.
    /// </summary>
    public static IReadOnlyList<TaskClosure> ClosuresFor(Case? previous, Case current, string? sweepTaskId)
    {
        ArgumentNullException.ThrowIfNull(current);
        if (previous is null)
        {
            return [];
        }

        var stillNeeded = CaseActions.For(current).Select(a => TaskIdOf(current, a)).ToHashSet(StringComparer.Ordinal);
        var closures = CaseActions.For(previous)
            .Where(action => !stillNeeded.Contains(TaskIdOf(previous, action)))
            .Select(action => new TaskClosure(TaskIdOf(previous, action), WhyUnneeded(action, current)))
            .ToList();
        if (sweepTaskId is not null && !NobodyNeeded(previous) && NobodyNeeded(current))
        {
            closures.Add(new TaskClosure(sweepTaskId, WhyUnneeded(null, current)));
        }

        return closures;
    }

    /// <summary>A closed case, or one resolved without a platform dispute, needs no agent (the sweep's view too).</summary>
    public static bool NobodyNeeded(Case c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return c.IsClosed || (c.ResolvedAt is not null && !c.Escalated);
    }

    private static string WhyUnneeded(CaseAction? action, Case current) => current switch
    {
        { IsClosed: true } => "case closed",
        _ when CaseLifecycle.IsResolution(current.Status) => $"case {CaseNames.Name(current.Status)}",
        _ when action?.Kind == CaseActionKinds.RequestPhotos && current.HasPhotos => "the buyer sent photos",
        _ => $"no longer needed: case is {CaseNames.Name(current.Status)}",
    };

    private static string TaskIdOf(Case c, CaseAction action) => action.Kind switch
    {
        CaseActionKinds.ReshipThenClaim or CaseActionKinds.RequestPhotos => TaskIds.For(action.Kind, c.CaseId),
        _ => TaskIds.For(action.Kind, c.CaseId, Stamp(action.At)),
    };

    private static string Stamp(DateTimeOffset? at) => at?.UtcDateTime.ToString("yyyyMMddTHHmmssZ", CultureInfo.InvariantCulture) ?? "none";

    private static DateTimeOffset Earliest(DateTimeOffset a, DateTimeOffset? b) => b is { } other && other < a ? other : a;
}
