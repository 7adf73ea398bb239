using Automation.Core.Messaging;
using Automation.Core.Orders;
using Automation.Storage.Stores;
using Automation.Testing;
using Azure;
using Azure.Data.Tables;

namespace Automation.Storage.Tests.Stores;

[Collection("Azurite")]
public sealed class OrderStoreTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Reminder = MessageKinds.PaymentReminder;
    private static readonly DateTimeOffset Start = TestStorage.Start;

    private readonly string _shop = "shop-" + Guid.NewGuid().ToString("N")[..8];
    private TestStorage _storage = null!;

    private OrderStore Orders => _storage.Get<OrderStore>();

    private RequestLog Requests => _storage.Requests;

    public async Task InitializeAsync()
    {
        _storage = TestStorage.Create(azurite);
        await _storage.Get<StoreTables>().GetAsync(StoreTables.Orders, default); // Created once per process: not an operation's cost.
    }

    public async Task DisposeAsync() => await _storage.DisposeAsync();

    [Fact]
    public async Task ApplyEventAsync_NewOrder_WritesOrderEventAndMessagesInOneTransaction()
    {
        var write = Write("A1", "e1", expected: null, messages: [PlannedMessage.Due(Reminder, 1, Start.AddMinutes(30)), PlannedMessage.Skipped(Reminder, 2, "quiet_hours")]);
        var outcome = EventWriteOutcome.Conflict;

        var calls = await Requests.CountAsync(async () => outcome = await Orders.ApplyEventAsync(write, default));

        Assert.Equal(EventWriteOutcome.Applied, outcome);
        Assert.Equal(1, calls);
        var history = Assert.IsType<OrderHistory>(await Orders.GetHistoryAsync(_shop, "A1", default));
        var order = history.Order.Order;
        Assert.Equal(write.Order with { Customer = order.Customer, Items = order.Items, Shipments = order.Shipments }, order);
        Assert.Equal(write.Order.Shipments, order.Shipments);
        Assert.Equal(write.Order.Customer, order.Customer);
        Assert.Equal(write.Order.Items, order.Items);
        Assert.True(history.Order.RemindersPlanned);
        Assert.NotEqual(default, history.Order.ETag);
        var stored = Assert.Single(history.Events);
        Assert.Equal(new StoredEvent("e1", OrderEventTypes.Created, Start.AddMinutes(-1), Start, "created"), stored);
        Assert.Collection(
            history.Messages,
            m =>
            {
                Assert.Equal(new MessageKey(_shop, "A1", Reminder, 1), m.Key);
                Assert.Equal(MessageState.Scheduled, m.State);
                Assert.Equal(Start.AddMinutes(30), m.DueAt);
                Assert.Equal(0, m.Attempts);
                Assert.Equal(Start, m.UpdatedAt);
            },
            m =>
            {
                Assert.Equal(2, m.Key.Step);
                Assert.Equal(MessageState.Skipped, m.State);
                Assert.Equal("quiet_hours", m.Reason);
                Assert.Null(m.DueAt);
            });
    }

    [Fact]
    public async Task ApplyEventAsync_SameEventIdAgain_ReturnsDuplicateAndChangesNothing()
    {
        Assert.Equal(EventWriteOutcome.Applied, await Orders.ApplyEventAsync(Write("A1", "e1", expected: null), default));
        var (order, _) = await Orders.GetForUpdateAsync(_shop, "A1", default);

        var outcome = await Orders.ApplyEventAsync(Write("A1", "e1", order!.ETag, OrderStatus.Paid), default);

        Assert.Equal(EventWriteOutcome.Duplicate, outcome);
        var history = await Orders.GetHistoryAsync(_shop, "A1", default);
        Assert.Equal(OrderStatus.Created, history!.Order.Order.Status);
        Assert.Equal(order.ETag, history.Order.ETag);
        Assert.Single(history.Events);
    }

    [Fact]
    public async Task ApplyEventAsync_OrderChangedSinceRead_ReturnsConflictAndStoresNothingOfTheEvent()
    {
        await Orders.ApplyEventAsync(Write("A1", "e1", expected: null), default);
        var (read, _) = await Orders.GetForUpdateAsync(_shop, "A1", default);
        Assert.Equal(EventWriteOutcome.Applied, await Orders.ApplyEventAsync(Write("A1", "e2", read!.ETag, OrderStatus.Paid, receivedAt: Start.AddMinutes(1)), default));

        var late = Write("A1", "e3", read.ETag, OrderStatus.Cancelled, [PlannedMessage.Due(Reminder, 3, Start.AddHours(1))], receivedAt: Start.AddMinutes(2));
        var outcome = await Orders.ApplyEventAsync(late, default);

        Assert.Equal(EventWriteOutcome.Conflict, outcome);
        var history = await Orders.GetHistoryAsync(_shop, "A1", default);
        Assert.Equal(OrderStatus.Paid, history!.Order.Order.Status);
        Assert.Equal(["e1", "e2"], history.Events.Select(e => e.EventId));
        Assert.Empty(history.Messages);

        // The event-id row was rolled back with the rest: applied again on fresh state, e3 is not a duplicate.
        Assert.Equal(EventWriteOutcome.Applied, await Orders.ApplyEventAsync(late with { ExpectedOrderETag = history.Order.ETag }, default));
    }

    [Fact]
    public async Task ApplyEventAsync_NewOrderCreatedMeanwhileByAnotherEvent_ReturnsConflictNotDuplicate()
    {
        await Orders.ApplyEventAsync(Write("A1", "e1", expected: null), default);

        var outcome = await Orders.ApplyEventAsync(Write("A1", "e2", expected: null, OrderStatus.Paid), default);

        Assert.Equal(EventWriteOutcome.Conflict, outcome);
        Assert.Equal(OrderStatus.Created, (await Orders.GetOrderAsync(_shop, "A1", default))!.Order.Status);
    }

    [Fact]
    public async Task ApplyEventAsync_MessageToSkipChangedSinceRead_ReturnsConflictAndStoresNothing()
    {
        await Orders.ApplyEventAsync(Write("A1", "e1", expected: null, messages: [PlannedMessage.Due(Reminder, 1, Start.AddMinutes(30))]), default);
        var (order, messages) = await Orders.GetForUpdateAsync(_shop, "A1", default);
        var message = Assert.Single(messages);
        Assert.NotNull(await Orders.TryUpdateMessageAsync(message with { State = MessageState.Sending }, default)); // Claimed meanwhile.

        var paid = Write("A1", "e2", order!.ETag, OrderStatus.Paid, receivedAt: Start.AddMinutes(5)) with { MessagesToSkip = [(message, "order_paid")] };
        var outcome = await Orders.ApplyEventAsync(paid, default);

        Assert.Equal(EventWriteOutcome.Conflict, outcome);
        var history = await Orders.GetHistoryAsync(_shop, "A1", default);
        Assert.Equal(OrderStatus.Created, history!.Order.Order.Status);
        Assert.Equal(order.ETag, history.Order.ETag);
        Assert.Single(history.Events);
        Assert.Equal(MessageState.Sending, Assert.Single(history.Messages).State);
    }

    [Fact]
    public async Task ApplyEventAsync_MessagesToSkipUnderCurrentETags_SkipsThemWithTheEvent()
    {
        await Orders.ApplyEventAsync(Write("A1", "e1", expected: null, messages: [PlannedMessage.Due(Reminder, 1, Start.AddMinutes(30))]), default);
        var (order, messages) = await Orders.GetForUpdateAsync(_shop, "A1", default);

        var paid = Write("A1", "e2", order!.ETag, OrderStatus.Paid, receivedAt: Start.AddMinutes(5)) with { MessagesToSkip = [(messages[0], "order_paid")] };
        Assert.Equal(EventWriteOutcome.Applied, await Orders.ApplyEventAsync(paid, default));

        var message = Assert.Single((await Orders.GetHistoryAsync(_shop, "A1", default))!.Messages);
        Assert.Equal(MessageState.Skipped, message.State);
        Assert.Equal("order_paid", message.Reason);
        Assert.Equal(Start.AddMinutes(5), message.UpdatedAt);
    }

    [Fact]
    public async Task ApplyEventAsync_DateBefore1601_ThrowsBeforeAnyStorageCall()
    {
        // Azurite would store it; Azure would refuse it. The store refuses it in both.
        var write = Write("A1", "e1", expected: null);
        write = write with { Order = write.Order with { PlacedAt = new DateTimeOffset(1500, 1, 1, 0, 0, 0, TimeSpan.Zero) } };

        var calls = await Requests.CountAsync(() => Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Orders.ApplyEventAsync(write, default)));

        Assert.Equal(0, calls);
        Assert.Null(await Orders.GetOrderAsync(_shop, "A1", default));
    }

    [Fact]
    public async Task ApplyEventAsync_DefaultOrderETag_ThrowsInsteadOfOverwriting()
    {
        await Orders.ApplyEventAsync(Write("A1", "e1", expected: null), default);

        var calls = await Requests.CountAsync(
            () => Assert.ThrowsAsync<ArgumentException>(() => Orders.ApplyEventAsync(Write("A1", "e2", new ETag(), OrderStatus.Paid), default)));

        Assert.Equal(0, calls);
        Assert.Equal(OrderStatus.Created, (await Orders.GetOrderAsync(_shop, "A1", default))!.Order.Status);
    }

    [Fact]
    public async Task GetForUpdateAsync_OrderWithEventsAndASiblingOrder_ReadsOnlyThatOrderAndItsMessagesInOneQuery()
    {
        await Orders.ApplyEventAsync(Write("A1", "e1", null, messages: [PlannedMessage.Due(Reminder, 1, Start), PlannedMessage.Due(Reminder, 2, Start.AddHours(2))]), default);
        await Orders.ApplyEventAsync(Write("A10", "e2", null, messages: [PlannedMessage.Due(Reminder, 1, Start)]), default);
        (StoredOrder? Order, IReadOnlyList<StoredMessage> Messages) read = (null, []);

        var calls = await Requests.CountAsync(async () => read = await Orders.GetForUpdateAsync(_shop, "A1", default));

        Assert.Equal(1, calls);
        Assert.Equal("A1", read.Order!.Order.OrderId);
        Assert.Equal([1, 2], read.Messages.Select(m => m.Key.Step));
        Assert.All(read.Messages, m => Assert.Equal("A1", m.Key.OrderId));
        Assert.All(read.Messages, m => Assert.NotEqual(default, m.ETag));
    }

    [Fact]
    public async Task GetForUpdateAsync_UnknownOrder_ReturnsNothingForOneQuery()
    {
        (StoredOrder? Order, IReadOnlyList<StoredMessage> Messages) read = (null, []);

        var calls = await Requests.CountAsync(async () => read = await Orders.GetForUpdateAsync(_shop, "nope", default));

        Assert.Equal(1, calls);
        Assert.Null(read.Order);
        Assert.Empty(read.Messages);
    }

    [Fact]
    public async Task GetHistoryAsync_SeveralEvents_ReturnsThemInArrivalOrderInOneQuery()
    {
        await Orders.ApplyEventAsync(Write("A1", "z-first", null), default);
        var order = await Orders.GetOrderAsync(_shop, "A1", default);
        await Orders.ApplyEventAsync(Write("A1", "a-second", order!.ETag, OrderStatus.Paid, receivedAt: Start.AddSeconds(1)), default);
        await Orders.ApplyEventAsync(Write("A10", "other", null), default);
        OrderHistory? history = null;

        var calls = await Requests.CountAsync(async () => history = await Orders.GetHistoryAsync(_shop, "A1", default));

        Assert.Equal(1, calls);
        Assert.Equal(["z-first", "a-second"], history!.Events.Select(e => e.EventId));
        Assert.Equal(OrderStatus.Paid, history.Order.Order.Status);
    }

    [Fact]
    public async Task GetHistoryAsync_UnknownOrder_ReturnsNull()
    {
        Assert.Null(await Orders.GetHistoryAsync(_shop, "nope", default));
    }

    [Fact]
    public async Task GetOrderAsync_KnownAndUnknown_OnePointReadEach()
    {
        await Orders.ApplyEventAsync(Write("A1", "e1", null), default);
        var (forUpdate, _) = await Orders.GetForUpdateAsync(_shop, "A1", default);
        StoredOrder? known = null;
        StoredOrder? unknown = null;

        var calls = await Requests.CountAsync(async () =>
        {
            known = await Orders.GetOrderAsync(_shop, "A1", default);
            unknown = await Orders.GetOrderAsync(_shop, "A2", default);
        });

        Assert.Equal(2, calls);
        Assert.Equal(forUpdate!.ETag, known!.ETag);
        Assert.Equal(129.90m, known.Order.Total);
        Assert.Null(unknown);
    }

    [Fact]
    public async Task TryUpdateMessageAsync_CurrentETag_StoresItAndReturnsTheNewETagAndClockTime()
    {
        var message = await ScheduledMessageAsync();
        _storage.Time.Advance(TimeSpan.FromMinutes(5));
        StoredMessage? claimed = null;

        var calls = await Requests.CountAsync(async () => claimed = await Orders.TryUpdateMessageAsync(
            message with { State = MessageState.Sending, Attempts = 1, LeaseUntil = Start.AddMinutes(7) }, default));

        Assert.Equal(1, calls);
        Assert.NotNull(claimed);
        Assert.NotEqual(message.ETag, claimed.ETag);
        Assert.Equal(Start.AddMinutes(5), claimed.UpdatedAt);
        Assert.Equal(claimed, await Orders.GetMessageAsync(message.Key, default));
    }

    [Fact]
    public async Task TryUpdateMessageAsync_OldETag_ReturnsNullAndKeepsTheFirstClaim()
    {
        var message = await ScheduledMessageAsync();
        var first = await Orders.TryUpdateMessageAsync(message with { State = MessageState.Sending }, default);

        var second = await Orders.TryUpdateMessageAsync(message with { State = MessageState.Failed }, default);

        Assert.Null(second);
        Assert.Equal(MessageState.Sending, (await Orders.GetMessageAsync(message.Key, default))!.State);

        // The ETag the first claim returned is the stored one: the winner can record its outcome with it.
        Assert.NotNull(await Orders.TryUpdateMessageAsync(first! with { State = MessageState.Sent, SentAt = Start }, default));
    }

    [Fact]
    public async Task TryUpdateMessageAsync_RowDeleted_ReturnsNull()
    {
        var message = await ScheduledMessageAsync();
        var table = _storage.Get<TableServiceClient>().GetTableClient(StoreTables.Orders);
        await table.DeleteEntityAsync(_shop, $"o|A1|m|{Reminder}|01");

        Assert.Null(await Orders.TryUpdateMessageAsync(message with { State = MessageState.Sending }, default));
        Assert.Null(await Orders.GetMessageAsync(message.Key, default));
    }

    [Fact]
    public async Task TryClaimMessageAsync_OrderAndRowUnchanged_ClaimsInOneTransactionAndKeepsTheOrder()
    {
        var message = await ScheduledMessageAsync();
        var order = (await Orders.GetOrderAsync(_shop, "A1", default))!;
        _storage.Time.Advance(TimeSpan.FromMinutes(5));
        MessageClaim? claim = null;

        var calls = await Requests.CountAsync(async () => claim = await Orders.TryClaimMessageAsync(
            message with { State = MessageState.Sending, Attempts = 1, LeaseUntil = Start.AddMinutes(7) }, order.ETag, budget: null, default));

        Assert.Equal(1, calls);
        Assert.Equal(ClaimOutcome.Claimed, claim!.Outcome);
        Assert.Equal(Start.AddMinutes(5), claim.Message!.UpdatedAt);
        Assert.Equal(claim.Message, await Orders.GetMessageAsync(message.Key, default));

        // The check merges no property: the order's data stay as they were; only its ETag moves on.
        var after = (await Orders.GetOrderAsync(_shop, "A1", default))!;
        Assert.Equal(order.Order, after.Order with { Customer = order.Order.Customer, Items = order.Order.Items, Shipments = order.Order.Shipments });
        Assert.Equal(order.Order.Shipments, after.Order.Shipments);
        Assert.Equal(order.Order.Customer, after.Order.Customer);
        Assert.Equal(order.Order.Items, after.Order.Items);
        Assert.NotEqual(order.ETag, after.ETag);
    }

    [Fact]
    public async Task TryClaimMessageAsync_OrderPaidBetweenCheckAndClaim_ReturnsOrderChangedAndLeavesTheRow()
    {
        // A delivery reads the row and the order and decides to send; then a payment commits that leaves the row as
        // it is (it was claimed before and that claim ran out, so the webhook does not skip it).
        var message = await ScheduledMessageAsync();
        message = (await Orders.TryUpdateMessageAsync(message with { State = MessageState.Sending, Attempts = 1, LeaseUntil = Start.AddMinutes(-1) }, default))!;
        var row = (await Orders.GetMessageAsync(message.Key, default))!;
        var checkedOrder = (await Orders.GetOrderAsync(_shop, "A1", default))!;
        Assert.Equal(EventWriteOutcome.Applied, await Orders.ApplyEventAsync(Write("A1", "e2", checkedOrder.ETag, OrderStatus.Paid, receivedAt: Start.AddMinutes(1)), default));

        var claim = await Orders.TryClaimMessageAsync(row with { Attempts = 2, LeaseUntil = Start.AddMinutes(2) }, checkedOrder.ETag, budget: null, default);

        Assert.Equal(ClaimOutcome.OrderChanged, claim.Outcome);
        Assert.Null(claim.Message);
        Assert.Equal(row, await Orders.GetMessageAsync(message.Key, default));
        Assert.Equal(OrderStatus.Paid, (await Orders.GetOrderAsync(_shop, "A1", default))!.Order.Status);
    }

    [Fact]
    public async Task TryClaimMessageAsync_RowChangedMeanwhile_ReturnsMessageChangedAndKeepsTheOtherClaim()
    {
        var message = await ScheduledMessageAsync();
        var order = (await Orders.GetOrderAsync(_shop, "A1", default))!;
        Assert.NotNull(await Orders.TryUpdateMessageAsync(message with { State = MessageState.Sending, Attempts = 1 }, default));

        var claim = await Orders.TryClaimMessageAsync(message with { State = MessageState.Sending, Attempts = 1 }, order.ETag, budget: null, default);

        Assert.Equal(ClaimOutcome.MessageChanged, claim.Outcome);
        Assert.Equal(order.ETag, (await Orders.GetOrderAsync(_shop, "A1", default))!.ETag); // Rolled back with the rest.
    }

    [Fact]
    public async Task TryClaimMessageAsync_ClaimCommittedFirst_PaymentConflictsOnceThenAppliesOnFreshState()
    {
        // The price of the check: a webhook that read the order before the claim retries once (the webhook's loop).
        var message = await ScheduledMessageAsync();
        var (order, _) = await Orders.GetForUpdateAsync(_shop, "A1", default);
        Assert.Equal(ClaimOutcome.Claimed, (await Orders.TryClaimMessageAsync(message with { State = MessageState.Sending }, order!.ETag, budget: null, default)).Outcome);

        var paid = Write("A1", "e2", order.ETag, OrderStatus.Paid, receivedAt: Start.AddMinutes(1));
        Assert.Equal(EventWriteOutcome.Conflict, await Orders.ApplyEventAsync(paid, default));

        var (fresh, _) = await Orders.GetForUpdateAsync(_shop, "A1", default);
        Assert.Equal(EventWriteOutcome.Applied, await Orders.ApplyEventAsync(paid with { ExpectedOrderETag = fresh!.ETag }, default));
    }

    [Fact]
    public async Task TryClaimMessageAsync_DefaultOrderETag_ThrowsBeforeAnyStorageCall()
    {
        var message = await ScheduledMessageAsync();

        var calls = await Requests.CountAsync(
            () => Assert.ThrowsAsync<ArgumentException>(() => Orders.TryClaimMessageAsync(message with { State = MessageState.Sending }, new ETag(), budget: null, default)));

        Assert.Equal(0, calls);
    }

    [Fact]
    public async Task TryClaimMessageAsync_WithABudget_RecordsTheContactInTheSameTransaction()
    {
        var message = await ScheduledMessageAsync();
        var order = (await Orders.GetOrderAsync(_shop, "A1", default))!;
        var customer = await Orders.GetCustomerContactsAsync(_shop, "c-1", default);
        var contacts = new CustomerContacts([Start], null);

        var calls = await Requests.CountAsync(async () => Assert.Equal(
            ClaimOutcome.Claimed,
            (await Orders.TryClaimMessageAsync(message with { State = MessageState.Sending }, order.ETag, new CustomerContactsWrite("c-1", contacts, customer.ETag), default)).Outcome));

        Assert.Equal(1, calls);
        Assert.Null(customer.ETag);
        Assert.Equal([Start], (await Orders.GetCustomerContactsAsync(_shop, "c-1", default)).Contacts.RecentContacts);
    }

    [Fact]
    public async Task TryClaimMessageAsync_CustomerOptedOutAfterTheRead_ReturnsCustomerChangedAndClaimsNothing()
    {
        var message = await ScheduledMessageAsync();
        var order = (await Orders.GetOrderAsync(_shop, "A1", default))!;
        var customer = await Orders.GetCustomerContactsAsync(_shop, "c-1", default);
        await Orders.SetOptOutAsync(_shop, "c-1", Start, default);

        var claim = await Orders.TryClaimMessageAsync(
            message with { State = MessageState.Sending }, order.ETag, new CustomerContactsWrite("c-1", new CustomerContacts([Start], null), customer.ETag), default);

        Assert.Equal(ClaimOutcome.CustomerChanged, claim.Outcome);
        Assert.Equal(MessageState.Scheduled, (await Orders.GetMessageAsync(message.Key, default))!.State);
        var after = await Orders.GetCustomerContactsAsync(_shop, "c-1", default);
        Assert.Equal(Start, after.Contacts.OptedOutAt);
        Assert.Empty(after.Contacts.RecentContacts);
    }

    [Fact]
    public async Task SetOptOutAsync_Null_OptsTheCustomerBackIn_KeepingTheirContacts()
    {
        var message = await ScheduledMessageAsync();
        var order = (await Orders.GetOrderAsync(_shop, "A1", default))!;
        await Orders.TryClaimMessageAsync(message with { State = MessageState.Sending }, order.ETag, new CustomerContactsWrite("c-1", new CustomerContacts([Start], null), null), default);
        await Orders.SetOptOutAsync(_shop, "c-1", Start.AddMinutes(1), default);

        await Orders.SetOptOutAsync(_shop, "c-1", null, default);

        Assert.Equal([Start], (await Orders.GetCustomerContactsAsync(_shop, "c-1", default)).Contacts.RecentContacts);
        Assert.Null((await Orders.GetCustomerContactsAsync(_shop, "c-1", default)).Contacts.OptedOutAt);
    }

    [Fact]
    public async Task RecordedAsSent_GoesIntoTheSentLogInTheSameTransaction_AndAPaymentMarksItPaid()
    {
        var message = await ScheduledMessageAsync();
        var sentAt = Start.AddMinutes(31).AddTicks(1234); // a fraction of a second the log's key leaves out
        StoredMessage? sent = null;

        var calls = await Requests.CountAsync(async () => sent = await Orders.TryUpdateMessageAsync(message with { State = MessageState.Sent, SentAt = sentAt }, default));
        var (current, messages) = await Orders.GetForUpdateAsync(_shop, "A1", default);
        var paid = Write("A1", "e2", current!.ETag, OrderStatus.Paid) with { PaidAt = Start.AddHours(1), ConvertedReminders = messages };
        Assert.Equal(EventWriteOutcome.Applied, await Orders.ApplyEventAsync(paid, default));
        var log = _storage.Get<SentMessageLog>();

        Assert.Equal(1, calls);
        Assert.NotNull(sent);
        var entry = Assert.Single(await log.ListAsync(_shop, Reminder, Start, Start.AddHours(1), default));
        Assert.Equal(new SentMessageEntry("A1", Reminder, 1, sentAt, Start.AddHours(1)), entry);
        Assert.Empty(await log.ListAsync(_shop, Reminder, sentAt.AddTicks(1), Start.AddHours(1), default));
        Assert.Empty(await log.ListAsync(_shop, MessageKinds.FollowUp, Start, Start.AddHours(1), default));
    }

    private async Task<StoredMessage> ScheduledMessageAsync()
    {
        await Orders.ApplyEventAsync(Write("A1", "e1", null, messages: [PlannedMessage.Due(Reminder, 1, Start.AddMinutes(30))]), default);
        return (await Orders.GetMessageAsync(new MessageKey(_shop, "A1", Reminder, 1), default))!;
    }

    private OrderEventWrite Write(
        string orderId,
        string eventId,
        ETag? expected,
        OrderStatus status = OrderStatus.Created,
        IReadOnlyList<PlannedMessage>? messages = null,
        DateTimeOffset? receivedAt = null)
    {
        var order = new Order(
            _shop,
            orderId,
            status,
            PlacedAt: Start.AddMinutes(-2),
            AutoCloseAt: Start.AddHours(24),
            Total: 129.90m,
            Currency: "CNY",
            PayUrl: "https://pay.example/" + orderId,
            new Customer("c-1", "Li Lei", "+8613800000000", null, "zh-CN"),
            [new OrderItem("SKU-1", "Green tea", 2, 64.95m)],
            Shipment: null);
        var facts = new OrderFacts(orderId, order.PlacedAt, order.AutoCloseAt, order.Total, order.Currency, order.PayUrl, order.Customer, order.Items, null);
        var type = status == OrderStatus.Created ? OrderEventTypes.Created : OrderEventTypes.Paid;
        return new OrderEventWrite(
            _shop,
            new OrderEvent(eventId, type, status, Start.AddMinutes(-1), facts),
            receivedAt ?? Start,
            Outcome: "created",
            order,
            RemindersPlanned: true,
            expected,
            messages ?? [],
            []);
    }
}
