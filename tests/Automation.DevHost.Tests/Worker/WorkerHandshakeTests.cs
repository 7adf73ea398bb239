using System.Net;

namespace Automation.DevHost.Tests.Worker;

/// <summary>The host launches the real worker as the Functions host does and loads what its metadata describes.</summary>
public sealed class WorkerHandshakeTests(HttpHostFixture fixture) : IClassFixture<HttpHostFixture>
{
    [Fact]
    public void StartAsync_BuiltTestApp_LoadsEveryFunctionWithItsTriggerFromTheWorkersMetadata()
    {
        var functions = fixture.Host.Functions.ToDictionary(f => f.Name);

        Assert.Equal(
            ["AdminLevel", "AlwaysFails", "Crash", "DefaultRoute", "Echo", "FunctionLevel", "ReadEnvironment", "Record", "Slow", "Switchable", "Tick"],
            functions.Keys.Order(StringComparer.Ordinal));
        Assert.All(functions.Values, f => Assert.False(string.IsNullOrEmpty(f.Id)));
        Assert.Equal(functions.Count, functions.Values.Select(f => f.Id).Distinct().Count());

        var echo = functions["Echo"];
        Assert.Equal((DevHostTriggerKind.Http, "httpTrigger", "request"), (echo.TriggerKind, echo.TriggerType, echo.TriggerParameter));
        Assert.Equal("shops/{shopId}/orders/{orderId}", echo.Route);
        Assert.Equal(["GET", "POST", "PUT"], echo.Methods!);
        Assert.Equal("anonymous", echo.AuthLevel);
        Assert.Equal("function", functions["FunctionLevel"].AuthLevel);
        Assert.Equal("admin", functions["AdminLevel"].AuthLevel);
        Assert.Null(functions["DefaultRoute"].Methods);
        Assert.Equal("DefaultRoute", functions["DefaultRoute"].Route);

        var tick = functions["Tick"];
        Assert.Equal((DevHostTriggerKind.Timer, Hosts.YearlySchedule, false), (tick.TriggerKind, tick.Schedule, tick.RunOnStartup));

        var record = functions["Record"];
        Assert.Equal((DevHostTriggerKind.Queue, "unused-queue", "AzureWebJobsStorage", "message"), (record.TriggerKind, record.QueueName, record.Connection, record.TriggerParameter));
        Assert.True(record.IsDisabled);
        Assert.True(functions["Switchable"].IsDisabled);
        Assert.False(echo.IsDisabled);
    }

    [Fact]
    public async Task StartAsync_WorkerEnvironment_HasTheAppSettingsAndTheHostsVariables()
    {
        async Task<string> Read(string name) => await fixture.Client.GetStringAsync($"api/environment/{name}");

        Assert.Equal("from-settings", await Read(HttpHostFixture.ExtraSetting));
        Assert.Equal(TestApp.ScriptRoot, await Read("FUNCTIONS_APPLICATION_DIRECTORY"));
        Assert.Equal(TestApp.ScriptRoot, await Read("FUNCTIONS_WORKER_DIRECTORY"));
        Assert.Equal(TestApp.ScriptRoot, await Read("AzureWebJobsScriptRoot"));
        Assert.Equal("dotnet-isolated", await Read("FUNCTIONS_WORKER_RUNTIME"));

        // Inherited from this process, as the host's child inherits the host's environment.
        Assert.Equal(Environment.GetEnvironmentVariable("PATH"), await Read("PATH"));
    }

    [Fact]
    public async Task StartAsync_WorkerCommandLine_HasTheWorkerPathAndBothArgumentSets()
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // reads /proc
        }

        var arguments = (await File.ReadAllTextAsync($"/proc/{fixture.Host.WorkerProcessId}/cmdline")).Split('\0', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(Path.Combine(TestApp.ScriptRoot, "Automation.DevHost.TestApp.dll"), arguments[1]);
        var named = arguments.Skip(2).Chunk(2).ToDictionary(pair => pair[0], pair => pair[1]);
        Assert.Equal(
            ["--host", "--port", "--workerId", "--requestId", "--grpcMaxMessageLength", "--functions-uri", "--functions-worker-id", "--functions-request-id", "--functions-grpc-max-message-length"],
            named.Keys);
        Assert.Equal("2147483647", named["--grpcMaxMessageLength"]);
        Assert.Equal("2147483647", named["--functions-grpc-max-message-length"]);
        Assert.Equal(named["--workerId"], named["--functions-worker-id"]);
        Assert.Equal(new Uri($"http://{named["--host"]}:{named["--port"]}/"), new Uri(named["--functions-uri"]));
        Assert.Equal(IPAddress.Loopback.ToString(), named["--host"]);
    }

    [Fact]
    public void StartAsync_Output_ShowsProgressAndABannerWithEachFunctionsTrigger()
    {
        var output = fixture.Output.ToString();

        Assert.Contains("Starting the worker: dotnet Automation.DevHost.TestApp.dll", output, StringComparison.Ordinal);
        Assert.Matches(@"Worker started \(worker 2\.52\.0\.0 on \.NET [0-9.]+, pid \d+\) in [0-9.]+ s: 11 functions loaded\.", output);
        Assert.Contains($"Development host listening on {fixture.Host.BaseAddress.ToString().TrimEnd('/')}", output, StringComparison.Ordinal);
        Assert.Contains("  Echo             http GET,POST,PUT /api/shops/{shopId}/orders/{orderId} (authLevel anonymous)", output, StringComparison.Ordinal);
        Assert.Contains("  DefaultRoute     http ANY /api/DefaultRoute (authLevel anonymous)", output, StringComparison.Ordinal);
        Assert.Contains($"  Tick             timer {Hosts.YearlySchedule}", output, StringComparison.Ordinal);
        Assert.Contains("  Record           queue unused-queue (connection AzureWebJobsStorage)  (disabled)", output, StringComparison.Ordinal);
        Assert.Contains("admin: POST /admin/functions/{name}", output, StringComparison.Ordinal);
    }
}
