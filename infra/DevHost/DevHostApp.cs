using System.Collections.Concurrent;
using Automation.DevHost.Http;
using Automation.DevHost.Output;
using Automation.DevHost.Settings;
using Automation.DevHost.Storage;
using Automation.DevHost.Triggers;
using Automation.DevHost.Worker;
using Microsoft.Extensions.Logging;

namespace Automation.DevHost;

/// <summary>
/// A development host for one built isolated-worker app: it plays the Azure Functions host's part (launch, gRPC
/// protocol, HTTP front door with keys, timers, queue triggers, admin API, settings, Azurite). Start it with
/// <see cref="StartAsync"/>; dispose it to stop the worker (WorkerTerminate, then kill) and whatever it started.
/// </summary>
public sealed class DevHostApp : IAsyncDisposable
{
    /// <summary>The Functions host version this host stands in for (the worker only logs it).</summary>
    internal const string HostVersion = "4.1037.0";

    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(10);

    private readonly DevHostOptions _options;
    private readonly string _scriptRoot;
    private readonly OutputSink _output;
    private readonly TimeProvider _timeProvider = TimeProvider.System;
    private readonly OutputLoggerProvider _loggerProvider;
    private readonly ILoggerFactory _loggerFactory;
    private readonly CancellationTokenSource _polling = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource _exit = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentDictionary<Task, byte> _background = new();

    private FrontDoor? _frontDoor;
    private AzuriteLauncher? _azurite;
    private WorkerSupervisor? _workers;
    private TimerScheduler? _timers;
    private QueueListener? _queues;
    private Task _triggers = Task.CompletedTask;
    private IReadOnlyList<LoadedFunction> _loaded = [];
    private Dictionary<string, LoadedFunction> _byName = new(StringComparer.OrdinalIgnoreCase);
    private volatile bool _started;
    private int _disposed;

    private DevHostApp(DevHostOptions options)
    {
        _options = options;
        _scriptRoot = Path.GetFullPath(options.ScriptRoot);
        _output = new OutputSink(options.Output);
        _loggerProvider = new OutputLoggerProvider(_output, _timeProvider);
        _loggerFactory = LoggerFactory.Create(logging => logging.AddProvider(_loggerProvider).SetMinimumLevel(LogLevel.Information));
    }

    /// <summary>The front door's address with its port resolved, e.g. <c>http://127.0.0.1:7071/</c>.</summary>
    public Uri BaseAddress => _frontDoor?.BaseAddress ?? throw new InvalidOperationException("The host has not started.");

    /// <summary>The functions the worker indexed and loaded, with their triggers.</summary>
    public IReadOnlyList<DevHostFunction> Functions => [.. _loaded.Select(f => f.Function)];

    /// <summary>From starting the worker process until every function was loaded: the worker's start-up as a host sees it.</summary>
    public TimeSpan WorkerStartupTime => _workers?.StartupTime ?? TimeSpan.Zero;

    /// <summary>The worker's process id (tests look at its command line, and kill it).</summary>
    internal int WorkerProcessId => _workers?.Current?.Process.ProcessId ?? 0;

    /// <summary>Completes with the worker's exit code once it has exited (tests check a clean stop).</summary>
    internal Task<int> WorkerExited => _workers?.Current?.Process.Exited ?? Task.FromResult(-1);

    /// <summary>How many times a worker that died has been restarted.</summary>
    internal int WorkerRestarts => _workers?.Restarts ?? 0;

    internal AppSettings Settings { get; private set; } = null!;

    internal HostSettings HostSettings { get; private set; } = HostSettings.Default;

