using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Automation.Functions.Tests.Support;
using Automation.Testing;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Automation.Functions.Tests.Benchmarks;

/// <summary>
/// Figures for the payment-reminder job: storage transactions per webhook and per reminder sent, webhook latency
/// under concurrency, and how a sweep's cost grows with stored versus due orders. Not part of <c>./test.sh</c>
/// (Category=Benchmark); run with <c>./bench.sh</c>. It asserts correctness only, never timings; the figures go to
/// the test output and to artifacts/benchmarks.md. Azurite is not Azure: latencies are indicative, transaction
/// counts are exact (they are what the code sends).
/// </summary>
[Trait("Category", "Benchmark")]
[Collection("Azurite")]
public sealed class PaymentReminderBenchmarks(AzuriteFixture azurite, ITestOutputHelper output)
{
    private const int Concurrency = 8;
    private readonly StringBuilder _report = new();

    [Fact]
    public async Task PaymentReminders_StorageCostLatencyAndSweepGrowth()
    {
        // The app's storage goes through a counting proxy; the benchmark's own queue reads go straight to Azurite.
        await using var counter = await StorageCountingProxy.StartAsync(azurite);
        await using var sink = await MessageSink.StartAsync();
        await using var host = await ProductHost.StartAsync(
            azurite,
            // The benchmark drains the delivery queue itself and invokes DeliverMessage as the host would, so the
            // host's own polling is not mixed into the product's figures.
            new Dictionary<string, string?> { ["AzureWebJobs.DeliverMessage.Disabled"] = "true" },
            workerStorageConnection: counter.ConnectionString);
        var outbound = host.Storage.GetRequiredService<QueueServiceClient>().GetQueueClient("outbound-messages");
        var shopId = "bench-" + Guid.NewGuid().ToString("N")[..8];
        Assert.Equal(HttpStatusCode.Created, (await host.PutShopAsync(shopId, ProductApi.Shop(sink.Url))).StatusCode);

        // Warm-up: tables, queue and the sweep watermark exist; one reminder goes all the way.
        await PostAsync(host, shopId, ProductApi.OrderCreated("warm", "WARM", DateTimeOffset.UtcNow.AddHours(-2)));
        await host.InvokeTimerAsHostAsync("PaymentReminderSweep");
        await DeliverAllAsync(host, outbound);

        _report.AppendLine("# Payment reminders: measured figures").AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Azurite 3.35 in memory on loopback, {Environment.ProcessorCount} cores; {DateTime.UtcNow:yyyy-MM-dd}.").AppendLine()
            .AppendLine("## Storage transactions per webhook").AppendLine()
            .AppendLine("With the shop's settings already cached by the instance (default 15 s); a cold cache adds 1 (the shop row).").AppendLine()
            .AppendLine("| event | transactions | detail |").AppendLine("|---|---|---|");
        await MeasureAsync(counter, "order.created (1 step due, 1 later)", () => PostAsync(host, shopId, ProductApi.OrderCreated("c-1", "T1", DateTimeOffset.UtcNow.AddHours(-2))));
        await MeasureAsync(counter, "order.created, same event again (duplicate)", () => PostAsync(host, shopId, ProductApi.OrderCreated("c-1", "T1", DateTimeOffset.UtcNow.AddHours(-2))));
        await MeasureAsync(counter, "order.paid (skips the 2 scheduled steps)", () => PostAsync(host, shopId, ProductApi.StatusEvent("p-1", "order.paid", "T1")));
        await MeasureAsync(counter, "order.paid for an order not seen yet (out of order)", () => PostAsync(host, shopId, ProductApi.StatusEvent("s-1", "order.paid", "T2")));

        // Flush phase A (its paid order's entry is still in the index and is handed off, then skipped).
        await host.InvokeTimerAsHostAsync("PaymentReminderSweep");
        await DeliverAllAsync(host, outbound);

        // Per reminder sent: the sweep's hand-off plus one delivery.
        const int due = 20;
        for (var i = 0; i < due; i++)
        {
            await PostAsync(host, shopId, ProductApi.OrderCreated($"d-{i}", $"D{i}", DateTimeOffset.UtcNow.AddHours(-2)));
        }

        counter.Reset();
        await host.InvokeTimerAsHostAsync("PaymentReminderSweep");
        var sweep = counter.Total;
        counter.Reset();
        var sentBefore = sink.Delivered.Count;
        var delivered = await DeliverAllAsync(host, outbound);
        var delivery = counter.Total;
        Assert.Equal(due, delivered);
        Assert.Equal(due, sink.Delivered.Count - sentBefore);
        _report.AppendLine().AppendLine("## Storage transactions per reminder sent").AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"- sweep handing off {due} due reminders: {sweep} transactions ({(double)sweep / due:0.00} per reminder)")
            .AppendLine(CultureInfo.InvariantCulture, $"- delivery of those {due} (step 1, shop settings cached): {delivery} transactions ({(double)delivery / due:0.00} per reminder) {Detail(counter)}")
            .AppendLine("- plus the Functions host's queue trigger: 1 receive per batch of up to 32 messages and 1 delete per message (not counted here: the benchmark drains the queue itself)");

