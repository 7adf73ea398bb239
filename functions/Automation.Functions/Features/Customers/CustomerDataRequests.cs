using Automation.Core.Customers;
using Automation.Storage.Stores;

namespace Automation.Functions.Features.Customers;

/// <summary>
/// Records a customer's request for their data (Shopify's <c>customers/data_request</c>) as an open
/// <c>customer_data_request</c> task that ops see in the task list and the morning sweep (<see cref="DataRequestTasks"/>).
/// 1 storage transaction (the task's insert, which is also the duplicate check).
/// </summary>
internal sealed class CustomerDataRequests(TaskStore tasks, TimeProvider time)
{
    /// <param name="requestId">The platform's id of the request (Shopify's <c>data_request.id</c>): the task's id.</param>
    /// <returns>True when recorded now, false when this request was recorded before.</returns>
    /// <exception cref="ArgumentException">An id is not an id's shape; nothing is stored.</exception>
    public Task<bool> RecordAsync(string shopId, string requestId, string customerId, IReadOnlyCollection<string> orderIds, CancellationToken cancellationToken) =>
        tasks.OpenAsync(DataRequestTasks.Task(shopId, requestId, customerId, orderIds, time.GetUtcNow()), cancellationToken);
}
