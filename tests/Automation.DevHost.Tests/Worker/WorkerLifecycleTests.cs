using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Automation.DevHost.Tests.Worker;

/// <summary>How the host starts, stops and loses the worker.</summary>
public sealed class WorkerLifecycleTests : IDisposable
{
    private readonly Records _records = new();
    private readonly HostOutput _output = new();

    public void Dispose() => _records.Dispose();

    [Fact]
    public async Task DisposeAsync_RunningHost_SendsWorkerTerminateAndTheWorkerExitsCleanly()
    {
        var host = await Hosts.StartAsync(Hosts.BaseSettings(_records).WithoutQueues(), _output);
        var stopwatch = Stopwatch.StartNew();

        await host.DisposeAsync();

        Assert.True(0 == await host.WorkerExited.WaitAsync(TimeSpan.FromSeconds(1)), _output.ToString());
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(5), $"Stopping took {stopwatch.Elapsed}: the worker was killed, not terminated.");
        await host.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(1));
        Assert.DoesNotContain(_output.Lines, line => line.Contains("unexpectedly", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FunctionTimeout_Exceeded_FailsAsTimedOutAndCancelsTheFunctionInTheWorker()
    {
        var settings = Hosts.BaseSettings(_records).WithoutQueues();
        settings["AzureFunctionsJobHost__functionTimeout"] = "00:00:01";
        settings["TestTimerRunMs"] = "30000";
        await using var host = await Hosts.StartAsync(settings, _output);
        using var client = host.Client();
        var stopwatch = Stopwatch.StartNew();

        var timer = await host.InvokeTimerAsync("Tick");
        using var response = await client.GetAsync("api/slow?ms=30000");

        Assert.False(timer.Succeeded);
        Assert.Equal(("Failed", "System.TimeoutException"), (timer.Status, timer.ExceptionType));
        Assert.Equal("Timeout value of 00:00:01 was exceeded by function: Tick", timer.ExceptionMessage);

        // The worker got InvocationCancel: the slow function was cancelled long before its 30 s, without its answer.
        Assert.DoesNotContain("waited", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(15), $"Took {stopwatch.Elapsed}.");
        await _output.WaitForLineAsync(line => line.Contains("-> Slow", StringComparison.Ordinal) && line.Contains("System.TimeoutException", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StartAsync_ScriptRootWithoutWorkerConfig_FailsWithOneLine()
    {
        var folder = Directory.CreateTempSubdirectory("devhost-empty-");
        try
        {
            var failure = await Assert.ThrowsAsync<DevHostStartupException>(() => DevHostApp.StartAsync(new DevHostOptions
            {
                ScriptRoot = folder.FullName,
                Urls = "http://127.0.0.1:0",
                StartAzurite = false,
                Output = _output.Writer,
            }));

            Assert.Contains("worker.config.json is missing", failure.Message, StringComparison.Ordinal);
            Assert.DoesNotContain('\n', failure.Message);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task StartAsync_PortInUse_FailsWithOneLineBeforeStartingTheWorker()
    {
        using var busy = new TcpListener(IPAddress.Loopback, 0);
        busy.Start();
        var url = $"http://127.0.0.1:{((IPEndPoint)busy.LocalEndpoint).Port}";

        var failure = await Assert.ThrowsAsync<DevHostStartupException>(() => DevHostApp.StartAsync(new DevHostOptions
        {
            ScriptRoot = TestApp.ScriptRoot,
            Urls = url,
            Settings = Hosts.BaseSettings(_records),
            StartAzurite = false,
            Output = _output.Writer,
        }));

        Assert.Contains(url, failure.Message, StringComparison.Ordinal);
        Assert.Contains("address already in use", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', failure.Message);
        Assert.DoesNotContain(_output.Lines, line => line.StartsWith("Starting the worker", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StartAsync_WorkerExitsAtOnce_FailsWithItsExitCode()
    {
        var folder = Directory.CreateTempSubdirectory("devhost-broken-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "worker.config.json"), """
                { "description": { "language": "dotnet-isolated", "defaultExecutablePath": "dotnet", "defaultWorkerPath": "Missing.dll" } }
                """);

            var failure = await Assert.ThrowsAsync<DevHostStartupException>(() => DevHostApp.StartAsync(new DevHostOptions
            {
                ScriptRoot = folder.FullName,
                Urls = "http://127.0.0.1:0",
                StartAzurite = false,
                Output = _output.Writer,
            }));

            Assert.Matches("^The worker exited with code -?[0-9]+ before it could connect", failure.Message);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task StartAsync_TimerScheduleSettingMissing_FunctionIsNotServedAndTheBannerSaysWhy()
    {
        var settings = Hosts.BaseSettings(_records).WithoutQueues();
        settings.Remove("TestTimerSchedule");

        await using var host = await Hosts.StartAsync(settings, _output);

        Assert.Contains(_output.Lines, line => line.Contains("Tick", StringComparison.Ordinal) &&
            line.Contains("NOT SERVED: '%TestTimerSchedule%' refers to the app setting 'TestTimerSchedule', which is not set.", StringComparison.Ordinal));
        using var client = host.Client();
        using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "admin/functions/Tick").WithKey(Hosts.MasterKey).Json("{}"));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
