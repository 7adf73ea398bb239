namespace Automation.DevHost;

/// <summary>How to run a development host for one built isolated-worker app.</summary>
public sealed class DevHostOptions
{
    public const string DefaultUrls = "http://127.0.0.1:7071";

    /// <summary>The worker's build output folder: host.json, worker.config.json, functions.metadata, the app's dll.</summary>
    public required string ScriptRoot { get; init; }

    /// <summary>The front door's address(es), separated by <c>;</c>. Port 0 picks a free port (see <see cref="DevHostApp.BaseAddress"/>).</summary>
    public string Urls { get; init; } = DefaultUrls;

    /// <summary>local.settings.json to read (and create with new keys when missing); null reads none.</summary>
    public string? LocalSettingsPath { get; init; }

    /// <summary>App settings on top of the file and the environment (they win over both).</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

    /// <summary>Start Azurite when storage is the emulator and nothing answers on its ports.</summary>
    public bool StartAzurite { get; init; } = true;

    /// <summary>Where progress, the banner, the host's own log lines and the worker's output go; null = the console.</summary>
    public Action<string>? Output { get; init; }

    /// <summary>The host's own: long enough for slow functions, bounded so a dead connection is noticed.</summary>
    public static readonly TimeSpan DefaultHttpActivityTimeout = TimeSpan.FromSeconds(240);

    /// <summary>
    /// How long the front door waits for a byte of an HTTP function's answer before it answers 504. A benchmark that
    /// times a slower call through the front door lengthens it.
    /// </summary>
    public TimeSpan HttpActivityTimeout { get; init; } = DefaultHttpActivityTimeout;

    /// <summary>How long the worker may take to connect and load its functions.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// A worker that dies is restarted, as the Functions host restarts it, until this many exits fall within
    /// <see cref="WorkerExitWindow"/>: that exit stops the host (exit code 1). The Functions host's own threshold is 3.
    /// </summary>
    public int WorkerExitLimit { get; init; } = 3;

    /// <summary>How far back the worker's exits are counted against <see cref="WorkerExitLimit"/>.</summary>
    public TimeSpan WorkerExitWindow { get; init; } = TimeSpan.FromMinutes(5);
}
