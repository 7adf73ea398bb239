using Automation.Core.Messaging;
using Automation.Core.Orders;
using Automation.Core.Shops;
using Automation.Core.Tasks;

namespace Automation.Core.Reminders;

/// <summary>Payment reminders: planned once when an unpaid order is first known, sent only while it is still unpaid and open.</summary>
public sealed class PaymentReminderJob : IOrderMessageJob
{
    public string Kind => MessageKinds.PaymentReminder;

    public bool ReachesCustomer => true;

    public bool IsTransactional => false;

    public bool StepsWaitForPrevious => true;

    public AgentTask? TaskFor(ShopSettings shop, Order order, int step, DateTimeOffset now) => null;

    public IReadOnlyList<PlannedMessage> Plan(MessagePlanning planning)
    {
        ArgumentNullException.ThrowIfNull(planning);
        return planning.RemindersPlanned || planning.ExistingSteps.Count > 0
            ? []
            : PaymentReminderPlanner.Plan(planning.Shop, planning.After);
    }

    public string? SkipReasonAfterChange(Order order)
    {
        ArgumentNullException.ThrowIfNull(order);
        return order.Status == OrderStatus.Created ? null : SkipReasons.ForStatus(order.Status);
    }

    public SendDecision DecideAtSendTime(ShopSettings shop, Order order, int step, DateTimeOffset now, DateTimeOffset? previousStepSentAt) =>
        PaymentReminderPlanner.DecideAtSendTime(shop, order, step, now, previousStepSentAt);
}
