using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Automation.Functions.Tests.Support;
using Automation.Testing;
using Xunit.Abstractions;

namespace Automation.Functions.Tests.Benchmarks;

/// <summary>
/// What a morning sweep costs for a shop with 1,000 and with 10,000 open cases and 20 agents: its duration (the admin
/// endpoint's round trip through the development host and the worker) and its storage calls (every call of the app,
/// counted by a proxy), then a second run the same day. The cases arrive as signed webhooks first. Figures go to the
/// test output and artifacts/morning-sweep.md; the assertions are about correctness only.
/// </summary>
[Trait("Category", "Benchmark")]
[Collection("Azurite")]
public sealed class MorningSweepBenchmarks(AzuriteFixture azurite, ITestOutputHelper output)
{
    private const int Agents = 20;

    [Fact]
    public async Task MorningSweep_1000And10000OpenCases_20Agents()
    {
        await using var counter = await StorageCountingProxy.StartAsync(azurite);
        await using var sink = await MessageSink.StartAsync();
        await using var host = await ProductHost.StartAsync(azurite, workerStorageConnection: counter.ConnectionString);
        var report = new StringBuilder()
            .AppendLine("# Morning sweep: measured figures").AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Azurite 3.35 in memory on loopback, {Environment.ProcessorCount} cores; {DateTime.UtcNow:yyyy-MM-dd}. 20 agents (10 after-sale, 6 complaints, 4 supervisors), each with a signed-webhook channel to a local sink.").AppendLine()
            .AppendLine("| open cases | run | ranked | assigned | unassigned | tasks opened | messages | duration (ms) | storage calls | detail |")
            .AppendLine("|---|---|---|---|---|---|---|---|---|---|");

        foreach (var cases in new[] { 1_000, 10_000 })
        {
            var shopId = $"sweep{cases}-" + Guid.NewGuid().ToString("N")[..6];
            var shop = ProductApi.Shop(sink.Url);
            shop["agents"] = new JsonArray([.. Enumerable.Range(0, Agents).Select(i => (JsonNode)AgentJson(i, sink.Url))]);
            Assert.Equal(HttpStatusCode.Created, (await host.PutShopAsync(shopId, shop)).StatusCode);
            await OpenCasesAsync(host, shopId, cases);

            foreach (var run in new[] { "first", "again the same day" })
            {
                counter.Reset();
                var watch = Stopwatch.StartNew();
                using var response = await host.AdminAsync(HttpMethod.Post, $"/api/shops/{shopId}/sweep");
                watch.Stop();
                Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
                var result = await response.Content.ReadFromJsonAsync<JsonElement>();
                report.AppendLine(CultureInfo.InvariantCulture,
                    $"| {cases:N0} | {run} | {result.GetProperty("ranked").GetInt32()} | {result.GetProperty("assigned").GetInt32()} | {result.GetProperty("unassigned").GetInt32()} | {result.GetProperty("tasksOpened").GetInt32()} | {result.GetProperty("messagesSent").GetInt32()} | {watch.Elapsed.TotalMilliseconds:0} | {counter.Total} | {counter.Describe()} |");

                // Written as each row comes: seeding 10,000 cases through Azurite (which scans its in-memory partition on
                // every call) takes long, and the smaller size's figures should not wait for it.
                await WriteAsync(report);
            }
        }

        output.WriteLine(report.ToString());
    }

    private static async Task WriteAsync(StringBuilder report)
    {
        var artifacts = Directory.CreateDirectory(Path.Combine(RepositoryPaths.Root, "artifacts")).FullName;
        await File.WriteAllTextAsync(Path.Combine(artifacts, "morning-sweep.md"), report.ToString());
    }

    /// <summary>Open cases as a platform sends them: a third overdue (opened two days ago), some disputes, the rest fresh.</summary>
    private static Task OpenCasesAsync(ProductHost host, string shopId, int count) =>
        Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
        {
            var openedAt = i % 3 == 0 ? DateTimeOffset.UtcNow.AddDays(-2) : DateTimeOffset.UtcNow.AddMinutes(-(i % 90));
            var kind = (i % 3) switch { 0 => "refund_only", 1 => "return_refund", _ => "exchange" };
            var evt = ProductApi.CaseOpened($"c-{i}", $"CS-{i}", $"O-{i}", kind, openedAt, escalated: i % 50 == 0);
            using var response = await host.Client.PostEventAsync(shopId, evt);
            Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync(ct));
        });

    private static JsonObject AgentJson(int i, Uri sink)
    {
        var role = i < 10 ? "after_sale" : i < 16 ? "complaints" : "supervisor";
        return new JsonObject
        {
            ["id"] = $"agent-{i:D2}",
            ["name"] = $"Agent {i}",
            ["roles"] = new JsonArray(role),
            ["maxOpenTasks"] = 500,
            ["channel"] = new JsonObject { ["type"] = "webhook", ["url"] = sink.ToString(), ["secret"] = "agent-webhook-secret-0123456789" },
        };
    }
}
