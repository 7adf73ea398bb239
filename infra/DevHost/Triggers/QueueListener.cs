using Automation.DevHost.Settings;
using Automation.DevHost.Worker;
using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Logging;

namespace Automation.DevHost.Triggers;

/// <summary>
/// Polls each queue-triggered function's queue with the queue extension's semantics (host.json
/// <c>extensions.queues</c>, reference §3.2): batches of <c>batchSize</c>, a new batch once in-flight work drops to
/// <c>newBatchThreshold</c>, polling backing off from 100 ms to <c>maxPollingInterval</c> while idle. Success deletes
/// the message; a failure makes it visible again after <c>visibilityTimeout</c>, or moves it to
/// <c>&lt;queue&gt;-poison</c> once its DequeueCount has reached <c>maxDequeueCount</c>. A message already past the
/// limit, or one that is not valid base64 (with the default encoding), goes to poison without running.
/// </summary>
internal sealed partial class QueueListener(
    FunctionInvoker invoker,
    AppSettings settings,
    HostSettings hostSettings,
    TimeProvider timeProvider,
    ILogger<QueueListener> logger)
{
    public const string PoisonSuffix = "-poison";

    private QueueSettings Options => hostSettings.Queues;

    // The extension receives with a lease long enough for the invocation and renews it; this host takes one lease
    // long enough for the whole function timeout instead.
    private TimeSpan Lease => (hostSettings.FunctionTimeout ?? TimeSpan.FromMinutes(10)) + TimeSpan.FromMinutes(1);

    /// <summary>
    /// Polls until <paramref name="pollingToken"/> fires, then waits for the messages in flight, which keep running
    /// until <paramref name="stoppingToken"/> fires.
    /// </summary>
    public Task RunAsync(IEnumerable<LoadedFunction> functions, CancellationToken pollingToken, CancellationToken stoppingToken) =>
        Task.WhenAll(functions.Select(function => ListenAsync(function, pollingToken, stoppingToken)));

    /// <summary>Invokes the function with a message that was never on a queue (admin API, tests), and logs the outcome.</summary>
    public async Task<InvocationResult> InvokeDirectAsync(LoadedFunction function, string text, long dequeueCount, string reason, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var delivery = new QueueDelivery(text, dequeueCount, Guid.NewGuid().ToString(), Guid.NewGuid().ToString("N"), now, now.AddDays(7), now + Lease);
        var result = await invoker.InvokeAsync(function, InvocationPayloads.Queue(function, delivery), cancellationToken);
        LogDirectRun(logger, function.Name, reason, result.Status, result.Duration.TotalMilliseconds, result.ExceptionType ?? "-");
        return result;
    }

    private async Task ListenAsync(LoadedFunction function, CancellationToken pollingToken, CancellationToken stoppingToken)
    {
        var queueName = function.Function.QueueName!;
        QueueClient queue, poison;
        try
        {
            var connection = function.Function.Connection!;
            var encoding = Options.MessageEncoding == "none" ? QueueMessageEncoding.None : QueueMessageEncoding.Base64;
            var options = QueueConnections.Options(encoding);
            if (encoding != QueueMessageEncoding.None)
            {
                // As the extension: a message that cannot be decoded is copied as it is to the poison queue and deleted.
                var raw = QueueConnections.Create(settings, connection, QueueConnections.Options(QueueMessageEncoding.None));
                options.MessageDecodingFailed += args => OnDecodingFailedAsync(function, raw, args);
            }

            var service = QueueConnections.Create(settings, connection, options);
            queue = service.GetQueueClient(queueName);
            poison = service.GetQueueClient(queueName + PoisonSuffix);
        }
        catch (Exception ex) when (ex is DevHostStartupException or FormatException or ArgumentException or InvalidOperationException)
        {
            LogListenerNotStarted(logger, function.Name, ex.Message);
            return;
        }

        var inFlight = new List<Task>();
        var idleDelay = QueueSettings.MinimumPollingInterval;
        var ready = false;
        try
        {
            while (!pollingToken.IsCancellationRequested)
            {
                try
                {
                    if (!ready)
                    {
                        await queue.CreateIfNotExistsAsync(cancellationToken: pollingToken);
                        ready = true;
                    }

                    inFlight.RemoveAll(t => t.IsCompleted);
                    if (inFlight.Count > Options.NewBatchThreshold)
                    {
                        await Task.WhenAny(inFlight).WaitAsync(pollingToken);
                        continue;
                    }

                    QueueMessage[] messages = await queue.ReceiveMessagesAsync(Options.BatchSize, Lease, pollingToken);
                    if (messages.Length == 0)
                    {
                        await Task.Delay(idleDelay, timeProvider, pollingToken);
                        idleDelay = Min(idleDelay * 2, Options.MaxPollingInterval);
                        continue;
                    }

                    idleDelay = QueueSettings.MinimumPollingInterval;
                    inFlight.AddRange(messages.Select(message => ProcessAsync(function, queue, poison, message, stoppingToken)));
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !pollingToken.IsCancellationRequested)
                {
                    LogPollFailed(logger, function.Name, queue.Name, ex.GetType().Name, ex.Message);
                    await Task.Delay(Options.MaxPollingInterval, timeProvider, pollingToken);
                }
            }
        }
        catch (OperationCanceledException) when (pollingToken.IsCancellationRequested)
        {
        }

        await Task.WhenAll(inFlight);
    }

    private async Task ProcessAsync(LoadedFunction function, QueueClient queue, QueueClient poison, QueueMessage message, CancellationToken stoppingToken)
    {
        var dequeueCount = message.DequeueCount;
        try
        {
            if (dequeueCount > Options.MaxDequeueCount)
            {
                // Already past the limit (e.g. maxDequeueCount was lowered): straight to poison, as the extension does.
                await MoveToPoisonAsync(queue, poison, message.MessageText, message, stoppingToken);
                LogPoisonedWithoutRun(logger, function.Name, message.MessageId, queue.Name, dequeueCount, poison.Name);
                return;
            }

            var delivery = new QueueDelivery(message.MessageText, dequeueCount, message.MessageId, message.PopReceipt, message.InsertedOn, message.ExpiresOn, message.NextVisibleOn);
            var result = await invoker.InvokeAsync(function, InvocationPayloads.Queue(function, delivery), stoppingToken);
            var durationMs = result.Duration.TotalMilliseconds;
            if (result.Succeeded)
            {
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, stoppingToken);
                LogSucceeded(logger, function.Name, message.MessageId, queue.Name, dequeueCount, durationMs);
            }
            else if (dequeueCount >= Options.MaxDequeueCount)
            {
                await MoveToPoisonAsync(queue, poison, message.MessageText, message, stoppingToken);
                LogPoisoned(logger, function.Name, message.MessageId, queue.Name, dequeueCount, result.Status, result.ExceptionType ?? "-", durationMs, poison.Name);
            }
            else
            {
                await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: Options.VisibilityTimeout, cancellationToken: stoppingToken);
                LogFailed(logger, function.Name, message.MessageId, queue.Name, dequeueCount, result.Status, result.ExceptionType ?? "-", durationMs, Options.VisibilityTimeout);
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404 || (ex.Status == 400 && ex.ErrorCode == "InvalidParameter"))
        {
            // The pop receipt no longer matches (the lease ran out and someone else received it) or the message is gone.
            LogLeaseLost(logger, function.Name, message.MessageId, queue.Name);
        }
        catch (Exception ex) when ((ex is OperationCanceledException && stoppingToken.IsCancellationRequested) || ex is WorkerExitedException)
        {
            // Stopping, or no worker any more (the host gave up on it): make the message visible again now rather than
            // when the lease ends. A worker that died mid-invocation is a failed run, handled above.
            await ReleaseAsync(queue, message);
        }
        catch (Exception ex)
        {
            LogSettleFailed(logger, function.Name, message.MessageId, queue.Name, ex.GetType().Name, ex.Message);
        }
    }

    private async Task OnDecodingFailedAsync(LoadedFunction function, QueueServiceClient raw, QueueMessageDecodingFailedEventArgs args)
    {
        if (args.ReceivedMessage is not { } message)
        {
            return; // a peeked message: nothing to settle
        }

        var poison = raw.GetQueueClient(args.Queue.Name + PoisonSuffix);
        try
        {
            await MoveToPoisonAsync(args.Queue, poison, message.Body.ToString(), message, args.CancellationToken);
            LogDecodingFailed(logger, function.Name, message.MessageId, args.Queue.Name, poison.Name);
        }
        catch (Exception ex) when (ex is RequestFailedException or OperationCanceledException)
        {
            LogSettleFailed(logger, function.Name, message.MessageId, args.Queue.Name, ex.GetType().Name, ex.Message);
        }
    }

    private static async Task MoveToPoisonAsync(QueueClient queue, QueueClient poison, string text, QueueMessage message, CancellationToken cancellationToken)
    {
        await poison.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await poison.SendMessageAsync(text, cancellationToken);
        await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
    }

    private static async Task ReleaseAsync(QueueClient queue, QueueMessage message)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: TimeSpan.Zero, cancellationToken: timeout.Token);
        }
        catch (Exception ex) when (ex is RequestFailedException or OperationCanceledException)
        {
            // Best effort: the lease ends on its own.
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    [LoggerMessage(EventId = 500, Level = LogLevel.Information, Message = "Queue {FunctionName} message {MessageId} from {Queue} (dequeue {DequeueCount}): Succeeded, {DurationMs:0} ms, deleted")]
    private static partial void LogSucceeded(ILogger logger, string functionName, string messageId, string queue, long dequeueCount, double durationMs);

    [LoggerMessage(EventId = 501, Level = LogLevel.Warning, Message = "Queue {FunctionName} message {MessageId} from {Queue} (dequeue {DequeueCount}): {Status} ({ExceptionType}), {DurationMs:0} ms, visible again after {VisibilityTimeout}")]
    private static partial void LogFailed(ILogger logger, string functionName, string messageId, string queue, long dequeueCount, string status, string exceptionType, double durationMs, TimeSpan visibilityTimeout);

    [LoggerMessage(EventId = 502, Level = LogLevel.Error, Message = "Queue {FunctionName} message {MessageId} from {Queue} (dequeue {DequeueCount}): {Status} ({ExceptionType}), {DurationMs:0} ms, moved to {PoisonQueue}")]
    private static partial void LogPoisoned(ILogger logger, string functionName, string messageId, string queue, long dequeueCount, string status, string exceptionType, double durationMs, string poisonQueue);

    [LoggerMessage(EventId = 503, Level = LogLevel.Error, Message = "Queue {FunctionName} message {MessageId} from {Queue} (dequeue {DequeueCount}) is past maxDequeueCount: moved to {PoisonQueue} without running")]
    private static partial void LogPoisonedWithoutRun(ILogger logger, string functionName, string messageId, string queue, long dequeueCount, string poisonQueue);

    [LoggerMessage(EventId = 504, Level = LogLevel.Warning, Message = "Queue {FunctionName} message {MessageId} from {Queue}: lease lost before it could be settled")]
    private static partial void LogLeaseLost(ILogger logger, string functionName, string messageId, string queue);

    [LoggerMessage(EventId = 505, Level = LogLevel.Error, Message = "Queue {FunctionName} message {MessageId} from {Queue}: could not settle it ({ExceptionType}: {Reason})")]
    private static partial void LogSettleFailed(ILogger logger, string functionName, string messageId, string queue, string exceptionType, string reason);

    [LoggerMessage(EventId = 506, Level = LogLevel.Warning, Message = "Queue {FunctionName}: polling {Queue} failed ({ExceptionType}: {Reason}); retrying")]
    private static partial void LogPollFailed(ILogger logger, string functionName, string queue, string exceptionType, string reason);

    [LoggerMessage(EventId = 507, Level = LogLevel.Error, Message = "Queue {FunctionName}: not listening: {Reason}")]
    private static partial void LogListenerNotStarted(ILogger logger, string functionName, string reason);

    [LoggerMessage(EventId = 508, Level = LogLevel.Warning, Message = "Queue {FunctionName} message {MessageId} from {Queue} could not be decoded (check messageEncoding): moved to {PoisonQueue} without running")]
    private static partial void LogDecodingFailed(ILogger logger, string functionName, string messageId, string queue, string poisonQueue);

    [LoggerMessage(EventId = 509, Level = LogLevel.Information, Message = "Queue {FunctionName} run directly ({Reason}): {Status}, {DurationMs:0} ms, {ExceptionType}")]
    private static partial void LogDirectRun(ILogger logger, string functionName, string reason, string status, double durationMs, string exceptionType);
}
