using System.Collections.Concurrent;
using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Automation.DevHost.Storage;

/// <summary>
/// Starts Azurite (<c>node_modules/.bin/azurite</c> from the repository, data in <c>.azurite/</c> there) when storage
/// is the emulator and nothing answers on its queue and table ports, waits until it answers, and stops it again when
/// disposed, gently, so that nothing it acknowledged is lost.
/// </summary>
/// <remarks>
/// Azurite keeps its data in memory (LokiJS) and writes it to disk every 5 s (<c>autosaveInterval</c>), and once more
/// when it closes on SIGINT or SIGTERM. A kill (SIGKILL) loses whatever was acknowledged since the last save, so it is
/// stopped with SIGTERM and given time to save. On Linux it runs in a session of its own (<c>setsid</c>): a Ctrl+C in
/// the terminal then reaches only the host, which stops Azurite last, after the worker's work in flight has drained
/// into it, and with one signal (a second one during Azurite's shutdown makes it exit with an error before it saved).
/// </remarks>
internal sealed partial class AzuriteLauncher : IAsyncDisposable
{
    private const int RememberedLines = 20;
    private const int SigTerm = 15;
    private const string SetSid = "/usr/bin/setsid";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Saving a large store takes a while; one that has not exited after this is killed.</summary>
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private AzuriteLauncher(Process process) => _process = process;

    /// <summary>Azurite's process id (tests check its session).</summary>
    internal int ProcessId => _process.Id;

    /// <summary>
    /// Starts Azurite if needed. Returns the launcher (to dispose when the host stops) or null when nothing was started,
    /// and a line for the banner saying what storage is in use.
    /// </summary>
    public static async Task<(AzuriteLauncher? Launcher, string Status)> StartIfNeededAsync(
        string? connectionString,
        IEnumerable<string> searchFrom,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        if (EmulatorEndpoints.FromConnectionString(connectionString) is not { } endpoints)
        {
            return (null, string.IsNullOrWhiteSpace(connectionString) ? "AzureWebJobsStorage is not a connection string (identity-based or not set)" : "a storage account (not the emulator)");
        }

        if (await AnswersAsync(endpoints.QueuePort, cancellationToken) && await AnswersAsync(endpoints.TablePort, cancellationToken))
        {
            // Say so plainly: after a crash this is often an Azurite an earlier run left behind, with that run's data.
            return (null, $"reusing the storage emulator already answering on queue port {endpoints.QueuePort}, table port {endpoints.TablePort} (not started by this host, so it keeps running after it; stop it to start fresh)");
        }

        var root = FindRepositoryRoot(searchFrom);
        var azurite = root is null ? null : Path.Combine(root, "node_modules", ".bin", OperatingSystem.IsWindows() ? "azurite.cmd" : "azurite");
        if (azurite is null || !File.Exists(azurite))
        {
            // Not fatal, as before: the functions that need storage fail and say so; the banner says why.
            return (null, $"development storage is not running on queue port {endpoints.QueuePort} and Azurite is not installed (node_modules/.bin/azurite): run 'npm ci' in the repository, or start Azurite yourself");
        }

        // setsid execs Azurite in place (the host's child is no process group leader), so the process is Azurite's own.
        var ownSession = !OperatingSystem.IsWindows() && File.Exists(SetSid);
        var info = new ProcessStartInfo(ownSession ? SetSid : azurite)
        {
            WorkingDirectory = root,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            CreateNoWindow = true,
        };
        if (ownSession)
        {
            info.ArgumentList.Add(azurite);
        }

        foreach (var argument in new[]
        {
            "--location", ".azurite", "--silent", "--disableTelemetry",
            "--blobPort", endpoints.BlobPort.ToString(CultureInfo.InvariantCulture), // 0 when unused: any free port, so it never collides
            "--queuePort", endpoints.QueuePort.ToString(CultureInfo.InvariantCulture),
            "--tablePort", endpoints.TablePort.ToString(CultureInfo.InvariantCulture),
        })
        {
            info.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = info };
        var launcher = new AzuriteLauncher(process);
        process.OutputDataReceived += (_, e) => launcher.Remember(e.Data);
        process.ErrorDataReceived += (_, e) => launcher.Remember(e.Data);
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            process.Dispose();
            throw new DevHostStartupException($"Could not start {azurite}: {ex.Message}", ex);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var started = timeProvider.GetTimestamp();
            while (!(await AnswersAsync(endpoints.QueuePort, cancellationToken) && await AnswersAsync(endpoints.TablePort, cancellationToken)))
            {
                if (process.HasExited || timeProvider.GetElapsedTime(started) > StartTimeout)
                {
                    throw new DevHostStartupException(launcher.DescribeFailure(endpoints));
                }

                await Task.Delay(TimeSpan.FromMilliseconds(100), timeProvider, cancellationToken);
            }
        }
        catch
        {
            await launcher.DisposeAsync();
            throw;
        }

