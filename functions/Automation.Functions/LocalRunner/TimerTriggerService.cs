using NCrontab;

namespace Automation.Functions.LocalRunner;

/// <summary>
/// Fires each timer function on its NCRONTAB schedule (UTC, as Functions on Linux), one run at a time per timer,
/// with <c>runOnStartup</c> honoured. Time comes from the injected <see cref="TimeProvider"/>.
/// </summary>
internal sealed class TimerTriggerService(
    LocalFunctionCatalog catalog,
    LocalTriggerDispatcher dispatcher,
    TimeProvider timeProvider,
    IHostApplicationLifetime lifetime) : BackgroundService
{
    // Task.Delay cannot wait longer than about 49 days; long waits are taken in steps.
    private static readonly TimeSpan LongestWait = TimeSpan.FromDays(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await lifetime.WaitUntilStartedAsync(stoppingToken))
        {
            return;
        }

        await Task.WhenAll(catalog.Timers.Select(timer => RunAsync(timer, stoppingToken)));
    }

    /// <summary>The host turns its schedule monitor off for schedules firing more often than once a minute.</summary>
    internal static bool IsMonitored(TimerTrigger timer, DateTimeOffset now)
    {
        if (!timer.UseMonitor)
        {
            return false;
        }

        var first = timer.Crontab.GetNextOccurrence(now.UtcDateTime);
        var second = timer.Crontab.GetNextOccurrence(first);
        return second - first >= TimeSpan.FromMinutes(1);
    }

    internal static DateTimeOffset NextOccurrence(CrontabSchedule schedule, DateTimeOffset after) =>
        new(DateTime.SpecifyKind(schedule.GetNextOccurrence(after.UtcDateTime), DateTimeKind.Utc));

    private async Task RunAsync(FunctionDefinition function, CancellationToken stoppingToken)
    {
        var timer = function.Timer!;
        var monitored = IsMonitored(timer, timeProvider.GetUtcNow());
        DateTimeOffset? last = null;
        try
        {
            var next = NextOccurrence(timer.Crontab, timeProvider.GetUtcNow());
            if (timer.RunOnStartup)
            {
                var startedAt = timeProvider.GetUtcNow();
                await dispatcher.FireTimerAsync(function, new TimerFiring(next, null, monitored, IsPastDue: false), "runOnStartup", stoppingToken);
                next = NextOccurrence(timer.Crontab, startedAt);
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
                var isPastDue = firedAt >= NextOccurrence(timer.Crontab, next);
                await dispatcher.FireTimerAsync(function, new TimerFiring(next, last, monitored, isPastDue), "schedule", stoppingToken);
                last = next;

                // As the host's TimerListener: one run at a time, and the next occurrence is the one after this run
                // *started*. An occurrence that passed while this run was still going fires at once when it ends (once,
                // however many passed), rather than being skipped.
                next = NextOccurrence(timer.Crontab, firedAt > next ? firedAt : next);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
