using System.Globalization;
using System.Net;
using Automation.Functions.Tests.Support;
using Automation.Testing;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Automation.Functions.Tests.Benchmarks;

/// <summary>
/// What overlapping sweeps cost (the admin API while the timer runs, or the timer on several instances): storage
/// calls and queue messages for N sweeps started together over 100 due reminders, against one sweep alone. The
/// figures go to the test output; the assertions are about correctness only (each reminder queued once).
/// </summary>
[Trait("Category", "Benchmark")]
[Collection("Azurite")]
public sealed class OverlappingSweepBenchmarks(AzuriteFixture azurite, ITestOutputHelper output)
{
    private const int Due = 100;

    [Fact]
    public async Task OverlappingSweeps_StorageCallsAndQueueMessages()
    {
        await using var counter = await StorageCountingProxy.StartAsync(azurite);
        await using var host = await ProductHost.StartAsync(
            azurite,
            new Dictionary<string, string?> { ["AzureWebJobs.DeliverMessage.Disabled"] = "true" },
            workerStorageConnection: counter.ConnectionString);
        var outbound = host.Storage.GetRequiredService<QueueServiceClient>().GetQueueClient("outbound-messages");
        var shopId = "overlap-" + Guid.NewGuid().ToString("N")[..8];
        Assert.Equal(HttpStatusCode.Created, (await host.PutShopAsync(shopId, ProductApi.Shop())).StatusCode);

        output.WriteLine($"Overlapping sweeps over {Due} due reminders (Azurite, through the counting proxy; DeliverMessage off)");
        output.WriteLine("| sweeps started together | storage calls | table calls | queue messages sent | distinct reminders queued |");
        output.WriteLine("|---|---|---|---|---|");
        foreach (var sweeps in new[] { 1, 2, 8, 24 })
        {
            // A clean start: earlier due work swept and the queue drained, so only this round is counted.
            await host.InvokeTimerAsHostAsync("PaymentReminderSweep");
            await outbound.CreateIfNotExistsAsync();
            await outbound.ClearMessagesAsync();
            for (var i = 0; i < Due; i++)
            {
                using var response = await host.Client.PostEventAsync(shopId, ProductApi.OrderCreated($"e{sweeps}-{i}", $"O{sweeps}-{i}", DateTimeOffset.UtcNow.AddHours(-2)));
                Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            }

            counter.Reset();
            await Task.WhenAll(Enumerable.Range(0, sweeps).Select(_ => host.InvokeTimerAsHostAsync("PaymentReminderSweep")));
            var calls = counter.Total;
            var tableCalls = counter.OfService("table");
            var sent = counter.Of("outbound-messages", "POST");
            var queued = await QueuedAsync(outbound);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {sweeps} | {calls} | {tableCalls} | {sent} | {queued.Distinct().Count()} |"));
            Assert.Equal(Due, queued.Distinct().Count());
        }
    }

    private static async Task<List<string>> QueuedAsync(QueueClient queue)
    {
        var texts = new List<string>();
        while (true)
        {
            var batch = (await queue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(5))).Value;
            if (batch.Length == 0)
            {
                return texts;
            }

            texts.AddRange(batch.Select(m => m.MessageText));
        }
    }
}
