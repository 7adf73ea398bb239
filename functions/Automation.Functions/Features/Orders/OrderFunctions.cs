using Automation.Core.Cases;
using Automation.Core.Orders;
using Automation.Core.Reviews;
using Automation.Core.Security;
using Automation.Core.Shops;
using Automation.Functions.Features.Access;
using Automation.Functions.Features.Cases;
using Automation.Functions.Features.Events;
using Automation.Functions.Features.FollowUps;
using Automation.Functions.Features.Http;
using Automation.Functions.Features.Reviews;
using Automation.Functions.Features.Shops;
using Automation.Storage.Stores;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Automation.Functions.Features.Orders;

/// <summary>
/// Shops' webhooks (<c>ShopEvents</c>: authenticated by an HMAC signature over the raw body, idempotent by event id)
/// and the order view ops read with their shop key (<c>OrderView</c>).
/// </summary>
internal sealed partial class OrderFunctions(
    ShopSettingsCache shops,
    CanonicalEvents events,
    CaseStore cases,
    OrderStore orders,
    PlatformDeliveryStore deliveries,
    TimeProvider time,
    RejectedWebhookLog rejections,
    ApiKeyAuthentication access)
{
    public const int MaxEventBytes = 256 * 1024;
    public static readonly TimeSpan SignatureTolerance = TimeSpan.FromMinutes(5);

    /// <summary>Anonymous at the function level: the shop's signature is the authentication.</summary>
    [Function(nameof(ShopEvents))]
    public async Task<IResult> ShopEvents(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "shops/{shopId}/events")] HttpRequest request,
        string shopId,
        CancellationToken cancellationToken) =>
        await ReceiveAsync(shopId, request, cancellationToken);

    [Function(nameof(OrderView))]
    public async Task<IResult> OrderView(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "shops/{shopId}/orders/{orderId}")] HttpRequest request,
        string shopId,
        string orderId,
        CancellationToken cancellationToken) =>
        await access.RequireShopKeyAsync(request, shopId, cancellationToken) is { } denied
            ? denied
            : await GetOrderAsync(shopId, orderId, cancellationToken);

    private async Task<Results<Accepted<EventAccepted>, ValidationProblem, ProblemHttpResult>> ReceiveAsync(
        string shopId, HttpRequest request, CancellationToken cancellationToken)
    {
        if (!JsonBody.IsJson(request.ContentType))
        {
            return ApiProblems.Status(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", "Events must be sent as application/json.");
        }

        var body = await JsonBody.ReadLimitedAsync(request, MaxEventBytes, cancellationToken);
        if (body is null)
        {
            return ApiProblems.Status(StatusCodes.Status413PayloadTooLarge, "Event too large", $"An event is limited to {MaxEventBytes / 1024} KiB.");
        }

        // An unknown shop is answered exactly as a known shop with a bad signature, so that shop ids cannot be probed:
        // its check runs against a secret nobody has.
        var shop = await shops.GetAsync(shopId, cancellationToken);
        var check = WebhookSignature.Verify(
            shop?.WebhookSecret ?? NobodysSecret.Value,
            request.Headers[WebhookHeaders.Timestamp],
            request.Headers[WebhookHeaders.Signature],
            body,
            time.GetUtcNow(),
            SignatureTolerance);
        if (shop is null && check == SignatureCheck.Valid)
        {
            check = SignatureCheck.Mismatch;
        }

        if (shop is null || check != SignatureCheck.Valid)
        {
            rejections.Rejected(shopId, shop is not null, check);
            return ApiProblems.Status(StatusCodes.Status401Unauthorized, "Signature rejected", check switch
            {
                SignatureCheck.Missing => $"Send the {WebhookHeaders.Timestamp} and {WebhookHeaders.Signature} headers.",
                SignatureCheck.Malformed => $"{WebhookHeaders.Signature} must be sha256=<hex> and {WebhookHeaders.Timestamp} Unix seconds.",
                SignatureCheck.Stale => "The timestamp is more than 5 minutes away from now.",
                _ => "The signature does not match the body and timestamp.",
            });
        }

        if (!JsonBody.TryDeserialize(body, ApiJsonContext.Default.OrderEventInput, out var input, out var jsonError))
        {
            return ApiProblems.Invalid(jsonError.Key, jsonError.Value[0]);
        }

        var checkedEvent = CanonicalEvents.Check(input);
        if (!checkedEvent.IsValid)
        {
            return ApiProblems.Invalid(checkedEvent.Errors);
        }

        try
        {
            var applied = await events.ApplyAsync(shop, checkedEvent.Value, cancellationToken);

            // A transition that makes no sense for the case as stored is the client's mistake too: 400 naming it.
            return applied.Errors is { } refused
                ? ApiProblems.Invalid(refused)
                : TypedResults.Accepted((string?)null, new EventAccepted(checkedEvent.Value.Id, applied.Outcome == CanonicalOutcome.Duplicate ? "duplicate" : "accepted"));
        }
        catch (OrderConcurrencyException)
        {
            // Not the client's mistake and nothing was stored: a retry (which webhooks do) will apply it.
            request.HttpContext.Response.Headers.RetryAfter = "1";
            return ApiProblems.Status(StatusCodes.Status503ServiceUnavailable, "Order busy", "The order is being changed by other events right now; send the event again.");
        }
    }

    private async Task<Results<Ok<OrderDetails>, ProblemHttpResult>> GetOrderAsync(
        string shopId, string orderId, CancellationToken cancellationToken)
    {
        if (!ShopSettingsValidator.IsValidShopId(shopId) || !OrderEventValidator.IsValidId(orderId))
        {
            return ApiProblems.Status(StatusCodes.Status404NotFound, "Unknown order", $"No order '{orderId}' in shop '{shopId}'.");
        }

        var history = await orders.GetHistoryAsync(shopId, orderId, cancellationToken);
        if (history is null)
        {
            return ApiProblems.Status(StatusCodes.Status404NotFound, "Unknown order", $"No order '{orderId}' in shop '{shopId}'.");
        }

        // The shop's targets and zone date the cases; a shop deleted meanwhile shows them against the defaults.
        var shop = await shops.GetAsync(shopId, cancellationToken);
        var (targets, zone, now) = (shop?.ServiceTargets ?? ServiceTargets.Default, shop?.TimeZone ?? TimeZoneInfo.Utc, time.GetUtcNow());
        var orderCases = await cases.ListForOrderAsync(shopId, orderId, cancellationToken);
        var platformDeliveries = await deliveries.ListForOrderAsync(shopId, orderId, cancellationToken);
        return TypedResults.Ok(OrderDetails.From(history, [.. orderCases.Select(c => CaseView.From(c, targets, zone, now))], platformDeliveries));
    }

}

internal sealed record EventAccepted(string EventId, string Status);
