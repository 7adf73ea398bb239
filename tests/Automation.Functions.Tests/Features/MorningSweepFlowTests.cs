using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Automation.Functions.Tests.Support;
using Automation.Testing;

namespace Automation.Functions.Tests.Features;

/// <summary>
/// A whole morning through the real worker: the night's events leave tasks behind, the sweep ranks and assigns them
/// and sends each agent one list in their channel's format (local sinks stand in for the WeCom, DingTalk and Slack
/// robots and the signed webhook), a second run changes and sends nothing, and the noon escalation hands what is
/// still open to a supervisor, once.
/// </summary>
[Collection("Azurite")]
public sealed class MorningSweepFlowTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private ShopScenario _scenario = null!;
    private const string SupervisorSecret = "whsec_c3VwZXJ2aXNvci1zZWNyZXQtMDEyMzQ1Njc4OWFiYw==";

    private readonly Dictionary<string, MessageSink> _agents = new(StringComparer.Ordinal);

    public async Task InitializeAsync()
    {
        foreach (var agent in new[] { "wang.wecom", "li.dingtalk", "amy.slack", "sue.supervisor" })
        {
            _agents[agent] = await MessageSink.StartAsync();
        }

        _scenario = await ShopScenario.StartAsync(azurite, "morning", shop => shop["agents"] = new JsonArray(
            ProductApi.Agent("wang.wecom", ["after_sale"], new JsonObject { ["type"] = "wecom", ["url"] = _agents["wang.wecom"].Url.ToString() }),
            ProductApi.Agent("li.dingtalk", ["after_sale", "complaints"], new JsonObject { ["type"] = "dingtalk", ["url"] = _agents["li.dingtalk"].Url.ToString(), ["secret"] = "SEC0123456789abcdef0123456789abcdef" }),
            ProductApi.Agent("amy.slack", ["complaints"], new JsonObject { ["type"] = "slack", ["url"] = _agents["amy.slack"].Url.ToString() }),
            ProductApi.Agent("sue.supervisor", ["supervisor"], ProductApi.AgentWebhook(_agents["sue.supervisor"], SupervisorSecret))));
    }

    public async Task DisposeAsync()
    {
        await _scenario.DisposeAsync();
        foreach (var sink in _agents.Values)
        {
            await sink.DisposeAsync();
        }
    }

    [Fact]
    public async Task Morning_AfterANight_EachAgentGetsOneListInTheirFormat_AndARerunChangesNothing()
    {
        await NightAsync();

        var first = await SweepAsync();
        var tasksAfterFirst = await _scenario.TasksAsync("state=open");
        var second = await SweepAsync();

        Assert.Equal(first.GetProperty("ranked").GetInt32(), tasksAfterFirst.Count);
        Assert.True(second.GetProperty("alreadyDone").GetBoolean());
        Assert.Equal(
            tasksAfterFirst.Select(t => (t.GetProperty("taskId").GetString(), AssignedTo(t))),
            (await _scenario.TasksAsync("state=open")).Select(t => (t.GetProperty("taskId").GetString(), AssignedTo(t))));
        Assert.All(tasksAfterFirst, t => Assert.StartsWith("score ", t.GetProperty("whyNow").GetString(), StringComparison.Ordinal));

        // Cases join from the open-case index: the platform dispute ranks first, the overdue refund next.
        var caseTasks = tasksAfterFirst.Where(t => t.GetProperty("kind").GetString() == "after_sale_case").OrderByDescending(t => t.GetProperty("score").GetInt32()).ToList();
        Assert.Equal(["CS-2", "CS-1"], caseTasks.Select(t => t.GetProperty("caseId").GetString()));
        Assert.Equal(tasksAfterFirst.Max(t => t.GetProperty("score").GetInt32()), caseTasks[0].GetProperty("score").GetInt32());
        Assert.Equal(first.GetProperty("tasksOpened").GetInt32(), caseTasks.Count);

        // Every task went to someone with the role for it, and each agent got exactly one list.
        var legal = tasksAfterFirst.Single(t => t.GetProperty("kind").GetString() == "review_legal_action");
        Assert.Equal("sue.supervisor", AssignedTo(legal));
        var exceptions = tasksAfterFirst.Where(t => t.GetProperty("kind").GetString() == "shipment_exception").Select(AssignedTo).ToList();
        Assert.All(exceptions, agent => Assert.Contains(agent, new[] { "wang.wecom", "li.dingtalk" })); // the after-sale agents
        Assert.Contains("wang.wecom", exceptions); // least-loaded first: li.dingtalk also takes complaints
        foreach (var (agent, sink) in _agents)
        {
            var assigned = tasksAfterFirst.Count(t => AssignedTo(t) == agent);
            Assert.True(assigned == 0 ? sink.Received.IsEmpty : sink.Received.Count == 1, $"{agent}: {assigned} task(s), {sink.Received.Count} message(s)");
        }

        var wecom = Assert.Single(_agents["wang.wecom"].Received).Json;
        Assert.Equal("markdown", wecom.GetProperty("msgtype").GetString());
        Assert.Contains("/api/shops/", wecom.GetProperty("markdown").GetProperty("content").GetString(), StringComparison.Ordinal);
        var dingtalk = Assert.Single(_agents["li.dingtalk"].Received).Json;
        Assert.Equal("markdown", dingtalk.GetProperty("msgtype").GetString());
        Assert.False(string.IsNullOrEmpty(dingtalk.GetProperty("markdown").GetProperty("title").GetString()));
        var slack = Assert.Single(_agents["amy.slack"].Received).Json;
        Assert.True(slack.GetProperty("blocks").GetArrayLength() > 0);
        var supervisor = Assert.Single(_agents["sue.supervisor"].Received);
        Assert.Equal("sue.supervisor", supervisor.Json.GetProperty("agentId").GetString());
        supervisor.VerifySignature(SupervisorSecret);
        Assert.False((supervisor with { Body = supervisor.Body.Replace("sue.supervisor", "wang.wecom", StringComparison.Ordinal) }).IsSignedWith(SupervisorSecret));
        Assert.False(supervisor.IsSignedWith(ProductApi.AgentWebhookSecret));
        Assert.Equal(supervisor.Json.GetProperty("digestId").GetString(), supervisor.WebhookId);
        Assert.Contains(supervisor.Json.GetProperty("tasks").EnumerateArray(), t => t.GetProperty("taskId").GetString() == legal.GetProperty("taskId").GetString());
    }

    [Fact]
    public async Task Noon_TasksStillOpenGoToASupervisorOnce_AndDoneOnesStay()
    {
        await NightAsync();
        await SweepAsync();
        var open = await _scenario.TasksAsync("state=open");
        var beforeNoon = _agents["sue.supervisor"].Received.Count;

        var first = await EscalateAsync();
        var second = await EscalateAsync();

        Assert.Equal(open.Count(t => AssignedTo(t) != "sue.supervisor"), first.GetProperty("escalated").GetInt32());
        Assert.Equal(0, second.GetProperty("escalated").GetInt32());
        var escalated = await _scenario.TasksAsync("state=escalated");
        Assert.All(escalated, t => Assert.Equal("sue.supervisor", t.GetProperty("escalatedTo").GetString()));
        Assert.Equal(beforeNoon + 1, _agents["sue.supervisor"].Received.Count);
    }

    [Fact]
    public async Task Noon_AfterAgentsMarkTheirTasksDone_OnlyStillOpenOnesGoToTheSupervisorInOneMessage_AndASecondRunDoesNothing()
    {
        await NightAsync();
        await SweepAsync();
        var open = await _scenario.TasksAsync("state=open");
        var finishers = new[] { "wang.wecom", "amy.slack" };
        var finished = open.Where(t => finishers.Contains(AssignedTo(t))).Select(TaskId).ToHashSet(StringComparer.Ordinal);
        foreach (var task in open.Where(t => finished.Contains(TaskId(t))))
        {
            using var done = await DoneAsync(TaskId(task), $"handled {TaskId(task)}", await AgentKeyAsync(AssignedTo(task)!));
            Assert.True(done.StatusCode == HttpStatusCode.OK, await done.Content.ReadAsStringAsync());
        }

        // The only supervisor cannot escalate to herself: her own tasks stay hers (reported, not escalated).
        var expected = open.Where(t => !finished.Contains(TaskId(t)) && AssignedTo(t) != "sue.supervisor").Select(TaskId).Order(StringComparer.Ordinal).ToList();
        var supervisor = _agents["sue.supervisor"];
        var beforeNoon = supervisor.Received.Count;

        var first = await EscalateAsync();
        var afterFirst = await _scenario.TasksAsync();
        var second = await EscalateAsync();
        var afterSecond = await _scenario.TasksAsync();

        Assert.NotEmpty(finished);
        Assert.NotEmpty(expected);
        Assert.Equal(expected.Count, first.GetProperty("escalated").GetInt32());
        var escalated = afterFirst.Where(t => t.GetProperty("state").GetString() == "escalated").ToList();
        Assert.Equal(expected, escalated.Select(TaskId).Order(StringComparer.Ordinal));
        Assert.All(escalated, t => Assert.Equal("sue.supervisor", t.GetProperty("escalatedTo").GetString()));
        foreach (var task in afterFirst.Where(t => finished.Contains(TaskId(t))))
        {
            Assert.Equal(("done", $"handled {TaskId(task)}", AssignedTo(task)), (task.GetProperty("state").GetString(), task.GetProperty("resolution").GetString(), task.GetProperty("doneBy").GetString()));
            Assert.True(!task.TryGetProperty("escalatedTo", out var to) || to.ValueKind == JsonValueKind.Null, TaskId(task));
        }

        var message = Assert.Single(supervisor.Received.Skip(beforeNoon));
        Assert.Equal(expected, message.Json.GetProperty("tasks").EnumerateArray().Select(TaskId).Order(StringComparer.Ordinal));

        // Her morning list and her noon list are two messages: a receiver that drops repeated keys must keep both.
        var morning = Assert.Single(supervisor.Received.Take(beforeNoon));
        Assert.NotEqual(morning.WebhookId, message.WebhookId);
        Assert.EndsWith(":noon", message.WebhookId, StringComparison.Ordinal);
        Assert.Equal(0, second.GetProperty("escalated").GetInt32());
        Assert.Equal(beforeNoon + 1, supervisor.Received.Count);
        Assert.Equal(afterFirst.Select(t => t.GetRawText()), afterSecond.Select(t => t.GetRawText()));
    }

    /// <summary>The night: a parcel lost, another damaged, a review threatening 12315, a so-so review, an overdue refund and a platform dispute.</summary>
    private async Task NightAsync()
    {
        var at = DateTimeOffset.UtcNow.AddHours(-8);
        await _scenario.PostAsync(ProductApi.OrderCreated("n-1", "N1", at.AddDays(-3)));
        await _scenario.PostAsync(ProductApi.Shipped("n-2", "N1", "ship-1", "SF0001"));
        await _scenario.PostAsync(new JsonObject
        {
            ["id"] = "n-3",
            ["type"] = "shipment.exception",
            ["order"] = new JsonObject { ["id"] = "N1" },
            ["shipment"] = new JsonObject { ["id"] = "ship-1", ["status"] = "lost", ["detail"] = "No scan for 4 days", ["at"] = at.ToString("O", CultureInfo.InvariantCulture) },
        });
        await _scenario.PostAsync(ProductApi.OrderCreated("n-6", "N2", at.AddDays(-3)));
        await _scenario.PostAsync(ProductApi.Shipped("n-7", "N2", "ship-2", "SF0002"));
        await _scenario.PostAsync(new JsonObject
        {
            ["id"] = "n-8",
            ["type"] = "shipment.exception",
            ["order"] = new JsonObject { ["id"] = "N2" },
            ["shipment"] = new JsonObject { ["id"] = "ship-2", ["status"] = "damaged", ["detail"] = "Box crushed", ["at"] = at.ToString("O", CultureInfo.InvariantCulture) },
        });
        await _scenario.PostAsync(ProductApi.ReviewPosted("n-4", "rv-legal", "N1", 1, "货不对板，再不处理我就打12315投诉"));
        await _scenario.PostAsync(ProductApi.CaseOpened("n-9", "CS-1", "N3", "refund_only", DateTimeOffset.UtcNow.AddDays(-2)));
        await _scenario.PostAsync(ProductApi.CaseOpened("n-10", "CS-2", "N4", "return_refund", at, escalated: true));
        await _scenario.PostAsync(ProductApi.ReviewPosted("n-5", "rv-meh", "N1", 3, "一般般吧，没什么特别的"));
    }

    private Task<JsonElement> SweepAsync() => _scenario.SweepAsync();

    private Task<JsonElement> EscalateAsync() => _scenario.EscalateAsync();

    private static string TaskId(JsonElement task) => task.GetProperty("taskId").GetString()!;

    private Task<string> AgentKeyAsync(string agentId) => _scenario.Host.AgentKeyAsync(_scenario.ShopId, agentId);

    private Task<HttpResponseMessage> DoneAsync(string taskId, string resolution, string agentKey) =>
        _scenario.Host.Client.SendAsync(ProductHost.WithKeys(
            new HttpRequestMessage(HttpMethod.Post, $"/api/shops/{_scenario.ShopId}/tasks/{Uri.EscapeDataString(taskId)}/done")
            {
                Content = new StringContent(new JsonObject { ["resolution"] = resolution }.ToJsonString(), System.Text.Encoding.UTF8, "application/json"),
            },
            agentKey));

    private static string? AssignedTo(JsonElement task) => task.TryGetProperty("assignedTo", out var agent) ? agent.GetString() : null;
}
