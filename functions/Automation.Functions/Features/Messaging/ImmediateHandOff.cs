using Automation.Storage.Stores;
using Azure;

namespace Automation.Functions.Features.Messaging;

/// <summary>
/// Hands a message that is due now straight to delivery instead of waiting up to a sweep interval (a shipping notice,
/// a review reply posted at once or just approved): 1 queue message, then its index entry is removed (1 delete). If the
/// instance dies in between, the entry is still there and the next sweep hands the message off; delivery is
/// idempotent either way, so a failure here is logged and left to the sweep.
/// </summary>
internal sealed partial class ImmediateHandOff(DueMessageIndex dueIndex, OutboundMessageQueue outbound, ILogger<ImmediateHandOff> logger)
{
    public async Task HandOffAsync(MessageKey key, DateTimeOffset dueAt, DateTimeOffset now, CancellationToken cancellationToken)
    {
        try
        {
            await outbound.EnqueueAsync(key, delay: null, cancellationToken);
            await dueIndex.RemoveAsync(key, dueAt, now, cancellationToken);
        }
        catch (Exception e) when (e is RequestFailedException or TimeoutException)
        {
            LogHandOffFailed(logger, key.ShopId, key.MessageId, e.Message);
        }
    }

    [LoggerMessage(EventId = 2004, Level = LogLevel.Warning,
        Message = "Shop {ShopId}: message {MessageId} is due now but could not be queued ({Error}); the next sweep hands it off")]
    private static partial void LogHandOffFailed(ILogger logger, string shopId, string messageId, string error);
}
