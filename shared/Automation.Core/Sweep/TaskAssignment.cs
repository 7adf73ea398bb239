namespace Automation.Core.Sweep;

/// <summary>
/// An agent as the sweep sees them. <see cref="OpenTasks"/> counts the agent's open tasks <em>outside</em> this sweep's
/// items (the sweep counts its own, carried over or new, itself), so running the sweep again never counts a task twice.
/// </summary>
public sealed record SweepAgent(string Id, IReadOnlySet<SweepRole> Roles, bool Active, int MaxOpenTasks, int OpenTasks)
{
    public bool Has(SweepRole role) => Roles.Contains(role);
}

/// <summary>One item given to one agent; <see cref="Kept"/> when it stays with the agent it had from an earlier run.</summary>
public sealed record AssignedItem(RankedItem Ranked, string AgentId, bool Kept);

/// <summary>An item nobody could take, with the reason; reported to the supervisors, never dropped.</summary>
public sealed record UnassignedItem(RankedItem Ranked, string Reason);

/// <summary>
/// The outcome of assigning one sweep's items: every item is in exactly one of <see cref="Assigned"/> and
/// <see cref="Unassigned"/>, both in rank order; <see cref="ReportTo"/> are the active supervisors (by id) who hear
/// about the unassigned items.
/// </summary>
public sealed record SweepAssignment(IReadOnlyList<AssignedItem> Assigned, IReadOnlyList<UnassignedItem> Unassigned, IReadOnlyList<string> ReportTo)
{
    /// <summary>The items with <see cref="BacklogItem.AssignedTo"/> set as assigned: the input of a re-run.</summary>
    public IReadOnlyList<RankedItem> AsItems()
        => Assigned.Select(a => a.Ranked with { Item = a.Ranked.Item with { AssignedTo = a.AgentId } })
            .Concat(Unassigned.Select(u => u.Ranked))
            .Order(BacklogRanking.Order)
            .ToList();
}

/// <summary>
/// Gives each ranked item to an agent:
/// <list type="number">
/// <item>An item already assigned (<see cref="BacklogItem.AssignedTo"/>) stays with that agent while the agent is active and
/// may take the item's role, even above capacity: moving work an agent may have started helps nobody, and it makes a
/// re-run change nothing.</item>
/// <item>The rest, in rank order, go to the least-loaded eligible agent with room (load = <see cref="SweepAgent.OpenTasks"/>
/// + this sweep's items; ties by agent id, ordinal); never beyond <see cref="SweepAgent.MaxOpenTasks"/>.</item>
/// <item>Eligible: active, with the item's role. Complaints items fall back to supervisors when no complaints agent has
/// room (a complaint must not wait, and supervisors are where it would escalate anyway); other roles do not, so that
/// routine work does not swamp the supervisors: it is reported to them unassigned instead.</item>
/// </list>
/// </summary>
public static class TaskAssignment
{
    public static SweepAssignment Assign(IEnumerable<RankedItem> items, IEnumerable<SweepAgent> agents)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(agents);
        // One task id is one task, whatever the caller passed: the first in rank order stands for it.
        var ordered = items.Order(BacklogRanking.Order).DistinctBy(r => r.TaskId, StringComparer.Ordinal).ToList();
        var roster = agents
            .GroupBy(a => a.Id, StringComparer.Ordinal)
            .Select(g => g.First())
            .OrderBy(a => a.Id, StringComparer.Ordinal)
            .ToList();
        var byId = roster.ToDictionary(a => a.Id, StringComparer.Ordinal);
        var load = roster.ToDictionary(a => a.Id, a => Math.Max(0, a.OpenTasks), StringComparer.Ordinal);
        var agentOf = new Dictionary<string, (string AgentId, bool Kept)>(StringComparer.Ordinal);

        // Carried-over work first, so new items see the load it already puts on each agent.
        foreach (var ranked in ordered)
        {
            if (ranked.Item.AssignedTo is { } current
                && byId.TryGetValue(current, out var agent)
                && agent.Active
                && MayTake(agent, ranked.Item.Role))
            {
                agentOf[ranked.TaskId] = (current, true);
                load[current]++;
            }
        }

        var unassigned = new List<UnassignedItem>();
        foreach (var ranked in ordered.Where(r => !agentOf.ContainsKey(r.TaskId)))
        {
            var role = ranked.Item.Role;
            var chosen = LeastLoadedWithRoom(roster, load, role)
                ?? (role == SweepRole.Complaints ? LeastLoadedWithRoom(roster, load, SweepRole.Supervisor) : null);
            if (chosen is null)
            {
                unassigned.Add(new UnassignedItem(ranked, WhyNobody(roster, role)));
                continue;
            }

            agentOf[ranked.TaskId] = (chosen.Id, false);
            load[chosen.Id]++;
        }

        var assigned = ordered
            .Where(r => agentOf.ContainsKey(r.TaskId))
            .Select(r => new AssignedItem(r, agentOf[r.TaskId].AgentId, agentOf[r.TaskId].Kept))
            .ToList();
        var supervisors = roster.Where(a => a.Active && a.Has(SweepRole.Supervisor)).Select(a => a.Id).ToList();
        return new SweepAssignment(assigned, unassigned, supervisors);
    }

    /// <summary>The role a complaints item falls back to, or null: see the type's summary.</summary>
    public static SweepRole? FallbackRole(SweepRole role) => role == SweepRole.Complaints ? SweepRole.Supervisor : null;

    /// <summary>The role as written in settings and reasons: "after_sale".</summary>
    public static string Name(SweepRole role) => role switch
    {
        SweepRole.PreSale => "pre_sale",
        SweepRole.AfterSale => "after_sale",
        SweepRole.Complaints => "complaints",
        _ => "supervisor",
    };

    /// <summary>Whether the agent does the role, or is a supervisor taking a complaints item.</summary>
    private static bool MayTake(SweepAgent agent, SweepRole role)
        => agent.Has(role) || FallbackRole(role) is { } fallback && agent.Has(fallback);

    private static SweepAgent? LeastLoadedWithRoom(List<SweepAgent> roster, Dictionary<string, int> load, SweepRole role)
    {
        SweepAgent? best = null;
        foreach (var agent in roster)
        {
            // The roster is in id order, so the first of equally loaded agents wins: ties go by id.
            if (agent.Active && agent.Has(role) && load[agent.Id] < agent.MaxOpenTasks
                && (best is null || load[agent.Id] < load[best.Id]))
            {
                best = agent;
            }
        }

        return best;
    }

    private static string WhyNobody(List<SweepAgent> roster, SweepRole role)
    {
        var roles = FallbackRole(role) is { } fallback ? new[] { role, fallback } : [role];
        var names = string.Join(" or ", roles.Select(Name));
        var eligible = roster.Count(a => a.Active && roles.Any(a.Has));
        return eligible == 0
            ? $"no active agent with role {names}"
            : $"all {names} agents at capacity";
    }
}
