using System.Globalization;
using Automation.Core.Tasks;

namespace Automation.Core.Cases;

/// <summary>
/// Turns the follow-ups a case calls for (<see cref="CaseActions"/>) into agent tasks, opened by the case event that
/// made them needed. Ids are the action's kind and the case (<c>request_photos:{caseId}</c>), so a repeated or later
/// event never opens the same follow-up twice; the return-deadline task also names the deadline, which is set once.
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
        var (id, priority, dueAt) = action.Kind switch
        {
            // The buyer has nothing: reshipping is the first thing done, within the logistics target.
            CaseActionKinds.ReshipThenClaim => (TaskIds.For(action.Kind, c.CaseId), 1, due.Resolution?.DueAt ?? now + DefaultDue),

            // Without photos nothing else can be decided: due with the case's next target.
            CaseActionKinds.RequestPhotos => (TaskIds.For(action.Kind, c.CaseId), 2, due.NextDueAt is { } next && next > now ? next : now + DefaultDue),
            _ => (TaskIds.For(action.Kind, c.CaseId, Stamp(action.At)), 2, Earliest(now + DefaultDue, action.At)),
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

    private static string Stamp(DateTimeOffset? at) => at?.UtcDateTime.ToString("yyyyMMddTHHmmssZ", CultureInfo.InvariantCulture) ?? "none";

    private static DateTimeOffset Earliest(DateTimeOffset a, DateTimeOffset? b) => b is { } other && other < a ? other : a;
}
