using Automation.Storage.Pipeline;
using Azure.Core.Pipeline;

namespace Automation.Storage.Tables;

/// <summary>The table service of a storage account; hands out <see cref="TableClient"/>s sharing one pipeline.</summary>
public sealed class TableServiceClient
{
    private readonly HttpPipeline _pipeline;
    private readonly string _endpoint;

    public TableServiceClient(StorageAccount account, StorageClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(account);
        Account = account;
        _pipeline = StoragePipeline.Build(account, options ?? new StorageClientOptions(), StorageService.Table);
        _endpoint = account.TableEndpoint.AbsoluteUri.TrimEnd('/');
    }

    public StorageAccount Account { get; }

    /// <summary>A client for one table (no request is made; call <see cref="TableClient.CreateIfNotExistsAsync"/> to create it).</summary>
    public TableClient GetTableClient(string tableName) => new(_pipeline, _endpoint, tableName);
}
