using Automation.Core.Messaging;
using Automation.Core.Orders;
using Automation.Core.Shops;
using Automation.Core.Tasks;

namespace Automation.Core.Reviews;

/// <summary>
/// Public replies to reviews. Their text is settled before they are due (composed and checked when the review arrives,
/// or approved by a person), so they are <see cref="IOrderMessageJob.SendsPreparedText">prepared</see>: delivery sends
/// the stored text and does not read the order. Order events plan none (the review ingestion and the approval endpoint
/// write them), and nothing an order does later makes a reply pointless. Transactional: a public answer to what the
/// buyer wrote is neither marketing nor counted against the contact budget.
/// </summary>
public sealed class ReviewReplyJob : IOrderMessageJob
{
    public string Kind => MessageKinds.ReviewReply;

    public bool ReachesCustomer => true;

    public bool IsTransactional => true;

    public bool StepsWaitForPrevious => false;

    public bool SendsPreparedText => true;

    public IReadOnlyList<PlannedMessage> Plan(MessagePlanning planning) => [];

    public string? SkipReasonAfterChange(Order order) => null;

    public AgentTask? TaskFor(ShopSettings shop, Order order, int step, DateTimeOffset now) => null;

    public SendDecision DecideAtSendTime(ShopSettings shop, Order order, int step, DateTimeOffset now, DateTimeOffset? previousStepSentAt)
        => SendDecision.Send;
}