        // The other jobs on the same mechanism: a shipping notice and a follow-up, each from its webhook to its delivery.
        _report.AppendLine().AppendLine("## Storage transactions per shipping notice and follow-up").AppendLine()
            .AppendLine("| step | transactions | detail |").AppendLine("|---|---|---|");
        await PostAsync(host, shopId, ProductApi.OrderCreated("n-1", "N1", DateTimeOffset.UtcNow.AddDays(-4)));
        await PostAsync(host, shopId, ProductApi.StatusEvent("n-2", "order.paid", "N1"));
        await host.InvokeTimerAsHostAsync("PaymentReminderSweep"); // hands off (and skips) its reminders' index entries first
        await DeliverAllAsync(host, outbound);
        await MeasureAsync(counter, "order.shipped (notice planned, queued at once and its index entry removed; delivery check planned)",
            () => PostAsync(host, shopId, ProductApi.Shipped("n-3", "N1", "ship-1", "SF0001", trackingUrl: null)));
        await MeasureAsync(counter, "shipping notice delivered (transactional: no budget read)", () => DeliverAllAsync(host, outbound));
        var delivered3DaysAgo = ProductApi.StatusEvent("n-4", "order.delivered", "N1");
        delivered3DaysAgo["occurredAt"] = DateTimeOffset.UtcNow.AddDays(-3).AddMinutes(-1).ToString("O", CultureInfo.InvariantCulture);
        await MeasureAsync(counter, "order.delivered 3 days ago (follow-up planned, already due; delivery check skipped)",
            () => PostAsync(host, shopId, delivered3DaysAgo));
        await MeasureAsync(counter, "sweep handing off that one follow-up", () => host.InvokeTimerAsHostAsync("PaymentReminderSweep"));
        await MeasureAsync(counter, "follow-up delivered (with the customer's contact budget)", async () => Assert.Equal(1, await DeliverAllAsync(host, outbound)));

        // Review replies: one posted at once, one drafted and approved; the reply is a prepared outbox row of the order.
        _report.AppendLine().AppendLine("## Storage transactions per review reply").AppendLine()
            .AppendLine("| step | transactions | detail |").AppendLine("|---|---|---|");
        await MeasureAsync(counter, "review.posted, positive (classified, reply composed, queued at once, its index entry removed)",
            () => PostAsync(host, shopId, ProductApi.ReviewPosted("rv-e1", "rv-1", "N1", 5, "质量很好，很满意，下次还来")));
        await MeasureAsync(counter, "review reply delivered (prepared text: no order or budget read)", async () => Assert.Equal(1, await DeliverAllAsync(host, outbound)));
        await MeasureAsync(counter, "review.posted, negative (draft awaiting approval, approval and follow-up tasks)",
            () => PostAsync(host, shopId, ProductApi.ReviewPosted("rv-e2", "rv-2", "N1", 1, "质量太差了，穿一次就开线了")));
        await MeasureAsync(counter, "POST …/reviews/rv-2/reply (key check, review, reply row, index, 1 transaction, hand-off, 2 task reads for the answer)",
            async () =>
            {
                using var approve = await host.Client.SendAsync(await host.ShopRequestAsync(HttpMethod.Post, shopId, $"/api/shops/{shopId}/reviews/rv-2/reply"));
                Assert.Equal(HttpStatusCode.Accepted, approve.StatusCode);
            });
        await MeasureAsync(counter, "approved reply delivered", async () => Assert.Equal(1, await DeliverAllAsync(host, outbound)));

        // Webhook latency, one at a time and at a fixed concurrency.
        _report.AppendLine().AppendLine("## Webhook latency (order.created, signed, end to end over HTTP through the development host to the worker)").AppendLine()
            .AppendLine("| requests | concurrency | p50 (ms) | p99 (ms) | max (ms) | requests/s |").AppendLine("|---|---|---|---|---|---|");
        var webhooks = 0;

