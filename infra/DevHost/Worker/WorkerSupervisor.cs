using System.Globalization;
using Automation.DevHost.Output;
using Automation.DevHost.Settings;
using Microsoft.Extensions.Logging;

namespace Automation.DevHost.Worker;

/// <summary>One running worker: its process, its stream, and its own HTTP server (the HttpUri capability, if any).</summary>
internal sealed record WorkerInstance(WorkerProcess Process, WorkerChannel Channel, Uri? HttpUri);

/// <summary>When the host gives up on a worker that keeps dying.</summary>
/// <param name="ExitLimit">The exit, counted within <paramref name="Window"/>, that stops the host instead of restarting the worker.</param>
/// <param name="Window">How far back exits are counted; a worker that ran longer than this since the first counted exit starts the count afresh.</param>
internal sealed record WorkerRestartPolicy(int ExitLimit, TimeSpan Window);

/// <summary>
/// Starts the worker and, like the Functions host, restarts it when it dies: same command line and environment, a
/// new worker id on the same gRPC server, the handshake again (init, metadata, one load per function). What was in
/// flight on the dead worker fails (queue messages come back after the visibility timeout, as after any failure);
/// what arrives during the restart waits for the new worker. The Functions host stops restarting after 3 worker errors
/// close together (its ErrorEventsThreshold) and recycles itself; this host stops, so the developer sees why
/// (<see cref="Stopped"/> faults).
/// </summary>
internal sealed partial class WorkerSupervisor : IAsyncDisposable
{
    private static readonly TimeSpan TerminateGracePeriod = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan WorkerReadyTimeout = TimeSpan.FromSeconds(5);

    // Ctrl+C in a terminal reaches the worker too (same process group), and it may exit before the host's own stop has
    // begun: wait this long before calling an exit unexpected.
    private static readonly TimeSpan StopNoticeDelay = TimeSpan.FromMilliseconds(250);

    private readonly WorkerConfig _config;
    private readonly string _scriptRoot;
    private readonly AppSettings _settings;
    private readonly IReadOnlyList<KeyValuePair<string, string>> _environment;
    private readonly OutputSink _output;
    private readonly RpcLogWriter _logWriter;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly WorkerRestartPolicy _policy;
    private readonly TimeSpan _startTimeout;
    private readonly TimeProvider _timeProvider;
    private readonly WorkerChannels _channels = new();
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<DateTimeOffset> _exits = [];
    private readonly Lock _gate = new();
    private TaskCompletionSource<WorkerInstance> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private GrpcServer? _grpc;
    private WorkerInstance? _current;
    private IReadOnlyList<LoadedFunction> _functions = [];
    private Task _watching = Task.CompletedTask;
    private bool _stopRequested;

    public WorkerSupervisor(
        WorkerConfig config,
        string scriptRoot,
        AppSettings settings,
        IEnumerable<KeyValuePair<string, string>> environment,
        OutputSink output,
        RpcLogWriter logWriter,
        ILoggerFactory loggerFactory,
        WorkerRestartPolicy policy,
        TimeSpan startTimeout,
        TimeProvider timeProvider)
    {
        _config = config;
        _scriptRoot = scriptRoot;
        _settings = settings;
        _environment = [.. environment];
        _output = output;
        _logWriter = logWriter;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<WorkerSupervisor>();
        _policy = policy;
        _startTimeout = startTimeout;
        _timeProvider = timeProvider;
    }

    /// <summary>The functions the first worker indexed and loaded; a restarted worker must report the same.</summary>
    public IReadOnlyList<LoadedFunction> Functions => _functions;

    /// <summary>The worker running now (or the last one, while a new one starts).</summary>
    public WorkerInstance? Current => Volatile.Read(ref _current);

    /// <summary>How many times the worker has been restarted.</summary>
    public int Restarts { get; private set; }

    /// <summary>Faults with a <see cref="WorkerExitedException"/> when the host gives up on the worker; completes when stopped.</summary>
    public Task Stopped => _stopped.Task;

