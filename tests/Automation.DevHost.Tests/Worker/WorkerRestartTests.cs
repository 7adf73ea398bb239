using System.Diagnostics;
using System.Net;
using Automation.Testing;
using Azure.Storage.Queues;

namespace Automation.DevHost.Tests.Worker;

/// <summary>
/// Like the Functions host, the development host restarts a worker that dies: what was in flight fails (a queue message
/// comes back), what comes next is served by the new worker, and a worker that keeps dying stops the host.
/// </summary>
[Collection("Azurite")]
public sealed class WorkerRestartTests(AzuriteFixture azurite) : IDisposable
{
    // The test app's Record function exits the worker (code 9) on the first delivery of a message with this prefix.
    private const string ExitOnFirstDelivery = "exit-on-first-delivery ";
    private static readonly TimeSpan Eventually = TimeSpan.FromSeconds(60);

    private readonly Records _records = new();
    private readonly HostOutput _output = new();

    public void Dispose() => _records.Dispose();

    [Fact]
    public async Task WorkerDies_DuringARequest_TheRequestFailsAndTheRestartedWorkerServesTheNextOne()
    {
        await using var host = await Hosts.StartAsync(Hosts.BaseSettings(_records).WithoutQueues(), _output);
        using var client = host.Client();
        var firstPid = host.WorkerProcessId;

        using var crashed = await client.PostAsync("api/crash?exitCode=7", content: null);
        await _output.WaitForLineAsync(line => line.Contains("exited unexpectedly with code 7; restarting it", StringComparison.Ordinal), Eventually);

        // Sent while the new worker starts: it waits for it rather than failing.
        using var next = await client.GetAsync("api/shops/s1/orders/o1");
        Assert.Equal(HttpStatusCode.BadGateway, crashed.StatusCode);
        Assert.True(HttpStatusCode.OK == next.StatusCode, _output.ToString());
        Assert.Equal(1, host.WorkerRestarts);
        Assert.NotEqual(firstPid, host.WorkerProcessId);
        Assert.False(host.WaitForExitAsync().IsCompleted);
        Assert.Contains(_output.Lines, line => line.StartsWith("Worker restarted (pid ", StringComparison.Ordinal) && line.EndsWith(" 11 functions loaded.", StringComparison.Ordinal));
        Assert.True((await host.InvokeTimerAsync("Tick")).Succeeded, _output.ToString());
    }

    [Fact]
    public async Task WorkerKilled_TheHostRestartsItAndTheNextQueueMessageIsProcessed()
    {
        var (host, queue) = await StartWithQueueAsync("restart");
        await using var stopping = host;
        var killed = host.WorkerProcessId;

        using (var worker = Process.GetProcessById(killed))
        {
            worker.Kill(); // SIGKILL, as the OOM killer or `kill -9` would
        }

        await _output.WaitForLineAsync(line => line.StartsWith("Worker restarted (pid ", StringComparison.Ordinal), Eventually);
        var text = "after the restart " + Guid.NewGuid();
        await queue.SendMessageAsync(text);

        var record = Assert.Single(await _records.WaitForAsync("queue", 1, r => r["message"] == text));
        Assert.Equal("1", record["dequeueCount"]);
        Assert.NotEqual(killed, host.WorkerProcessId);
        Assert.Contains(_output.Lines, line => line.Contains("The worker process exited unexpectedly with code 137; restarting it", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WorkerDiesDuringAQueueMessage_TheMessageComesBackAndTheRestartedWorkerProcessesItOnce()
    {
        var (host, queue) = await StartWithQueueAsync("inflight");
        await using var stopping = host;
        var text = ExitOnFirstDelivery + Guid.NewGuid();

        await queue.SendMessageAsync(text);

        // Its first delivery killed the worker; the failed run made it visible again after the visibility timeout.
        var record = Assert.Single(await _records.WaitForAsync("queue", 1, r => r["message"] == text, Eventually));
        Assert.Equal("2", record["dequeueCount"]);
        Assert.Equal(1, host.WorkerRestarts);
        Assert.Contains(_output.Lines, line => line.Contains("exited unexpectedly with code 9; restarting it", StringComparison.Ordinal));
        Assert.Contains(_output.Lines, line => line.Contains("(dequeue 1): Failed (Automation.DevHost.WorkerExitedException)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WorkerKeepsDying_AtTheExitLimit_TheHostStopsWithTheExitCode()
    {
        await using var host = await Hosts.StartAsync(Hosts.BaseSettings(_records).WithoutQueues(), _output, workerExitLimit: 2);
        using var client = host.Client();

        using (await client.PostAsync("api/crash?exitCode=5", content: null))
        {
        }

        await _output.WaitForLineAsync(line => line.StartsWith("Worker restarted (pid ", StringComparison.Ordinal), Eventually);
        using (await client.PostAsync("api/crash?exitCode=6", content: null))
        {
        }

        var exited = await Assert.ThrowsAsync<WorkerExitedException>(() => host.WaitForExitAsync().WaitAsync(Eventually));
        Assert.Equal(6, exited.ExitCode);
        Assert.Contains("exited unexpectedly with code 6 (2 exits within 00:05:00); the development host stops", exited.Message, StringComparison.Ordinal);
        Assert.Equal(1, host.WorkerRestarts);
        await Assert.ThrowsAsync<WorkerExitedException>(() => host.InvokeTimerAsync("Tick"));
    }

    /// <summary>A host whose Record function listens on a new queue of its own in the shared Azurite, and that queue.</summary>
    private async Task<(DevHostApp Host, QueueClient Queue)> StartWithQueueAsync(string prefix)
    {
        var queueName = AzuriteFixture.UniqueName(prefix);
        var settings = Hosts.BaseSettings(_records);
        settings["AzureWebJobsStorage"] = azurite.ConnectionString;
        settings["TestQueueName"] = queueName;
        settings["AzureWebJobs.AlwaysFails.Disabled"] = "true";
        var queue = new QueueClient(azurite.ConnectionString, queueName, new QueueClientOptions(Automation.Storage.StorageServiceVersions.Queues) { MessageEncoding = QueueMessageEncoding.Base64 });
        await queue.CreateIfNotExistsAsync();
        return (await Hosts.StartAsync(settings, _output), queue);
    }
}
