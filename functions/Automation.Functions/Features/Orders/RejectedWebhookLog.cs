using System.Threading.RateLimiting;
using Automation.Core.Security;
using Automation.Core.Shops;

namespace Automation.Functions.Features.Orders;

/// <summary>
/// Warnings about refused webhooks, at most <see cref="PermitsPerMinute"/> a minute per instance: a sender stuck on a
/// wrong secret, or someone probing, must not flood the logs (and the log bill). What is held back is counted and
/// reported with the next warning that goes out.
/// </summary>
internal sealed partial class RejectedWebhookLog(ILogger<RejectedWebhookLog> logger) : IDisposable
{
    public const int PermitsPerMinute = 10;

    private readonly FixedWindowRateLimiter _limiter = new(new FixedWindowRateLimiterOptions
    {
        PermitLimit = PermitsPerMinute,
        Window = TimeSpan.FromMinutes(1),
        QueueLimit = 0,
    });

    private long _suppressed;

    public void Rejected(string shopId, bool knownShop, SignatureCheck check)
    {
        using var lease = _limiter.AttemptAcquire();
        if (!lease.IsAcquired)
        {
            Interlocked.Increment(ref _suppressed);
            return;
        }

        // The id comes from the URL: log it only when it has a shop id's shape, so nothing else reaches the logs.
        var shown = ShopSettingsValidator.IsValidShopId(shopId) ? shopId : "(not a shop id)";
        LogRejected(logger, shown, knownShop, check, Interlocked.Exchange(ref _suppressed, 0));
    }

    public void Dispose() => _limiter.Dispose();

    [LoggerMessage(EventId = 2010, Level = LogLevel.Warning,
        Message = "Shop {ShopId}: webhook refused (known shop: {KnownShop}), signature check {Check}; {Suppressed} similar warning(s) held back since the last one")]
    private static partial void LogRejected(ILogger logger, string shopId, bool knownShop, SignatureCheck check, long suppressed);
}
