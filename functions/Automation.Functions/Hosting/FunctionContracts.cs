namespace Automation.Functions.Hosting;

/// <summary>A timer-triggered function. Invoked by the Functions host as <c>POST /{FunctionName}</c>.</summary>
public interface ITimerFunction
{
    /// <summary>Runs one occurrence. Throwing makes the handler answer 500; the host does not retry timers.</summary>
    Task RunAsync(TimerTriggerInfo timer, CancellationToken cancellationToken);
}

/// <summary>A queue-triggered function. Invoked by the Functions host as <c>POST /{FunctionName}</c>.</summary>
public interface IQueueFunction
{
    /// <summary>
    /// Handles one message. Throwing makes the handler answer 500, so the host makes the message visible again
    /// and moves it to <c>&lt;queue&gt;-poison</c> once <see cref="QueueTriggerMessage.DequeueCount"/> reaches
    /// <see cref="QueueTriggerMessage.MaxDequeueCount"/>. Must be idempotent: a message can be delivered more than once.
    /// </summary>
    Task RunAsync(QueueTriggerMessage message, CancellationToken cancellationToken);
}

/// <summary>What the host tells a timer function about the occurrence it fires.</summary>
/// <param name="IsPastDue">True when the host fires late, for a missed occurrence.</param>
/// <param name="ScheduledFor">The occurrence being fired (the host's <c>ScheduleStatus.Next</c>); null when the schedule monitor is off.</param>
/// <param name="Last">The previous occurrence; null on the first run or when the schedule monitor is off.</param>
public sealed record TimerTriggerInfo(bool IsPastDue, DateTimeOffset? ScheduledFor, DateTimeOffset? Last);

/// <summary>One queue message as delivered by the host.</summary>
/// <param name="Text">The message text, already decoded (base64 and the host's JSON double encoding removed).</param>
/// <param name="DequeueCount">How many times the message has been dequeued, this delivery included (1 on the first try).</param>
/// <param name="Id">The queue message id. The host lets a top-level <c>Id</c> property of a JSON message replace it.</param>
/// <param name="InsertionTime">When the message was put on the queue.</param>
/// <param name="MaxDequeueCount">host.json <c>extensions.queues.maxDequeueCount</c> (default 5): the delivery after which a failing message goes to the poison queue.</param>
public sealed record QueueTriggerMessage(string Text, long DequeueCount, string? Id, DateTimeOffset? InsertionTime, int MaxDequeueCount);
