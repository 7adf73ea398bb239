using System.Net;
using System.Text.Json;
using Automation.Functions.Tests.Support;
using Automation.Testing;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;

namespace Automation.Functions.Tests.Features;

/// <summary>Sweeps that overlap (the admin API while the timer runs, a timer on a second instance) through the real
/// worker: what reaches the delivery queue, not only what reaches the customer.</summary>
[Collection("Azurite")]
public sealed class OverlappingSweepTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly string _shopId = "shop-" + Guid.NewGuid().ToString("N")[..12];
    private ProductHost _host = null!;

    private QueueClient Outbound => _host.Storage.GetRequiredService<QueueServiceClient>().GetQueueClient("outbound-messages");

    public async Task InitializeAsync()
    {
        // Nothing consumes the queue, so what the sweeps put there can be counted.
        _host = await ProductHost.StartAsync(azurite, new Dictionary<string, string?> { ["AzureWebJobs.DeliverMessage.Disabled"] = "true" });
        Assert.Equal(HttpStatusCode.Created, (await _host.PutShopAsync(_shopId, ProductApi.Shop())).StatusCode);

        // Due work other test classes left in the index is swept away first.
        await _host.InvokeTimerAsHostAsync("PaymentReminderSweep");
        await Outbound.CreateIfNotExistsAsync();
        await Outbound.ClearMessagesAsync();
    }

    public async Task DisposeAsync()
    {
        await Outbound.ClearMessagesAsync();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task PaymentReminderSweep_EightAtOnce_QueuesEachDueReminderExactlyOnce()
    {
        const int due = 30;
        for (var i = 0; i < due; i++)
        {
            using var response = await _host.Client.PostEventAsync(_shopId, ProductApi.OrderCreated($"evt-{i}", $"O{i}", DateTimeOffset.UtcNow.AddHours(-2)));
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => _host.InvokeTimerAsHostAsync("PaymentReminderSweep")));
        await _host.InvokeTimerAsHostAsync("PaymentReminderSweep"); // One more after them finds nothing left.

        var queued = new List<string>();
        while ((await Outbound.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(5))).Value is { Length: > 0 } batch)
        {
            queued.AddRange(batch
                .Select(m => JsonDocument.Parse(m.MessageText).RootElement)
                .Where(m => m.GetProperty("shopId").GetString() == _shopId)
                .Select(m => m.GetProperty("orderId").GetString() + ":" + m.GetProperty("step").GetInt32()));
        }

        Assert.Equal(due, queued.Count);
        Assert.Equal(Enumerable.Range(0, due).Select(i => $"O{i}:1").Order(), queued.Order());
    }
}
