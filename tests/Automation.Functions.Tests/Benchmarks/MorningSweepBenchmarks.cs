using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Automation.Core.Agents;
using Automation.Core.Cases;
using Automation.Core.Sweep;
using Automation.Functions.Tests.Support;
using Automation.Storage.Stores;
using Automation.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Automation.Functions.Tests.Benchmarks;

/// <summary>
/// What a morning sweep costs for a shop with 1,000 and with 10,000 open cases and 20 agents: its duration (the admin
/// endpoint's round trip through the development host and the worker), its storage calls (every call of the app,
/// counted by a proxy; the sweep's own are the table calls, the queue calls are the host polling its queues meanwhile),
/// the time those calls spent in storage, and the worker's peak resident memory during the sweep; then a second run the
/// same day. The cases are seeded straight to storage with the product's own case code (<see cref="CaseSeeding"/>),
/// not through the proxy, so only the sweep is counted. A 10-case shop is swept first so that neither measured size
/// pays for the worker's first sweep (JIT, first connections). Figures go to the test output and
/// artifacts/morning-sweep.md; the assertions are about correctness only.
/// </summary>
[Trait("Category", "Benchmark")]
[Collection("Azurite")]
public sealed class MorningSweepBenchmarks(AzuriteFixture azurite, ITestOutputHelper output)
{
    private const int Agents = 20;

    /// <summary>The shop's report read on each measured shop after its sweeps: one row per size.</summary>
    private readonly List<string> _reportRows = [];

    [Fact]
    public async Task MorningSweep_1000And10000OpenCases_20Agents()
    {
        await using var counter = await StorageCountingProxy.StartAsync(azurite);
        await using var sink = await MessageSink.StartAsync();
        // host.json's 5-minute functionTimeout and the front door's 240 s wait for an answer are lifted here: on
        // Azurite the first 10,000-case sweep takes longer (every write scans the shop's partition; see
        // artifacts/morning-sweep.md), and the figure is the work's.
        await using var host = await ProductHost.StartAsync(
            azurite,
            new Dictionary<string, string?> { ["AzureFunctionsJobHost__functionTimeout"] = "01:00:00" },
            workerStorageConnection: counter.ConnectionString,
            httpActivityTimeout: TimeSpan.FromHours(1));
        var report = new StringBuilder()
            .AppendLine("# Morning sweep: measured figures").AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Azurite 3.35 in memory on loopback, {Environment.ProcessorCount} cores; {DateTime.UtcNow:yyyy-MM-dd}. 20 agents (10 after-sale, 6 complaints, 4 supervisors, at most 500 open tasks each), each with a signed-webhook channel to a local sink.")
            .AppendLine()
            .AppendLine("Cases seeded straight to Azurite with the product's own case code (CaseEventValidator, CaseLifecycle, CaseTasks, CaseStore.ApplyAsync: the rows a case.opened webhook writes, checked by CaseSeedingTests), 8 writes in flight, not through the counting proxy; a third opened two days ago, every 50th a platform dispute. A 10-case shop is swept first (not shown) so that neither size pays for the worker's first sweep.")
            .AppendLine()
            .AppendLine("Storage calls are the sweep's table calls; queue calls in the same window are the host polling its queues, not the sweep. \"in storage\" is the summed time of the table calls (the runner makes them one after another). Worker peak RSS is the worker process's VmHWM, reset before each sweep. \"plan + messages alone\" is MorningSweepPlanner.Plan and then AgentDigest.Create and AgentChannelMessages.Create for each digest, on the same open cases, timed in the test process before the sweep: the sweep's time that is neither storage nor the HTTP sends is about this.")
            .AppendLine()
            .AppendLine("The development host runs the sweep with host.json's functionTimeout (5 minutes) and its front door's wait for an answer (240 s, as the Functions host) lifted to 1 hour, so that a sweep slower than that on Azurite is measured, not cut.")
            .AppendLine()
            .AppendLine("Run with: `dotnet build Automation.sln -c Release -nologo -clp:ErrorsOnly && dotnet test tests/Automation.Functions.Tests --no-build -c Release --filter \"FullyQualifiedName~MorningSweepBenchmarks\" --logger \"console;verbosity=normal\"` (`MORNING_SWEEP_CASES=1000,10000` by default; set it to one size to measure that alone).")
            .AppendLine()
            .AppendLine("| open cases | seeding (s) | run | ranked | assigned | unassigned | tasks opened | messages (KB) | duration (ms) | in storage (ms) | plan + messages alone (ms) | storage calls | by table | queue polls | worker peak RSS (MB) |")
            .AppendLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");

        await SweepAsync(host, sink, counter, cases: 10, report: null);
        // MORNING_SWEEP_CASES=10000 measures one size alone (seeding 10,000 cases into Azurite takes many minutes).
        var sizes = Environment.GetEnvironmentVariable("MORNING_SWEEP_CASES") is { Length: > 0 } chosen
            ? chosen.Split(',').Select(n => int.Parse(n, CultureInfo.InvariantCulture)).ToArray()
            : [1_000, 10_000];
        foreach (var cases in sizes)
        {
            await SweepAsync(host, sink, counter, cases, report);
        }

        output.WriteLine(report.ToString());
    }

