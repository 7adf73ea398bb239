using Automation.Core.Messaging;
using Automation.Core.Orders;
using Automation.Core.Shops;

namespace Automation.Functions.Features.Messaging;

/// <summary>
/// What differs between jobs that message customers about an order: the last check before sending.
/// Scheduling, composing, claiming, delivering and recording are the same for every kind.
/// </summary>
internal interface IMessagePolicy
{
    string Kind { get; }

    /// <param name="previousStepSentAt">When the step before this one was sent, if it was.</param>
    SendDecision DecideAtSendTime(ShopSettings shop, Order order, int step, DateTimeOffset now, DateTimeOffset? previousStepSentAt);
}
