using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Automation.Functions.Tests.Support;
using Automation.Testing;

namespace Automation.Functions.Tests.Features;

/// <summary>The per-customer contact budget and opt-out, shared by every non-transactional message, through the real worker.</summary>
[Collection("Azurite")]
public sealed class ContactBudgetFlowTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private ShopScenario _scenario = null!;
    private ProductHost _host = null!;
    private MessageSink _sink = null!;
    private string _shopId = null!;

    public async Task InitializeAsync()
    {
        _scenario = await ShopScenario.StartAsync(
            azurite, "budget", shop => shop["contactBudget"] = new JsonObject { ["maxPerWindow"] = 2, ["window"] = "PT24H" }, maxPerOrder: 1);
        (_host, _sink, _shopId) = (_scenario.Host, _scenario.Sink, _scenario.ShopId);
    }

    public Task DisposeAsync() => _scenario.DisposeAsync().AsTask();

    [Fact]
    public async Task RemindersForOneCustomer_DueTogether_SendOnlyWhatTheBudgetAllows_AndSkipTheRestWithTheReason()
    {
        string[] orders = ["B1", "B2", "B3", "B4"];
        foreach (var orderId in orders)
        {
            await PostAsync(ProductApi.OrderCreated("e-" + orderId, orderId, DateTimeOffset.UtcNow.AddHours(-2), customerId: "c-9"));
        }

        await _host.InvokeTimerAsHostAsync("PaymentReminderSweep"); // returns once the sweep has handed everything off
        await _sink.WaitForDeliveredAsync(2);
        await _host.WaitForQueueIdleAsync("outbound-messages");

        Assert.Equal(2, _sink.Delivered.Count);
        var states = new List<(string State, string? Reason)>();
        foreach (var orderId in orders)
        {
            var step = (await _host.GetOrderAsync(_shopId, orderId)).Message("payment_reminder", 1);
            states.Add((step.GetProperty("state").GetString()!, step.GetProperty("reason").GetString()));
        }

        Assert.Equal(2, states.Count(s => s.State == "sent"));
        Assert.Equal(2, states.Count(s => s == ("skipped", "contact_budget_exceeded")));
    }

    [Fact]
    public async Task OptedOutCustomer_GetsNoReminder_ButStillGetsTheShippingNotice()
    {
        using var optOut = await _host.Client.SendAsync(await _host.ShopRequestAsync(HttpMethod.Put, _shopId, $"/api/shops/{_shopId}/customers/c-9/opt-out"));
        Assert.Equal(HttpStatusCode.OK, optOut.StatusCode);
        Assert.True((await optOut.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("optedOut").GetBoolean());

        await PostAsync(ProductApi.OrderCreated("o-1", "C1", DateTimeOffset.UtcNow.AddHours(-2), customerId: "c-9"));
        await _host.InvokeTimerAsHostAsync("PaymentReminderSweep"); // returns once the sweep has handed everything off
        await _host.WaitForQueueIdleAsync("outbound-messages");
        await PostAsync(ProductApi.Shipped("o-2", "C1", "ship-1", "ZT3001", "https://track.example/ZT3001"));
        var delivered = await _sink.WaitForDeliveredAsync(1);

        Assert.Equal("shipping_notice", Assert.Single(delivered).Json.GetProperty("kind").GetString());
        var reminder = (await _host.GetOrderAsync(_shopId, "C1")).Message("payment_reminder", 1);
        Assert.Equal(("skipped", "customer_opted_out"), (reminder.GetProperty("state").GetString(), reminder.GetProperty("reason").GetString()));
    }

    [Fact]
    public async Task OptOut_OfAnotherShopsCustomer_NeedsThatShopsKey()
    {
        var otherShop = "budget-other-" + Guid.NewGuid().ToString("N")[..6];
        var request = ProductHost.WithKeys(new HttpRequestMessage(HttpMethod.Put, $"/api/shops/{otherShop}/customers/c-9/opt-out"), await _host.ShopKeyAsync(_shopId));

        using var response = await _host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private Task PostAsync(JsonObject evt) => _scenario.PostAsync(evt);
}