    private async Task SweepAsync(ProductHost host, MessageSink sink, StorageCountingProxy counter, int cases, StringBuilder? report)
    {
        var shopId = $"sweep{cases}-" + Guid.NewGuid().ToString("N")[..6];
        var shop = ProductApi.Shop(sink.Url);
        shop["agents"] = new JsonArray([.. Enumerable.Range(0, Agents).Select(i => (JsonNode)AgentJson(i, sink.Url))]);
        Assert.Equal(HttpStatusCode.Created, (await host.PutShopAsync(shopId, shop)).StatusCode);
        var seeding = Stopwatch.StartNew();
        await CaseSeeding.OpenAsync(host, shopId, Enumerable.Range(0, cases).Select(CaseOpened));
        seeding.Stop();
        output.WriteLine($"{cases} cases seeded in {seeding.Elapsed.TotalSeconds:0.0} s");
        var alone = await PlanAloneAsync(host, shopId);

        using var sweepClient = new HttpClient { BaseAddress = host.Client.BaseAddress, Timeout = Timeout.InfiniteTimeSpan };
        foreach (var run in new[] { "first", "again the same day" })
        {
            ResetPeakMemory(host.WorkerProcessId);
            sink.Received.Clear();
            counter.Reset();
            var watch = Stopwatch.StartNew();
            // Not host.Client: its 100 s timeout cut the first 10,000-case sweep short (on a loaded machine).
            using var response = await sweepClient.SendAsync(new HttpRequestMessage(HttpMethod.Post, $"/api/shops/{shopId}/sweep")
            {
                Headers = { { "x-functions-key", ProductHost.MasterKey } },
            });
            watch.Stop();
            var calls = counter.OfService("table");
            var describe = counter.DescribeByResource("table");
            var polls = counter.OfService("queue");
            var inStorage = counter.BusyTime("table");
            var peak = PeakMemoryMegabytes(host.WorkerProcessId);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} after {watch.Elapsed}: {await response.Content.ReadAsStringAsync()}\n{host.RecentOutput}");
            var result = await response.Content.ReadFromJsonAsync<JsonElement>();
            var messages = result.GetProperty("messagesSent").GetInt32();
            var kilobytes = sink.Received.Sum(m => Encoding.UTF8.GetByteCount(m.Body)) / 1024.0;
            var row = string.Create(CultureInfo.InvariantCulture,
                $"| {cases:N0} | {(run == "first" ? seeding.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) : "")} | {run} | {result.GetProperty("ranked").GetInt32()} | {result.GetProperty("assigned").GetInt32()} | {result.GetProperty("unassigned").GetInt32()} | {result.GetProperty("tasksOpened").GetInt32()} | {messages} ({kilobytes:N0}) | {watch.Elapsed.TotalMilliseconds:0} | {inStorage.TotalMilliseconds:0} | {(run == "first" ? alone : "")} | {calls} | {describe} | {polls} | {peak} |");
            output.WriteLine(row);
            if (report is not null)
            {
                report.AppendLine(row);
                await WriteAsync(report, _reportRows);
            }
        }

