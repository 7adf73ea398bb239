using Automation.Core.Security;
using Azure;
using Azure.Data.Tables;

namespace Automation.Storage.Stores;

/// <summary>
/// Scoped API keys, one row per key (PK = shopId, RK = keyId): a presented key is checked with one point read, and a
/// shop's keys are one partition, so rotating one is a single entity group transaction. Only the secret's hash is stored.
/// </summary>
public sealed class ApiKeyStore(StoreTables tables)
{
    /// <summary>Stores a new key: 1 transaction. Key ids are random; a collision (409) would surface as an error.</summary>
    public async Task AddAsync(ApiKeyRecord key, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StoreTables.ApiKeys, cancellationToken).ConfigureAwait(false);
        await table.AddEntityAsync(ToEntity(key), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One point read; null when the shop has no such key.</summary>
    public async Task<ApiKeyRecord?> GetAsync(string shopId, string keyId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StoreTables.ApiKeys, cancellationToken).ConfigureAwait(false);
        var entity = await table.GetEntityIfExistsAsync<TableEntity>(shopId, keyId, cancellationToken: cancellationToken).ConfigureAwait(false);
        return entity.HasValue ? FromEntity(entity.Value!) : null;
    }

    /// <summary>A shop's keys (one partition query; admin only, never on a hot path).</summary>
    public async Task<IReadOnlyList<ApiKeyRecord>> ListAsync(string shopId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StoreTables.ApiKeys, cancellationToken).ConfigureAwait(false);
        var keys = new List<ApiKeyRecord>();
        await foreach (var entity in table.QueryAsync<TableEntity>(e => e.PartitionKey == shopId, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            keys.Add(FromEntity(entity));
        }

        return keys;
    }

    /// <summary>Revokes a key at once: 1 transaction. False when there was no such key.</summary>
    public async Task<bool> DeleteAsync(string shopId, string keyId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StoreTables.ApiKeys, cancellationToken).ConfigureAwait(false);
        var response = await table.DeleteEntityAsync(shopId, keyId, ETag.All, cancellationToken).ConfigureAwait(false);
        return response.Status != 404;
    }

    /// <summary>
    /// Adds the replacement and sets the previous key's end and successor, in one entity group transaction conditional
    /// on the previous key being unchanged since it was read: two concurrent rotations of one key cannot both succeed.
    /// False when it changed or was revoked meanwhile.
    /// </summary>
    public async Task<bool> TryRotateAsync(ApiKeyRecord previous, DateTimeOffset previousEndsAt, ApiKeyRecord replacement, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StoreTables.ApiKeys, cancellationToken).ConfigureAwait(false);
        var ending = new TableEntity(previous.ShopId, previous.KeyId)
        {
            [nameof(ApiKeyRecord.ExpiresAt)] = EntityValues.Checked(previousEndsAt, nameof(ApiKeyRecord.ExpiresAt)),
            [nameof(ApiKeyRecord.ReplacedBy)] = replacement.KeyId,
        };
        try
        {
            await table.SubmitTransactionAsync(
                [
                    new TableTransactionAction(TableTransactionActionType.UpdateMerge, ending, previous.ETag),
                    new TableTransactionAction(TableTransactionActionType.Add, ToEntity(replacement)),
                ],
                cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (TableTransactionFailedException e) when (e.Status is 404 or 409 or 412)
        {
            return false;
        }
    }

    private static TableEntity ToEntity(ApiKeyRecord key)
    {
        var entity = new TableEntity(key.ShopId, key.KeyId)
        {
            [nameof(ApiKeyRecord.Scope)] = key.Scope.ToString(),
            [nameof(ApiKeyRecord.SecretHash)] = key.SecretHash,
            [nameof(ApiKeyRecord.CreatedAt)] = EntityValues.Checked(key.CreatedAt, nameof(ApiKeyRecord.CreatedAt)),
        };
        EntityValues.Set(entity, nameof(ApiKeyRecord.AgentId), key.AgentId);
        EntityValues.Set(entity, nameof(ApiKeyRecord.Name), key.Name);
        EntityValues.Set(entity, nameof(ApiKeyRecord.ExpiresAt), key.ExpiresAt);
        return entity;
    }

    private static ApiKeyRecord FromEntity(TableEntity entity) => new(
        entity.PartitionKey,
        entity.RowKey,
        Enum.Parse<ApiKeyScope>(entity.GetString(nameof(ApiKeyRecord.Scope))),
        entity.GetString(nameof(ApiKeyRecord.AgentId)),
        entity.GetString(nameof(ApiKeyRecord.Name)),
        entity.GetString(nameof(ApiKeyRecord.SecretHash)),
        entity.GetDateTimeOffset(nameof(ApiKeyRecord.CreatedAt)) ?? DateTimeOffset.MinValue,
        entity.GetDateTimeOffset(nameof(ApiKeyRecord.ExpiresAt)))
    {
        ReplacedBy = entity.GetString(nameof(ApiKeyRecord.ReplacedBy)),
        ETag = entity.ETag,
    };
}

/// <summary>A stored key: its scope, label, lifetime and the hash of its secret (never the secret).</summary>
public sealed record ApiKeyRecord(
    string ShopId,
    string KeyId,
    ApiKeyScope Scope,
    string? AgentId,
    string? Name,
    string SecretHash,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt)
{
    /// <summary>The key that a rotation replaced this one with; a key is rotated once, then its successor is.</summary>
    public string? ReplacedBy { get; init; }

    /// <summary>The row's version when read; rotation is conditional on it.</summary>
    public ETag ETag { get; init; }

    public bool IsActiveAt(DateTimeOffset now) => ExpiresAt is not { } end || now < end;
}
