using System.Text.Json;
using Automation.Core.Shops;
using Azure;
using Azure.Data.Tables;

namespace Automation.Storage.Stores;

/// <summary>
/// Shop settings, one row per shop (PK = shopId, RK = "settings"). The validated input is kept as
/// JSON and validated again when read, so a stored shop always satisfies today's rules.
/// </summary>
public sealed class ShopStore(StoreTables tables, TimeProvider time)
{
    private const string SettingsRow = "settings";

    // Below Table Storage's 32K-character limit for a string property.
    private const int MaxPropertyChars = 30_000;

    /// <summary>Creates or replaces a shop's settings: 1 transaction (an upsert).</summary>
    public async Task SaveAsync(string shopId, ShopSettingsInput validInput, CancellationToken cancellationToken)
    {
        var entity = SettingsEntity(shopId, validInput);
        var table = await tables.GetAsync(StoreTables.Shops, cancellationToken).ConfigureAwait(false);
        await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Creates the shop (when <paramref name="expected"/> is null) or replaces it only if it is unchanged since it was
    /// read under that ETag: 1 transaction. False when another writer got there first (the caller reads again), so two
    /// concurrent first saves cannot both create the shop and no save silently overwrites one it did not see.
    /// </summary>
    public async Task<bool> TrySaveAsync(string shopId, ShopSettingsInput validInput, ETag? expected, CancellationToken cancellationToken)
    {
        var entity = SettingsEntity(shopId, validInput);
        var table = await tables.GetAsync(StoreTables.Shops, cancellationToken).ConfigureAwait(false);
        try
        {
            if (expected is { } etag)
            {
                await table.UpdateEntityAsync(entity, etag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
            }

            return true;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412 or 404)
        {
            return false;
        }
    }

    /// <summary>
    /// Every shop's id, for the timers that visit each shop (the morning sweep): one query selecting only the keys,
    /// 1 transaction per 1,000 shops. The Shops table holds one row per shop, so this reads nothing else.
    /// </summary>
    public async Task<IReadOnlyList<string>> ListShopIdsAsync(CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StoreTables.Shops, cancellationToken).ConfigureAwait(false);
        var ids = new List<string>();
        var filter = TableClient.CreateQueryFilter($"RowKey eq {SettingsRow}");
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, select: ["PartitionKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            ids.Add(entity.PartitionKey);
        }

        return ids;
    }

    /// <summary>Reads a shop's settings: one point read. Null when the shop does not exist.</summary>
    /// <exception cref="InvalidOperationException">The stored settings no longer satisfy today's rules.</exception>
    public async Task<ShopSettings?> GetAsync(string shopId, CancellationToken cancellationToken)
    {
        if (await GetStoredAsync(shopId, cancellationToken).ConfigureAwait(false) is not { } stored)
        {
            return null;
        }

        var result = ShopSettingsValidator.ValidateStored(shopId, stored.Input);
        return result.IsValid
            ? result.Value
            : throw new InvalidOperationException(
                $"Stored settings of shop '{shopId}' no longer validate: {string.Join(", ", result.Errors.Keys)}. Save them again.");
    }

    /// <summary>
    /// The settings as they were saved, not validated again, with the row's ETag: one point read, null when the shop
    /// does not exist. For replacing them: a shop saved under older, looser rules can still be saved again.
    /// </summary>
    public async Task<StoredShopSettings?> GetStoredAsync(string shopId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StoreTables.Shops, cancellationToken).ConfigureAwait(false);
        var entity = await table.GetEntityIfExistsAsync<TableEntity>(shopId, SettingsRow, cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        return entity.HasValue && ReadSettings(entity.Value!) is { } json
            && JsonSerializer.Deserialize(json, StoreJsonContext.Default.ShopSettingsInput) is { } input
            ? new StoredShopSettings(input, entity.Value!.ETag)
            : null;
    }

    private TableEntity SettingsEntity(string shopId, ShopSettingsInput validInput)
    {
        var entity = new TableEntity(shopId, SettingsRow) { ["UpdatedAt"] = time.GetUtcNow() };
        var json = JsonSerializer.Serialize(validInput, StoreJsonContext.Default.ShopSettingsInput);

        // A string property holds at most 32K UTF-16 characters, and a shop with many agents (robot URLs, secrets) or
        // templates outgrows one: the JSON continues in Settings1, Settings2… (an entity holds 1 MB; the API takes at
        // most 256 KiB of settings). Settings alone, as before, for the usual shop. Replace-mode writes drop any
        // continuation left from a longer earlier save.
        var part = 0;
        for (var start = 0; start < json.Length || part == 0; part++)
        {
            var length = Math.Min(MaxPropertyChars, json.Length - start);
            if (start + length < json.Length && char.IsHighSurrogate(json[start + length - 1]))
            {
                length--; // never split a surrogate pair across two properties
            }

            entity[SettingsProperty(part)] = json.Substring(start, length);
            start += length;
        }

        return entity;
    }

    private static string? ReadSettings(TableEntity entity)
    {
        if (entity.GetString(SettingsProperty(0)) is not { } first)
        {
            return null;
        }

        var json = new System.Text.StringBuilder(first);
        for (var part = 1; entity.GetString(SettingsProperty(part)) is { } next; part++)
        {
            json.Append(next);
        }

        return json.ToString();
    }

    private static string SettingsProperty(int part) => part == 0 ? "Settings" : $"Settings{part.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
}

/// <summary>A shop's settings as saved, and the ETag to replace them under.</summary>
public sealed record StoredShopSettings(ShopSettingsInput Input, ETag ETag);