    /// <summary>
    /// Starts the host and returns once the front door listens and the worker has loaded every function. Throws a
    /// <see cref="DevHostStartupException"/> with a one-line message for a problem the user can fix (port in use, not a
    /// built worker, worker failing to start or load), after stopping whatever it had started.
    /// </summary>
    public static async Task<DevHostApp> StartAsync(DevHostOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var app = new DevHostApp(options);
        try
        {
            await app.StartCoreAsync(cancellationToken);
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs a timer function now (ScheduleStatus null, not past due) and returns the worker's answer.</summary>
    public Task<InvocationResult> InvokeTimerAsync(string functionName, CancellationToken cancellationToken = default)
    {
        var function = Find(functionName, DevHostTriggerKind.Timer);
        return _timers!.FireAsync(function, new TimerFiring(null, null, Monitored: false, IsPastDue: false), "direct", cancellationToken);
    }

    /// <summary>
    /// Invokes a queue function with <paramref name="messageText"/> and queue metadata made up for it (the queue itself
    /// is not touched), and returns the worker's answer.
    /// </summary>
    public Task<InvocationResult> InvokeQueueAsync(string functionName, string messageText, long dequeueCount = 1, CancellationToken cancellationToken = default)
    {
        var function = Find(functionName, DevHostTriggerKind.Queue);
        return _queues!.InvokeDirectAsync(function, messageText, dequeueCount, "direct", cancellationToken);
    }

    /// <summary>
    /// Completes when the host has stopped: successfully after <see cref="DisposeAsync"/>, faulted with a
    /// <see cref="WorkerExitedException"/> (holding the exit code) when the worker kept dying and the host gave up on it
    /// (<see cref="DevHostOptions.WorkerExitLimit"/>).
    /// </summary>
    public Task WaitForExitAsync(CancellationToken cancellationToken = default) => _exit.Task.WaitAsync(cancellationToken);

    /// <summary>
    /// Stops polling and timers, lets work in flight finish (briefly), stops the front door, sends WorkerTerminate and
    /// waits for the worker to exit (then kills it), and stops Azurite if it started it.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            await _exit.Task.ContinueWith(static _ => { }, TaskScheduler.Default);
            return;
        }

        await _polling.CancelAsync();
        if (!await CompletesWithinAsync(Task.WhenAll([_triggers, .. _background.Keys]), DrainTimeout))
        {
            await _stopping.CancelAsync();
            await CompletesWithinAsync(Task.WhenAll([_triggers, .. _background.Keys]), TimeSpan.FromSeconds(5));
        }

        if (_frontDoor is not null)
        {
            await _frontDoor.DisposeAsync();
        }

        if (_workers is not null)
        {
            await _workers.DisposeAsync();
        }

        if (_azurite is not null)
        {
            // Last, so that what the worker wrote while it drained is in Azurite when it saves.
            if (!await _azurite.StopAsync())
            {
                _output.WriteLine("Azurite did not stop when asked and was killed: writes of its last few seconds may be lost.");
            }

            await _azurite.DisposeAsync();
        }

        await _stopping.CancelAsync();
        _exit.TrySetResult();
        _polling.Dispose();
        _stopping.Dispose();
        _loggerFactory.Dispose();
    }

