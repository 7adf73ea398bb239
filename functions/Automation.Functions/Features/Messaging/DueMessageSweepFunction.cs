using Automation.Storage.Stores;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Automation.Functions.Features.Messaging;

/// <summary>
/// Timer function: hands every message that has come due to the delivery queue, found through the time index
/// (no table scan). Runs on the schedule in the app setting <c>PaymentReminderSchedule</c>; the messages of every
/// job that are due later (not at once) go through this one sweep.
/// </summary>
internal sealed partial class DueMessageSweepFunction(
    DueMessageIndex dueIndex,
    OutboundMessageQueue outbound,
    TimeProvider time,
    IOptions<MessageDeliveryOptions> options,
    ILogger<DueMessageSweepFunction> logger)
{
    [Function(nameof(PaymentReminderSweep))]
    public async Task PaymentReminderSweep([TimerTrigger("%PaymentReminderSchedule%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var handed = await dueIndex.SweepAsync(
            time.GetUtcNow(),
            settings.SweepLimit,
            settings.SweepParallelism,
            (entry, ct) => outbound.EnqueueAsync(entry.Key, null, ct),
            cancellationToken);
        LogSwept(logger, handed, timer.IsPastDue);
    }

    [LoggerMessage(EventId = 3100, Level = LogLevel.Information, Message = "Due-message sweep handed {Count} message(s) to delivery (past due: {IsPastDue})")]
    private static partial void LogSwept(ILogger logger, int count, bool isPastDue);
}