        if (report is not null)
        {
            _reportRows.Add(await MeasureReportAsync(host, counter, shopId, cases));
            await WriteAsync(report, _reportRows);
        }
    }

    /// <summary>GET …/report on the swept shop (its cases were all opened today and in the last two days): duration and table calls.</summary>
    private async Task<string> MeasureReportAsync(ProductHost host, StorageCountingProxy counter, string shopId, int cases)
    {
        using var reportClient = new HttpClient { BaseAddress = host.Client.BaseAddress, Timeout = Timeout.InfiniteTimeSpan };
        counter.Reset();
        var watch = Stopwatch.StartNew();
        using var response = await reportClient.SendAsync(await host.ShopRequestAsync(HttpMethod.Get, shopId, $"/api/shops/{shopId}/report"));
        watch.Stop();
        var (calls, describe) = (counter.OfService("table"), counter.DescribeByResource("table"));
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var figures = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(cases, figures.GetProperty("cases").GetProperty("opened").GetInt32());
        var row = string.Create(CultureInfo.InvariantCulture,
            $"| {cases:N0} | {watch.Elapsed.TotalMilliseconds:0} | {calls} | {describe} | {response.Content.Headers.ContentLength ?? 0:N0} |");
        output.WriteLine(row);
        return row;
    }

    /// <summary>
    /// The planner and the messages' building alone, on the shop's open cases as the runner reads them (no open tasks
    /// yet), in this process: "plan ms + messages ms".
    /// </summary>
    private static async Task<string> PlanAloneAsync(ProductHost host, string shopId)
    {
        var shop = await host.Storage.GetRequiredService<ShopStore>().GetAsync(shopId, CancellationToken.None) ?? throw new InvalidOperationException(shopId);
        var open = await host.Storage.GetRequiredService<CaseStore>().ListOpenAsync(shopId, CancellationToken.None);
        var now = DateTimeOffset.UtcNow;
        var (zone, day) = (shop.TimeZone, MorningSweepSchedule.LocalDay(now, shop.TimeZone));
        var clearBy = MorningSweepSchedule.DeadlineOf(day, shop.MorningSweep, zone);
        var cases = open.Select(c => (c.Summary, CaseDeadlines.For(c.Summary, shop.ServiceTargets, zone, now))).ToList();
        var plan = Stopwatch.StartNew();
        var planned = MorningSweepPlanner.Plan(shop, day, [], cases, clearBy, now);
        plan.Stop();
        var messages = Stopwatch.StartNew();
        var built = planned.Digests
            .Select(d => AgentChannelMessages.Create(d.Agent.Channel, AgentDigest.Create(shop, d.Agent, d.Entries, new Uri("http://127.0.0.1:7071"), day, DigestPurpose.MorningList, clearBy, now), now))
            .ToList();
        messages.Stop();
        Assert.Equal(planned.Digests.Count, built.Count);
        return string.Create(CultureInfo.InvariantCulture, $"{plan.Elapsed.TotalMilliseconds:0} + {messages.Elapsed.TotalMilliseconds:0}");
    }

    private static async Task WriteAsync(StringBuilder report, List<string> reportRows)
    {
        var artifacts = Directory.CreateDirectory(Path.Combine(RepositoryPaths.Root, "artifacts")).FullName;
        var text = new StringBuilder(report.ToString());
        if (reportRows.Count > 0)
        {
            text.AppendLine().AppendLine("## GET /api/shops/{shopId}/report on the same shop, after its sweeps").AppendLine()
                .AppendLine("The key check (1 point read) and three range queries: cases opened in the period, open cases, reminders sent (none here).").AppendLine()
                .AppendLine("| cases | duration (ms) | storage calls | by table | answer (bytes) |")
                .AppendLine("|---|---|---|---|---|");
            foreach (var row in reportRows)
            {
                text.AppendLine(row);
            }
        }

        await File.WriteAllTextAsync(Path.Combine(artifacts, "morning-sweep.md"), text.ToString());
    }

    /// <summary>Open cases as a platform sends them: a third overdue (opened two days ago), some disputes, the rest fresh.</summary>
    private static JsonObject CaseOpened(int i)
    {
        var openedAt = i % 3 == 0 ? DateTimeOffset.UtcNow.AddDays(-2) : DateTimeOffset.UtcNow.AddMinutes(-(i % 90));
        var kind = (i % 3) switch { 0 => "refund_only", 1 => "return_refund", _ => "exchange" };
        return ProductApi.CaseOpened($"c-{i}", $"CS-{i}", $"O-{i}", kind, openedAt, escalated: i % 50 == 0);
    }

    /// <summary>Resets the process's peak resident set (Linux: writing 5 to clear_refs); elsewhere the peak is since start.</summary>
    private static void ResetPeakMemory(int pid)
    {
        if (OperatingSystem.IsLinux() && pid > 0)
        {
            File.WriteAllText($"/proc/{pid}/clear_refs", "5");
        }
    }

    /// <summary>The process's peak resident set in MB (VmHWM), or "n/a" where /proc is not there.</summary>
    private static string PeakMemoryMegabytes(int pid)
    {
        var path = $"/proc/{pid}/status";
        if (!OperatingSystem.IsLinux() || pid <= 0 || !File.Exists(path))
        {
            return "n/a";
        }

        var line = File.ReadLines(path).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        var kilobytes = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        return kilobytes is null ? "n/a" : (long.Parse(kilobytes, CultureInfo.InvariantCulture) / 1024).ToString(CultureInfo.InvariantCulture);
    }

    private static JsonObject AgentJson(int i, Uri sink)
    {
        var role = i < 10 ? "after_sale" : i < 16 ? "complaints" : "supervisor";
        return new JsonObject
        {
            ["id"] = $"agent-{i:D2}",
            ["name"] = $"Agent {i}",
            ["roles"] = new JsonArray(role),
            ["maxOpenTasks"] = 500,
            ["channel"] = new JsonObject { ["type"] = "webhook", ["url"] = sink.ToString(), ["secret"] = ProductApi.AgentWebhookSecret },
        };
    }
}
