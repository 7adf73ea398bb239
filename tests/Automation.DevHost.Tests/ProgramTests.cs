using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Automation.DevHost.Tests;

/// <summary>The command line: one-line start-up failures with exit code 1, a clean stop on SIGTERM, non-zero when the worker dies.</summary>
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
        var workerPid = int.Parse(WorkerPid().Match(started).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        var (exitCode, stdout, stderr) = await process.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(exitCode == 0, $"Exit code {exitCode}.\n{stdout}\n{stderr}");
        Assert.False(Directory.Exists($"/proc/{workerPid}"), "The worker outlived the host.");
        Assert.DoesNotContain("unexpectedly", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Main_WorkerDies_ExitsNonZeroWithOneClearLine()
    {
        using var process = StartTestApp();
        var listening = await process.WaitForLineAsync(line => line.StartsWith("Development host listening on ", StringComparison.Ordinal));
        using var client = new HttpClient { BaseAddress = new Uri(listening["Development host listening on ".Length..] + "/") };

        using var response = await client.PostAsync("api/crash?exitCode=9", content: null);

        var (exitCode, stdout, _) = await process.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal(1, exitCode);
        Assert.Contains("The worker process exited unexpectedly with code 9; the development host stops", stdout, StringComparison.Ordinal);
    }

    private HostProcess StartTestApp()
    {
        var settings = Path.Combine(_root.FullName, "local.settings.json");
        File.WriteAllText(settings, $$"""
            { "Values": { "TestTimerSchedule": "{{Hosts.YearlySchedule}}", "AzureWebJobs.Record.Disabled": "true", "AzureWebJobs.AlwaysFails.Disabled": "true",
                          "{{Records.FolderSetting}}": "{{_records.Folder}}" } }
            """);
        return Start("--script-root", TestApp.ScriptRoot, "--urls", "http://127.0.0.1:0", "--settings", settings, "--no-azurite");
    }

    private static HostProcess Start(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
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

        public async Task<string> WaitForLineAsync(Func<string, bool> match)
        {
            var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(60);
            while (true)
            {
                string[] lines;
                lock (_stdout)
                {
                    lines = _stdout.ToString().Split('\n', StringSplitOptions.TrimEntries);
                }

                if (lines.FirstOrDefault(match) is { } line)
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
