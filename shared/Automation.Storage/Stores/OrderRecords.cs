using Automation.Core.Messaging;
using Automation.Core.Orders;
using Automation.Core.Tasks;
using Azure;

namespace Automation.Storage.Stores;

/// <summary>Identifies one outgoing message: a shop's order, a kind of message and its step.</summary>
public sealed record MessageKey(string ShopId, string OrderId, string Kind, int Step)
{
    /// <summary>The deterministic id: a retry, a duplicate webhook or a second instance computes the same one.</summary>
    public string MessageId => MessageIds.For(ShopId, OrderId, Kind, Step);
}

public enum MessageState
{
    /// <summary>Written but waiting for a person to approve its text (a drafted review reply): never due, never swept.</summary>
    AwaitingApproval,
    Scheduled,
    Sending,
    Sent,
    Skipped,
    Failed,
}

/// <summary>The outbox row of one message: written before it is sent, updated with every outcome.</summary>
public sealed record StoredMessage(
    MessageKey Key,
    MessageState State,
    DateTimeOffset? DueAt,
    string? Reason,
    int Attempts,
    string? LastError,
    DateTimeOffset? SentAt,
    DateTimeOffset? LeaseUntil,
    DateTimeOffset UpdatedAt,
    ETag ETag)
{
    public bool IsFinal => State is MessageState.Sent or MessageState.Skipped or MessageState.Failed;

    /// <summary>The text settled before the message came due (an approved review reply), sent as stored; null for composed messages.</summary>
    public PreparedMessage? Prepared { get; init; }
}

public sealed record StoredOrder(Order Order, bool RemindersPlanned, ETag ETag);

public sealed record StoredEvent(string EventId, string Type, DateTimeOffset? OccurredAt, DateTimeOffset ReceivedAt, string Outcome);

/// <summary>An order with its timeline: the events applied and every message scheduled, sent, skipped or failed.</summary>
public sealed record OrderHistory(StoredOrder Order, IReadOnlyList<StoredEvent> Events, IReadOnlyList<StoredMessage> Messages);

/// <summary>Everything one applied webhook event writes, atomically, in the shop's partition.</summary>
public sealed record OrderEventWrite(
    string ShopId,
    OrderEvent Event,
    DateTimeOffset ReceivedAt,
    string Outcome,
    Order Order,
    bool RemindersPlanned,
    ETag? ExpectedOrderETag,
    IReadOnlyList<PlannedMessage> NewMessages,
    IReadOnlyList<(StoredMessage Message, string Reason)> MessagesToSkip)
{
    /// <summary>Tasks the event opens, unless they are open already (their deterministic ids make that the duplicate check).</summary>
    public IReadOnlyList<AgentTask> NewTasks { get; init; } = [];

    /// <summary>When the event paid the order (null when it did not): <see cref="ConvertedReminders"/> get it in the sent-message log.</summary>
    public DateTimeOffset? PaidAt { get; init; }

    /// <summary>The order's payment reminders sent before this payment (at most the reminder steps, 3 by default).</summary>
    public IReadOnlyList<StoredMessage> ConvertedReminders { get; init; } = [];
}

public enum EventWriteOutcome
{
    Applied,
    Duplicate,
    Conflict,
}

public enum ClaimOutcome
{
    /// <summary>The row is now the caller's to send (<see cref="MessageClaim.Message"/> carries its new ETag).</summary>
    Claimed,

    /// <summary>The outbox row changed or is gone: another instance or a webhook got there first; send nothing.</summary>
    MessageChanged,

    /// <summary>The order changed since it was read (e.g. it was paid): read it again and decide again; send nothing yet.</summary>
    OrderChanged,

    /// <summary>The customer's contacts changed (another message to them, or an opt-out): read them again and decide again.</summary>
    CustomerChanged,
}

/// <summary>The outcome of a conditional claim, with the claimed row when it succeeded.</summary>
public sealed record MessageClaim(ClaimOutcome Outcome, StoredMessage? Message);

/// <summary>A customer's contacts as stored, and the ETag to update them under (null: no row yet).</summary>
public sealed record StoredCustomerContacts(CustomerContacts Contacts, ETag? ETag);

/// <summary>The contacts a claim writes for its customer, conditional on the row as read.</summary>
public sealed record CustomerContactsWrite(string CustomerId, CustomerContacts Contacts, ETag? ExpectedETag);

/// <summary>
/// Everything one <c>customer.message</c> writes, atomically, in the shop's partition: the event id, the order's
/// timeline row, and what it led to (a task, an opt-out, or a note on the customer).
/// </summary>
public sealed record CustomerMessageWrite(
    string ShopId,
    CustomerMessageEvent Event,
    DateTimeOffset ReceivedAt,
    string Outcome,
    AgentTask? Task,
    bool OptOut,
    string? CustomerNote);
