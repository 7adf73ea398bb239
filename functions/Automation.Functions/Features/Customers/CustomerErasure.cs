using Automation.Core.Orders;
using Automation.Storage.Stores;

namespace Automation.Functions.Features.Customers;

/// <summary>
/// Erases one customer's personal data in one shop: the ops endpoint (<c>DELETE …/customers/{customerId}</c>) and
/// Shopify's <c>customers/redact</c> call it. What goes and what stays: <see cref="Automation.Core.Customers.PersonalDataErasure"/>;
/// how rows are found and what it costs: <see cref="ErasureStore"/>. Idempotent: a second call, or a customer the shop
/// never had, answers zeros, so an answer says nothing about whether the customer existed.
/// </summary>
internal sealed partial class CustomerErasure(ErasureStore store, ILogger<CustomerErasure> logger)
{
    /// <param name="orderIds">Orders the platform says are the customer's (Shopify's <c>orders_to_redact</c>), erased besides
    /// those the customer index names: this reaches orders stored before the index and not changed since. An order
    /// stored under another customer is left alone.</param>
    /// <exception cref="ArgumentException">An id is not an id's shape; nothing is read.</exception>
    /// <exception cref="ErasureConflictException">An order kept changing meanwhile (answer 503; a retry finishes the work).</exception>
    public async Task<CustomerErasureCounts> EraseAsync(string shopId, string customerId, IReadOnlyCollection<string> orderIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(orderIds);
        if (!OrderEventValidator.IsValidId(customerId) || orderIds.Any(id => !OrderEventValidator.IsValidId(id)))
        {
            throw new ArgumentException("Customer and order ids are 1 to 128 characters of letters, digits, '.', '_', ':' and '-'.", nameof(customerId));
        }

        var counts = await store.EraseCustomerAsync(shopId, customerId, orderIds, cancellationToken);

        // Counts only: the customer's id is theirs, and this is the one request that must leave no trace of it.
        LogErased(logger, shopId, counts.Orders, counts.MessagesSkipped, counts.Reviews, counts.Cases, counts.Tasks);
        return counts;
    }

    [LoggerMessage(EventId = 2060, Level = LogLevel.Information,
        Message = "Shop {ShopId}: a customer's personal data erased ({Orders} order(s), {Skipped} pending message(s) skipped, {Reviews} review(s), {Cases} case(s), {Tasks} task(s))")]
    private static partial void LogErased(ILogger logger, string shopId, int orders, int skipped, int reviews, int cases, int tasks);
}
