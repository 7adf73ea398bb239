using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Automation.Functions.Tests.Support;
using Automation.Testing;

namespace Automation.Functions.Tests.Features;

/// <summary>What customers write back: replies to follow-ups become tasks or notes, and opt-out keywords opt them out.</summary>
[Collection("Azurite")]
public sealed class CustomerMessageFlowTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private ShopScenario _scenario = null!;
    private ProductHost _host = null!;
    private MessageSink _sink = null!;
    private string _shopId = null!;

    public async Task InitializeAsync()
    {
        _scenario = await ShopScenario.StartAsync(azurite, "replies");
        (_host, _sink, _shopId) = (_scenario.Host, _scenario.Sink, _scenario.ShopId);
    }

    public Task DisposeAsync() => _scenario.DisposeAsync().AsTask();

    [Fact]
    public async Task UnhappyReplyToTheFollowUp_OpensOneTaskWithTheTextAsEvidence()
    {
        await DeliveredWithFollowUpSentAsync("M100");
        const string text = "收到了，但是袖口开线了，有点失望";

        using var first = await _host.Client.PostEventAsync(_shopId, Message("m-1", "M100", "msg-1", text));
        using var again = await _host.Client.PostEventAsync(_shopId, Message("m-1", "M100", "msg-1", text));

        Assert.Equal("accepted", (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        Assert.Equal("duplicate", (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        var task = Assert.Single(await TasksAsync());
        Assert.Equal(("unhappy_follow_up", "M100"), (task.GetProperty("kind").GetString(), task.GetProperty("orderId").GetString()));
        var evidence = task.GetProperty("evidence").EnumerateArray().ToList();
        Assert.Contains(evidence, e => e.GetProperty("label").GetString() == "message" && e.GetProperty("value").GetString() == text);
        Assert.Contains(evidence, e => e.GetProperty("label").GetString() == "in reply to" && e.GetProperty("value").GetString() == "the follow-up");
        var events = (await _host.GetOrderAsync(_shopId, "M100")).GetProperty("events").EnumerateArray();
        Assert.Contains(events, e => e.GetProperty("outcome").GetString() == "reply to the follow-up, unhappy: task opened");
    }

    [Fact]
    public async Task HappyReply_OpensNoTask()
    {
        await DeliveredWithFollowUpSentAsync("M200");

        await PostAsync(Message("h-1", "M200", "msg-2", "Everything arrived perfectly, love it! 😊"));

        Assert.Empty(await TasksAsync());
        var events = (await _host.GetOrderAsync(_shopId, "M200")).GetProperty("events").EnumerateArray();
        Assert.Contains(events, e => e.GetProperty("outcome").GetString() == "reply to the follow-up, happy: noted on the customer");
    }

    [Fact]
    public async Task OptOutKeyword_StopsLaterRemindersToThatCustomer()
    {
        await PostAsync(ProductApi.OrderCreated("k-1", "K100", DateTimeOffset.UtcNow.AddDays(-5), customerId: "c-stop"));
        await PostAsync(Message("k-2", "K100", "msg-3", " 退订 ", customerId: "c-stop"));

        await PostAsync(ProductApi.OrderCreated("k-3", "K200", DateTimeOffset.UtcNow.AddHours(-2), customerId: "c-stop"));
        await _host.InvokeTimerAsHostAsync("PaymentReminderSweep"); // returns once the sweep has handed everything off
        await _host.WaitForQueueIdleAsync("outbound-messages");

        var reminder = (await _host.GetOrderAsync(_shopId, "K200")).Message("payment_reminder", 1);
        Assert.Equal(("skipped", "customer_opted_out"), (reminder.GetProperty("state").GetString(), reminder.GetProperty("reason").GetString()));
    }

    [Fact]
    public async Task CustomerMessage_WithoutText_Answers400NamingIt()
    {
        using var response = await _host.Client.PostEventAsync(_shopId, Message("bad-1", "M300", "msg-4", "  "));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["message.text"], (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(e => e.Name));
    }

    private async Task DeliveredWithFollowUpSentAsync(string orderId)
    {
        var at = DateTimeOffset.UtcNow.AddDays(-3).AddMinutes(-5);
        await PostAsync(ProductApi.OrderCreated("c-" + orderId, orderId, at.AddDays(-3)));
        await PostAsync(ProductApi.StatusEvent("p-" + orderId, "order.paid", orderId));
        var delivered = ProductApi.StatusEvent("d-" + orderId, "order.delivered", orderId);
        delivered["occurredAt"] = at.ToString("O", CultureInfo.InvariantCulture);
        await PostAsync(delivered);
        await _host.InvokeTimerAsHostAsync("PaymentReminderSweep"); // returns once the sweep has handed everything off
        await _sink.WaitForDeliveredAsync(_sink.Delivered.Count + 1);
        await _host.WaitForQueueIdleAsync("outbound-messages");
        Assert.Equal("sent", (await _host.GetOrderAsync(_shopId, orderId)).Message("follow_up", 1).GetProperty("state").GetString());
    }

    private static JsonObject Message(string eventId, string orderId, string messageId, string text, string? customerId = null) => new()
    {
        ["id"] = eventId,
        ["type"] = "customer.message",
        ["occurredAt"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
        ["order"] = new JsonObject { ["id"] = orderId },
        ["customer"] = new JsonObject { ["id"] = customerId ?? "c-" + orderId },
        ["message"] = new JsonObject { ["id"] = messageId, ["text"] = text, ["receivedAt"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture) },
    };

    private Task<List<JsonElement>> TasksAsync() => _scenario.TasksAsync("state=open");

    private Task PostAsync(JsonObject evt) => _scenario.PostAsync(evt);
}
