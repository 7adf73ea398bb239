using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Automation.Core.Tasks;
using Automation.Functions.Tests.Support;
using Automation.Storage.Stores;
using Automation.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Automation.Functions.Tests.Features;

/// <summary>
/// Closing tasks and handing over notes through the real HTTP path: a shop key closes any task of its shop as "ops",
/// an agent key only its agent's; another shop's key gets 401 and an unknown task 404. Handover notes become open,
/// unassigned tasks that a retried POST never doubles.
/// </summary>
[Collection("Azurite")]
public sealed class TaskEndpointTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private ShopScenario _scenario = null!;
    private ProductHost _host = null!;
    private string _shopId = null!;

    public async Task InitializeAsync()
    {
        _scenario = await ShopScenario.StartAsync(azurite, "done");
        (_host, _shopId) = (_scenario.Host, _scenario.ShopId);
    }

    public Task DisposeAsync() => _scenario.DisposeAsync().AsTask();

    [Fact]
    public async Task CompleteTask_ShopKey_MarksItDoneByOps_SameResolutionAgainIs200_AnotherIs409()
    {
        await OpenTaskAsync("shipment_exception:A1:s1:lost", assignedTo: "ann");

        using var done = await DoneAsync("shipment_exception:A1:s1:lost", "Reshipped\u202E; claim filed with the carrier", await ShopKeyAsync());
        using var again = await DoneAsync("shipment_exception:A1:s1:lost", "Reshipped; claim filed with the carrier", await ShopKeyAsync());
        using var other = await DoneAsync("shipment_exception:A1:s1:lost", "Refunded instead", await ShopKeyAsync());

        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        var view = await done.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("done", "Reshipped; claim filed with the carrier", "ops"), (view.GetProperty("state").GetString(), view.GetProperty("resolution").GetString(), view.GetProperty("doneBy").GetString()));
        Assert.Equal(DateTimeOffset.UtcNow, view.GetProperty("doneAt").GetDateTimeOffset(), TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, other.StatusCode);
        var task = Assert.Single(await _scenario.TasksAsync("state=done"));
        Assert.Equal(("Reshipped; claim filed with the carrier", "ops", "ann"), (task.GetProperty("resolution").GetString(), task.GetProperty("doneBy").GetString(), task.GetProperty("assignedTo").GetString()));
        Assert.Empty(await _scenario.TasksAsync("state=open"));
    }

    [Fact]
    public async Task CompleteTask_AgentKey_ClosesOnlyItsOwnTask_403ForAnothers_404ForUnknown()
    {
        await OpenTaskAsync("t-ann", assignedTo: "ann");
        await OpenTaskAsync("t-bob", assignedTo: "bob");
        await OpenTaskAsync("t-nobody", assignedTo: null);
        var annKey = await AgentKeyAsync("ann");

        using var own = await DoneAsync("t-ann", "called the buyer", annKey);
        using var bobs = await DoneAsync("t-bob", "called the buyer", annKey);
        using var unassigned = await DoneAsync("t-nobody", "called the buyer", annKey);
        using var unknown = await DoneAsync("t-none", "called the buyer", annKey);

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal("ann", (await own.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("doneBy").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, bobs.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, unassigned.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        Assert.Equal(["t-bob", "t-nobody"], (await _scenario.TasksAsync("state=open")).Select(t => t.GetProperty("taskId").GetString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task CompleteTask_AnotherShopsKeyOrTask_Answers401Or404_AndClosesNothing()
    {
        await OpenTaskAsync("t-1", assignedTo: null);
        var otherShop = "done-other-" + Guid.NewGuid().ToString("N")[..8];
        Assert.Equal(HttpStatusCode.Created, (await _host.PutShopAsync(otherShop, ProductApi.Shop(_scenario.Sink.Url))).StatusCode);
        var otherKey = await _host.ShopKeyAsync(otherShop);

        using var foreignKey = await DoneAsync("t-1", "closed from elsewhere", otherKey);
        using var ownShopOtherTask = await SendAsync(HttpMethod.Post, $"/api/shops/{otherShop}/tasks/t-1/done", Json(new JsonObject { ["resolution"] = "x" }), otherKey);

        Assert.Equal(HttpStatusCode.Unauthorized, foreignKey.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, ownShopOtherTask.StatusCode);
        Assert.Single(await _scenario.TasksAsync("state=open"));
    }

    [Theory]
    [InlineData("{}", "resolution")]
    [InlineData("{\"resolution\":\"   \"}", "resolution")]
    [InlineData("{\"resolution\":\"\\u202E\\u200B\"}", "resolution")]
    [InlineData("{\"resolution\":42}", "resolution")]
    public async Task CompleteTask_WithoutAUsableResolution_Answers400NamingIt(string body, string field)
    {
        await OpenTaskAsync("t-1", assignedTo: null);

        using var response = await SendAsync(HttpMethod.Post, $"/api/shops/{_shopId}/tasks/t-1/done", new StringContent(body, Encoding.UTF8, "application/json"), await ShopKeyAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([field], (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(e => e.Name));
        Assert.Single(await _scenario.TasksAsync("state=open"));
    }

    [Fact]
    public async Task CompleteTask_ResolutionOver1000Characters_Answers400()
    {
        await OpenTaskAsync("t-1", assignedTo: null);

        using var response = await DoneAsync("t-1", new string('x', 1001), await ShopKeyAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task CompleteTask_EscalatedTask_CanBeClosed()
    {
        await _host.Storage.GetRequiredService<TaskStore>().OpenAsync(Task("t-late", "sup") with { State = AgentTaskState.Escalated }, default);

        using var response = await DoneAsync("t-late", "supervisor refunded", await AgentKeyAsync("sup"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("done", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("state").GetString());
    }

    [Fact]
    public async Task Handover_WithAnId_Opens201UnassignedTask_RepeatIs200_AnotherNoteUnderTheIdIs409()
    {
        var note = new JsonObject { ["id"] = "night-7", ["text"] = "Buyer of A100 called twice about the lost parcel.\nPromised a call back by 10:00.", ["orderId"] = "A100", ["role"] = "complaints" };

        using var first = await HandoverAsync(note, await ShopKeyAsync());
        using var repeat = await HandoverAsync(note, await ShopKeyAsync());
        note["text"] = "Something else entirely";
        using var clash = await HandoverAsync(note, await ShopKeyAsync());

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var task = await first.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("handover_note:night-7", "handover_note", "open", "A100"), (task.GetProperty("taskId").GetString(), task.GetProperty("kind").GetString(), task.GetProperty("state").GetString(), task.GetProperty("orderId").GetString()));
        Assert.True(!task.TryGetProperty("assignedTo", out var assignee) || assignee.ValueKind == JsonValueKind.Null);
        var evidence = task.GetProperty("evidence").EnumerateArray().ToDictionary(e => e.GetProperty("label").GetString()!, e => e.GetProperty("value").GetString());
        Assert.Equal("Buyer of A100 called twice about the lost parcel.\nPromised a call back by 10:00.", evidence["note"]);
        Assert.Equal(("ops", "A100", "complaints"), (evidence["written by"], evidence["order"], evidence["role"]));
        Assert.Equal(HttpStatusCode.OK, repeat.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, clash.StatusCode);
        Assert.Single(await _scenario.TasksAsync("state=open"));
    }

    [Fact]
    public async Task Handover_WithoutAnId_ExactRetryIs200WithTheSameTask_AndAnotherAuthorsSameTextIsANewNote()
    {
        var note = new JsonObject { ["text"] = "Case C-9: buyer sent photos by mail, attach them.", ["caseId"] = "C-9" };
        var annKey = await AgentKeyAsync("ann");

        using var first = await HandoverAsync(note, annKey);
        using var retry = await HandoverAsync(note, annKey);
        using var byOps = await HandoverAsync(note, await ShopKeyAsync());

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(HttpStatusCode.Created, byOps.StatusCode);
        var firstId = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("taskId").GetString()!;
        Assert.StartsWith("handover_note:~", firstId, StringComparison.Ordinal);
        Assert.Equal(firstId, (await retry.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("taskId").GetString());
        var tasks = await _scenario.TasksAsync("state=open");
        Assert.Equal(2, tasks.Count);
        Assert.Contains(tasks, t => t.GetProperty("evidence").EnumerateArray().Any(e => e.GetProperty("label").GetString() == "written by" && e.GetProperty("value").GetString() == "ann"));
    }

    [Theory]
    [InlineData("{\"orderId\":\"A1\"}", "text")]
    [InlineData("{\"text\":\"ok\",\"role\":\"night_owl\"}", "role")]
    [InlineData("{\"text\":\"ok\",\"id\":\"no spaces\"}", "id")]
    [InlineData("{\"text\":\"ok\",\"orderId\":\"a/b\"}", "orderId")]
    public async Task Handover_BadField_Answers400NamingIt_AndOpensNothing(string body, string field)
    {
        using var response = await SendAsync(HttpMethod.Post, $"/api/shops/{_shopId}/handover", new StringContent(body, Encoding.UTF8, "application/json"), await ShopKeyAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([field], (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(e => e.Name));
        Assert.Empty(await _scenario.TasksAsync());
    }

    [Fact]
    public async Task Handover_WithoutAKey_Answers401()
    {
        using var response = await SendAsync(HttpMethod.Post, $"/api/shops/{_shopId}/handover", Json(new JsonObject { ["text"] = "x" }), apiKey: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private AgentTask Task(string taskId, string? assignedTo) => new(
        taskId, _shopId, "shipment_exception", "A1", CaseId: null, ReviewId: null, Priority: 1, DateTimeOffset.UtcNow.AddHours(48), AgentTaskState.Open,
        [new TaskEvidence("status", "lost")], DateTimeOffset.UtcNow)
    {
        AssignedTo = assignedTo,
    };

    // Nothing assigns tasks over HTTP yet (the sweep will): the test puts them in the shop's partition as the sweep would.
    private async Task OpenTaskAsync(string taskId, string? assignedTo) =>
        Assert.True(await _host.Storage.GetRequiredService<TaskStore>().OpenAsync(Task(taskId, assignedTo), default));

    private Task<string> ShopKeyAsync() => _host.ShopKeyAsync(_shopId);

    private Task<string> AgentKeyAsync(string agentId) => _host.AgentKeyAsync(_shopId, agentId);

    private Task<HttpResponseMessage> DoneAsync(string taskId, string resolution, string apiKey) =>
        SendAsync(HttpMethod.Post, $"/api/shops/{_shopId}/tasks/{Uri.EscapeDataString(taskId)}/done", Json(new JsonObject { ["resolution"] = resolution }), apiKey);

    private Task<HttpResponseMessage> HandoverAsync(JsonObject note, string apiKey) =>
        SendAsync(HttpMethod.Post, $"/api/shops/{_shopId}/handover", Json(note), apiKey);

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent content, string? apiKey) =>
        _host.Client.SendAsync(ProductHost.WithKeys(new HttpRequestMessage(method, path) { Content = content }, apiKey));

    // With a Content-Length, as curl sends it (see ProductHost.AdminAsync).
    private static StringContent Json(JsonObject body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");
}
