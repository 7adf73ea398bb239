using Automation.Core.Cases;
using Automation.Core.Customers;
using Automation.Core.Messaging;
using Automation.Core.Orders;
using Automation.Core.Reviews;
using Automation.Core.Shops;
using Automation.Core.Tasks;
using Automation.Storage.Stores;
using Automation.Testing;
using Azure.Data.Tables;

namespace Automation.Storage.Tests.Stores;

[Collection("Azurite")]
public sealed class ErasureStoreTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = TestStorage.Start;

    // Each customer's personal data, written where the product keeps it; the erasure must leave none of the first's.
    private static readonly Buyer Ann = new("cust-ann", "Ann Erased", "13800000001", "ann@example.com", "12 Gone Street",
        "The seams split after one wash, Ann here", "Ann wrote: the sleeve is torn, very disappointed", "Ann's case: the colour is not as shown");

    private static readonly Buyer Bob = new("cust-bob", "Bob Kept", "13900000002", "bob@example.com", "34 Stay Road",
        "The seams split after one wash, Bob here", "Bob wrote: the sleeve is torn, very disappointed", "Bob's case: the colour is not as shown");

    private readonly string _shop = "shop-" + Guid.NewGuid().ToString("N")[..8];
    private TestStorage _storage = null!;

    private ErasureStore Erasure => _storage.Get<ErasureStore>();

    private OrderStore Orders => _storage.Get<OrderStore>();

    public async Task InitializeAsync()
    {
        _storage = TestStorage.Create(azurite);
        foreach (var table in new[] { StoreTables.Orders, StoreTables.Shops, StoreTables.ApiKeys, StoreTables.DueMessages })
        {
            await _storage.Get<StoreTables>().GetAsync(table, default); // created once per process: not an operation's cost
        }
    }

    public async Task DisposeAsync() => await _storage.DisposeAsync();

    [Fact]
    public async Task EraseCustomerAsync_CustomerWithOrderCaseReviewAndMessage_LeavesNoneOfTheirDataAndAllOfTheOthers()
    {
        await SeedAsync(Ann, "A1");
        await SeedAsync(Bob, "B1");

        var counts = CustomerErasureCounts.None;

        var calls = await _storage.Requests.CountAsync(async () => counts = await Erasure.EraseCustomerAsync(_shop, Ann.Id, [], default));

        // The index, the order's rows, 4 task queries each for the order, its case and its review, the case and the
        // review, the contacts; then the order's one transaction and the contacts' delete.
        Assert.Equal(1 + 1 + 12 + 2 + 1 + 2, calls);

        // Skipped: the reminder, the follow-up and the reply awaiting approval. Tasks quoting the buyer: the photo request,
        // the review's approval and follow-up, the unhappy message's.
        Assert.Equal(new CustomerErasureCounts(Orders: 1, MessagesSkipped: 3, MessageTextsRemoved: 0, Reviews: 1, Cases: 1, Tasks: 4, Contacts: 1), counts);
        var text = await PartitionTextAsync(_shop);
        foreach (var personal in Ann.Personal.SelectMany(AsStored))
        {
            Assert.DoesNotContain(personal, text, StringComparison.Ordinal);
        }

        foreach (var personal in Bob.Personal)
        {
            Assert.True(AsStored(personal).Any(form => text.Contains(form, StringComparison.Ordinal)), personal);
        }

        var erased = (await Orders.GetHistoryAsync(_shop, "A1", default))!;
        Assert.Null(erased.Order.Order.Customer);
        Assert.Null(erased.Order.Order.PayUrl);
        Assert.Equal((OrderStatus.Delivered, 2), (erased.Order.Order.Status, erased.Order.Order.Items.Count + erased.Order.Order.Shipments.Count));
        Assert.All(erased.Messages.Where(m => m.Key.Kind != MessageKinds.ShippingNotice), m => Assert.Equal((MessageState.Skipped, SkipReasons.CustomerErased), (m.State, m.Reason)));
        var sent = Assert.Single(erased.Messages, m => m.Key.Kind == MessageKinds.ShippingNotice);
        Assert.Equal((MessageState.Sent, Start), (sent.State, sent.SentAt)); // a sent row keeps its facts for the report
        Assert.Equal(MessageState.Scheduled, (await Orders.GetMessageAsync(new MessageKey(_shop, "B1", MessageKinds.FollowUp, 1), default))!.State);

        var task = (await _storage.Get<TaskStore>().GetAsync(_shop, "request_photos:case-A1", default))!;
        Assert.Equal(AgentTaskState.Open, task.State); // the work may still be owed: only the buyer's words go
        Assert.Equal([new("what to do", "Ask for photos"), new("text", PersonalDataErasure.Erased)], task.Evidence);
        var c = (await _storage.Get<CaseStore>().GetAsync(_shop, "case-A1", default))!.Case;
        Assert.Equal((CaseStatus.PendingReview, true, 2, null), (c.Status, c.HasPhotos, c.Evidence.Count, c.ReasonText));
        var review = (await _storage.Get<ReviewStore>().GetAsync(_shop, "rv-A1", default))!;
        Assert.Equal(("", null, 1), (review.Review.Text, review.CustomerId, review.Review.Rating));
    }

    [Fact]
    public async Task EraseCustomerAsync_ReviewWithADecision_ErasesTheWordsItNamed_AndKeepsTheDecisionAndTheShopsList()
    {
        await SeedAsync(Ann, "A1");
        var reviews = _storage.Get<ReviewStore>();
        var review = (await reviews.GetAsync(_shop, "rv-A1", default))!;
        var phrase = new TaughtPhrase(TaughtPhrases.Normalize(Ann.ReviewText[..4]), TaughtReading.Complaint);
        var correction = new ReviewCorrection(ReviewCategory.Mixed, review.Classification.Category, [phrase], "ops", Start);
        var taught = TaughtPhraseList.Merge([], [phrase], "ops", Start, "rv-A1").Entries;
        Assert.Equal(ReviewUpdateOutcome.Applied, await reviews.CorrectAsync(review with { Correction = correction }, new TaughtPhrasesWrite(taught, StoredTaughtPhrases.None), default));

        await Erasure.EraseCustomerAsync(_shop, Ann.Id, [], default);

        var erased = (await reviews.GetAsync(_shop, "rv-A1", default))!.Correction!;
        Assert.Equal((ReviewCategory.Mixed, "ops"), (erased.Category, erased.By));
        Assert.Equal([new TaughtPhrase(PersonalDataErasure.Erased, TaughtReading.Complaint)], erased.Phrases);
        Assert.Equal(taught, (await reviews.GetPhrasesAsync(_shop, default)).Entries); // shop data: the list keeps the phrase
    }

    [Fact]
    public async Task EraseCustomerAsync_Again_ErasesNothing_AndCostsTheIndexQueryAndTheContactsRead()
    {
        await SeedAsync(Ann, "A1");
        await Erasure.EraseCustomerAsync(_shop, Ann.Id, [], default);
        var before = await PartitionTextAsync(_shop);
        var counts = CustomerErasureCounts.None with { Orders = -1 };

        var calls = await _storage.Requests.CountAsync(async () => counts = await Erasure.EraseCustomerAsync(_shop, Ann.Id, [], default));

        Assert.Equal(CustomerErasureCounts.None, counts);
        Assert.Equal(2, calls);
        Assert.Equal(before, await PartitionTextAsync(_shop));
    }

    [Fact]
    public async Task EraseCustomerAsync_TwoAtOnce_BothFinish_AndTheOrderIsErasedOnce()
    {
        await SeedAsync(Ann, "A1");

        // A platform retrying its webhook while the first call still runs: the loser meets changed rows and a deleted index row.
        var both = await Task.WhenAll(Erasure.EraseCustomerAsync(_shop, Ann.Id, [], default), Erasure.EraseCustomerAsync(_shop, Ann.Id, [], default));

        Assert.Equal(1, both.Sum(c => c.Orders));
        Assert.Equal(1, both.Sum(c => c.Contacts));
        Assert.DoesNotContain(Ann.Name, await PartitionTextAsync(_shop), StringComparison.Ordinal);
        Assert.Equal(CustomerErasureCounts.None, await Erasure.EraseCustomerAsync(_shop, Ann.Id, [], default));
    }

    [Theory]
    [InlineData("bg){L|3(z[o(PV3;l^\\iIK!Z6cTaRwzg;")] // found by GeneratedInputTests: '\\' and '|' in a platform's customer id
    [InlineData("a/b#c?d")]
    [InlineData("cust-bob|o|")] // would fall under Bob's prefix, were '|' kept
    public async Task EraseCustomerAsync_CustomerIdsNoRowKeyCouldHold_AreStoredErasedAndKeptApart(string hostileId)
    {
        await SeedAsync(Bob, "B1");
        await SeedAsync(Ann with { Id = hostileId }, "A1");

        var erased = await Erasure.EraseCustomerAsync(_shop, hostileId, [], default);
        var stored = await PartitionTextAsync(_shop);

        Assert.Equal(1, erased.Orders);
        Assert.DoesNotContain(Ann.Email, stored, StringComparison.Ordinal);
        Assert.Contains(Bob.Email, stored, StringComparison.Ordinal);
        Assert.StartsWith("c|~", OrderStore.CustomerRow(hostileId), StringComparison.Ordinal);
        Assert.Equal("c|cust-bob", OrderStore.CustomerRow(Bob.Id)); // ids as they always were keep their rows
    }

    [Fact]
    public async Task EraseCustomerAsync_UnknownCustomer_AnswersZeros()
    {
        await SeedAsync(Bob, "B1");
        var before = await PartitionTextAsync(_shop);

        Assert.Equal(CustomerErasureCounts.None, await Erasure.EraseCustomerAsync(_shop, "cust-nobody", [], default));
        Assert.Equal(CustomerErasureCounts.None, await Erasure.EraseCustomerAsync("shop-other", Bob.Id, [], default)); // tenants apart
        Assert.Equal(before, await PartitionTextAsync(_shop));
    }

    [Fact]
    public async Task EraseCustomerAsync_OptedOutCustomer_KeepsTheOptOutAndNothingElse()
    {
        await SeedAsync(Ann, "A1");
        await Orders.SetOptOutAsync(_shop, Ann.Id, Start, default);

        await Erasure.EraseCustomerAsync(_shop, Ann.Id, [], default);

        var contacts = await Orders.GetCustomerContactsAsync(_shop, Ann.Id, default);
        Assert.Equal(Start, contacts.Contacts.OptedOutAt);
        Assert.Empty(contacts.Contacts.RecentContacts);
        var table = await _storage.Get<StoreTables>().GetAsync(StoreTables.Orders, default);
        var row = (await table.GetEntityAsync<TableEntity>(_shop, "c|" + Ann.Id)).Value;
        Assert.Equal(["OptedOut", "OptedOutAt"], row.Keys.Where(k => k is not ("odata.etag" or "Timestamp" or "PartitionKey" or "RowKey")).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task EraseCustomerAsync_OrderStoredBeforeTheIndex_IsErasedOnlyWhenNamed()
    {
        await SeedAsync(Ann, "A1");
        var table = await _storage.Get<StoreTables>().GetAsync(StoreTables.Orders, default);
        await table.DeleteEntityAsync(_shop, $"c|{Ann.Id}|o|A1"); // as the rows of an order stored before the index

        var unnamed = await Erasure.EraseCustomerAsync(_shop, Ann.Id, [], default);
        var named = await Erasure.EraseCustomerAsync(_shop, Ann.Id, ["A1"], default);

        Assert.Equal(0, unnamed.Orders);
        Assert.Equal((1, 1, 1), (named.Orders, named.Reviews, named.Cases));
        Assert.DoesNotContain(Ann.Name, await PartitionTextAsync(_shop), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EraseCustomerAsync_NamedOrderOfAnotherCustomer_IsLeftAlone()
    {
        await SeedAsync(Bob, "B1");
        var before = await PartitionTextAsync(_shop);

        var counts = await Erasure.EraseCustomerAsync(_shop, Ann.Id, ["B1"], default);

        Assert.Equal(CustomerErasureCounts.None, counts);
        Assert.Equal(before, await PartitionTextAsync(_shop));
    }

    [Fact]
    public async Task ApplyEventAsync_ErasedOrder_AppliesALaterEventUnderItsNewETag_AndACustomerItCarriesIsANewFact()
    {
        await SeedAsync(Ann, "A1");
        await Erasure.EraseCustomerAsync(_shop, Ann.Id, [], default);
        var (stored, _) = await Orders.GetForUpdateAsync(_shop, "A1", default);
        var evt = new OrderEvent("late-1", OrderEventTypes.Completed, OrderStatus.Completed, Start, new OrderFacts("A1", null, null, null, null, null, null, null, null));
        var completed = OrderLifecycle.Apply(_shop, stored!.Order, evt).Order;

        Assert.Equal(EventWriteOutcome.Applied, await Orders.ApplyEventAsync(new OrderEventWrite(_shop, evt, Start, "completed", completed, true, stored.ETag, [], []), default));
        Assert.Null((await Orders.GetOrderAsync(_shop, "A1", default))!.Order.Customer);
        Assert.Equal(CustomerErasureCounts.None, await Erasure.EraseCustomerAsync(_shop, Ann.Id, [], default));
    }

    [Fact]
    public async Task EraseShopAsync_DeletesEveryRowOfTheShop_ItsKeysSettingsAndDueEntries_AndNoOtherShops()
    {
        var other = "shop-" + Guid.NewGuid().ToString("N")[..8];
        await SeedAsync(Ann, "A1");
        await SeedShopAsync(_shop);
        await SeedShopAsync(other);
        var due = _storage.Get<DueMessageIndex>();
        var followUp = new MessageKey(_shop, "A1", MessageKinds.FollowUp, 1);
        await due.AddAsync(followUp, Start.AddDays(3), Start, default);
        var othersDue = followUp with { ShopId = other };
        await due.AddAsync(othersDue, Start.AddDays(3), Start, default);

        var counts = await _storage.Get<ErasureStore>().EraseShopAsync(_shop, default);

        Assert.Equal((1, 1, 1), (counts.SettingsRows, counts.ApiKeys, counts.DueEntries));
        Assert.True(counts.OrderRows > 10, counts.OrderRows.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("", await PartitionTextAsync(_shop));
        Assert.Null(await _storage.Get<ShopStore>().GetStoredAsync(_shop, default));
        Assert.Empty(await _storage.Get<ApiKeyStore>().ListAsync(_shop, default));
        Assert.False(await due.RemoveAsync(followUp, Start.AddDays(3), Start, default));
        Assert.NotNull(await _storage.Get<ShopStore>().GetStoredAsync(other, default));
        Assert.Single(await _storage.Get<ApiKeyStore>().ListAsync(other, default));
        Assert.True(await due.RemoveAsync(othersDue, Start.AddDays(3), Start, default));
        Assert.Equal(new ShopErasureCounts(0, 0, 0, 0), await _storage.Get<ErasureStore>().EraseShopAsync(_shop, default));
    }

    /// <summary>
    /// Everything the product writes about a buyer and their order: the order (with customer and pay link), a reminder
    /// still scheduled, a sent shipping notice, a follow-up due, a case with text and photo evidence and its task, a review
    /// with its reply and tasks, an unhappy message with its task, a happy note and the contact budget.
    /// </summary>
    private async Task SeedAsync(Buyer buyer, string orderId)
    {
        var customer = new Customer(buyer.Id, buyer.Name, buyer.Phone, buyer.Email, "en");
        var created = new OrderEvent("created-" + orderId, OrderEventTypes.Created, OrderStatus.Created, Start.AddDays(-5),
            new OrderFacts(orderId, Start.AddDays(-5), null, 99m, "CNY", $"https://pay.example/{buyer.Email}", customer, [new OrderItem("SKU-1", "Hoodie", 1, 99m)], null));
        var order = OrderLifecycle.Apply(_shop, null, created).Order;
        Assert.Equal(EventWriteOutcome.Applied, await Orders.ApplyEventAsync(
            new OrderEventWrite(_shop, created, Start, "created", order, true, null, [PlannedMessage.Due(MessageKinds.PaymentReminder, 1, Start.AddMinutes(30))], []), default));
        var shipped = new OrderEvent("delivered-" + orderId, OrderEventTypes.Delivered, OrderStatus.Delivered, Start,
            new OrderFacts(orderId, null, null, null, null, null, null, null, new Shipment("ship-1", "SF", "SF100" + orderId, null)));
        var (stored, _) = await Orders.GetForUpdateAsync(_shop, orderId, default);
        order = OrderLifecycle.Apply(_shop, stored!.Order, shipped).Order;
        Assert.Equal(EventWriteOutcome.Applied, await Orders.ApplyEventAsync(new OrderEventWrite(_shop, shipped, Start, "delivered", order, true, stored.ETag,
            [PlannedMessage.Due(MessageKinds.ShippingNotice, 1, Start), PlannedMessage.Due(MessageKinds.FollowUp, 1, Start.AddDays(3))], []), default));
        var notice = (await Orders.GetMessageAsync(new MessageKey(_shop, orderId, MessageKinds.ShippingNotice, 1), default))!;
        Assert.NotNull(await Orders.TryUpdateMessageAsync(notice with { State = MessageState.Sent, SentAt = Start, Attempts = 1 }, default));

        var c = new Case(_shop, "case-" + orderId, orderId, CaseKind.ReturnRefund, CaseStatus.PendingReview, CaseReason.Other, null, 99m, "CNY", Start, false, null,
            [new CaseEvidence(CaseEvidenceType.Text, null, buyer.CaseText), new CaseEvidence(CaseEvidenceType.Photo, buyer.PhotoUrl, null)])
        { StatusChangedAt = Start, ReasonText = buyer.CaseText };
        var photos = new AgentTask("request_photos:" + c.CaseId, _shop, CaseActionKinds.RequestPhotos, orderId, c.CaseId, null, 2, Start.AddDays(1), AgentTaskState.Open,
            [new("what to do", "Ask for photos"), new("text", buyer.CaseText)], Start);
        (stored, _) = await Orders.GetForUpdateAsync(_shop, orderId, default);
        Assert.Equal(EventWriteOutcome.Applied, await _storage.Get<CaseStore>().ApplyAsync(new CaseWrite("case-e-" + orderId, CaseEventTypes.Opened, null, c, stored, Start, "case opened", [photos]), default));

        var reviewEvent = new ReviewEvent("review-e-" + orderId, null, new PostedReview("rv-" + orderId, orderId, 1, buyer.ReviewText, Start, "shopify", "Hoodie", "en"), customer, buyer.Address);
        var shop = new ShopSettings(_shop, "Demo", "UTC", "en", "secret-0123456789abcdef", null, PaymentReminderSettings.Default, null, new Dictionary<string, IReadOnlyDictionary<string, string>>());
        (stored, _) = await Orders.GetForUpdateAsync(_shop, orderId, default);
        var decision = ReviewHandling.Decide(shop, reviewEvent, stored!.Order, Start);
        var reply = new StoredMessage(new MessageKey(_shop, orderId, MessageKinds.ReviewReply, 1), MessageState.AwaitingApproval, null, decision.ApprovalReason, 0, null, null, null, Start, default)
        {
            Prepared = decision.Reply.Text is { } draft ? new PreparedMessage(draft, "en", buyer.Id, reviewEvent.Review.ReviewId, "shopify") : null,
        };
        var review = new StoredReview(_shop, reviewEvent.Review, buyer.Id, ReviewHandling.FactsOf(reviewEvent, stored.Order), decision.Classification, decision.Reply,
            decision.ApprovalReason, 1, [.. decision.Tasks.Select(t => t.TaskId)], Start, default);
        Assert.Equal(ReviewWriteOutcome.Applied, await _storage.Get<ReviewStore>().AddAsync(new ReviewWrite(reviewEvent.Id, review, "review read", reply, decision.Tasks), default));
        Assert.Contains(decision.Tasks, t => t.Evidence.Any(e => e.Value == buyer.ReviewText));

        var unhappy = new CustomerMessageEvent("msg-e-" + orderId, orderId, buyer.Id, "m1", buyer.MessageText, Start, Start);
        var reading = Core.FollowUps.CustomerReplies.Read(unhappy.Text, []);
        Assert.Equal(EventWriteOutcome.Applied, await Orders.ApplyCustomerMessageAsync(
            new CustomerMessageWrite(_shop, unhappy, Start, "unhappy", CustomerMessageTasks.ForUnhappy(_shop, unhappy, reading, true, Start), false, null), default));
        var happy = unhappy with { Id = "msg-h-" + orderId, MessageId = "m2", Text = buyer.Name + " says thanks" };
        Assert.Equal(EventWriteOutcome.Applied, await Orders.ApplyCustomerMessageAsync(new CustomerMessageWrite(_shop, happy, Start, "happy", null, false, happy.Text), default));
    }

    private async Task SeedShopAsync(string shopId)
    {
        await _storage.Get<ShopStore>().SaveAsync(shopId, new ShopSettingsInput { Name = "Demo", TimeZone = "UTC", Locale = "en", WebhookSecret = "secret-0123456789abcdef" }, default);
        await _storage.Get<ApiKeyStore>().AddAsync(new ApiKeyRecord(shopId, "k" + Guid.NewGuid().ToString("N")[..15], Core.Security.ApiKeyScope.Shop, null, null, "hash", Start, null), default);
    }

    /// <summary>A value as a column holds it, and as it is inside the JSON of a column (where '\'' is escaped).</summary>
    private static string[] AsStored(string value) => [value, System.Text.Json.JsonSerializer.Serialize(value)[1..^1]];

    /// <summary>Every value of every row of the shop's partition of the Orders table, as one text to search.</summary>
    private async Task<string> PartitionTextAsync(string shopId)
    {
        var table = await _storage.Get<StoreTables>().GetAsync(StoreTables.Orders, default);
        var text = new System.Text.StringBuilder();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {shopId}")))
        {
            text.Append(row.RowKey).Append('\n');
            foreach (var (name, value) in row.Where(p => p.Key is not ("odata.etag" or "Timestamp")).OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                text.Append(name).Append('=').Append(value is DateTimeOffset ? "" : value).Append('\n');
            }
        }

        return text.ToString();
    }

    private sealed record Buyer(string Id, string Name, string Phone, string Email, string Address, string ReviewText, string MessageText, string CaseText)
    {
        public string PhotoUrl => "https://img.example/" + Id + ".jpg";

        public IEnumerable<string> Personal => [Id, Name, Phone, Email, Address, ReviewText, MessageText, CaseText, PhotoUrl];
    }
}
