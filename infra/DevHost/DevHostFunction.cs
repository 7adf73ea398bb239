namespace Automation.DevHost;

/// <summary>The kinds of trigger the development host serves.</summary>
public enum DevHostTriggerKind
{
    /// <summary>A trigger the development host loads but does not serve (e.g. a blob trigger).</summary>
    Other,
    Http,
    Timer,
    Queue,
}

/// <summary>A function as the worker's metadata describes it, with <c>%Setting%</c> references resolved.</summary>
public sealed record DevHostFunction
{
    public required string Name { get; init; }

    /// <summary>The worker's function id, used in load and invocation requests.</summary>
    public required string Id { get; init; }

    public required DevHostTriggerKind TriggerKind { get; init; }

    /// <summary>The trigger binding's type as the metadata spells it, e.g. <c>httpTrigger</c>.</summary>
    public required string TriggerType { get; init; }

    /// <summary>The trigger parameter's name: the key of the trigger's entry in an invocation's input data.</summary>
    public required string TriggerParameter { get; init; }

    /// <summary>HTTP: the route below the route prefix (the function name when the binding gives none).</summary>
    public string? Route { get; init; }

    /// <summary>HTTP: the methods in upper case; null means every method.</summary>
    public IReadOnlyList<string>? Methods { get; init; }

    /// <summary>HTTP: anonymous, function or admin (lower case).</summary>
    public string? AuthLevel { get; init; }

    /// <summary>Timer: the NCRONTAB expression or time span.</summary>
    public string? Schedule { get; init; }

    public bool RunOnStartup { get; init; }

    public bool UseMonitor { get; init; } = true;

    /// <summary>Queue: the queue's name, lower-cased as the host does.</summary>
    public string? QueueName { get; init; }

    /// <summary>Queue: the connection setting's name (default AzureWebJobsStorage).</summary>
    public string? Connection { get; init; }

    /// <summary><c>AzureWebJobs.&lt;Name&gt;.Disabled</c> is set: loaded, but not triggered or routed.</summary>
    public bool IsDisabled { get; init; }
}

/// <summary>What the worker answered for one invocation.</summary>
/// <param name="Succeeded">The worker's status was Success.</param>
/// <param name="Status">Succeeded, Failed or Cancelled.</param>
/// <param name="ExceptionType">The exception's type when the function failed, as the worker reports it.</param>
/// <param name="ExceptionMessage">The exception's message when the function failed.</param>
/// <param name="Duration">From sending the invocation to its answer.</param>
public sealed record InvocationResult(bool Succeeded, string Status, string? ExceptionType, string? ExceptionMessage, TimeSpan Duration);

/// <summary>A start-up problem the user can fix, described in one line by its message.</summary>
public sealed class DevHostStartupException(string message, Exception? innerException = null) : Exception(message, innerException);

/// <summary>The worker process ended while the host still needed it.</summary>
public sealed class WorkerExitedException(string message, int? exitCode) : Exception(message)
{
    /// <summary>The worker's exit code, when it is known.</summary>
    public int? ExitCode { get; } = exitCode;
}
