using Automation.Core.Platforms;
using Automation.Core.Security;
using Automation.Core.Shops;
using Automation.Functions.Features.Access;
using Automation.Functions.Features.Http;
using Automation.Functions.Features.Orders;
using Automation.Functions.Features.Shops;
using Automation.Storage.Stores;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Primitives;

namespace Automation.Functions.Features.Platforms;

/// <summary>
/// Shop platforms' own webhooks, as the platforms send them: each is verified the platform's way, mapped by the
/// platform's adapter to canonical events, and applied through the same ingestion as the canonical webhook
/// (<see cref="PlatformDeliveryIngestion"/>). Ops read the deliveries that failed with their shop key.
/// </summary>
internal sealed class PlatformFunctions(
    ShopSettingsCache shops,
    PlatformDeliveryIngestion ingestion,
    PlatformDeliveryStore deliveries,
    RejectedWebhookLog rejections,
    ApiKeyAuthentication access)
{
    /// <summary>Shopify's order bodies carry every line item and fulfillment; 1 MiB leaves room for big orders.</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    /// <summary>Anonymous at the function level: Shopify's HMAC over the raw body, from the configured store, is the authentication.</summary>
    [Function(nameof(ShopifyWebhook))]
    public async Task<IResult> ShopifyWebhook(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "shops/{shopId}/platforms/shopify")] HttpRequest request,
        string shopId,
        CancellationToken cancellationToken) =>
        await JsonBody.ReadLimitedAsync(request, MaxBodyBytes, cancellationToken) is { } body
            ? await ReceiveAsync(Shopify, shopId, request, body, cancellationToken)
            : TooLarge();

    /// <summary>
    /// Anonymous at the function level: WooCommerce's HMAC over the exact body, from the configured site, is the
    /// authentication. The unsigned ping WooCommerce sends when a webhook is created must get exactly 200.
    /// </summary>
    [Function(nameof(WooCommerceWebhook))]
    public async Task<IResult> WooCommerceWebhook(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "shops/{shopId}/platforms/woocommerce")] HttpRequest request,
        string shopId,
        CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadLimitedAsync(request, MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            return TooLarge();
        }

        // The ping proves only that the URL answers: it carries no data and no signature, so nothing is looked up
        // or stored, and every shop id answers it alike.
        return StringValues.IsNullOrEmpty(request.Headers[WooCommerce.SignatureHeader]) && WooCommerceWebhooks.IsPing(body, request.ContentType)
            ? TypedResults.Ok()
            : await ReceiveAsync(WooCommerce, shopId, request, body, cancellationToken);
    }

    [Function(nameof(FailedPlatformDeliveries))]
    public async Task<IResult> FailedPlatformDeliveries(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "shops/{shopId}/platform-deliveries/failed")] HttpRequest request,
        string shopId,
        CancellationToken cancellationToken)
    {
        if (await access.RequireShopKeyAsync(request, shopId, cancellationToken) is { } denied)
        {
            return denied;
        }

        var failed = await deliveries.ListFailedAsync(shopId, take: 100, cancellationToken);
        return TypedResults.Ok(new FailedDeliveries([.. failed.Select(PlatformDeliveryView.From)]));
    }

    /// <summary>
    /// The one front door of every platform: the signature on the raw bytes under the shop's secret for the platform,
    /// the store or site the delivery names, the topic, then the adapter's mapping into the one ingestion.
    /// </summary>
    private async Task<IResult> ReceiveAsync(PlatformDoor door, string shopId, HttpRequest request, byte[] body, CancellationToken cancellationToken)
    {
        // Computed whatever the shop and origin, so the answer and its timing do not tell which of them was wrong.
        var shop = await shops.GetAsync(shopId, cancellationToken);
        var secret = shop is null ? null : door.SecretFor(shop, request);
        var signed = PlatformSignature.IsValid(secret ?? NobodysSecret.Value, body, request.Headers[door.SignatureHeader]);
        if (shop is null || secret is null || !signed)
        {
            rejections.Rejected(shopId, shop is not null, StringValues.IsNullOrEmpty(request.Headers[door.SignatureHeader]) ? SignatureCheck.Missing : SignatureCheck.Mismatch);
            return ApiProblems.Status(StatusCodes.Status401Unauthorized, "Signature rejected", door.Rejection);
        }

        if (Header(request, door.TopicHeader) is not { } topic)
        {
            return ApiProblems.Invalid(door.TopicHeader, $"{door.Name} names the topic in this header; it is required.");
        }

        var mapping = door.Map(topic, request, body);
        PlatformReceipt receipt;
        try
        {
            receipt = await ingestion.ReceiveAsync(shop, door.Platform, mapping, cancellationToken);
        }
        catch (Exception e) when (e is OrderConcurrencyException or ErasureConflictException)
        {
            // Nothing of the busy event was stored, and the events before it are repeats on the platform's retry.
            request.HttpContext.Response.Headers.RetryAfter = "1";
            return ApiProblems.Status(StatusCodes.Status503ServiceUnavailable, "Order busy", "The order is being changed by other events right now; the platform's retry will apply this delivery (what was done is kept).");
        }

        return receipt.Unmappable
            ? ApiProblems.Invalid(receipt.Errors)
            : TypedResults.Ok(new PlatformDeliveryAnswer(
                door.Platform, mapping.Topic, mapping.DeliveryKey, Status(receipt.Outcome), receipt.Events, receipt.Detail,
                receipt.Errors.Count > 0 ? receipt.Errors : null));
    }

    // An app's secret signs the webhooks of every store that installed it: the store's domain tells them apart.
    private static readonly PlatformDoor Shopify = new(
        PlatformNames.Shopify,
        "Shopify",
        ShopifyHeaders.Hmac,
        ShopifyHeaders.Topic,
        (shop, request) => shop.Platforms.Shopify is { } store
            && string.Equals(Header(request, ShopifyHeaders.ShopDomain), store.ShopDomain, StringComparison.OrdinalIgnoreCase)
                ? store.WebhookSecret
                : null,
        (topic, request, body) => ShopifyWebhooks.Map(new ShopifyDelivery(
            topic, Header(request, ShopifyHeaders.EventId), Header(request, ShopifyHeaders.WebhookId), Header(request, ShopifyHeaders.TriggeredAt), body)),
        $"{ShopifyHeaders.Hmac} must be the Base64 HMAC-SHA256 of the body under the shop's Shopify webhook secret, and {ShopifyHeaders.ShopDomain} the configured store.");

    private static readonly PlatformDoor WooCommerce = new(
        PlatformNames.WooCommerce,
        "WooCommerce",
        WooCommerceHeaders.Signature,
        WooCommerceHeaders.Topic,
        (shop, request) => shop.Platforms.WooCommerce is { } site && site.IsSource(Header(request, WooCommerceHeaders.Source)) ? site.WebhookSecret : null,
        (topic, request, body) => WooCommerceWebhooks.Map(new WooCommerceDelivery(
            topic, Header(request, WooCommerceHeaders.WebhookId), Header(request, WooCommerceHeaders.DeliveryId), body)),
        $"{WooCommerceHeaders.Signature} must be the Base64 HMAC-SHA256 of the body under the webhook's secret, and {WooCommerceHeaders.Source} the configured site.");

    private static string Status(PlatformDeliveryOutcome outcome) => outcome switch
    {
        PlatformDeliveryOutcome.Applied => "accepted",
        PlatformDeliveryOutcome.Failed => "refused",
        _ => outcome.ToString().ToLowerInvariant(),
    };

    private static string? Header(HttpRequest request, string name) =>
        request.Headers[name].ToString() is { Length: > 0 } value ? value.Trim() : null;

    private static ProblemHttpResult TooLarge() =>
        ApiProblems.Status(StatusCodes.Status413PayloadTooLarge, "Delivery too large", $"A platform delivery is limited to {MaxBodyBytes / 1024} KiB.");
}

