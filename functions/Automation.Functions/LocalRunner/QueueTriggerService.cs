using Automation.Functions.Hosting;
using Automation.Storage;
using Automation.Storage.Queues;
using Azure;

namespace Automation.Functions.LocalRunner;

/// <summary>
/// Polls each queue-triggered function's queue with the host's semantics (host.json <c>extensions.queues</c>):
/// batches of <c>batchSize</c>, a new batch once in-flight work drops to <c>newBatchThreshold</c>, polling backing
/// off from 100 ms to <c>maxPollingInterval</c> while idle. 2xx from the handler deletes the message; a failure makes
/// it visible again after <c>visibilityTimeout</c>, or moves it to <c>&lt;queue&gt;-poison</c> once its DequeueCount
/// has reached <c>maxDequeueCount</c>.
/// </summary>
internal sealed partial class QueueTriggerService(
    LocalFunctionCatalog catalog,
    LocalTriggerDispatcher dispatcher,
    HostSettingsProvider hostSettings,
    IServiceProvider services,
    IConfiguration configuration,
    TimeProvider timeProvider,
    IHostApplicationLifetime lifetime,
    ILogger<QueueTriggerService> logger) : BackgroundService
{
    public const string PoisonSuffix = "-poison";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await lifetime.WaitUntilStartedAsync(stoppingToken))
        {
            return;
        }

        await Task.WhenAll(catalog.Queues.Select(function => ListenAsync(function, stoppingToken)));
    }

    private async Task ListenAsync(FunctionDefinition function, CancellationToken stoppingToken)
    {
        var settings = hostSettings.Current.Queues;
        var trigger = function.Queue!;
        QueueClient queue, poison;
        try
        {
            var service = trigger.Connection == FunctionDefinitionReader.DefaultConnection
                ? services.GetRequiredService<QueueServiceClient>()
                : new QueueServiceClient(StorageAccount.FromSettings(name => configuration[name] ?? configuration.GetConnectionString(name), trigger.Connection));
            var encoding = settings.MessageEncoding == "none" ? QueueMessageEncoding.None : QueueMessageEncoding.Base64;
            queue = service.GetQueueClient(trigger.QueueName, encoding);
            poison = service.GetQueueClient(trigger.QueueName + PoisonSuffix, encoding);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
        {
            LogListenerNotStarted(logger, function.Name, ex.Message);
            return;
        }

        // The host receives with a lease long enough for the invocation (it renews it; this runner does not).
        var lease = (hostSettings.Current.FunctionTimeout ?? TimeSpan.FromMinutes(10)) + TimeSpan.FromMinutes(1);
        // Polling stops as soon as the app starts stopping: the server stops taking requests first, so a message received
        // now could not be delivered and would be charged a failed delivery (and poisoned on its last one). Messages in
        // flight keep the hard stop token.
        using var polling = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, lifetime.ApplicationStopping);
        var pollingToken = polling.Token;
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
                        await queue.CreateIfNotExistsAsync(pollingToken);
                        await poison.CreateIfNotExistsAsync(pollingToken);
                        ready = true;
                    }

                    inFlight.RemoveAll(t => t.IsCompleted);
                    if (inFlight.Count > settings.NewBatchThreshold)
                    {
                        await Task.WhenAny(inFlight).WaitAsync(pollingToken);
                        continue;
                    }

                    var messages = await queue.ReceiveMessagesAsync(settings.BatchSize, lease, pollingToken);
                    if (messages.Count == 0)
                    {
                        await Task.Delay(idleDelay, timeProvider, pollingToken);
                        idleDelay = Min(idleDelay * 2, settings.MaxPollingInterval);
                        continue;
                    }

                    idleDelay = QueueSettings.MinimumPollingInterval;
                    inFlight.AddRange(messages.Select(message => ProcessAsync(function, queue, poison, message, settings, stoppingToken)));
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !pollingToken.IsCancellationRequested)
                {
                    var exceptionType = ex.GetType().Name;
                    LogPollFailed(logger, function.Name, queue.Name, exceptionType);
                    await Task.Delay(settings.MaxPollingInterval, timeProvider, pollingToken);
                }
            }
        }
        catch (OperationCanceledException) when (pollingToken.IsCancellationRequested)
        {
        }

        await Task.WhenAll(inFlight);
    }

    private async Task ProcessAsync(FunctionDefinition function, QueueClient queue, QueueClient poison, QueueMessage message, QueueSettings settings, CancellationToken stoppingToken)
    {
        var dequeueCount = message.DequeueCount;
        try
        {
            if (dequeueCount > settings.MaxDequeueCount)
            {
                // Already past the limit (e.g. maxDequeueCount was lowered): straight to poison, as the host does.
                await MoveToPoisonAsync(queue, poison, message, stoppingToken);
                LogPoisonedWithoutRun(logger, function.Name, message.MessageId, queue.Name, dequeueCount, poison.Name);
                return;
            }

            var delivery = new QueueDelivery(message.MessageText, dequeueCount, message.MessageId, message.PopReceipt, message.InsertedOn, message.ExpiresOn, message.NextVisibleOn);
            var outcome = await dispatcher.DeliverQueueMessageAsync(function, delivery, stoppingToken);
            var durationMs = outcome.Duration.TotalMilliseconds;
            if (outcome.Succeeded)
            {
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, stoppingToken);
                LogSucceeded(logger, function.Name, message.MessageId, queue.Name, dequeueCount, outcome.Detail, durationMs);
            }
            else if (dequeueCount >= settings.MaxDequeueCount)
            {
                await MoveToPoisonAsync(queue, poison, message, stoppingToken);
                LogPoisoned(logger, function.Name, message.MessageId, queue.Name, dequeueCount, outcome.Detail, durationMs, poison.Name);
            }
            else
            {
                await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, settings.VisibilityTimeout, ct: stoppingToken);
                LogFailed(logger, function.Name, message.MessageId, queue.Name, dequeueCount, outcome.Detail, durationMs, settings.VisibilityTimeout);
            }
        }
        catch (RequestFailedException ex) when (QueueClient.IsLeaseLost(ex))
        {
            LogLeaseLost(logger, function.Name, message.MessageId, queue.Name);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            await ReleaseAsync(queue, message);
        }
        catch (Exception ex)
        {
            var exceptionType = ex.GetType().Name;
            LogSettleFailed(logger, function.Name, message.MessageId, queue.Name, exceptionType);
        }
    }

    private static async Task MoveToPoisonAsync(QueueClient queue, QueueClient poison, QueueMessage message, CancellationToken cancellationToken)
    {
        await poison.SendMessageAsync(message.MessageText, ct: cancellationToken);
        await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
    }

    // Stopping mid-invocation: make the message visible again now rather than when the lease runs out.
    private static async Task ReleaseAsync(QueueClient queue, QueueMessage message)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, TimeSpan.Zero, ct: timeout.Token);
        }
        catch (Exception ex) when (ex is RequestFailedException or OperationCanceledException)
        {
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    [LoggerMessage(EventId = 500, Level = LogLevel.Information, Message = "Queue {FunctionName} message {MessageId} from {Queue} (dequeue {DequeueCount}): Succeeded, {Detail}, {DurationMs:0} ms, deleted")]
    private static partial void LogSucceeded(ILogger logger, string functionName, string messageId, string queue, long dequeueCount, string detail, double durationMs);

    [LoggerMessage(EventId = 501, Level = LogLevel.Warning, Message = "Queue {FunctionName} message {MessageId} from {Queue} (dequeue {DequeueCount}): Failed, {Detail}, {DurationMs:0} ms, visible again after {VisibilityTimeout}")]
    private static partial void LogFailed(ILogger logger, string functionName, string messageId, string queue, long dequeueCount, string detail, double durationMs, TimeSpan visibilityTimeout);

    [LoggerMessage(EventId = 502, Level = LogLevel.Error, Message = "Queue {FunctionName} message {MessageId} from {Queue} (dequeue {DequeueCount}): Failed, {Detail}, {DurationMs:0} ms, moved to {PoisonQueue}")]
    private static partial void LogPoisoned(ILogger logger, string functionName, string messageId, string queue, long dequeueCount, string detail, double durationMs, string poisonQueue);

    [LoggerMessage(EventId = 503, Level = LogLevel.Error, Message = "Queue {FunctionName} message {MessageId} from {Queue} (dequeue {DequeueCount}) is past maxDequeueCount: moved to {PoisonQueue} without running")]
    private static partial void LogPoisonedWithoutRun(ILogger logger, string functionName, string messageId, string queue, long dequeueCount, string poisonQueue);

    [LoggerMessage(EventId = 504, Level = LogLevel.Warning, Message = "Queue {FunctionName} message {MessageId} from {Queue}: lease lost before it could be settled")]
    private static partial void LogLeaseLost(ILogger logger, string functionName, string messageId, string queue);

    [LoggerMessage(EventId = 505, Level = LogLevel.Error, Message = "Queue {FunctionName} message {MessageId} from {Queue}: could not settle it ({ExceptionType})")]
    private static partial void LogSettleFailed(ILogger logger, string functionName, string messageId, string queue, string exceptionType);

    [LoggerMessage(EventId = 506, Level = LogLevel.Warning, Message = "Queue {FunctionName}: polling {Queue} failed ({ExceptionType}); retrying")]
    private static partial void LogPollFailed(ILogger logger, string functionName, string queue, string exceptionType);

    [LoggerMessage(EventId = 507, Level = LogLevel.Error, Message = "Queue {FunctionName}: not listening: {Reason}")]
    private static partial void LogListenerNotStarted(ILogger logger, string functionName, string reason);
}
