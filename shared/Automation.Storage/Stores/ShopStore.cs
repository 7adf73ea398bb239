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

    /// <summary>Reads a shop's settings: one point read. Null when the shop does not exist.</summary>
    /// <exception cref="InvalidOperationException">The stored settings no longer satisfy today's rules.</exception>
    public async Task<ShopSettings?> GetAsync(string shopId, CancellationToken cancellationToken)
    {
        if (await GetStoredAsync(shopId, cancellationToken).ConfigureAwait(false) is not { } stored)
        {
            return null;
        }

        var result = ShopSettingsValidator.Validate(shopId, stored.Input);
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
        return entity.HasValue && entity.Value!.GetString("Settings") is { } json
            && JsonSerializer.Deserialize(json, StoreJsonContext.Default.ShopSettingsInput) is { } input
            ? new StoredShopSettings(input, entity.Value.ETag)
            : null;
    }

    private TableEntity SettingsEntity(string shopId, ShopSettingsInput validInput) => new(shopId, SettingsRow)
    {
        ["Settings"] = JsonSerializer.Serialize(validInput, StoreJsonContext.Default.ShopSettingsInput),
        ["UpdatedAt"] = time.GetUtcNow(),
    };
}

/// <summary>A shop's settings as saved, and the ETag to replace them under.</summary>
public sealed record StoredShopSettings(ShopSettingsInput Input, ETag ETag);