        return (launcher, $"started Azurite (node_modules/.bin/azurite, data in .azurite/) on queue port {endpoints.QueuePort}, table port {endpoints.TablePort}; it stops with the host");
    }

    /// <summary>
    /// Stops Azurite as its own Ctrl+C does (SIGTERM: it closes its servers and saves its data), and waits for it to
    /// exit. False when it had to be killed instead: it did not stop in time, or the platform has no signals.
    /// </summary>
    public async Task<bool> StopAsync()
    {
        try
        {
            if (_process.HasExited)
            {
                return true;
            }

            if (!OperatingSystem.IsWindows() && Terminate(_process.Id) == 0)
            {
                using var timeout = new CancellationTokenSource(StopTimeout);
                try
                {
                    await _process.WaitForExitAsync(timeout.Token);
                    return true;
                }
                catch (OperationCanceledException)
                {
                    // Still saving, or hung: killed below.
                }
            }

            _process.Kill(entireProcessTree: true);
            using var killed = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(killed.Token);
            return false;
        }
        catch (Exception ex) when (ex is InvalidOperationException or Win32Exception or OperationCanceledException)
        {
            // Already gone, or it would not die in time: nothing more to do.
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process.Dispose();
    }

    // POSIX kill(2): .NET's Process.Kill sends only SIGKILL on Unix, which is the very thing to avoid here.
    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    private static int Terminate(int pid) => Kill(pid, SigTerm);

    // One line: Azurite's own words for a port in use, else its last lines of output.
    private string DescribeFailure(EmulatorEndpoints endpoints)
    {
        var exited = _process.HasExited;
        if (exited)
        {
            _process.WaitForExit(); // lets the output events drain
        }

        var outcome = exited ? $"it exited with code {_process.ExitCode.ToString(CultureInfo.InvariantCulture)}" : $"it did not answer within {StartTimeout.TotalSeconds:0} s";
        var lines = _output.ToArray();
        if (lines.FirstOrDefault(l => l.Contains("EADDRINUSE", StringComparison.Ordinal)) is { } inUse)
        {
            return $"Azurite did not start on queue port {endpoints.QueuePort} and table port {endpoints.TablePort} ({outcome}): {inUse.Trim()}. Another program uses the port; stop it, or point AzureWebJobsStorage elsewhere.";
        }

        var output = lines.Length == 0 ? "no output" : string.Join(" | ", lines.Select(l => l.Trim()));
        return $"Azurite did not start on queue port {endpoints.QueuePort} and table port {endpoints.TablePort} ({outcome}). Its output: {output}";
    }

    private void Remember(string? line)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > RememberedLines)
        {
            _output.TryDequeue(out _);
        }
    }

    /// <summary>The first folder at or above one of <paramref name="searchFrom"/> where npm ci installed Azurite.</summary>
    internal static string? FindRepositoryRoot(IEnumerable<string> searchFrom)
    {
        foreach (var start in searchFrom)
        {
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, "node_modules", ".bin", OperatingSystem.IsWindows() ? "azurite.cmd" : "azurite")))
                {
                    return folder.FullName;
                }
            }
        }

        return null;
    }

    private static async Task<bool> AnswersAsync(int port, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromMilliseconds(500));
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
            return true;
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
