using Automation.Core.Orders;
using Automation.Functions.Features.Access;
using Automation.Functions.Features.Http;
using Automation.Storage.Stores;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;

namespace Automation.Functions.Features.Customers;

/// <summary>
/// Ops opt a customer out of non-transactional messages (payment reminders, follow-ups) with PUT, and back in with
/// DELETE. Shipping notices still go out: the buyer is waiting for them. Takes effect for messages not yet claimed.
/// Ops erase a customer's personal data with DELETE on the customer (<see cref="CustomerErasure"/>).
/// </summary>
internal sealed class CustomerFunctions(OrderStore orders, CustomerErasure erasure, ApiKeyAuthentication access, TimeProvider time)
{
    [Function(nameof(CustomerOptOut))]
    public async Task<IResult> CustomerOptOut(
        [HttpTrigger(AuthorizationLevel.Function, "put", "delete", Route = "shops/{shopId}/customers/{customerId}/opt-out")] HttpRequest request,
        string shopId,
        string customerId,
        CancellationToken cancellationToken)
    {
        if (await RefuseAsync(request, shopId, customerId, cancellationToken) is { } refused)
        {
            return refused;
        }

        var optedOutAt = HttpMethods.IsPut(request.Method) ? time.GetUtcNow() : (DateTimeOffset?)null;
        await orders.SetOptOutAsync(shopId, customerId, optedOutAt, cancellationToken);
        return TypedResults.Ok(new CustomerOptOutView(customerId, optedOutAt is not null, optedOutAt));
    }

    /// <summary>
    /// Erases the customer's personal data in this shop and answers what was erased: 200 with counts, zeros when there
    /// was nothing (again, or a customer the shop never had: the answer is the same, so it tells no one who exists).
    /// </summary>
    [Function(nameof(EraseCustomer))]
    public async Task<IResult> EraseCustomer(
        [HttpTrigger(AuthorizationLevel.Function, "delete", Route = "shops/{shopId}/customers/{customerId}")] HttpRequest request,
        string shopId,
        string customerId,
        CancellationToken cancellationToken)
    {
        if (await RefuseAsync(request, shopId, customerId, cancellationToken) is { } refused)
        {
            return refused;
        }

        try
        {
            return TypedResults.Ok(new CustomerErasureView(customerId, await erasure.EraseAsync(shopId, customerId, [], cancellationToken)));
        }
        catch (ErasureConflictException)
        {
            // The orders erased so far stay erased, the rest are still indexed: the same request again finishes the work.
            request.HttpContext.Response.Headers.RetryAfter = "1";
            return ApiProblems.Status(StatusCodes.Status503ServiceUnavailable, "Orders busy", "The customer's orders are being changed by events right now; send the request again.");
        }
    }

    /// <summary>The shop key first, then the shape of the customer id in the URL: the answer when either is wrong.</summary>
    private async Task<IResult?> RefuseAsync(HttpRequest request, string shopId, string customerId, CancellationToken cancellationToken) =>
        await access.RequireShopKeyAsync(request, shopId, cancellationToken) is { } denied
            ? denied
            : OrderEventValidator.IsValidId(customerId)
                ? null
                : ApiProblems.Invalid("customerId", "A customer id is 1 to 128 characters of letters, digits, '.', '_', ':' and '-'.");
}

internal sealed record CustomerErasureView(string CustomerId, CustomerErasureCounts Erased);

internal sealed record CustomerOptOutView(string CustomerId, bool OptedOut, DateTimeOffset? OptedOutAt);
