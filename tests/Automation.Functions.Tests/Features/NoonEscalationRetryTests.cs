using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Automation.Functions.Tests.Support;
using Automation.Storage.Stores;
using Automation.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Automation.Functions.Tests.Features;

/// <summary>
/// The noon escalation through the real worker when a supervisor's list does not go out: the tasks are escalated
/// already, so a later run must still send the supervisor the day's list from storage, once.
/// </summary>
[Collection("Azurite")]
public sealed class NoonEscalationRetryTests(AzuriteFixture azurite)
{
    private static readonly Dictionary<string, string?> Settings = new()
    {
        // One attempt per send: the supervisor endpoint's planned failure must reach the run, not a quick retry.
        ["Delivery__RetriesPerDelivery"] = "0",
    };

    [Fact]
    public async Task Escalate_SupervisorsListFails_ARunAfterSendsTheTasksTheFailedRunEscalated_Once()
    {
        await using var agent = await MessageSink.StartAsync();
        await using var supervisor = await MessageSink.StartAsync();
        await using var scenario = await ShopScenario.StartAsync(
            azurite,
            "noon-retry",
            shop => shop["agents"] = new JsonArray(
                ProductApi.Agent("ann", ["after_sale"], ProductApi.AgentWebhook(agent)),
                ProductApi.Agent("sue", ["supervisor"], ProductApi.AgentWebhook(supervisor))),
            settings: Settings);
        for (var i = 1; i <= 3; i++)
        {
            await scenario.PostAsync(ProductApi.CaseOpened($"c-{i}", $"CS-{i}", $"O{i}", "refund_only", DateTimeOffset.UtcNow.AddDays(-2).AddHours(i)));
        }

        await scenario.SweepAsync();
        var beforeNoon = supervisor.Received.Count;
        supervisor.FailNext(500);

        var failed = await scenario.EscalateAsync();
        var escalated = (await scenario.TasksAsync("state=escalated")).Select(t => t.GetProperty("taskId").GetString()).ToList();
        var day = DateOnly.Parse(failed.GetProperty("sweepDay").GetString()!, CultureInfo.InvariantCulture);
        var afterFailure = await DayAsync(scenario, day);
        var retried = await scenario.EscalateAsync();
        var afterRetry = await DayAsync(scenario, day);
        var again = await scenario.EscalateAsync();

        Assert.Equal(3, escalated.Count);
        Assert.Equal((3, 0, 1, 0), Counts(failed));
        Assert.Null(afterFailure?.EscalatedAt);
        Assert.Equal((0, 1, 0, 0), Counts(retried));
        Assert.NotNull(afterRetry?.EscalatedAt);
        Assert.Equal((0, 0, 0, 0), Counts(again));

        var noon = supervisor.Received.Skip(beforeNoon).ToList();
        Assert.Equal([500, 200], noon.Select(m => m.AnsweredStatus));
        var list = noon[1].Json;
        Assert.Equal("sue", list.GetProperty("agentId").GetString());
        Assert.Equal(escalated, list.GetProperty("tasks").EnumerateArray().Select(t => t.GetProperty("taskId").GetString()));
        Assert.All(list.GetProperty("tasks").EnumerateArray(), t => Assert.StartsWith("still open at the ", t.GetProperty("reason").GetString(), StringComparison.Ordinal));
        Assert.Equal(noon[0].Json.GetProperty("tasks").GetRawText(), list.GetProperty("tasks").GetRawText());
    }

    private static Task<SweepDayRecord?> DayAsync(ShopScenario scenario, DateOnly day) =>
        scenario.Host.Storage.GetRequiredService<SweepStore>().GetDayAsync(scenario.ShopId, day, default);

    private static (int Escalated, int Sent, int Failed, int Pending) Counts(JsonElement run) => (
        run.GetProperty("escalated").GetInt32(),
        run.GetProperty("messagesSent").GetInt32(),
        run.GetProperty("messagesFailed").GetInt32(),
        run.GetProperty("messagesPending").GetInt32());
}
