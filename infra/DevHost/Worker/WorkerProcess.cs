using System.Collections.Concurrent;
using System.ComponentModel;
using System.Diagnostics;
using Automation.DevHost.Output;

namespace Automation.DevHost.Worker;

/// <summary>
/// The worker process, started as the Functions host starts it (reference §1.2–1.3): the worker config's command
/// line, the script root as working directory, this process's environment plus the app settings and the host's
/// variables. Its stdout and stderr lines are shown.
/// </summary>
internal sealed class WorkerProcess : IDisposable
{
    private const int RememberedLines = 20;

    private readonly Process _process;
    private readonly OutputSink _output;
    private readonly ConcurrentQueue<string> _recent = new();
    private readonly TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private WorkerProcess(Process process, OutputSink output)
    {
        _process = process;
        _output = output;
    }

    /// <summary>Completes with the exit code when the process has exited and its output has been read.</summary>
    public Task<int> Exited => _exited.Task;

    public int ProcessId { get; private set; }

    public static WorkerProcess Start(
        WorkerConfig config,
        string scriptRoot,
        Uri grpcUri,
        string workerId,
        IEnumerable<KeyValuePair<string, string>> environment,
        OutputSink output)
    {
        var info = new ProcessStartInfo(config.ExecutablePath, config.CommandLine(grpcUri, workerId, requestId: Guid.NewGuid().ToString()))
        {
            WorkingDirectory = scriptRoot,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            CreateNoWindow = true,
        };
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var worker = new WorkerProcess(process, output);
        process.OutputDataReceived += (_, e) => worker.OnLine(e.Data, "worker");
        process.ErrorDataReceived += (_, e) => worker.OnLine(e.Data, "worker (stderr)");
        process.Exited += (_, _) => worker.OnExited();
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            process.Dispose();
            throw new DevHostStartupException($"Could not start the worker '{config.ExecutablePath}' (from {WorkerConfig.FileName}): {ex.Message}", ex);
        }

        worker.ProcessId = process.Id;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return worker;
    }

    /// <summary>The last lines the worker printed, for a failure message.</summary>
    public string RecentOutput() => _recent.IsEmpty ? "(no output)" : string.Join(Environment.NewLine, _recent);

    /// <summary>Waits up to <paramref name="timeout"/> for the process to exit, then kills it (its whole tree).</summary>
    public async Task<int> WaitOrKillAsync(TimeSpan timeout)
    {
        using var wait = new CancellationTokenSource(timeout);
        try
        {
            return await Exited.WaitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
            return await Exited;
        }
    }

    public void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or Win32Exception)
        {
            // Already gone.
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private void OnLine(string? line, string source)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return;
        }

        _recent.Enqueue(line);
        while (_recent.Count > RememberedLines)
        {
            _recent.TryDequeue(out _);
        }

        _output.WriteLine($"{source}: {line}");
    }

    private void OnExited()
    {
        // Exited can fire before the redirected streams are drained; WaitForExit() waits for them.
        _ = Task.Run(() =>
        {
            try
            {
                _process.WaitForExit();
                _exited.TrySetResult(_process.ExitCode);
            }
            catch (InvalidOperationException)
            {
                _exited.TrySetResult(-1);
            }
        });
    }
}
