namespace Automation.Functions.LocalRunner;

/// <summary>Builds the host's payload for a timer or queue firing and calls the handler with it.</summary>
internal sealed partial class LocalTriggerDispatcher(
    LocalHandlerClient client,
    TimeProvider timeProvider,
    IHostApplicationLifetime lifetime,
    ILogger<LocalTriggerDispatcher> logger)
{
    public async Task<InvocationOutcome> FireTimerAsync(FunctionDefinition function, TimerFiring firing, string reason, CancellationToken cancellationToken)
    {
        var payload = HostPayloads.Timer(function.Name, function.Timer!.BindingName, firing, timeProvider.GetUtcNow());
        var outcome = await client.InvokeAsync(function.Name, payload, cancellationToken);
        var scheduledFor = firing.Next?.ToString("u", System.Globalization.CultureInfo.InvariantCulture) ?? "-";
        var result = outcome.Succeeded ? "Succeeded" : "Failed";
        var durationMs = outcome.Duration.TotalMilliseconds;
        if (outcome.Succeeded)
        {
            LogTimerFired(logger, function.Name, reason, scheduledFor, result, outcome.Detail, durationMs);
        }
        else
        {
            LogTimerFailed(logger, function.Name, reason, scheduledFor, result, outcome.Detail, durationMs);
        }

        return outcome;
    }

    public Task<InvocationOutcome> DeliverQueueMessageAsync(FunctionDefinition function, QueueDelivery message, CancellationToken cancellationToken) =>
        client.InvokeAsync(function.Name, HostPayloads.Queue(function.Name, function.Queue!.BindingName, message, timeProvider.GetUtcNow()), cancellationToken);

    /// <summary>Runs a timer or queue function now, as the host's admin API does; the caller does not wait.</summary>
    public void RunNow(FunctionDefinition function, string? input)
    {
        var stopping = lifetime.ApplicationStopping;
        _ = Task.Run(
            async () =>
            {
                try
                {
                    if (function.Timer is not null)
                    {
                        await FireTimerAsync(function, new TimerFiring(null, null, Monitored: false, IsPastDue: false), "admin", stopping);
                        return;
                    }

                    // The host's admin call turns the input into a queue message that was never on a queue.
                    var outcome = await DeliverQueueMessageAsync(function, new QueueDelivery(input ?? string.Empty, 0, null, null, null, null, null), stopping);
                    var result = outcome.Succeeded ? "Succeeded" : "Failed";
                    var durationMs = outcome.Duration.TotalMilliseconds;
                    if (outcome.Succeeded)
                    {
                        LogQueueAdminRun(logger, function.Name, result, outcome.Detail, durationMs);
                    }
                    else
                    {
                        LogQueueAdminRunFailed(logger, function.Name, result, outcome.Detail, durationMs);
                    }
                }
                catch (OperationCanceledException) when (stopping.IsCancellationRequested)
                {
                }
            },
            CancellationToken.None);
    }

    [LoggerMessage(EventId = 300, Level = LogLevel.Information, Message = "Timer {FunctionName} fired ({Reason}, scheduled {ScheduledFor}): {Result}, {Detail}, {DurationMs:0} ms")]
    private static partial void LogTimerFired(ILogger logger, string functionName, string reason, string scheduledFor, string result, string detail, double durationMs);

    [LoggerMessage(EventId = 301, Level = LogLevel.Warning, Message = "Timer {FunctionName} fired ({Reason}, scheduled {ScheduledFor}): {Result}, {Detail}, {DurationMs:0} ms")]
    private static partial void LogTimerFailed(ILogger logger, string functionName, string reason, string scheduledFor, string result, string detail, double durationMs);

    [LoggerMessage(EventId = 302, Level = LogLevel.Information, Message = "Queue {FunctionName} run by admin call: {Result}, {Detail}, {DurationMs:0} ms")]
    private static partial void LogQueueAdminRun(ILogger logger, string functionName, string result, string detail, double durationMs);

    [LoggerMessage(EventId = 303, Level = LogLevel.Warning, Message = "Queue {FunctionName} run by admin call: {Result}, {Detail}, {DurationMs:0} ms")]
    private static partial void LogQueueAdminRunFailed(ILogger logger, string functionName, string result, string detail, double durationMs);
}
