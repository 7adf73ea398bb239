using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Automation.Functions.Tests.Support;
using Automation.Testing;

namespace Automation.Functions.Tests.Features;

/// <summary>
/// Logistics problems become tasks, not messages: a shipment exception opens one at once (due 48 h later), and an
/// order shipped long ago with no delivery opens one when its check comes due; the task list shows them by scope.
/// </summary>
[Collection("Azurite")]
public sealed class LogisticsTaskFlowTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private ShopScenario _scenario = null!;
    private ProductHost _host = null!;
    private MessageSink _sink = null!;
    private string _shopId = null!;

    public async Task InitializeAsync()
    {
        _scenario = await ShopScenario.StartAsync(azurite, "tasks");
        (_host, _sink, _shopId) = (_scenario.Host, _scenario.Sink, _scenario.ShopId);
    }

    public Task DisposeAsync() => _scenario.DisposeAsync().AsTask();

    [Fact]
    public async Task ShipmentException_OpensOneLogisticsTaskDueIn48Hours_WithTheShipmentAsEvidence_AndSendsTheBuyerNothing()
    {
        var at = DateTimeOffset.UtcNow.AddHours(-1);
        await PostAsync(ProductApi.OrderCreated("x-1", "X100", at.AddDays(-2)));
        await PostAsync(ProductApi.Shipped("x-2", "X100", "ship-1", "JD0001", "https://track.example/JD0001", carrier: "京东"));
        await _sink.WaitForDeliveredAsync(1);

        await PostAsync(Exception("x-3", "X100", "ship-1", "lost", "Parcel scanned at the hub, then nothing", at));
        await PostAsync(Exception("x-3", "X100", "ship-1", "lost", "Parcel scanned at the hub, then nothing", at)); // the same event again
        await PostAsync(Exception("x-4", "X100", "ship-1", "lost", "Still missing", at)); // the same problem, reported again

        var tasks = await ListAsync("state=open");
        var task = Assert.Single(tasks);
        Assert.Equal("shipment_exception", task.GetProperty("kind").GetString());
        Assert.Equal("X100", task.GetProperty("orderId").GetString());
        Assert.Equal(1, task.GetProperty("priority").GetInt32());
        Assert.Equal(at.AddHours(48), task.GetProperty("dueAt").GetDateTimeOffset(), TimeSpan.FromSeconds(1));
        var evidence = task.GetProperty("evidence").EnumerateArray().ToDictionary(e => e.GetProperty("label").GetString()!, e => e.GetProperty("value").GetString());
        Assert.Equal("lost", evidence["status"]);
        Assert.Equal("JD0001", evidence["tracking number"]);
        Assert.Equal("Parcel scanned at the hub, then nothing", evidence["detail"]);
        await _host.WaitForQueueIdleAsync("outbound-messages");
        Assert.Single(_sink.Delivered); // the shipping notice only
    }

    [Fact]
    public async Task ShippedWithoutDelivery_OpensADeliveryTaskWhenItsCheckComesDue_AndADeliveredOrderOpensNone()
    {
        var elevenDaysAgo = DateTimeOffset.UtcNow.AddDays(-11);
        await PostAsync(ProductApi.OrderCreated("u-1", "U100", elevenDaysAgo.AddDays(-1)));
        await PostAsync(WithOccurredAt(ProductApi.Shipped("u-2", "U100", "ship-1", "YD0001", "https://track.example/YD0001"), elevenDaysAgo));
        await PostAsync(ProductApi.OrderCreated("u-3", "U200", elevenDaysAgo.AddDays(-1)));
        await PostAsync(WithOccurredAt(ProductApi.Shipped("u-4", "U200", "ship-1", "YD0002", "https://track.example/YD0002"), elevenDaysAgo));
        await PostAsync(ProductApi.StatusEvent("u-5", "order.delivered", "U200"));

        await _host.InvokeTimerAsHostAsync("PaymentReminderSweep"); // returns once the sweep has handed everything off
        await _host.WaitForQueueIdleAsync("outbound-messages");
        await _host.InvokeTimerAsHostAsync("PaymentReminderSweep"); // returns once the sweep has handed everything off // running it again opens nothing new
        await _host.WaitForQueueIdleAsync("outbound-messages");

        var task = Assert.Single(await ListAsync("state=open"));
        Assert.Equal(("delivery_unconfirmed", "U100"), (task.GetProperty("kind").GetString(), task.GetProperty("orderId").GetString()));
        var check = (await _host.GetOrderAsync(_shopId, "U100")).Message("delivery_check", 1);
        Assert.Equal(("sent", "task_opened"), (check.GetProperty("state").GetString(), check.GetProperty("reason").GetString()));
        var delivered = (await _host.GetOrderAsync(_shopId, "U200")).Message("delivery_check", 1);
        Assert.Equal(("skipped", "order_delivered"), (delivered.GetProperty("state").GetString(), delivered.GetProperty("reason").GetString()));
    }

    [Fact]
    public async Task TaskList_AgentKeySeesOnlyItsOwnTasks_AndAnotherShopsKeyNothing()
    {
        await PostAsync(ProductApi.OrderCreated("a-1", "A100", DateTimeOffset.UtcNow.AddDays(-1)));
        await PostAsync(Exception("a-2", "A100", "ship-9", "damaged", null, DateTimeOffset.UtcNow));
        var agentKey = await _host.AgentKeyAsync(_shopId, "agent-1");

        using var own = await _host.Client.SendAsync(ProductHost.WithKeys(new(HttpMethod.Get, $"/api/shops/{_shopId}/tasks?state=open"), agentKey));
        using var other = await _host.Client.SendAsync(ProductHost.WithKeys(new(HttpMethod.Get, $"/api/shops/{_shopId}/tasks?agent=agent-2"), agentKey));
        using var foreign = await _host.Client.SendAsync(ProductHost.WithKeys(new(HttpMethod.Get, $"/api/shops/{_shopId}/tasks"), await _host.ShopKeyAsync("tasks-elsewhere")));
        using var badState = await _host.Client.SendAsync(await _host.ShopRequestAsync(HttpMethod.Get, _shopId, $"/api/shops/{_shopId}/tasks?state=later"));

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Empty((await own.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("tasks").EnumerateArray()); // nothing is assigned to agent-1 yet
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badState.StatusCode);
        Assert.Single(await ListAsync(""));
    }

    [Fact]
    public async Task ShipmentException_WithAnUnknownStatus_Answers400NamingIt_AndOpensNothing()
    {
        await PostAsync(ProductApi.OrderCreated("b-1", "B100", DateTimeOffset.UtcNow.AddDays(-1)));

        using var response = await _host.Client.PostEventAsync(_shopId, Exception("b-2", "B100", "ship-1", "vanished", null, DateTimeOffset.UtcNow));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["shipment.status"], (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(e => e.Name));
        Assert.Empty(await ListAsync(""));
    }

    private static JsonObject Exception(string eventId, string orderId, string shipmentId, string status, string? detail, DateTimeOffset at)
    {
        var evt = ProductApi.StatusEvent(eventId, "shipment.exception", orderId);
        evt["shipment"] = new JsonObject { ["id"] = shipmentId, ["status"] = status, ["detail"] = detail, ["at"] = at.ToString("O", CultureInfo.InvariantCulture) };
        return evt;
    }

    private static JsonObject WithOccurredAt(JsonObject evt, DateTimeOffset at)
    {
        evt["occurredAt"] = at.ToString("O", CultureInfo.InvariantCulture);
        return evt;
    }

    private Task<List<JsonElement>> ListAsync(string query) => _scenario.TasksAsync(query);

    private Task PostAsync(JsonObject evt) => _scenario.PostAsync(evt);
}
