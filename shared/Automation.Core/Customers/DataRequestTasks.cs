using System.Globalization;
using Automation.Core.Orders;
using Automation.Core.Tasks;

namespace Automation.Core.Customers;

/// <summary>
/// A customer asked for the data the shop holds on them (GDPR art. 15, Shopify's <c>customers/data_request</c>): the
/// product records it as an open task for ops, who answer it with the order views and the platform's own export. A
/// task because that is where ops already look (the task list, the morning sweep ranks it with the notes); its id is
/// the request's, so the platform sending the request again opens nothing more. Its evidence names the customer by
/// id only: the request needs no more, and the task outlives an erasure of the customer as the record of the request.
/// </summary>
public static class DataRequestTasks
{
    public const string Kind = "customer_data_request";

    /// <summary>GDPR gives the shop one month to answer; the task is due well inside it.</summary>
    public static readonly TimeSpan AnswerWithin = TimeSpan.FromDays(25);

    /// <summary>More order ids than this are left off the evidence (the request stands; ops look the rest up).</summary>
    public const int MaxListedOrders = 50;

    /// <exception cref="ArgumentException">An id is not an id's shape (letters, digits, '.', '_', ':' and '-', up to 128).</exception>
    public static AgentTask Task(string shopId, string requestId, string customerId, IReadOnlyCollection<string> orderIds, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(orderIds);
        foreach (var (id, name) in new[] { (requestId, nameof(requestId)), (customerId, nameof(customerId)) }.Concat(orderIds.Select(o => (o, nameof(orderIds)))))
        {
            if (!OrderEventValidator.IsValidId(id))
            {
                throw new ArgumentException("Not an id: letters, digits, '.', '_', ':' and '-', up to 128 characters.", name);
            }
        }

        var evidence = new List<TaskEvidence>
        {
            new("what to do", "The customer asked for the data the shop holds on them: send it to them within a month."),
            new("customer", customerId),
            new("requested at", now.ToString("O", CultureInfo.InvariantCulture)),
        };
        if (orderIds.Count > 0)
        {
            var listed = string.Join(", ", orderIds.Take(MaxListedOrders));
            evidence.Add(new("orders", orderIds.Count > MaxListedOrders ? $"{listed} … and {orderIds.Count - MaxListedOrders} more" : listed));
        }

        return new AgentTask(TaskIds.For(Kind, requestId), shopId, Kind, OrderId: null, CaseId: null, ReviewId: null, Priority: 3, now + AnswerWithin, AgentTaskState.Open, evidence, now);
    }
}
