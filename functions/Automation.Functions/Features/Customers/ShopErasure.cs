using Automation.Functions.Features.Shops;
using Automation.Storage.Stores;

namespace Automation.Functions.Features.Customers;

/// <summary>
/// Deletes everything of a shop: settings, API keys, and every row of its partition (orders, outbox, cases, tasks,
/// reviews, contacts) with the due index's entries (<see cref="ErasureStore.EraseShopAsync"/> says how and what it
/// costs). For Shopify's <c>shop/redact</c>, which comes 48 hours after the shop uninstalled the app. No HTTP endpoint:
/// the platform adapter calls it after verifying Shopify's signature, and an endpoint for ops would put a whole shop
/// one mistyped request away from deletion.
/// </summary>
internal sealed partial class ShopErasure(ErasureStore store, ShopSettingsCache settings, ILogger<ShopErasure> logger)
{
    /// <exception cref="ArgumentException">Not a shop id's shape; nothing is deleted.</exception>
    public async Task<ShopErasureCounts> EraseAsync(string shopId, CancellationToken cancellationToken)
    {
        var counts = await store.EraseShopAsync(shopId, cancellationToken);

        // This instance forgets the shop at once; others within their cache period (15 s), when webhooks find no secret.
        settings.Invalidate(shopId);
        LogErased(logger, shopId, counts.SettingsRows, counts.ApiKeys, counts.OrderRows, counts.DueEntries);
        return counts;
    }

    [LoggerMessage(EventId = 2061, Level = LogLevel.Warning,
        Message = "Shop {ShopId} erased: {Settings} settings row(s), {Keys} API key(s), {Rows} order-table row(s), {Due} due entries")]
    private static partial void LogErased(ILogger logger, string shopId, int settings, int keys, int rows, int due);
}
