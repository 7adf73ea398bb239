using Automation.Core.FollowUps;
using Automation.Core.Messaging;
using Automation.Core.Orders;
using Automation.Core.Shops;
using Automation.Core.Tasks;
using Automation.Functions.Features.Orders;
using Automation.Functions.Features.Reviews;
using Automation.Storage.Stores;

namespace Automation.Functions.Features.FollowUps;

/// <summary>
/// Applies a verified <c>customer.message</c>: an opt-out keyword opts the customer out; otherwise the message is read
/// for its mood, and an unhappy one opens a task with the text as evidence while a happy one is noted on the customer.
/// The mood is read as reviews are, with the shop's taught phrases (<see cref="TaughtPhrasesCache"/>).
/// Storage cost: 1 point read (the order's follow-up, to tell a reply to it), the shop's taught phrases (1 point read
/// side by side with it, when this instance has no copy from the last 15 s), 1 entity group transaction.
/// The text is the customer's own words: it is stored for the agents, never logged.
/// </summary>
internal sealed partial class CustomerMessageIngestion(OrderStore orders, TaughtPhrasesCache taughtPhrases, TimeProvider time, ILogger<CustomerMessageIngestion> logger)
{
    public async Task<IngestionOutcome> ApplyAsync(ShopSettings shop, CustomerMessageEvent message, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();

        // An order has one follow-up (step 1): a point read tells whether this message answers it. Side by side with it,
        // the shop's phrases (cached), so the mood is read as the shop's agents taught.
        var followUpRead = orders.GetMessageAsync(new MessageKey(shop.ShopId, message.OrderId, MessageKinds.FollowUp, 1), cancellationToken);
        var taught = taughtPhrases.GetAsync(shop.ShopId, cancellationToken);
        await Task.WhenAll(followUpRead, taught);
        var reply = CustomerReplies.Read(message.Text, shop.OptOutKeywords, await taught);
        var followUp = await followUpRead;
        var repliesToFollowUp = followUp?.State == MessageState.Sent;
        var (task, note, outcome) = reply switch
        {
            { OptsOut: true } => (null, null, "customer opted out of non-transactional messages"),
            { Mood: CustomerMood.Unhappy } => (CustomerMessageTasks.ForUnhappy(shop.ShopId, message, reply, repliesToFollowUp, now), null, Outcome("unhappy: task opened")),
            { Mood: CustomerMood.Happy } => ((AgentTask?)null, message.Text, Outcome("happy: noted on the customer")),
            _ => (null, null, Outcome("neutral")),
        };

        var write = new CustomerMessageWrite(shop.ShopId, message, now, outcome, task, reply.OptsOut, note);
        if (await orders.ApplyCustomerMessageAsync(write, cancellationToken) == EventWriteOutcome.Duplicate)
        {
            return IngestionOutcome.Duplicate;
        }

        LogApplied(logger, shop.ShopId, message.Id, reply.OptsOut, reply.Mood, task is not null);
        return IngestionOutcome.Accepted;

        string Outcome(string what) => (repliesToFollowUp ? "reply to the follow-up, " : "customer message, ") + what;
    }

    [LoggerMessage(EventId = 2020, Level = LogLevel.Information,
        Message = "Shop {ShopId}: customer message {EventId} applied (opt-out: {OptOut}, mood: {Mood}, task opened: {TaskOpened})")]
    private static partial void LogApplied(ILogger logger, string shopId, string eventId, bool optOut, CustomerMood mood, bool taskOpened);
}
