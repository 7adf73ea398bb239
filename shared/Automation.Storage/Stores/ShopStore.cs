using System.Text.Json;
using Automation.Core.Shops;
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
        var entity = new TableEntity(shopId, SettingsRow)
        {
            ["Settings"] = JsonSerializer.Serialize(validInput, StoreJsonContext.Default.ShopSettingsInput),
            ["UpdatedAt"] = time.GetUtcNow(),
        };
        var table = await tables.GetAsync(StoreTables.Shops, cancellationToken).ConfigureAwait(false);
        await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads a shop's settings: one point read. Null when the shop does not exist.</summary>
    /// <exception cref="InvalidOperationException">The stored settings no longer satisfy today's rules.</exception>
    public async Task<ShopSettings?> GetAsync(string shopId, CancellationToken cancellationToken)
    {
        if (await GetStoredInputAsync(shopId, cancellationToken).ConfigureAwait(false) is not { } input)
        {
            return null;
        }

        var result = ShopSettingsValidator.Validate(shopId, input);
        return result.IsValid
            ? result.Value
            : throw new InvalidOperationException(
                $"Stored settings of shop '{shopId}' no longer validate: {string.Join(", ", result.Errors.Keys)}. Save them again.");
    }

    /// <summary>
    /// The settings as they were saved, not validated again: one point read, null when the shop does not exist. For
    /// replacing them: a shop saved under older, looser rules can still be saved again.
    /// </summary>
    public async Task<ShopSettingsInput?> GetStoredInputAsync(string shopId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StoreTables.Shops, cancellationToken).ConfigureAwait(false);
        var entity = await table.GetEntityIfExistsAsync<TableEntity>(shopId, SettingsRow, cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        return entity.HasValue && entity.Value!.GetString("Settings") is { } json
            ? JsonSerializer.Deserialize(json, StoreJsonContext.Default.ShopSettingsInput)
            : null;
    }
}
