using System.Net;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Automation.Storage.Pipeline;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Automation.Storage.Tables;

/// <summary>
/// One table over the Table REST API. Every method is one REST call (one billed transaction), except
/// <see cref="QueryAsync"/> which costs one per page. Failures throw <see cref="RequestFailedException"/>
/// with the service's status, error code and message.
/// </summary>
public sealed class TableClient
{
    internal const string AcceptHeader = "application/json;odata=minimalmetadata";
    private const string JsonContentType = "application/json";
    private static readonly RequestMethod Merge = new("MERGE");

    private readonly HttpPipeline _pipeline;
    private readonly string _endpoint;
    private readonly string _tableUrl;

    internal TableClient(HttpPipeline pipeline, string endpoint, string tableName)
    {
        TableNames.ValidateTableName(tableName);
        _pipeline = pipeline;
        _endpoint = endpoint;
        _tableUrl = endpoint + "/" + tableName;
        Name = tableName;
    }

    public string Name { get; }

    /// <summary>
    /// Formats an interpolated filter, turning each value into a typed OData literal: strings quoted with
    /// <c>'</c> doubled, <c>42</c>, <c>42L</c>, <c>4.2</c>, <c>true</c>, <c>datetime'…Z'</c> (UTC),
    /// <c>guid'…'</c>, <c>X'0a0b'</c>. Example: <c>CreateQueryFilter($"PartitionKey eq {shopId} and Due le {now}")</c>.
    /// </summary>
    public static string CreateQueryFilter(FormattableString filter) => TableQueryFilter.Create(filter);