    /// <summary>
    /// Starts the gRPC server and the first worker, and returns its init answer once every function is loaded. A
    /// failure here is the user's to fix: a <see cref="DevHostStartupException"/> with one line.
    /// </summary>
    public async Task<Rpc.WorkerInitResponse> StartAsync(ILoggerProvider grpcLogging, CancellationToken cancellationToken)
    {
        _grpc = await GrpcServer.StartAsync(_channels, grpcLogging, cancellationToken);
        _output.WriteLine($"Starting the worker: {_config.ExecutablePath} {Path.GetFileName(_config.WorkerPath)} (script root {_scriptRoot})...");
        var started = _timeProvider.GetTimestamp();
        var (instance, init, functions) = await StartInstanceAsync(cancellationToken);
        _functions = functions;
        var runtimeVersion = init.WorkerMetadata is { } metadata ? $"worker {metadata.WorkerVersion} on {metadata.RuntimeName} {metadata.RuntimeVersion}, " : string.Empty;
        StartupTime = _timeProvider.GetElapsedTime(started);
        _output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Worker started ({runtimeVersion}pid {instance.Process.ProcessId}) in {StartupTime.TotalSeconds:0.0} s: {functions.Count} function{(functions.Count == 1 ? string.Empty : "s")} loaded."));
        Ready(instance);
        _watching = WatchAsync(instance);
        return init;
    }

    /// <summary>From starting the first worker process until every function was loaded.</summary>
    public TimeSpan StartupTime { get; private set; }

