using Automation.Core.Sweep;
using CsCheck;
using static Automation.Core.Tests.Sweep.SweepItems;

namespace Automation.Core.Tests.Sweep;

/// <summary>
/// Invariants of assignment over generated rosters and backlogs (CsCheck; a failure prints a seed to replay with the
/// environment variable CsCheck_Seed): every item once, roles and capacity respected, re-runs and input order change nothing.
/// </summary>
public class TaskAssignmentPropertyTests
{
    private const int Runs = 1000;

    private static readonly string[] AgentIds = ["a0", "a1", "a2", "a3", "a4", "a5"];

    private static readonly Gen<SweepAgent> AgentGen =
        Gen.Select(Gen.Int[0, AgentIds.Length - 1], Gen.Enum<SweepRole>().HashSet[0, 3], Gen.Int[0, 5] /* 0: inactive */, Gen.Int[0, 6], Gen.Int[0, 7],
            (id, roles, active, max, open) => new SweepAgent(AgentIds[id], roles, active != 0, max, open));

    private static readonly Gen<BacklogItem> ItemGen =
        Gen.Select(Gen.Int[0, 40], Gen.Enum<BacklogSource>(), Gen.Enum<SweepRole>(), Gen.Int[-600, 3000], Gen.Int[-1, AgentIds.Length] /* -1: none, 6: unknown */,
            (n, source, role, dueMinutes, assignee) => Item($"i{n}", source, due: dueMinutes % 7 == 0 ? null : Now.AddMinutes(-dueMinutes), role: role,
                assignedTo: assignee switch { -1 => null, 6 => "gone", _ => AgentIds[assignee] }));

    private static readonly Gen<(IReadOnlyList<RankedItem> Items, SweepAgent[] Agents)> Backlogs =
        Gen.Select(ItemGen.Array[0, 30], AgentGen.Array[0, 8], (items, agents) => (BacklogRanking.Rank(items, Now), agents));

    [Fact]
    public void Assign_EveryItemIsAssignedOrUnassignedExactlyOnce()
    {
        Backlogs.Sample(b =>
        {
            var result = TaskAssignment.Assign(b.Items, b.Agents);

            var outIds = result.Assigned.Select(a => a.Ranked.TaskId).Concat(result.Unassigned.Select(u => u.Ranked.TaskId)).Order(StringComparer.Ordinal);
            Assert.Equal(b.Items.Select(i => i.TaskId).Order(StringComparer.Ordinal), outIds);
            Assert.All(result.Unassigned, u => Assert.False(string.IsNullOrWhiteSpace(u.Reason)));
        }, iter: Runs, print: Print);
    }

    [Fact]
    public void Assign_OnlyActiveAgentsWithTheRoleOrTheComplaintsFallback()
    {
        Backlogs.Sample(b =>
        {
            var result = TaskAssignment.Assign(b.Items, b.Agents);
            var roster = Roster(b.Agents);

            Assert.All(result.Assigned, a =>
            {
                var agent = roster[a.AgentId];
                var role = a.Ranked.Item.Role;
                Assert.True(agent.Active);
                Assert.True(agent.Has(role) || (role == SweepRole.Complaints && agent.Has(SweepRole.Supervisor)), $"{a.AgentId} took a {role} item");
            });
        }, iter: Runs, print: Print);
    }

    [Fact]
    public void Assign_NewWorkNeverTakesAnAgentBeyondCapacity()
    {
        Backlogs.Sample(b =>
        {
            var result = TaskAssignment.Assign(b.Items, b.Agents);

            foreach (var agent in Roster(b.Agents).Values)
            {
                var mine = result.Assigned.Where(a => a.AgentId == agent.Id).ToList();
                if (mine.Any(a => !a.Kept))
                {
                    Assert.True(agent.OpenTasks + mine.Count <= agent.MaxOpenTasks, $"{agent.Id}: {agent.OpenTasks} open + {mine.Count} > {agent.MaxOpenTasks}");
                }
            }
        }, iter: Runs, print: Print);
    }