/// <summary>
/// What sets one platform's webhooks apart at the front door: the header with the signature, the one with the topic,
/// the shop's secret when the delivery names the shop's own store or site (null otherwise), and the adapter.
/// </summary>
internal sealed record PlatformDoor(
    string Platform,
    string Name,
    string SignatureHeader,
    string TopicHeader,
    Func<ShopSettings, HttpRequest, string?> SecretFor,
    Func<string, HttpRequest, byte[], PlatformMapping> Map,
    string Rejection);

/// <summary>Shopify's webhook headers (names are case-insensitive on the wire).</summary>
internal static class ShopifyHeaders
{
    public const string Topic = "X-Shopify-Topic";
    public const string Hmac = "X-Shopify-Hmac-Sha256";
    public const string ShopDomain = "X-Shopify-Shop-Domain";
    public const string WebhookId = "X-Shopify-Webhook-Id";
    public const string EventId = "X-Shopify-Event-Id";
    public const string TriggeredAt = "X-Shopify-Triggered-At";
}

/// <summary>WooCommerce's webhook headers (class-wc-webhook.php).</summary>
internal static class WooCommerceHeaders
{
    public const string Topic = "X-WC-Webhook-Topic";
    public const string Signature = "X-WC-Webhook-Signature";
    public const string Source = "X-WC-Webhook-Source";
    public const string WebhookId = "X-WC-Webhook-ID";
    public const string DeliveryId = "X-WC-Webhook-Delivery-ID";
}

internal sealed record PlatformDeliveryAnswer(
    string Platform,
    string Topic,
    string DeliveryKey,
    string Status,
    IReadOnlyList<PlatformEventOutcome> Events,
    string? Detail,
    IReadOnlyDictionary<string, string[]>? Errors);

internal sealed record FailedDeliveries(IReadOnlyList<PlatformDeliveryView> Deliveries);

/// <summary>A platform delivery as ops read it: what came (topic, the platform's ids) and what it became.</summary>
internal sealed record PlatformDeliveryView(
    string Platform,
    string Topic,
    string DeliveryKey,
    DateTimeOffset ReceivedAt,
    string Outcome,
    string? OrderId,
    IReadOnlyDictionary<string, string> PlatformIds,
    IReadOnlyList<PlatformEventOutcome> Events,
    string? Detail,
    IReadOnlyDictionary<string, string[]>? Errors)
{
    public static PlatformDeliveryView From(PlatformDeliveryRecord record) => new(
        record.Platform,
        record.Topic,
        record.DeliveryKey,
        record.ReceivedAt,
        record.Outcome.ToString().ToLowerInvariant(),
        record.OrderId,
        record.PlatformIds,
        record.Events,
        record.Detail,
        record.Errors.Count > 0 ? record.Errors : null);
}
