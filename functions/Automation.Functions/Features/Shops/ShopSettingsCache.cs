using System.ComponentModel.DataAnnotations;
using Automation.Core.Shops;
using Automation.Storage.Stores;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Automation.Functions.Features.Shops;

/// <summary>How long an instance keeps a shop's settings (configuration section "Shops"; validated on start).</summary>
internal sealed class ShopCacheOptions
{
    public const string Section = "Shops";

    /// <summary>Zero turns the cache off. A change made through another instance applies here after at most this long.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan SettingsCacheDuration { get; set; } = TimeSpan.FromSeconds(15);
}

/// <summary>
/// Shop settings for the hot paths (every webhook needs the shop's secret, every delivery its channel and rules),
/// kept briefly so a burst of webhooks for one shop reads its row once, not once per request. Unknown shops are
/// remembered too, so a flood of requests for a shop that does not exist does not reach storage. A PUT through
/// this instance replaces the entry at once.
/// </summary>
internal sealed class ShopSettingsCache(ShopStore store, IMemoryCache cache, IOptions<ShopCacheOptions> options)
{
    /// <summary>
    /// The shop's settings, or null for a shop that does not exist. An id that is not a shop id's shape (it comes
    /// from a route) is answered null without a storage call, so each endpoint needs only the one null check.
    /// </summary>
    public async Task<ShopSettings?> GetAsync(string shopId, CancellationToken cancellationToken)
    {
        if (!ShopSettingsValidator.IsValidShopId(shopId))
        {
            return null;
        }

        var duration = options.Value.SettingsCacheDuration;
        if (duration <= TimeSpan.Zero)
        {
            return await store.GetAsync(shopId, cancellationToken);
        }

        if (cache.TryGetValue(Key(shopId), out ShopSettings? cached))
        {
            return cached;
        }

        var shop = await store.GetAsync(shopId, cancellationToken);
        cache.Set(Key(shopId), shop, duration);
        return shop;
    }

    public void Invalidate(string shopId) => cache.Remove(Key(shopId));

    private static (string, string) Key(string shopId) => ("shop-settings", shopId);
}
