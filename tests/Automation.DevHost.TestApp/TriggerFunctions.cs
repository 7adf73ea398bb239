using System.Globalization;
using Microsoft.Azure.Functions.Worker;

namespace Automation.DevHost.TestApp;

/// <summary>Timer and queue functions that record what they saw.</summary>
public sealed class TriggerFunctions
{
    /// <summary>Records each run's start and end; <c>TestTimerRunMs</c> makes a run last that long.</summary>
    [Function(nameof(Tick))]
    public static async Task Tick([TimerTrigger("%TestTimerSchedule%")] TimerInfo timer, FunctionContext context)
    {
        var started = DateTimeOffset.UtcNow;
        var runMs = int.TryParse(Environment.GetEnvironmentVariable("TestTimerRunMs"), out var ms) ? ms : 0;
        if (runMs > 0)
        {
            await Task.Delay(runMs, context.CancellationToken);
        }

        Recorder.Write("tick", new Dictionary<string, string?>
        {
            ["started"] = started.ToString("O", CultureInfo.InvariantCulture),
            ["ended"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
            ["isPastDue"] = timer.IsPastDue.ToString(),
            ["next"] = timer.ScheduleStatus?.Next.ToString("O", CultureInfo.InvariantCulture),
            ["last"] = timer.ScheduleStatus?.Last.ToString("O", CultureInfo.InvariantCulture),
            ["hasStatus"] = (timer.ScheduleStatus is not null).ToString(),
            ["triggerTime"] = context.BindingContext.BindingData.TryGetValue("TimerTrigger", out var t) ? t?.ToString() : null,
        });
    }

    /// <summary>Records each message; one that starts with <see cref="ExitOnFirstDelivery"/> kills the worker on its first delivery.</summary>
    [Function(nameof(Record))]
    public static void Record(
        [QueueTrigger("%TestQueueName%")] string message,
        long dequeueCount,
        string id,
        string popReceipt,
        DateTimeOffset insertionTime,
        DateTimeOffset expirationTime,
        DateTimeOffset nextVisibleTime)
    {
        if (message.StartsWith(ExitOnFirstDelivery, StringComparison.Ordinal) && dequeueCount == 1)
        {
            Environment.Exit(9);
        }

        Recorder.Write("queue", new Dictionary<string, string?>
        {
            ["message"] = message,
            ["dequeueCount"] = dequeueCount.ToString(CultureInfo.InvariantCulture),
            ["id"] = id,
            ["popReceipt"] = popReceipt,
            ["insertionTime"] = insertionTime.ToString("O", CultureInfo.InvariantCulture),
            ["expirationTime"] = expirationTime.ToString("O", CultureInfo.InvariantCulture),
            ["nextVisibleTime"] = nextVisibleTime.ToString("O", CultureInfo.InvariantCulture),
        });
    }

    /// <summary>The prefix of a queue message whose first delivery makes the worker exit with code 9.</summary>
    public const string ExitOnFirstDelivery = "exit-on-first-delivery ";

    [Function(nameof(AlwaysFails))]
    public static void AlwaysFails([QueueTrigger("%TestFailingQueueName%")] string message, long dequeueCount)
    {
        Recorder.Write("failing", new Dictionary<string, string?>
        {
            ["message"] = message,
            ["dequeueCount"] = dequeueCount.ToString(CultureInfo.InvariantCulture),
        });
        throw new InvalidOperationException("This function always fails: " + message);
    }
}
