using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Automation.Functions.Tests.Support;
using Automation.Testing;

namespace Automation.Functions.Tests.Features;

/// <summary>
/// The morning sweep's worker killed (SIGKILL, as an instance dies) while one agent's list is in flight, then run again
/// by another instance on the same storage: the list in flight is sent by the first run after its claim's lease, and
/// every agent's list is accepted exactly once. Waits are on conditions, with generous timeouts for a slow machine;
/// only the lease itself is waited out.
/// </summary>
[Collection("Azurite")]
public sealed class MorningSweepCrashTests(AzuriteFixture azurite)
{
    /// <summary>The lease both instances use: short, but long enough for the in-lease run on a slow, loaded machine.</summary>
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["MorningSweep__DigestLease"] = "00:00:30",

        // The held request must not be retried before the worker is killed, however slow the machine.
        ["Delivery__AttemptTimeout"] = "00:01:00",
    };

    [Fact]
    public async Task Sweep_WorkerKilledWhileAnAgentsListIsInFlight_ARunAfterTheLeaseSendsIt_AndEachListIsAcceptedOnce()
    {
        string[] agents = ["agent-1", "agent-2", "agent-3"];
        var sinks = new Dictionary<string, MessageSink>(StringComparer.Ordinal);
        foreach (var agent in agents)
        {
            sinks[agent] = await MessageSink.StartAsync();
        }

        try
        {
            await using var scenario = await ShopScenario.StartAsync(
                azurite,
                "crash",
                shop => shop["agents"] = new JsonArray([.. agents.Select(a => (JsonNode)ProductApi.Agent(a, ["after_sale"], ProductApi.AgentWebhook(sinks[a])))]),
                settings: Settings);

            // The instance of the reruns, started now: starting one takes seconds, and the lease is short.
            var rerun = await scenario.StartAnotherHostAsync();
            for (var i = 1; i <= 6; i++)
            {
                await scenario.PostAsync(ProductApi.CaseOpened($"c-{i}", $"CS-{i}", $"O{i}", "refund_only", DateTimeOffset.UtcNow.AddDays(-2)));
            }

            // The crashed run: agent 1's list is accepted, agent 2's is held, and the worker dies before agent 3's.
            sinks["agent-2"].HoldNext();
            var sweepStarted = DateTimeOffset.UtcNow;
            var crashed = scenario.Host.AdminAsync(HttpMethod.Post, $"/api/shops/{scenario.ShopId}/sweep");
            var held = Assert.Single(await sinks["agent-2"].WaitForReceivedAsync(1, Patience));
            var heldAt = DateTimeOffset.UtcNow;
            using (var worker = Process.GetProcessById(scenario.Host.WorkerProcessId))
            {
                worker.Kill();
                await worker.WaitForExitAsync().WaitAsync(Patience);
            }

            await AnsweredOrBrokenAsync(crashed);
            Assert.Equal(MessageSink.NeverAnswered, held.AnsweredStatus);
            Assert.Single(sinks["agent-1"].Delivered);
            Assert.Empty(sinks["agent-3"].Received);

            // Inside the lease: agent 2's list is still held by the dead run's claim, so the day is not done.
            var inLease = await scenario.SweepAsync(rerun);
            var inLeaseAnswered = DateTimeOffset.UtcNow;
            Assert.True(inLeaseAnswered < sweepStarted + Lease, $"the run meant to fall inside the lease ended {inLeaseAnswered - sweepStarted} after the sweep began");
            Assert.Single(sinks["agent-3"].Delivered);
            Assert.Single(sinks["agent-2"].Received);

            // After the lease (the dead run took its claim before agent 2's request arrived): the list is taken over and sent.
            await Task.Delay((heldAt + Lease + TimeSpan.FromSeconds(1)) - DateTimeOffset.UtcNow);
            var afterLease = await scenario.SweepAsync(rerun);
            var done = await scenario.SweepAsync(rerun);

            Assert.All(agents, agent => Assert.Single(sinks[agent].Delivered));
            var retried = Assert.Single(sinks["agent-2"].Delivered);
            Assert.Equal(held.WebhookId, retried.WebhookId);
            Assert.False(string.IsNullOrEmpty(retried.WebhookId));
            Assert.Equal(held.Json.GetProperty("digestId").GetString(), retried.Json.GetProperty("digestId").GetString());
            Assert.Equal(agents.Length, agents.Select(a => sinks[a].Delivered.Single().WebhookId).Distinct(StringComparer.Ordinal).Count());

            // What the runs answered: pending while the dead run's claim held, done only once every list went out.
            Assert.Equal((false, 1, 0, 1), Counts(inLease));
            Assert.Equal((false, 1, 0, 0), Counts(afterLease));
            Assert.True(done.GetProperty("alreadyDone").GetBoolean());
        }
        finally
        {
            foreach (var sink in sinks.Values)
            {
                await sink.DisposeAsync();
            }
        }
    }

    private static (bool AlreadyDone, int Sent, int Failed, int Pending) Counts(JsonElement run) => (
        run.GetProperty("alreadyDone").GetBoolean(),
        run.GetProperty("messagesSent").GetInt32(),
        run.GetProperty("messagesFailed").GetInt32(),
        run.GetProperty("messagesPending").GetInt32());

    /// <summary>The crashed run's call ends one way or another (an error answer, or a broken connection); either is fine.</summary>
    private static async Task AnsweredOrBrokenAsync(Task<HttpResponseMessage> call)
    {
        try
        {
            using var response = await call.WaitAsync(Patience);
        }
        catch (HttpRequestException)
        {
            // The front door went away with the worker.
        }
    }
}
