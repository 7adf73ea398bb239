using Automation.Core.Sweep;
using Automation.Core.Tasks;
using CsCheck;
using static Automation.Core.Tests.Support.Zones;
using static Automation.Core.Tests.Sweep.SweepItems;

namespace Automation.Core.Tests.Sweep;

/// <summary>Invariants of the deadline escalation over generated tasks and rosters (CsCheck; replay a failure with CsCheck_Seed).</summary>
public class NoonEscalationPropertyTests
{
    private static readonly string[] AgentIds = ["a0", "a1", "a2", "a3"];
    private static readonly DateTimeOffset Noon = At("2026-11-30T04:00:00Z");

    private static readonly Gen<AgentTask> TaskGen =
        Gen.Select(Gen.Int[0, 20], Gen.Int[1, 5], Gen.Enum<AgentTaskState>(), Gen.Int[-1, AgentIds.Length - 1], Gen.Int[-600, 600],
            (n, priority, state, assignee, dueMinutes) => new AgentTask($"t{n}", "shop-1", "test", null, null, null, priority, Noon.AddMinutes(dueMinutes), state, [], Now)
            {
                AssignedTo = assignee < 0 ? null : AgentIds[assignee],
            });

    private static readonly Gen<SweepAgent> AgentGen =
        Gen.Select(Gen.Int[0, AgentIds.Length - 1], Gen.Enum<SweepRole>().HashSet[0, 2], Gen.Bool, Gen.Int[0, 5],
            (id, roles, active, open) => new SweepAgent(AgentIds[id], roles, active, 10, open));

    private static readonly Gen<(AgentTask[] Tasks, SweepAgent[] Agents)> Mornings = Gen.Select(TaskGen.Array[0, 25], AgentGen.Array[0, 5]);

    [Fact]
    public void Escalate_EachOpenTaskOnceToAnActiveOtherSupervisor_OrReported()
    {
        Mornings.Sample(m =>
        {
            var result = NoonEscalation.Escalate(m.Tasks, m.Agents, Noon, Shanghai);

            var open = m.Tasks.Where(t => t.State == AgentTaskState.Open).Select(t => t.TaskId).Distinct().Order(StringComparer.Ordinal);
            var handled = result.Escalations.Select(e => e.Task.TaskId).Concat(result.NotEscalated.Select(s => s.Task.TaskId)).Order(StringComparer.Ordinal);
            Assert.Equal(open, handled);
            Assert.All(result.Escalations, e =>
            {
                Assert.NotEqual(e.Task.AssignedTo, e.SupervisorId);
                Assert.Contains(m.Agents, a => a.Id == e.SupervisorId && a.Active && a.Has(SweepRole.Supervisor));
            });

            var again = NoonEscalation.Escalate(result.Escalations.Select(e => e.EscalatedTask), m.Agents, Noon, Shanghai);
            Assert.Empty(again.Escalations);
        }, iter: 1000);
    }
}