        // Timed on a second host that talks to Azurite directly, so the counting proxy's hop is not in the figures.
        await using (var direct = await ProductHost.StartAsync(azurite, new Dictionary<string, string?> { ["AzureWebJobs.DeliverMessage.Disabled"] = "true" }))
        {
            await PostManyAsync(direct, shopId, "warm", 20, DateTimeOffset.UtcNow, 1);
            webhooks += 20;
            foreach (var (count, concurrency) in new[] { (100, 1), (400, Concurrency) })
            {
                var latencies = await PostManyAsync(direct, shopId, $"lat{concurrency}", count, DateTimeOffset.UtcNow, concurrency);
                webhooks += count;
                _report.AppendLine(CultureInfo.InvariantCulture,
                    $"| {count} | {concurrency} | {Percentile(latencies.Times, 50):0.0} | {Percentile(latencies.Times, 99):0.0} | {latencies.Times.Max():0.0} | {count / latencies.Wall.TotalSeconds:0} |");
            }
        }

        // Sweep cost against stored (not yet due) and due orders.
        _report.AppendLine().AppendLine("## Sweep cost: stored versus due orders").AppendLine()
            .AppendLine("| orders stored (not due) | reminders due | sweep transactions | sweep time (ms) |").AppendLine("|---|---|---|---|");
        var stored = webhooks + due + 3;
        await MeasureSweepAsync(host, counter, outbound, shopId, stored, dueCount: 10, tag: "a");
        await MeasureSweepAsync(host, counter, outbound, shopId, stored, dueCount: 100, tag: "b");
        await PostManyAsync(host, shopId, "bulk", 3000, DateTimeOffset.UtcNow);
        stored += 3000;
        await MeasureSweepAsync(host, counter, outbound, shopId, stored, dueCount: 10, tag: "c");
        await MeasureSweepAsync(host, counter, outbound, shopId, stored, dueCount: 100, tag: "d");

        var text = _report.ToString();
        output.WriteLine(text);
        var artifacts = Directory.CreateDirectory(Path.Combine(RepositoryPaths.Root, "artifacts")).FullName;
        await File.WriteAllTextAsync(Path.Combine(artifacts, "benchmarks.md"), text);
        Assert.Equal(1 + due + 2 + 2 + 10 + 100 + 10 + 100, sink.Delivered.Count);
    }

    private async Task MeasureSweepAsync(ProductHost host, StorageCountingProxy counter, QueueClient outbound, string shopId, int stored, int dueCount, string tag)
    {
        for (var i = 0; i < dueCount; i++)
        {
            await PostAsync(host, shopId, ProductApi.OrderCreated($"sw-{tag}-{i}", $"SW{tag}{i}", DateTimeOffset.UtcNow.AddHours(-2)));
        }

        counter.Reset();
        var watch = Stopwatch.StartNew();
        await host.InvokeTimerAsHostAsync("PaymentReminderSweep");
        watch.Stop();
        var transactions = counter.Total;
        Assert.Equal(dueCount, await DeliverAllAsync(host, outbound));
        _report.AppendLine(CultureInfo.InvariantCulture, $"| {stored} | {dueCount} | {transactions} | {watch.Elapsed.TotalMilliseconds:0} |");
    }

    private async Task MeasureAsync(StorageCountingProxy counter, string name, Func<Task> action)
    {
        counter.Reset();
        await action();
        _report.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {counter.Total} | {Detail(counter)} |");
    }

    private static string Detail(StorageCountingProxy counter) => counter.Describe();

    private static async Task PostAsync(ProductHost host, string shopId, System.Text.Json.Nodes.JsonObject evt)
    {
        using var response = await host.Client.PostEventAsync(shopId, evt);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    private static async Task<(List<double> Times, TimeSpan Wall)> PostManyAsync(
        ProductHost host, string shopId, string tag, int count, DateTimeOffset placedAt, int concurrency = Concurrency)
    {
        var times = new List<double>(count);
        var wall = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, _) =>
        {
            var evt = ProductApi.OrderCreated($"{tag}-{i}", $"{tag.ToUpperInvariant()}{i}", placedAt);
            var watch = Stopwatch.StartNew();
            using var response = await host.Client.PostEventAsync(shopId, evt);
            watch.Stop();
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            lock (times)
            {
                times.Add(watch.Elapsed.TotalMilliseconds);
            }
        });
        return (times, wall.Elapsed);
    }

    /// <summary>Receives every queued delivery request and invokes DeliverMessage for it as the Functions host would.</summary>
    private static async Task<int> DeliverAllAsync(ProductHost host, QueueClient outbound)
    {
        var count = 0;
        while (true)
        {
            QueueMessage[] batch = (await outbound.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(1))).Value;
            if (batch.Length == 0)
            {
                return count;
            }

            foreach (var message in batch)
            {
                Assert.True(await host.InvokeQueueAsHostAsync("DeliverMessage", message.MessageText));
                await outbound.DeleteMessageAsync(message.MessageId, message.PopReceipt);
                count++;
            }
        }
    }

    private static double Percentile(List<double> values, int percentile)
    {
        var sorted = values.Order().ToList();
        var index = (int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1;
        return sorted[Math.Clamp(index, 0, sorted.Count - 1)];
    }
}
