using Automation.Storage.Pipeline;
using Azure.Core.Pipeline;

namespace Automation.Storage.Queues;

/// <summary>The queue service of a storage account; hands out <see cref="QueueClient"/>s sharing one pipeline.</summary>
public sealed class QueueServiceClient
{
    private readonly HttpPipeline _pipeline;
    private readonly string _endpoint;
    private readonly QueueMessageEncoding _encoding;

    public QueueServiceClient(StorageAccount account, StorageClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(account);
        options ??= new StorageClientOptions();
        Account = account;
        _pipeline = StoragePipeline.Build(account, options, StorageService.Queue);
        _endpoint = account.QueueEndpoint.AbsoluteUri.TrimEnd('/');
        _encoding = options.MessageEncoding;
    }

    public StorageAccount Account { get; }

    /// <summary>A client for one queue using the options' message encoding (no request is made).</summary>
    public QueueClient GetQueueClient(string queueName) => new(_pipeline, _endpoint, queueName, _encoding);

    /// <summary>A client for one queue with an explicit message encoding.</summary>
    public QueueClient GetQueueClient(string queueName, QueueMessageEncoding messageEncoding) =>
        new(_pipeline, _endpoint, queueName, messageEncoding);
}