    /// <summary>
    /// The worker that takes invocations: at once while one runs, after its restart while one starts. Throws
    /// <see cref="WorkerExitedException"/> when the host has given up or is stopping.
    /// </summary>
    public Task<WorkerInstance> ReadyAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return _ready.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Asks the worker to shut down (WorkerTerminate, then a kill after the grace period) and stops the gRPC server.</summary>
    public async ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            _stopRequested = true;
            _ready.TrySetException(new WorkerExitedException("The host stopped.", exitCode: null));
        }

        await _stopping.CancelAsync();
        await _watching.ContinueWith(static _ => { }, TaskScheduler.Default);
        if (Current is { } worker)
        {
            // Stopping a worker whose host is still starting makes it abort (exit 134) instead of exiting cleanly.
            if (!worker.Channel.ApplicationStarted.IsCompleted && !worker.Process.Exited.IsCompleted)
            {
                await Task.WhenAny(worker.Channel.ApplicationStarted, worker.Process.Exited, Task.Delay(WorkerReadyTimeout, _timeProvider));
            }

            worker.Channel.Terminate(TerminateGracePeriod);
            var exitCode = await worker.Process.WaitOrKillAsync(TerminateGracePeriod + TimeSpan.FromSeconds(2));
            worker.Channel.Fail(new WorkerExitedException("The host stopped.", exitCode));
            worker.Process.Dispose();
        }

        if (_grpc is not null)
        {
            await _grpc.DisposeAsync();
        }

        _stopping.Dispose();
        _stopped.TrySetResult();
    }

    /// <summary>Waits for each worker's exit and restarts it, until the host stops or the policy gives up.</summary>
    private async Task WatchAsync(WorkerInstance worker)
    {
        while (true)
        {
            int exitCode;
            try
            {
                exitCode = await worker.Process.Exited.WaitAsync(_stopping.Token);
            }
            catch (OperationCanceledException)
            {
                return; // the host stops this worker itself
            }

            // From now on invocations wait for the next worker (those in flight on this one failed with its exit).
            lock (_gate)
            {
                if (!_stopRequested)
                {
                    _ready = new TaskCompletionSource<WorkerInstance>(TaskCreationOptions.RunContinuationsAsynchronously);
                }
            }

            _channels.Remove(worker.Channel);
            await Task.Delay(StopNoticeDelay, _timeProvider, CancellationToken.None);
            if (IsStopping)
            {
                return;
            }

            while (true)
            {
                if (CountExit() >= _policy.ExitLimit)
                {
                    GiveUp(exitCode);
                    return;
                }

                LogRestarting(_logger, exitCode, _exits.Count, _policy.Window, _policy.ExitLimit);
                try
                {
                    // At once the first time; a worker that keeps dying is given a little longer each time.
                    await Task.Delay(TimeSpan.FromSeconds(_exits.Count - 1), _timeProvider, _stopping.Token);
                    var started = _timeProvider.GetTimestamp();
                    var (next, _, functions) = await StartInstanceAsync(_stopping.Token);
                    if (ChangedFunctions(functions) is { } changed)
                    {
                        // The invocations the host builds carry the first worker's function ids.
                        _output.WriteLine($"The restarted worker reports other functions than the host loaded ({changed}): was the app rebuilt? Restart the development host to serve them.");
                        next.Process.Dispose();
                        GiveUp(exitCode);
                        return;
                    }

                    worker.Process.Dispose();
                    worker = next;
                    Restarts++;
                    _output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"Worker restarted (pid {next.Process.ProcessId}) in {_timeProvider.GetElapsedTime(started).TotalSeconds:0.0} s: {functions.Count} functions loaded."));
                    Ready(next); // even when stopping meanwhile: then it is the one DisposeAsync terminates
                    break;
                }
                catch (OperationCanceledException) when (IsStopping)
                {
                    return;
                }
                catch (DevHostStartupException ex)
                {
                    // A restart that fails counts as one more exit.
                    _output.WriteLine($"The worker did not restart: {ex.Message}");
                }
            }
        }
    }

    private int CountExit()
    {
        var now = _timeProvider.GetUtcNow();
        _exits.RemoveAll(exit => now - exit > _policy.Window);
        _exits.Add(now);
        return _exits.Count;
    }

    private void GiveUp(int exitCode)
    {
        LogGaveUp(_logger, exitCode, _exits.Count, _policy.Window);
        var failure = new WorkerExitedException(
            string.Create(CultureInfo.InvariantCulture, $"The worker process exited unexpectedly with code {exitCode} ({_exits.Count} exits within {_policy.Window}); the development host stops."),
            exitCode);
        lock (_gate)
        {
            _ready.TrySetException(failure);
        }

        _stopped.TrySetException(failure);
    }

    private bool IsStopping
    {
        get
        {
            lock (_gate)
            {
                return _stopRequested;
            }
        }
    }

    private void Ready(WorkerInstance instance)
    {
        lock (_gate)
        {
            Volatile.Write(ref _current, instance);
            _ready.TrySetResult(instance);
        }
    }

    private string? ChangedFunctions(IReadOnlyList<LoadedFunction> functions)
    {
        var before = _functions.ToDictionary(f => f.Name, f => f.Id, StringComparer.OrdinalIgnoreCase);
        var changed = functions.Where(f => !before.TryGetValue(f.Name, out var id) || id != f.Id).Select(f => f.Name)
            .Concat(before.Keys.Except(functions.Select(f => f.Name), StringComparer.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .ToList();
        return changed.Count == 0 ? null : string.Join(", ", changed);
    }

    /// <summary>A worker process with a channel of its own, through the handshake and until it serves HTTP.</summary>
    private async Task<(WorkerInstance Instance, Rpc.WorkerInitResponse Init, IReadOnlyList<LoadedFunction> Functions)> StartInstanceAsync(CancellationToken cancellationToken)
    {
        var workerId = Guid.NewGuid().ToString();
        var channel = new WorkerChannel(workerId, _logWriter, _loggerFactory.CreateLogger<WorkerChannel>());
        _channels.Add(channel);
        var process = WorkerProcess.Start(_config, _scriptRoot, _grpc!.Address, workerId, _environment, _output);
        Volatile.Write(ref _current, _current ?? new WorkerInstance(process, channel, null));
        _ = process.Exited.ContinueWith(
            t => channel.Fail(new WorkerExitedException($"The worker process exited with code {t.Result}.", t.Result)), // fails what is in flight at once
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnRanToCompletion,
            TaskScheduler.Default);
        try
        {
            var (init, functions) = await HandshakeAsync(process, channel, cancellationToken);
            var httpUri = init.Capabilities.TryGetValue("HttpUri", out var value) && Uri.TryCreate(value, UriKind.Absolute, out var uri) ? uri : null;
            await WaitUntilServesAsync(channel, httpUri, cancellationToken);
            return (new WorkerInstance(process, channel, httpUri), init, functions);
        }
        catch
        {
            _channels.Remove(channel);
            if (!ReferenceEquals(Current?.Process, process))
            {
                process.Dispose();
            }

            throw;
        }
    }

    /// <summary>StartStream, init, metadata, then one load per function; each step within the start timeout.</summary>
    private async Task<(Rpc.WorkerInitResponse Init, IReadOnlyList<LoadedFunction> Functions)> HandshakeAsync(WorkerProcess process, WorkerChannel channel, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_startTimeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var step = "connect";
        try
        {
            await channel.Connected.WaitAsync(linked.Token);
            step = "initialise";
            var init = await channel.InitAsync(_scriptRoot, linked.Token);
            if (init.Result is { Status: not Rpc.StatusResult.Types.Status.Success } failed)
            {
                throw new DevHostStartupException($"The worker failed to initialise: {FunctionCatalog.Describe(failed)}");
            }

            step = "index its functions";
            var functions = FunctionCatalog.Read(await channel.GetMetadataAsync(_scriptRoot, linked.Token), _scriptRoot, _settings);
            step = "load its functions";
            var loads = await Task.WhenAll(functions.Select(async f => (Function: f, Response: await channel.LoadAsync(f.Metadata, linked.Token))));
            var failures = loads.Where(l => l.Response.Result is not { Status: Rpc.StatusResult.Types.Status.Success }).ToList();
            if (failures.Count > 0)
            {
                throw new DevHostStartupException(
                    "The worker failed to load " + string.Join("; ", failures.Select(f => $"{f.Function.Name}: {FunctionCatalog.Describe(f.Response.Result ?? new Rpc.StatusResult())}")));
            }

            return (init, functions);
        }
        catch (WorkerExitedException ex)
        {
            int exitCode;
            try
            {
                exitCode = await process.Exited.WaitAsync(TimeSpan.FromSeconds(5), CancellationToken.None);
            }
            catch (TimeoutException)
            {
                throw new DevHostStartupException($"The worker stopped answering before it could {step}: {ex.Message}", ex);
            }

            throw new DevHostStartupException($"The worker exited with code {exitCode} before it could {step} (its output is above).", ex);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            process.Kill();
            throw new DevHostStartupException($"The worker did not {step} within {_startTimeout.TotalSeconds:0} s.");
        }
    }

    /// <summary>
    /// The worker answers load requests before its own host has finished starting (its HTTP server may still be
    /// binding). Waits until it has: its "Application started" log, or its HttpUri accepting connections when that log
    /// is filtered out; at most a few seconds, as a worker without either still works.
    /// </summary>
    private async Task WaitUntilServesAsync(WorkerChannel channel, Uri? httpUri, CancellationToken cancellationToken)
    {
        var started = _timeProvider.GetTimestamp();
        while (!channel.ApplicationStarted.IsCompleted && _timeProvider.GetElapsedTime(started) < WorkerReadyTimeout)
        {
            if (httpUri is not null && await AcceptsConnectionsAsync(httpUri, cancellationToken))
            {
                return;
            }

            await Task.WhenAny(channel.ApplicationStarted, Task.Delay(TimeSpan.FromMilliseconds(50), _timeProvider, cancellationToken));
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    private static async Task<bool> AcceptsConnectionsAsync(Uri uri, CancellationToken cancellationToken)
    {
        using var client = new System.Net.Sockets.TcpClient();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromMilliseconds(200));
        try
        {
            await client.ConnectAsync(uri.Host, uri.Port, timeout.Token);
            return true;
        }
        catch (Exception ex) when (ex is System.Net.Sockets.SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "The worker process exited unexpectedly with code {ExitCode}; restarting it ({Exits} exit(s) within {Window}; exit {ExitLimit} stops the host)")]
    private static partial void LogRestarting(ILogger logger, int exitCode, int exits, TimeSpan window, int exitLimit);

    [LoggerMessage(EventId = 1, Level = LogLevel.Critical, Message = "The worker process exited unexpectedly with code {ExitCode} ({Exits} exits within {Window}); the development host stops")]
    private static partial void LogGaveUp(ILogger logger, int exitCode, int exits, TimeSpan window);
}