    /// <summary>Creates the table; an existing table is fine.</summary>
    public async Task CreateIfNotExistsAsync(CancellationToken ct = default)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["TableName"] = Name });
        using var message = CreateMessage(RequestMethod.Post, _endpoint + "/Tables", body, preferNoContent: true);
        await _pipeline.SendAsync(message, ct);
        var response = message.Response;
        if (response.Status is 201 or 204 || (response.Status == 409 && ErrorCode(response) == "TableAlreadyExists"))
        {
            return;
        }

        throw StorageErrors.CreateException(response);
    }

    /// <summary>Deletes the table with all its entities (one transaction). Returns false when it did not exist.</summary>
    public async Task<bool> DeleteAsync(CancellationToken ct = default)
    {
        using var message = CreateMessage(RequestMethod.Delete, $"{_endpoint}/Tables('{Name}')");
        await _pipeline.SendAsync(message, ct);
        return message.Response.Status switch
        {
            204 => true,
            404 => false,
            _ => throw StorageErrors.CreateException(message.Response),
        };
    }

    /// <summary>Inserts an entity. Throws <see cref="RequestFailedException"/> 409 <c>EntityAlreadyExists</c> if it exists.</summary>
    /// <returns>The new entity's ETag.</returns>
    public async Task<ETag> AddEntityAsync(TableEntity entity, CancellationToken ct = default) =>
        (await TryAddEntityCoreAsync(entity, throwIfExists: true, ct)).GetValueOrDefault(); // Never null when throwIfExists.

    /// <summary>
    /// Inserts an entity, or returns null when one with the same keys already exists: the atomic duplicate check.
    /// (If a retried insert's first attempt succeeded unseen, the retry also reports "exists".)
    /// </summary>
    public Task<ETag?> TryAddEntityAsync(TableEntity entity, CancellationToken ct = default) =>
        TryAddEntityCoreAsync(entity, throwIfExists: false, ct);

    /// <summary>Reads one entity (with its <see cref="TableEntity.ETag"/>), or null when it does not exist.</summary>
    /// <param name="select">Properties to return; PartitionKey and RowKey are always included.</param>
    public async Task<TableEntity?> GetEntityIfExistsAsync(
        string partitionKey, string rowKey, IEnumerable<string>? select = null, CancellationToken ct = default)
    {
        var url = EntityUrl(partitionKey, rowKey);
        var selectList = SelectList(select);
        if (selectList is not null)
        {
            url += "?$select=" + Uri.EscapeDataString(selectList);
        }

        using var message = CreateMessage(RequestMethod.Get, url);
        await _pipeline.SendAsync(message, ct);
        var response = message.Response;
        if (response.Status == 404 && ErrorCode(response) != "TableNotFound")
        {
            return null;
        }

        if (response.Status != 200)
        {
            throw StorageErrors.CreateException(response);
        }

        using var document = JsonDocument.Parse(response.Content.ToMemory());
        var entity = TableEntityJson.Read(document.RootElement);
        if (response.Headers.TryGetValue(HttpHeader.Names.ETag, out var etag))
        {
            entity.ETag = new ETag(etag);
        }

        return entity;
    }

    /// <summary>
    /// Updates an existing entity if its ETag still matches <paramref name="ifMatch"/> (<c>default</c> or
    /// <see cref="ETag.All"/> = any version). Throws 412 <c>UpdateConditionNotSatisfied</c> when someone else
    /// changed it, 404 <c>ResourceNotFound</c> when it does not exist.
    /// </summary>
    /// <returns>The entity's new ETag.</returns>
    public async Task<ETag> UpdateEntityAsync(
        TableEntity entity, ETag ifMatch, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var body = TableEntityJson.Serialize(entity);
        using var message = CreateMessage(
            MethodFor(mode), EntityUrl(entity.PartitionKey, entity.RowKey), body, ifMatch: ifMatch == default ? ETag.All : ifMatch);
        await _pipeline.SendAsync(message, ct);
        return message.Response.Status == 204
            ? ETagOf(message.Response)
            : throw StorageErrors.CreateException(message.Response);
    }

    /// <summary>Inserts the entity, or merges into / replaces the existing one (unconditionally).</summary>
    public async Task<ETag> UpsertEntityAsync(TableEntity entity, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var body = TableEntityJson.Serialize(entity);
        using var message = CreateMessage(MethodFor(mode), EntityUrl(entity.PartitionKey, entity.RowKey), body);
        await _pipeline.SendAsync(message, ct);
        return message.Response.Status == 204
            ? ETagOf(message.Response)
            : throw StorageErrors.CreateException(message.Response);
    }

    /// <summary>
    /// Deletes an entity if its ETag matches <paramref name="ifMatch"/> (<c>default</c> = any version).
    /// Returns false when it did not exist; throws 412 when it changed.
    /// </summary>
    public async Task<bool> DeleteEntityAsync(string partitionKey, string rowKey, ETag ifMatch = default, CancellationToken ct = default)
    {
        using var message = CreateMessage(
            RequestMethod.Delete, EntityUrl(partitionKey, rowKey), ifMatch: ifMatch == default ? ETag.All : ifMatch);
        await _pipeline.SendAsync(message, ct);
        var response = message.Response;
        return response.Status switch
        {
            204 => true,
            404 when ErrorCode(response) != "TableNotFound" => false,
            _ => throw StorageErrors.CreateException(response),
        };
    }

    /// <summary>
    /// Queries entities (sorted by PartitionKey, then RowKey), following continuation tokens. Each page is one
    /// request: keep filters to one partition (or a key range) on hot paths. Build filters with <see cref="CreateQueryFilter"/>.
    /// </summary>
    /// <param name="select">Properties to return; PartitionKey and RowKey are always included.</param>
    /// <param name="pageSize">Entities per request (1-1000; the service's default and maximum is 1000).</param>
    public async IAsyncEnumerable<TableEntity> QueryAsync(
        string? filter = null, IEnumerable<string>? select = null, int? pageSize = null, [EnumeratorCancellation] CancellationToken ct = default)
    {
        if (pageSize is < 1 or > 1000)
        {
            throw new ArgumentOutOfRangeException(nameof(pageSize), pageSize, "The page size must be between 1 and 1000.");
        }

        var parameters = new List<string>(5);
        if (!string.IsNullOrWhiteSpace(filter))
        {
            parameters.Add("$filter=" + Uri.EscapeDataString(filter));
        }

        if (SelectList(select) is { } selectList)
        {
            parameters.Add("$select=" + Uri.EscapeDataString(selectList));
        }

        if (pageSize is { } top)
        {
            parameters.Add(FormattableString.Invariant($"$top={top}"));
        }

        var fixedCount = parameters.Count;
        string? nextPartitionKey = null;
        string? nextRowKey = null;
        do
        {
            // Continuation tokens are percent-encoded: Azurite decodes '+' in query values as a space.
            parameters.RemoveRange(fixedCount, parameters.Count - fixedCount);
            if (nextPartitionKey is not null)
            {
                parameters.Add("NextPartitionKey=" + Uri.EscapeDataString(nextPartitionKey));
            }

            if (nextRowKey is not null)
            {
                parameters.Add("NextRowKey=" + Uri.EscapeDataString(nextRowKey));
            }

            var url = parameters.Count == 0 ? _tableUrl + "()" : _tableUrl + "()?" + string.Join('&', parameters);
            List<TableEntity> page;
            using (var message = CreateMessage(RequestMethod.Get, url))
            {
                await _pipeline.SendAsync(message, ct);
                var response = message.Response;
                if (response.Status != 200)
                {
                    throw StorageErrors.CreateException(response);
                }

                page = ReadPage(response);
                nextPartitionKey = response.Headers.TryGetValue("x-ms-continuation-NextPartitionKey", out var npk) && npk.Length > 0 ? npk : null;
                nextRowKey = response.Headers.TryGetValue("x-ms-continuation-NextRowKey", out var nrk) && nrk.Length > 0 ? nrk : null;
            }

            // A page may be empty and still carry a continuation token (the service stops at time or partition limits).
            foreach (var entity in page)
            {
                yield return entity;
            }
        }
        while (nextPartitionKey is not null || nextRowKey is not null);
    }

    /// <summary>
    /// Runs 1-100 actions on entities of one partition atomically (an entity group transaction: one request,
    /// one billed transaction). Invalid input (mixed partitions, an entity twice, too many actions) throws
    /// <see cref="ArgumentException"/> before any request. When an action fails nothing is written and
    /// <see cref="TableTransactionFailedException"/> tells which one.
    /// </summary>
    /// <returns>The new ETag of each action, in order (null for deletes).</returns>
    public async Task<IReadOnlyList<ETag?>> SubmitTransactionAsync(IEnumerable<TableTransactionAction> actions, CancellationToken ct = default)
    {
        var list = TableTransactionBatch.Validate(actions);
        var batchBoundary = "batch_" + Guid.NewGuid().ToString("D");
        var changesetBoundary = "changeset_" + Guid.NewGuid().ToString("D");
        var body = TableTransactionBatch.Build(
            list, _tableUrl, e => EntityUrl(e.PartitionKey, e.RowKey), batchBoundary, changesetBoundary);

        using var message = CreateMessage(RequestMethod.Post, _endpoint + "/$batch", body);
        message.Request.Headers.SetValue(HttpHeader.Names.ContentType, "multipart/mixed; boundary=" + batchBoundary);
        await _pipeline.SendAsync(message, ct);
        var response = message.Response;
        if (response.Status != 202)
        {
            throw StorageErrors.CreateException(response);
        }

        response.Headers.TryGetValue(HttpHeader.Names.ContentType, out var contentType);
        var boundary = TableTransactionBatch.BoundaryOf(contentType);
        var text = response.Content.ToString();
        if (boundary is null || !text.Contains("--" + boundary, StringComparison.Ordinal))
        {
            throw new RequestFailedException(response.Status, $"The table service returned an unreadable transaction response ({contentType}).");
        }

        var results = TableTransactionBatch.Parse(text);
        if (results.FirstOrDefault(r => r.Status >= 400) is { } failure)
        {
            throw TransactionFailed(failure, list);
        }

        if (results.Count != list.Count)
        {
            throw new RequestFailedException(
                response.Status, $"The table service answered {results.Count} operations for a transaction of {list.Count}.");
        }

        var etags = new ETag?[list.Count];
        for (var i = 0; i < list.Count; i++)
        {
            etags[i] = list[i].ActionType == TableTransactionActionType.Delete
                ? null
                : results[i].Headers.TryGetValue("ETag", out var etag) ? new ETag(etag) : null;
        }

        return etags;
    }

    private static TableTransactionFailedException TransactionFailed(TableTransactionBatch.SubResponse failure, List<TableTransactionAction> actions)
    {
        var (code, serviceMessage) = StorageErrors.ParseTableError(Encoding.UTF8.GetBytes(failure.Body));
        code ??= failure.Headers.GetValueOrDefault("x-ms-error-code");
        var index = TableTransactionBatch.FailedIndexOf(serviceMessage);
        if (index >= actions.Count)
        {
            index = null;
        }

        var failedAction = index is { } i ? actions[i] : null;
        var firstLine = serviceMessage?.Split('\n')[0] ?? failure.Reason;
        var where = failedAction is null ? "an unknown action" : $"action {index} ({failedAction.ActionType})";
        var text = $"The transaction failed at {where} and was rolled back: {firstLine}\n" +
            $"Status: {failure.Status} ({failure.Reason})\nErrorCode: {code}";
        return new TableTransactionFailedException(failure.Status, text, code, index, failedAction);
    }

    private async Task<ETag?> TryAddEntityCoreAsync(TableEntity entity, bool throwIfExists, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(entity);
        TableNames.ValidateKey(entity.PartitionKey, nameof(entity.PartitionKey));
        TableNames.ValidateKey(entity.RowKey, nameof(entity.RowKey));
        var body = TableEntityJson.Serialize(entity);
        using var message = CreateMessage(RequestMethod.Post, _tableUrl, body, preferNoContent: true);
        await _pipeline.SendAsync(message, ct);
        var response = message.Response;
        if (response.Status is 201 or 204)
        {
            return ETagOf(response);
        }

        if (!throwIfExists && response.Status == 409 && ErrorCode(response) == "EntityAlreadyExists")
        {
            return null;
        }

        throw StorageErrors.CreateException(response);
    }

    private static List<TableEntity> ReadPage(Response response)
    {
        using var document = JsonDocument.Parse(response.Content.ToMemory());
        if (!document.RootElement.TryGetProperty("value", out var value) || value.ValueKind != JsonValueKind.Array)
        {
            throw new RequestFailedException(response.Status, "The table service returned a query response without a 'value' array.");
        }

        var page = new List<TableEntity>(value.GetArrayLength());
        foreach (var element in value.EnumerateArray())
        {
            page.Add(TableEntityJson.Read(element));
        }

        return page;
    }

    private static string? SelectList(IEnumerable<string>? select)
    {
        if (select is null)
        {
            return null;
        }

        var names = new List<string> { TableEntity.PartitionKeyName, TableEntity.RowKeyName };
        foreach (var name in select)
        {
            if (string.IsNullOrWhiteSpace(name) || name.Contains(',', StringComparison.Ordinal))
            {
                throw new ArgumentException($"'{name}' is not a valid property name to select.", nameof(select));
            }

            if (!names.Contains(name, StringComparer.Ordinal))
            {
                names.Add(name);
            }
        }

        return string.Join(',', names);
    }

    private string EntityUrl(string partitionKey, string rowKey)
    {
        TableNames.ValidateKey(partitionKey, nameof(partitionKey));
        TableNames.ValidateKey(rowKey, nameof(rowKey));
        return $"{_tableUrl}(PartitionKey='{EscapeKey(partitionKey)}',RowKey='{EscapeKey(rowKey)}')";
    }

    // Quotes are doubled (OData string literal), then everything but unreserved characters is percent-encoded.
    private static string EscapeKey(string key) => Uri.EscapeDataString(key.Replace("'", "''", StringComparison.Ordinal));

    private static RequestMethod MethodFor(TableUpdateMode mode) => mode switch
    {
        TableUpdateMode.Merge => Merge,
        TableUpdateMode.Replace => RequestMethod.Put,
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, null),
    };

    private HttpMessage CreateMessage(RequestMethod method, string url, byte[]? body = null, ETag? ifMatch = null, bool preferNoContent = false)
    {
        var message = _pipeline.CreateMessage();
        var request = message.Request;
        request.Method = method;
        request.Uri.Reset(new Uri(url));
        request.Headers.SetValue("x-ms-version", StorageClientOptions.ServiceVersion);
        request.Headers.SetValue(HttpHeader.Names.Accept, AcceptHeader);
        request.Headers.SetValue("DataServiceVersion", "3.0;NetFx");
        request.Headers.SetValue("MaxDataServiceVersion", "3.0;NetFx");
        if (body is not null)
        {
            request.Headers.SetValue(HttpHeader.Names.ContentType, JsonContentType);
            request.Content = RequestContent.Create(body);
        }

        if (ifMatch is { } etag)
        {
            request.Headers.SetValue(HttpHeader.Names.IfMatch, etag.ToString());
        }

        if (preferNoContent)
        {
            request.Headers.SetValue("Prefer", "return-no-content");
        }

        return message;
    }

    // The raw header is kept verbatim: it goes back unchanged in If-Match.
    private static ETag ETagOf(Response response) => response.Headers.TryGetValue(HttpHeader.Names.ETag, out var etag)
        ? new ETag(etag)
        : throw new RequestFailedException(response.Status, "The table service returned no ETag.");

    // Not the x-ms-error-code header alone: Azure's table service only puts the code in the JSON body.
    private static string? ErrorCode(Response response) => StorageErrors.ErrorCodeOf(response);
}