    private async Task StartCoreAsync(CancellationToken cancellationToken)
    {
        if (!Directory.Exists(_scriptRoot))
        {
            throw new DevHostStartupException($"The script root {_scriptRoot} does not exist. Build the function app first.");
        }

        var workerConfig = WorkerConfig.Load(_scriptRoot);
        LocalSettings? localSettings = null;
        if (_options.LocalSettingsPath is { } settingsPath)
        {
            localSettings = LocalSettingsFile.EnsureAndLoad(settingsPath);
            if (localSettings.Created)
            {
                _output.WriteLine($"Created {localSettings.Path} (git-ignored; edit it for your settings).");
            }

            foreach (var (name, key) in localSettings.GeneratedKeys)
            {
                // Printed once, on purpose: the developer needs it to call function- and admin-level routes.
                _output.WriteLine($"Generated {name}={key} and saved it in {localSettings.Path}.");
            }
        }

        Settings = new AppSettings(localSettings?.Values ?? new Dictionary<string, string?>(), AppSettings.ProcessEnvironment(), _options.Settings);
        _output.AddSecret(Settings.FunctionKey);
        _output.AddSecret(Settings.MasterKey);
        HostSettings = HostSettings.Load(_scriptRoot, Settings);

        _frontDoor = await FrontDoor.StartAsync(_options.Urls, new FunctionKeys(Settings), _options.HttpActivityTimeout, _loggerProvider, _timeProvider, cancellationToken);

        string? storage = null;
        if (_options.StartAzurite)
        {
            string[] searchFrom = [.. new[] { localSettings is null ? null : Path.GetDirectoryName(localSettings.Path), _scriptRoot, Directory.GetCurrentDirectory() }.OfType<string>()];
            (_azurite, storage) = await AzuriteLauncher.StartIfNeededAsync(Settings[AppSettings.StorageConnection], searchFrom, _timeProvider, cancellationToken);
        }

        if (Settings["FUNCTIONS_WORKER_RUNTIME"] is { Length: > 0 } runtime && !string.Equals(runtime, AppSettings.WorkerRuntime, StringComparison.OrdinalIgnoreCase))
        {
            _output.WriteLine($"Note: FUNCTIONS_WORKER_RUNTIME is '{runtime}' in the settings; the worker is started as {AppSettings.WorkerRuntime}.");
        }

        _workers = new WorkerSupervisor(
            workerConfig,
            _scriptRoot,
            Settings,
            WorkerEnvironment(),
            _output,
            new RpcLogWriter(_output, HostSettings.Logging, _timeProvider),
            _loggerFactory,
            new WorkerRestartPolicy(_options.WorkerExitLimit, _options.WorkerExitWindow),
            _options.StartTimeout,
            _timeProvider);
        await _workers.StartAsync(_loggerProvider, cancellationToken);
        _loaded = _workers.Functions;
        _byName = _loaded.ToDictionary(f => f.Name, StringComparer.OrdinalIgnoreCase);
        _ = StopWhenWorkersGiveUpAsync(_workers);
        var workerHttpUri = _workers.Current!.HttpUri;

        var invoker = new FunctionInvoker(_workers, HostSettings.FunctionTimeout, _timeProvider);
        _timers = new TimerScheduler(invoker, _timeProvider, _loggerFactory.CreateLogger<TimerScheduler>());
        _queues = new QueueListener(invoker, Settings, HostSettings, _timeProvider, _loggerFactory.CreateLogger<QueueListener>());
        if (workerHttpUri is not null)
        {
            _frontDoor.Activate(new FrontDoorRuntime(new HttpRouteTable(_loaded, HostSettings.RoutePrefix), _byName, _workers, invoker, RunNow));
        }
        else
        {
            // Without the ASP.NET Core integration the worker expects HTTP as RpcHttp messages, which this host does not build.
            _loaded = [.. _loaded.Select(f => f.Function.TriggerKind == DevHostTriggerKind.Http && f.Error is null
                ? f with { Error = "the worker reports no HttpUri (use ConfigureFunctionsWebApplication)" }
                : f)];
            _byName = _loaded.ToDictionary(f => f.Name, StringComparer.OrdinalIgnoreCase);
            _frontDoor.Activate(new FrontDoorRuntime(new HttpRouteTable([], HostSettings.RoutePrefix), _byName, _workers, invoker, RunNow));
        }

        _triggers = Task.WhenAll(
            _timers.RunAsync(_loaded.Where(f => f.IsServed && f.Function.TriggerKind == DevHostTriggerKind.Timer), _polling.Token),
            _queues.RunAsync(_loaded.Where(f => f.IsServed && f.Function.TriggerKind == DevHostTriggerKind.Queue), _polling.Token, _stopping.Token));
        _started = true;

        foreach (var line in StartupBanner.Render(_frontDoor.BaseAddress, _scriptRoot, storage, HostSettings.RoutePrefix, _loaded))
        {
            _output.WriteLine(line);
        }
    }

