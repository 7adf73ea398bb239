using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Azure.Data.Tables;

namespace Automation.DevHost.Tests;

/// <summary>
/// The command line: one-line start-up failures with exit code 1, a clean stop on SIGTERM and Ctrl+C, a worker that
/// dies restarted until it keeps dying (then exit code 1), and nothing Azurite acknowledged lost however the host stops.
/// </summary>
public sealed partial class ProgramTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("devhost-cli-");
    private readonly Records _records = new();

    public void Dispose()
    {
        _records.Dispose();
        _root.Delete(recursive: true);
    }

    [Fact]
    public async Task Main_ScriptRootWithoutWorkerConfig_ExitsWith1AndOneLine()
    {
        using var process = Start("--script-root", _root.FullName, "--urls", "http://127.0.0.1:0", "--no-azurite");

        var (exitCode, stdout, stderr) = await process.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(1, exitCode);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Contains("worker.config.json is missing", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stdout + stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Main_SigTerm_StopsTheWorkerAndExits0()
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // sends a POSIX signal
        }

        using var process = StartTestApp();
        var started = await process.WaitForLineAsync(line => line.StartsWith("Worker started", StringComparison.Ordinal));
        await process.WaitForLineAsync(line => line.StartsWith("Press Ctrl+C", StringComparison.Ordinal));
        var workerPid = int.Parse(WorkerPid().Match(started).Groups[1].Value, CultureInfo.InvariantCulture);

        await SignalAsync("-TERM", process.Id.ToString(CultureInfo.InvariantCulture));

        var (exitCode, stdout, stderr) = await process.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(exitCode == 0, $"Exit code {exitCode}.\n{stdout}\n{stderr}");
        Assert.False(Directory.Exists($"/proc/{workerPid}"), "The worker outlived the host.");
        Assert.DoesNotContain("unexpectedly", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Main_WorkerDiesThreeTimes_RestartsItTwiceThenExitsNonZeroWithOneClearLine()
    {
        using var process = StartTestApp();
        using var client = await ClientAsync(process);

        using var first = await client.PostAsync("api/crash?exitCode=9", content: null);
        await process.WaitForLineAsync(line => line.StartsWith("Worker restarted", StringComparison.Ordinal));
        using (await client.PostAsync("api/crash?exitCode=9", content: null))
        {
        }

        await process.WaitForLineAsync(line => line.StartsWith("Worker restarted", StringComparison.Ordinal), occurrence: 2);
        using (await client.PostAsync("api/crash?exitCode=9", content: null))
        {
        }

        var (exitCode, stdout, _) = await process.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(HttpStatusCode.BadGateway, first.StatusCode);
        Assert.Equal(1, exitCode);
        Assert.Equal(2, Regex.Count(stdout, "The worker process exited unexpectedly with code 9; restarting it"));
        Assert.Contains("The worker process exited unexpectedly with code 9 (3 exits within 00:05:00); the development host stops", stdout, StringComparison.Ordinal);
    }

    /// <summary>
    /// A write Azurite acknowledged a moment before the host stops is on disk afterwards: Azurite saves only every 5 s
    /// by itself, so the host must stop it gently (SIGTERM) and last, whichever way the host itself stops.
    /// </summary>
    [Theory]
    [InlineData("Ctrl+C")]
    [InlineData("SIGTERM")]
    [InlineData("worker crash")]
    public async Task Main_Stops_AWriteAcknowledgedJustBefore_IsThereAfterItStartsAgain(string stop)
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // POSIX signals and sessions
        }

        // A repository of its own (node_modules linked to the real one), so Azurite's .azurite/ lands in the temp folder.
        Directory.CreateSymbolicLink(Path.Combine(_root.FullName, "node_modules"), Path.Combine(TestApp.RepositoryRoot, "node_modules"));
        var (queuePort, tablePort) = (Loopback.FreePort(), Loopback.FreePort());
        var storage = Loopback.EmulatorConnectionString(queuePort, tablePort);
        var entity = new TableEntity("durability", Guid.NewGuid().ToString("N")) { ["Stop"] = stop };

        using (var first = StartTestApp(storage, withAzurite: true))
        {
            using var client = await ClientAsync(first);
            if (stop == "worker crash")
            {
                // Two exits are restarted; the third stops the host. The write comes just before it.
                for (var restart = 1; restart <= 2; restart++)
                {
                    using (await client.PostAsync("api/crash?exitCode=9", content: null))
                    {
                    }

                    await first.WaitForLineAsync(line => line.StartsWith("Worker restarted", StringComparison.Ordinal), occurrence: restart);
                }
            }

            var table = new TableClient(storage, "durability");
            await table.CreateIfNotExistsAsync();
            await table.AddEntityAsync(entity);
            switch (stop)
            {
                case "Ctrl+C":
                    // A terminal's Ctrl+C signals the whole foreground process group: the host and its worker.
                    await SignalAsync("-INT", "-" + first.Id.ToString(CultureInfo.InvariantCulture));
                    break;
                case "SIGTERM":
                    await SignalAsync("-TERM", first.Id.ToString(CultureInfo.InvariantCulture));
                    break;
                default:
                    using (await client.PostAsync("api/crash?exitCode=9", content: null))
                    {
                    }

                    break;
            }

            var (exitCode, stdout, stderr) = await first.WaitAsync(TimeSpan.FromSeconds(90));
            Assert.True(exitCode == (stop == "worker crash" ? 1 : 0), $"Exit code {exitCode}.\n{stdout}\n{stderr}");
            Assert.DoesNotContain("was killed", stdout, StringComparison.Ordinal);
            Assert.False(await Loopback.AnswersAsync(tablePort), "Azurite outlived the host.");
        }

        using var second = StartTestApp(storage, withAzurite: true);
        await second.WaitForLineAsync(line => line.StartsWith("Press Ctrl+C", StringComparison.Ordinal));
        var stored = await new TableClient(storage, "durability").GetEntityIfExistsAsync<TableEntity>(entity.PartitionKey, entity.RowKey);
        Assert.True(stored.HasValue, $"The write acknowledged before the stop ({stop}) is gone after the restart.");
        Assert.Equal(stop, stored.Value!.GetString("Stop"));
        await SignalAsync("-TERM", second.Id.ToString(CultureInfo.InvariantCulture));
        Assert.Equal(0, (await second.WaitAsync(TimeSpan.FromSeconds(90))).ExitCode);
    }

    private HostProcess StartTestApp(string? storage = null, bool withAzurite = false)
    {
        var settings = Path.Combine(_root.FullName, "local.settings.json");
        File.WriteAllText(settings, $$"""
            { "Values": { "TestTimerSchedule": "{{Hosts.YearlySchedule}}", "AzureWebJobs.Record.Disabled": "true", "AzureWebJobs.AlwaysFails.Disabled": "true",
                          "AzureWebJobsStorage": "{{storage ?? string.Empty}}", "{{Records.FolderSetting}}": "{{_records.Folder}}" } }
            """);
        string[] arguments = ["--script-root", TestApp.ScriptRoot, "--urls", "http://127.0.0.1:0", "--settings", settings];
        return Start(withAzurite ? arguments : [.. arguments, "--no-azurite"]);
    }

    private static async Task<HttpClient> ClientAsync(HostProcess process)
    {
        var listening = await process.WaitForLineAsync(line => line.StartsWith("Development host listening on ", StringComparison.Ordinal));
        await process.WaitForLineAsync(line => line.StartsWith("Press Ctrl+C", StringComparison.Ordinal));
        return new HttpClient { BaseAddress = new Uri(listening["Development host listening on ".Length..] + "/") };
    }

    private static async Task SignalAsync(string signal, string target)
    {
        using var kill = Process.Start("kill", [signal, "--", target]);
        await kill.WaitForExitAsync();
    }

    /// <summary>
    /// The host as a process in a session of its own (<c>setsid</c>, on Linux), as a terminal runs it: a Ctrl+C sent to
    /// its process group then reaches it and its worker, and not this test run.
    /// </summary>
    private static HostProcess Start(params string[] arguments)
    {
        var ownSession = OperatingSystem.IsLinux() && File.Exists("/usr/bin/setsid") && File.Exists("/usr/bin/env");
        var start = new ProcessStartInfo(ownSession ? "/usr/bin/env" : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (ownSession)
        {
            // A test run started in the background (`cmd &` in a script, nohup) ignores SIGINT, and an ignored signal
            // is inherited: the host would never hear the Ctrl+C a terminal delivers. env resets it, as a terminal has it.
            start.ArgumentList.Add("--default-signal=INT");
            start.ArgumentList.Add("/usr/bin/setsid");
            start.ArgumentList.Add("dotnet");
        }

        start.ArgumentList.Add(TestApp.DevHostAssembly);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return new HostProcess(Process.Start(start)!);
    }

    [GeneratedRegex(@"pid (\d+)\)")]
    private static partial Regex WorkerPid();

    private sealed class HostProcess : IDisposable
    {
        private readonly Process _process;
        private readonly StringBuilder _stdout = new();
        private readonly StringBuilder _stderr = new();

        public HostProcess(Process process)
        {
            _process = process;
            process.OutputDataReceived += (_, e) => Append(_stdout, e.Data);
            process.ErrorDataReceived += (_, e) => Append(_stderr, e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        public int Id => _process.Id;

        public async Task<string> WaitForLineAsync(Func<string, bool> match, int occurrence = 1)
        {
            var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(90);
            while (true)
            {
                string[] lines;
                lock (_stdout)
                {
                    lines = _stdout.ToString().Split('\n', StringSplitOptions.TrimEntries);
                }

                if (lines.Where(match).Skip(occurrence - 1).FirstOrDefault() is { } line)
                {
                    return line;
                }

                Assert.True(!_process.HasExited && DateTimeOffset.UtcNow < deadline, $"No matching line; output:\n{_stdout}\n{_stderr}");
                await Task.Delay(50);
            }
        }

        public async Task<(int ExitCode, string Stdout, string Stderr)> WaitAsync(TimeSpan timeout)
        {
            using var cancellation = new CancellationTokenSource(timeout);
            try
            {
                await _process.WaitForExitAsync(cancellation.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                throw new TimeoutException($"The host did not exit within {timeout}:\n{_stdout}\n{_stderr}");
            }

            _process.WaitForExit(); // drains the output events
            lock (_stdout)
            {
                lock (_stderr)
                {
                    return (_process.ExitCode, _stdout.ToString(), _stderr.ToString());
                }
            }
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            _process.Dispose();
        }

        private static void Append(StringBuilder builder, string? line)
        {
            if (line is not null)
            {
                lock (builder)
                {
                    builder.AppendLine(line);
                }
            }
        }
    }
}
