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
    public async Task<ShopSettings?> GetAsync(string shopId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StoreTables.Shops, cancellationToken).ConfigureAwait(false);
        var entity = await table.GetEntityIfExistsAsync<TableEntity>(shopId, SettingsRow, cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        if (!entity.HasValue || entity.Value!.GetString("Settings") is not { } json)
        {
            return null;
        }

        var input = JsonSerializer.Deserialize(json, StoreJsonContext.Default.ShopSettingsInput);
        var result = ShopSettingsValidator.Validate(shopId, input);
        return result.IsValid
            ? result.Value
            : throw new InvalidOperationException(
                $"Stored settings of shop '{shopId}' no longer validate: {string.Join(", ", result.Errors.Keys)}. Save them again.");
    }
}
