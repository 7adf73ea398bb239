using System.Globalization;
using Automation.DevHost.Worker;
using Microsoft.Extensions.Logging;

namespace Automation.DevHost.Triggers;

/// <summary>
/// Fires each timer function on its schedule (UTC), one run at a time per timer, with <c>runOnStartup</c> honoured,
/// as the host's TimerListener does. Time comes from the injected <see cref="TimeProvider"/>.
/// </summary>
internal sealed partial class TimerScheduler(FunctionInvoker invoker, TimeProvider timeProvider, ILogger<TimerScheduler> logger)
{
    // Task.Delay cannot wait longer than about 49 days; long waits are taken in steps.
    private static readonly TimeSpan LongestWait = TimeSpan.FromDays(1);

    public Task RunAsync(IEnumerable<LoadedFunction> timers, CancellationToken stoppingToken) =>
        Task.WhenAll(timers.Select(timer => RunAsync(timer, stoppingToken)));

    /// <summary>Runs the function once and logs the outcome.</summary>
    public async Task<InvocationResult> FireAsync(LoadedFunction function, TimerFiring firing, string reason, CancellationToken cancellationToken)
    {
        var request = InvocationPayloads.Timer(function, firing, timeProvider.GetUtcNow());
        var result = await invoker.InvokeAsync(function, request, cancellationToken);
        var scheduledFor = firing.Next?.ToString("u", CultureInfo.InvariantCulture) ?? "-";
        if (result.Succeeded)
        {
            LogTimerRan(logger, function.Name, reason, scheduledFor, result.Status, result.Duration.TotalMilliseconds);
        }
        else
        {
            LogTimerFailed(logger, function.Name, reason, scheduledFor, result.Status, result.Duration.TotalMilliseconds, result.ExceptionType ?? "-");
        }

        return result;
    }

    private async Task RunAsync(LoadedFunction function, CancellationToken stoppingToken)
    {
        var schedule = TimerSchedule.Parse(function.Function.Schedule!);
        var monitored = function.Function.UseMonitor && schedule.IsMonitorable(timeProvider.GetUtcNow());
        DateTimeOffset? last = null;
        try
        {
            var next = schedule.NextAfter(timeProvider.GetUtcNow());
            if (function.Function.RunOnStartup)
            {
                var startedAt = timeProvider.GetUtcNow();
                await FireAsync(function, new TimerFiring(next, null, monitored, IsPastDue: false), "runOnStartup", stoppingToken);
                next = schedule.NextAfter(startedAt);
            }

            while (!stoppingToken.IsCancellationRequested)
            {
                for (var now = timeProvider.GetUtcNow(); now < next; now = timeProvider.GetUtcNow())
                {
                    var wait = next - now;
                    await Task.Delay(wait < LongestWait ? wait : LongestWait, timeProvider, stoppingToken);
                }

                // Late past the following occurrence too (machine asleep, clock jump): fire once, past due.
                var firedAt = timeProvider.GetUtcNow();
                var isPastDue = firedAt >= schedule.NextAfter(next);
                await FireAsync(function, new TimerFiring(next, last, monitored, isPastDue), "schedule", stoppingToken);
                last = next;

                // One run at a time, and the next occurrence is the one after this run *started*: an occurrence that
                // passed while the run was still going fires at once when it ends (once, however many passed).
                next = schedule.NextAfter(firedAt > next ? firedAt : next);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (WorkerExitedException)
        {
            // The host is going down with the worker; it reports that itself.
        }
    }

    [LoggerMessage(EventId = 300, Level = LogLevel.Information, Message = "Timer {FunctionName} ran ({Reason}, scheduled {ScheduledFor}): {Status}, {DurationMs:0} ms")]
    private static partial void LogTimerRan(ILogger logger, string functionName, string reason, string scheduledFor, string status, double durationMs);

    [LoggerMessage(EventId = 301, Level = LogLevel.Warning, Message = "Timer {FunctionName} ran ({Reason}, scheduled {ScheduledFor}): {Status}, {DurationMs:0} ms, {ExceptionType}")]
    private static partial void LogTimerFailed(ILogger logger, string functionName, string reason, string scheduledFor, string status, double durationMs, string exceptionType);
}
