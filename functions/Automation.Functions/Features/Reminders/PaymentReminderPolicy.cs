using Automation.Core.Messaging;
using Automation.Core.Orders;
using Automation.Core.Reminders;
using Automation.Core.Shops;
using Automation.Functions.Features.Messaging;

namespace Automation.Functions.Features.Reminders;

/// <summary>Payment reminders: sent only while the order is still unpaid, open, and outside quiet hours.</summary>
internal sealed class PaymentReminderPolicy : IMessagePolicy
{
    public string Kind => MessageKinds.PaymentReminder;

    public SendDecision DecideAtSendTime(ShopSettings shop, Order order, int step, DateTimeOffset now, DateTimeOffset? previousStepSentAt) =>
        PaymentReminderPlanner.DecideAtSendTime(shop, order, step, now, previousStepSentAt);
}
