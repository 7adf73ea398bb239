using System.Globalization;
using System.Text;
using Automation.DevHost;
using Automation.Functions.Tests.Support;
using Automation.Testing;
using Xunit.Abstractions;

namespace Automation.Functions.Tests.Benchmarks;

/// <summary>
/// The product worker's start-up time as the Functions host sees it: from starting the worker process until every
/// function is loaded (StartStream, init, metadata, one load per function), next to a minimal isolated app with one
/// HTTP function measured the same way in the same run, the two alternating. Not part of <c>./test.sh</c>
/// (Category=Benchmark); run with <c>./bench.sh</c>. The figures go to the test output and artifacts/startup.md.
/// </summary>
[Trait("Category", "Benchmark")]
[Collection("Azurite")]
public sealed class WorkerStartupBenchmarks(AzuriteFixture azurite, ITestOutputHelper output)
{
    private const int Runs = 11;

    [Fact]
    public async Task WorkerStartup_ProductAgainstMinimalApp_MedianOf11()
    {
        var product = new List<double>();
        var minimal = new List<double>();
        var minimalApp = Path.Combine(RepositoryPaths.Root, "tests", "Automation.MinimalFunctionApp", "bin", RepositoryPaths.Configuration, "net10.0");

        // One run of each first, not counted: the first start of a binary also pays for the disk cache.
        for (var run = 0; run <= Runs; run++)
        {
            var productTime = await StartAsync(RepositoryPaths.FunctionApp, expectedFunctions: 23);
            var minimalTime = await StartAsync(minimalApp, expectedFunctions: 1);
            if (run > 0)
            {
                product.Add(productTime.TotalMilliseconds);
                minimal.Add(minimalTime.TotalMilliseconds);
            }
        }

        var report = new StringBuilder()
            .AppendLine("# Worker start-up: process start until all functions are loaded").AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"{Runs} runs each after one warm-up, alternating, under the development host; {Environment.ProcessorCount} cores; {DateTime.UtcNow:yyyy-MM-dd}.").AppendLine()
            .AppendLine("| app | functions | median (ms) | min (ms) | max (ms) |").AppendLine("|---|---|---|---|---|")
            .AppendLine(CultureInfo.InvariantCulture, $"| Automation.Functions (the product) | 5 | {Median(product):0} | {product.Min():0} | {product.Max():0} |")
            .AppendLine(CultureInfo.InvariantCulture, $"| minimal isolated app | 1 | {Median(minimal):0} | {minimal.Min():0} | {minimal.Max():0} |")
            .ToString();
        output.WriteLine(report);
        var artifacts = Directory.CreateDirectory(Path.Combine(RepositoryPaths.Root, "artifacts")).FullName;
        await File.WriteAllTextAsync(Path.Combine(artifacts, "startup.md"), report);
    }

    private async Task<TimeSpan> StartAsync(string scriptRoot, int expectedFunctions)
    {
        await using var host = await DevHostApp.StartAsync(new DevHostOptions
        {
            ScriptRoot = scriptRoot,
            Urls = "http://127.0.0.1:0",
            StartAzurite = false,
            Settings = new Dictionary<string, string?>
            {
                ["AzureWebJobsStorage"] = azurite.ConnectionString,
                ["PaymentReminderSchedule"] = "0 0 0 1 1 *",
                ["MorningSweepSchedule"] = "0 0 0 1 1 *",
                ["AzureWebJobs.DeliverMessage.Disabled"] = "true",
            },
            Output = _ => { },
        });
        Assert.Equal(expectedFunctions, host.Functions.Count);
        return host.WorkerStartupTime;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
