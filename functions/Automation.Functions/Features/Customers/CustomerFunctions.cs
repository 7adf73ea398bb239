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
/// </summary>
internal sealed class CustomerFunctions(OrderStore orders, ApiKeyAuthentication access, TimeProvider time)
{
    [Function(nameof(CustomerOptOut))]
    public async Task<IResult> CustomerOptOut(
        [HttpTrigger(AuthorizationLevel.Function, "put", "delete", Route = "shops/{shopId}/customers/{customerId}/opt-out")] HttpRequest request,
        string shopId,
        string customerId,
        CancellationToken cancellationToken)
    {
        if (await access.RequireShopKeyAsync(request, shopId, cancellationToken) is { } denied)
        {
            return denied;
        }

        if (!OrderEventValidator.IsValidId(customerId))
        {
            return ApiProblems.Invalid("customerId", "A customer id is 1 to 128 characters of letters, digits, '.', '_', ':' and '-'.");
        }

        var optedOutAt = HttpMethods.IsPut(request.Method) ? time.GetUtcNow() : (DateTimeOffset?)null;
        await orders.SetOptOutAsync(shopId, customerId, optedOutAt, cancellationToken);
        return TypedResults.Ok(new CustomerOptOutView(customerId, optedOutAt is not null, optedOutAt));
    }
}

internal sealed record CustomerOptOutView(string CustomerId, bool OptedOut, DateTimeOffset? OptedOutAt);
