using System.Text.Json;
using Automation.Functions.Features.Http;
using Automation.Storage.Stores;
using Azure.Storage.Queues;

namespace Automation.Functions.Features.Messaging;

/// <summary>The queue message that asks the delivery function to deliver one message: just its key.</summary>
internal sealed record OutboundMessageRef(string ShopId, string OrderId, string Kind, int Step)
{
    public MessageKey ToKey() => new(ShopId, OrderId, Kind, Step);

    public static OutboundMessageRef From(MessageKey key) => new(key.ShopId, key.OrderId, key.Kind, key.Step);
}

/// <summary>The <c>outbound-messages</c> queue that the DeliverMessage function is triggered by.</summary>
internal sealed class OutboundMessageQueue(QueueServiceClient queues)
{
    public const string QueueName = "outbound-messages";

    private readonly Lazy<Task<QueueClient>> _queue = new(async () =>
    {
        var queue = queues.GetQueueClient(QueueName);
        await queue.CreateIfNotExistsAsync(cancellationToken: CancellationToken.None).ConfigureAwait(false);
        return queue;
    });

    /// <summary>Hands a message to delivery, optionally after a delay (at most 7 days). 1 transaction.</summary>
    public async Task EnqueueAsync(MessageKey key, TimeSpan? delay, CancellationToken cancellationToken)
    {
        var queue = await _queue.Value.WaitAsync(cancellationToken);
        var text = JsonSerializer.Serialize(OutboundMessageRef.From(key), ApiJsonContext.Default.OutboundMessageRef);
        await queue.SendMessageAsync(text, visibilityTimeout: delay, cancellationToken: cancellationToken);
    }

    public static MessageKey Parse(string text)
    {
        var reference = JsonSerializer.Deserialize(text, ApiJsonContext.Default.OutboundMessageRef);
        return reference is { ShopId.Length: > 0, OrderId.Length: > 0, Kind.Length: > 0, Step: > 0 }
            ? reference.ToKey()
            : throw new FormatException("The queue message does not name a shop, order, kind and step.");
    }
}