    [Fact]
    public void Assign_CarriedOverItemsStayWithTheirAgentWhileItCanTakeThem()
    {
        Backlogs.Sample(b =>
        {
            var result = TaskAssignment.Assign(b.Items, b.Agents);
            var roster = Roster(b.Agents);

            foreach (var item in b.Items)
            {
                if (item.Item.AssignedTo is { } current && roster.TryGetValue(current, out var agent) && agent.Active && agent.Has(item.Item.Role))
                {
                    Assert.Contains(result.Assigned, a => a.Ranked.TaskId == item.TaskId && a.AgentId == current && a.Kept);
                }
            }
        }, iter: Runs, print: Print);
    }

    [Fact]
    public void Assign_UnassignedOnlyWhenNoEligibleAgentHasRoom()
    {
        Backlogs.Sample(b =>
        {
            var result = TaskAssignment.Assign(b.Items, b.Agents);
            var finalLoad = Roster(b.Agents).Values.ToDictionary(a => a.Id, a => a.OpenTasks + result.Assigned.Count(x => x.AgentId == a.Id));

            foreach (var unassigned in result.Unassigned)
            {
                var role = unassigned.Ranked.Item.Role;
                Assert.DoesNotContain(Roster(b.Agents).Values, a => a.Active
                    && (a.Has(role) || (role == SweepRole.Complaints && a.Has(SweepRole.Supervisor)))
                    && finalLoad[a.Id] < a.MaxOpenTasks);
            }
        }, iter: Runs, print: Print);
    }

    [Fact]
    public void Assign_TwiceOnItsOwnOutput_ChangesNothing()
    {
        Backlogs.Sample(b =>
        {
            var first = TaskAssignment.Assign(b.Items, b.Agents);
            var second = TaskAssignment.Assign(first.AsItems(), b.Agents);

            Assert.Equal(first.Assigned.Select(a => (a.Ranked.TaskId, a.AgentId)), second.Assigned.Select(a => (a.Ranked.TaskId, a.AgentId)));
            Assert.Equal(first.Unassigned.Select(u => (u.Ranked.TaskId, u.Reason)), second.Unassigned.Select(u => (u.Ranked.TaskId, u.Reason)));
        }, iter: Runs, print: Print);
    }

    [Fact]
    public void Assign_IsIndependentOfInputOrder()
    {
        Backlogs.Select(Gen.Int, (b, seed) => (b, seed)).Sample(x =>
        {
            var random = new Random(x.seed);
            var first = TaskAssignment.Assign(x.b.Items, x.b.Agents);
            var second = TaskAssignment.Assign(x.b.Items.OrderBy(_ => random.Next()).ToList(), x.b.Agents.OrderBy(_ => random.Next()).ToList());

            // Agents listed twice under one id are one agent (the first listed); keep that one stable by skipping such rosters.
            if (x.b.Agents.Select(a => a.Id).Distinct().Count() == x.b.Agents.Length)
            {
                Assert.Equal(first.Assigned.Select(a => (a.Ranked.TaskId, a.AgentId)), second.Assigned.Select(a => (a.Ranked.TaskId, a.AgentId)));
                Assert.Equal(first.Unassigned.Select(u => (u.Ranked.TaskId, u.Reason)), second.Unassigned.Select(u => (u.Ranked.TaskId, u.Reason)));
            }
        }, iter: Runs);
    }

    private static Dictionary<string, SweepAgent> Roster(SweepAgent[] agents)
        => agents.GroupBy(a => a.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

    private static string Print((IReadOnlyList<RankedItem> Items, SweepAgent[] Agents) b)
        => "agents: " + string.Join(", ", b.Agents.Select(a => $"{a.Id}[{string.Join('/', a.Roles)}]{(a.Active ? "" : " inactive")} {a.OpenTasks}/{a.MaxOpenTasks}"))
            + "; items: " + string.Join(", ", b.Items.Select(i => $"{i.TaskId} {i.Item.Role} -> {i.Item.AssignedTo ?? "-"}"));
}
