using Automation.Core.Reviews;
using Automation.Functions.Features.Shops;
using Automation.Storage.Stores;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Automation.Functions.Features.Reviews;

/// <summary>
/// A shop's taught phrases for the webhook paths that read reviews and customer messages, kept as long as the shop's
/// settings are (<c>Shops:SettingsCacheDuration</c>): a burst of reviews for one shop reads its phrase row once, not once
/// per webhook, and the list is built for the classifier once. A correction through this instance applies here at
/// once; through another one, within that period (as a settings change does).
/// </summary>
internal sealed class TaughtPhrasesCache(ReviewStore store, IMemoryCache cache, IOptions<ShopCacheOptions> options)
{
    /// <summary>The shop's phrases (<see cref="TaughtPhrases.None"/> when it has none): 1 point read when not cached.</summary>
    public async Task<TaughtPhrases> GetAsync(string shopId, CancellationToken cancellationToken)
    {
        var duration = options.Value.SettingsCacheDuration;
        if (duration > TimeSpan.Zero && cache.TryGetValue(Key(shopId), out TaughtPhrases? cached) && cached is not null)
        {
            return cached;
        }

        var taught = TaughtPhraseList.ToTaught((await store.GetPhrasesAsync(shopId, cancellationToken)).Entries);
        if (duration > TimeSpan.Zero)
        {
            cache.Set(Key(shopId), taught, duration);
        }

        return taught;
    }

    public void Invalidate(string shopId) => cache.Remove(Key(shopId));

    private static (string, string) Key(string shopId) => ("taught-phrases", shopId);
}