    /// <summary>
    /// The worker's environment as the host sets it (reference §1.3): this process's environment (inherited), the app
    /// settings, and the host's variables; the last two win.
    /// </summary>
    private IEnumerable<KeyValuePair<string, string>> WorkerEnvironment()
    {
        foreach (var (name, value) in Settings.All)
        {
            if (value is not null)
            {
                yield return KeyValuePair.Create(AppSettings.EnvironmentName(name), value);
            }
        }

        yield return KeyValuePair.Create("FUNCTIONS_WORKER_DIRECTORY", _scriptRoot);
        yield return KeyValuePair.Create("FUNCTIONS_APPLICATION_DIRECTORY", _scriptRoot);
        yield return KeyValuePair.Create("FUNCTIONS_WORKER_RUNTIME", AppSettings.WorkerRuntime);
        yield return KeyValuePair.Create("AzureWebJobsScriptRoot", _scriptRoot);

        // What Core Tools and the FunctionMetadataLoader extension add, unless set already.
        foreach (var (name, value) in new[]
        {
            ("AZURE_FUNCTIONS_ENVIRONMENT", "Development"),
            ("DOTNET_NOLOGO", "true"),
            ("DOTNET_CLI_TELEMETRY_OPTOUT", "true"),
            ("DOTNET_SKIP_FIRST_TIME_EXPERIENCE", "true"),
        })
        {
            if (Settings[name] is null)
            {
                yield return KeyValuePair.Create(name, value);
            }
        }
    }

    /// <summary>The worker kept dying and the supervisor gave up (it said why): stop polling and end the host's run with that failure.</summary>
    private async Task StopWhenWorkersGiveUpAsync(WorkerSupervisor workers)
    {
        try
        {
            await workers.Stopped;
        }
        catch (WorkerExitedException failure)
        {
            try
            {
                await _polling.CancelAsync();
            }
            catch (ObjectDisposedException)
            {
                // Disposed meanwhile: stopping anyway.
            }

            _exit.TrySetException(failure);
        }
    }

    private LoadedFunction Find(string functionName, DevHostTriggerKind kind)
    {
        if (!_started)
        {
            throw new InvalidOperationException("The host has not started.");
        }

        return _byName.TryGetValue(functionName, out var function) && function.Function.TriggerKind == kind
            ? function
            : throw new ArgumentException($"No {kind.ToString().ToLowerInvariant()} function named {functionName} is loaded.", nameof(functionName));
    }

    /// <summary>The admin API's run: in the background, answered 202 before it ends.</summary>
    private void RunNow(LoadedFunction function, string? input)
    {
        var token = _stopping.Token;
        var run = Task.Run(
            async () =>
            {
                try
                {
                    if (function.Function.TriggerKind == DevHostTriggerKind.Timer)
                    {
                        await _timers!.FireAsync(function, new TimerFiring(null, null, Monitored: false, IsPastDue: false), "admin", token);
                    }
                    else
                    {
                        // The host's admin call turns the input into a message that was never on a queue (dequeue count 0).
                        await _queues!.InvokeDirectAsync(function, input ?? string.Empty, 0, "admin", token);
                    }
                }
                catch (Exception ex) when (ex is WorkerExitedException || (ex is OperationCanceledException && token.IsCancellationRequested))
                {
                    // Stopping, or the worker died (reported once, elsewhere).
                }
            },
            CancellationToken.None);
        _background[run] = 0;
        run.ContinueWith(t => _background.TryRemove(t, out _), TaskScheduler.Default);
    }

    private static async Task<bool> CompletesWithinAsync(Task task, TimeSpan timeout)
    {
        try
        {
            await task.WaitAsync(timeout);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
        catch (Exception)
        {
            return true; // finished, with a failure each listener has already logged
        }
    }
}
