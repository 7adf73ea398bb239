using Automation.Core.Messaging;
using Automation.Core.Orders;
using Automation.Core.Shops;

namespace Automation.Functions.Features.Messaging;

/// <summary>
/// What differs between jobs that message customers about an order: the last check before sending and the
/// values its template needs. Scheduling, claiming, delivering and recording are the same for every kind.
/// </summary>
internal interface IMessagePolicy
{
    string Kind { get; }

    SendDecision DecideAtSendTime(ShopSettings shop, Order order, int step, DateTimeOffset now);

    IReadOnlyDictionary<string, string> TemplateValues(ShopSettings shop, Order order);
}
