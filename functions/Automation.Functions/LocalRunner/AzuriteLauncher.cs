using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using Automation.Functions.Hosting;
using Automation.Storage;

namespace Automation.Functions.LocalRunner;

/// <summary>What the start-up print says about storage.</summary>
internal sealed class AzuriteStatus
{
    public string? Message { get; set; }
}

/// <summary>
/// When storage is the development emulator and nothing answers on its queue and table ports, starts
/// <c>node_modules/.bin/azurite</c> from the app root (data in <c>.azurite/</c>), waits for it, and stops it on shutdown.
/// Off with <c>LocalRunner:StartAzurite=false</c>.
/// </summary>
internal sealed partial class AzuriteLauncher(
    IConfiguration configuration,
    AppEnvironment environment,
    AzuriteStatus status,
    TimeProvider timeProvider,
    ILogger<AzuriteLauncher> logger) : IHostedService, IDisposable
{
    public const string StartAzuriteSetting = "LocalRunner:StartAzurite";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private const int MaxRememberedLines = 20;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _output = new();
    private Process? _process;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (bool.TryParse(configuration[StartAzuriteSetting], out var start) && !start)
        {
            return;
        }

        StorageAccount account;
        try
        {
            account = StorageAccount.FromSettings(name => configuration[name]);
        }
        catch (InvalidOperationException ex)
        {
            status.Message = $"not configured ({ex.Message})";
            return;
        }

        if (!account.IsDevelopmentStorage || !account.QueueEndpoint.IsLoopback || !account.TableEndpoint.IsLoopback)
        {
            status.Message = $"account {account.AccountName}";
            return;
        }

        var queuePort = account.QueueEndpoint.Port;
        var tablePort = account.TableEndpoint.Port;
        if (await AnswersAsync(queuePort, cancellationToken) && await AnswersAsync(tablePort, cancellationToken))
        {
            status.Message = $"development storage already running (queue port {queuePort}, table port {tablePort})";
            return;
        }

        var azurite = Path.Combine(environment.AppRoot, "node_modules", ".bin", OperatingSystem.IsWindows() ? "azurite.cmd" : "azurite");
        if (!File.Exists(azurite))
        {
            status.Message = $"development storage is not running and {azurite} is missing: run 'npm ci' in {environment.AppRoot}";
            LogAzuriteMissing(logger, azurite);
            return;
        }

        var info = new ProcessStartInfo(azurite)
        {
            WorkingDirectory = environment.AppRoot,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[]
        {
            "--location", ".azurite", "--silent", "--disableTelemetry",
            "--blobPort", "0", // the app uses no blobs: any free port, so it never collides
            "--queuePort", queuePort.ToString(CultureInfo.InvariantCulture),
            "--tablePort", tablePort.ToString(CultureInfo.InvariantCulture),
        })
        {
            info.ArgumentList.Add(argument);
        }

        _process = Process.Start(info) ?? throw new StartupException($"Could not start {azurite}.");
        _process.OutputDataReceived += (_, e) => Remember(e.Data);
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { Length: > 0 } line)
            {
                Remember(line);
                LogAzuriteOutput(logger, line);
            }
        };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var started = timeProvider.GetTimestamp();
        while (!(await AnswersAsync(queuePort, cancellationToken) && await AnswersAsync(tablePort, cancellationToken)))
        {
            if (_process.HasExited || timeProvider.GetElapsedTime(started) > StartTimeout)
            {
                var outcome = _process.HasExited ? $"it exited with code {ExitCode(_process)}" : $"it did not answer within {StartTimeout.TotalSeconds:0} s";
                Kill(_process);
                throw new StartupException(
                    $"Azurite did not start on queue port {queuePort} and table port {tablePort} ({outcome}); is another program using them? Its output:{Environment.NewLine}{RecentOutput()}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), timeProvider, cancellationToken);
        }

        status.Message = $"started Azurite (node_modules/.bin/azurite, data in .azurite/) on queue port {queuePort}, table port {tablePort}; it stops with the app";
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(cancellationToken);
        }
    }

    // Also when StopAsync never ran: the host does not stop started services when a later one fails to start (e.g.
    // the app's port is in use), it only disposes them. Azurite must not outlive the app.
    public void Dispose()
    {
        if (_process is { } process)
        {
            Kill(process);
            process.Dispose();
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(TimeSpan.FromSeconds(10));
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Already gone.
        }
    }

    private static string ExitCode(Process process)
    {
        process.WaitForExit(); // lets the output events drain
        return process.ExitCode.ToString(CultureInfo.InvariantCulture);
    }

    // The last lines Azurite printed (both streams), for the error when it does not start.
    private void Remember(string? line)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > MaxRememberedLines)
        {
            _output.TryDequeue(out _);
        }
    }

    private string RecentOutput() => _output.IsEmpty ? "  (none)" : string.Join(Environment.NewLine, _output.Select(line => "  " + line));

    private static async Task<bool> AnswersAsync(int port, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromMilliseconds(500));
        try
        {
            await client.ConnectAsync(System.Net.IPAddress.Loopback, port, timeout.Token);
            return true;
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    [LoggerMessage(EventId = 400, Level = LogLevel.Warning, Message = "Development storage is not running and {Path} is missing: run npm ci")]
    private static partial void LogAzuriteMissing(ILogger logger, string path);

    [LoggerMessage(EventId = 401, Level = LogLevel.Information, Message = "azurite: {Line}")]
    private static partial void LogAzuriteOutput(ILogger logger, string line);
}
