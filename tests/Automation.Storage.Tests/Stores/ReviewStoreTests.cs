using Automation.Core.Messaging;
using Automation.Core.Reports;
using Automation.Core.Reviews;
using Automation.Core.Tasks;
using Automation.Storage.Stores;
using Automation.Testing;

namespace Automation.Storage.Tests.Stores;

[Collection("Azurite")]
public sealed class ReviewStoreTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = TestStorage.Start;

    private readonly string _shop = "shop-" + Guid.NewGuid().ToString("N")[..8];
    private TestStorage _storage = null!;

    private ReviewStore Reviews => _storage.Get<ReviewStore>();

    private OrderStore Orders => _storage.Get<OrderStore>();

    public async Task InitializeAsync()
    {
        _storage = TestStorage.Create(azurite);
        await _storage.Get<StoreTables>().GetAsync(StoreTables.Orders, default);
    }

    public async Task DisposeAsync() => await _storage.DisposeAsync();

    [Fact]
    public async Task AddAsync_Review_WritesReviewReplyTimelineAndTasksInOneTransaction_AndReadsBackTheSame()
    {
        var write = Write("e1", "rv-1", step: 1, awaitingApproval: true);

        var calls = await _storage.Requests.CountAsync(async () => Assert.Equal(ReviewWriteOutcome.Applied, await Reviews.AddAsync(write, default)));

        Assert.Equal(1, calls);
        var stored = Assert.IsType<StoredReview>(await Reviews.GetAsync(_shop, "rv-1", default));
        Assert.Equal(write.Review.Review, stored.Review);
        Assert.Equal(write.Review.Facts, stored.Facts);
        Assert.Equal(write.Review.Classification.Category, stored.Classification.Category);
        Assert.Equal(write.Review.Classification.Evidence, stored.Classification.Evidence);
        Assert.Equal(write.Review.Reply.Text, stored.Reply.Text);
        Assert.Equal(write.Review.Reply.Removed, stored.Reply.Removed);
        Assert.Equal(write.Review.TaskIds, stored.TaskIds);
        var reply = Assert.IsType<StoredMessage>(await Orders.GetMessageAsync(stored.ReplyKey, default));
        Assert.Equal((MessageState.AwaitingApproval, "draft_mode"), (reply.State, reply.Reason));
        Assert.Equal(write.Reply.Prepared, reply.Prepared);
        var history = await Orders.GetHistoryAsync(_shop, "A1", default);
        Assert.Null(history); // the order itself was never seen: its review and reply still stand
        Assert.NotNull(await _storage.Get<TaskStore>().GetAsync(_shop, "review_follow_up:rv-1", default));
    }

    [Fact]
    public async Task AddAsync_SameEventOrSameReviewAgain_IsADuplicateThatWritesNothing()
    {
        await Reviews.AddAsync(Write("e1", "rv-1", step: 1, awaitingApproval: true), default);

        Assert.Equal(ReviewWriteOutcome.Duplicate, await Reviews.AddAsync(Write("e1", "rv-1", step: 2, awaitingApproval: true), default));
        Assert.Equal(ReviewWriteOutcome.Duplicate, await Reviews.AddAsync(Write("e2", "rv-1", step: 2, awaitingApproval: true), default));
        Assert.Null(await Orders.GetMessageAsync(new MessageKey(_shop, "A1", MessageKinds.ReviewReply, 2), default));
    }

    [Fact]
    public async Task AddAsync_StepTakenByAnotherReviewOfTheOrder_SaysSoAndWritesNothing()
    {
        await Reviews.AddAsync(Write("e1", "rv-1", step: 1, awaitingApproval: true), default);

        Assert.Equal(ReviewWriteOutcome.StepTaken, await Reviews.AddAsync(Write("e2", "rv-2", step: 1, awaitingApproval: true), default));
        Assert.Null(await Reviews.GetAsync(_shop, "rv-2", default));
    }

    [Fact]
    public async Task ApproveAsync_ClosesTheTaskAndSchedulesTheReply_OnlyOnce()
    {
        await Reviews.AddAsync(Write("e1", "rv-1", step: 1, awaitingApproval: true), default);
        var review = (await Reviews.GetAsync(_shop, "rv-1", default))!;
        var reply = (await Orders.GetMessageAsync(review.ReplyKey, default))!;
        var scheduled = reply with { State = MessageState.Scheduled, DueAt = Start, Reason = null };
        var taskId = ReviewHandling.ApprovalTaskId("rv-1", legal: false);

        Assert.Equal(ReviewUpdateOutcome.Applied, await Reviews.ApproveAsync(review with { ApprovedAt = Start }, scheduled, taskId, "reply approved as drafted", "ops", null, default));
        Assert.Equal(ReviewUpdateOutcome.ReviewChanged, await Reviews.ApproveAsync(review with { ApprovedAt = Start }, scheduled, taskId, "again", "ops", null, default)); // the ETags moved on

        Assert.Equal(Start, (await Reviews.GetAsync(_shop, "rv-1", default))!.ApprovedAt);
        Assert.Equal(MessageState.Scheduled, (await Orders.GetMessageAsync(review.ReplyKey, default))!.State);
        var task = (await _storage.Get<TaskStore>().GetAsync(_shop, taskId, default))!;
        Assert.Equal((AgentTaskState.Done, "reply approved as drafted"), (task.State, task.Resolution));
        Assert.NotEmpty(task.Evidence); // the merge kept what the task said
    }

    [Fact]
    public async Task ApproveAsync_WithADecision_StoresItAndTheShopsPhrasesInTheSameTransaction_AndTheReceiptIndexCountsIt()
    {
        await Reviews.AddAsync(Write("e1", "rv-1", step: 1, awaitingApproval: true), default);
        var review = (await Reviews.GetAsync(_shop, "rv-1", default))!;
        var reply = (await Orders.GetMessageAsync(review.ReplyKey, default))!;
        var correction = new ReviewCorrection(ReviewCategory.Mixed, review.Classification.Category, [new TaughtPhrase("one wash", TaughtReading.Complaint)], "ops", Start);
        var phrases = TaughtPhraseList.Merge([], correction.Phrases, "ops", Start, "rv-1");

        var calls = await _storage.Requests.CountAsync(async () => Assert.Equal(
            ReviewUpdateOutcome.Applied,
            await Reviews.ApproveAsync(review with { ApprovedAt = Start, Correction = correction }, reply with { State = MessageState.Scheduled }, null, "approved", "ops",
                new TaughtPhrasesWrite(phrases.Entries, StoredTaughtPhrases.None), default)));

        Assert.Equal(1, calls);
        var stored = (await Reviews.GetAsync(_shop, "rv-1", default))!;
        Assert.Equal((ReviewCategory.Mixed, ReviewCategory.Negative, "ops"), (stored.Correction!.Category, stored.Correction.ReadAs, stored.Correction.By));
        Assert.Equal(correction.Phrases, stored.Correction.Phrases);
        Assert.Equal([new TaughtPhraseEntry("one wash", TaughtReading.Complaint, "ops", Start, "rv-1")], (await Reviews.GetPhrasesAsync(_shop, default)).Entries);
        var received = Assert.Single(await Reviews.ListReceivedAsync(_shop, Start.AddMinutes(-1), Start.AddMinutes(1), default));
        Assert.Equal(new ReviewReceived("rv-1", Start, ReviewCategory.Negative, "draft_mode", ReviewCategory.Mixed, 1), received);
    }

    [Fact]
    public async Task CorrectAsync_TwoCorrectionsFromTheSameRead_OneLandsAndTheOtherIsToldThePhrasesChanged_ThenBothLand()
    {
        await Reviews.AddAsync(Write("e1", "rv-1", step: 1, awaitingApproval: false), default);
        await Reviews.AddAsync(Write("e2", "rv-2", step: 2, awaitingApproval: false), default);
        var (first, second) = ((await Reviews.GetAsync(_shop, "rv-1", default))!, (await Reviews.GetAsync(_shop, "rv-2", default))!);
        var basis = await Reviews.GetPhrasesAsync(_shop, default);
        TaughtPhrasesWrite Teach(StoredTaughtPhrases from, string text, string reviewId) =>
            new(TaughtPhraseList.Merge(from.Entries, [new TaughtPhrase(text, TaughtReading.Complaint)], "ops", Start, reviewId).Entries, from);
        StoredReview Corrected(StoredReview review, string text) =>
            review with { Correction = new ReviewCorrection(ReviewCategory.Negative, review.Classification.Category, [new TaughtPhrase(text, TaughtReading.Complaint)], "ops", Start) };

        Assert.Equal(ReviewUpdateOutcome.Applied, await Reviews.CorrectAsync(Corrected(first, "one wash"), Teach(basis, "one wash", "rv-1"), default));
        Assert.Equal(ReviewUpdateOutcome.PhrasesChanged, await Reviews.CorrectAsync(Corrected(second, "seams split"), Teach(basis, "seams split", "rv-2"), default));
        Assert.Null((await Reviews.GetAsync(_shop, "rv-2", default))!.Correction); // nothing of the losing write landed
        Assert.Equal(ReviewUpdateOutcome.Applied, await Reviews.CorrectAsync(Corrected(second, "seams split"), Teach(await Reviews.GetPhrasesAsync(_shop, default), "seams split", "rv-2"), default));

        Assert.Equal(["one wash", "seams split"], (await Reviews.GetPhrasesAsync(_shop, default)).Entries.Select(e => e.Text));
        Assert.Equal(ReviewUpdateOutcome.ReviewChanged, await Reviews.CorrectAsync(Corrected(first, "again"), null, default)); // its ETag moved on
    }

    [Fact]
    public async Task Phrases_AFullListOfLongChinesePhrases_RoundTripsAcrossColumns_AndTrySaveIsConditional()
    {
        var entries = Enumerable.Range(0, TaughtPhrases.MaxPhrases)
            .Select(i => new TaughtPhraseEntry(new string('掉', 36) + i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture), (TaughtReading)(i % 3), "zhang.san-" + new string('x', 50), Start.AddSeconds(i), "rv-" + new string('9', 120)))
            .ToList();

        Assert.True(await Reviews.TrySavePhrasesAsync(_shop, new TaughtPhrasesWrite(entries, StoredTaughtPhrases.None), default));
        Assert.False(await Reviews.TrySavePhrasesAsync(_shop, new TaughtPhrasesWrite([], StoredTaughtPhrases.None), default)); // created meanwhile
        var stored = await Reviews.GetPhrasesAsync(_shop, default);

        Assert.Equal(entries, stored.Entries);
        Assert.True(await Reviews.TrySavePhrasesAsync(_shop, new TaughtPhrasesWrite(entries[1..], stored), default));
        Assert.False(await Reviews.TrySavePhrasesAsync(_shop, new TaughtPhrasesWrite([], stored), default)); // the ETag moved on
        Assert.Equal(TaughtPhrases.MaxPhrases - 1, (await Reviews.GetPhrasesAsync(_shop, default)).Entries.Count);
    }

    private ReviewWrite Write(string eventId, string reviewId, int step, bool awaitingApproval)
    {
        var review = new ReviewEvent(
            eventId,
            null,
            new PostedReview(reviewId, "A1", 1, "Quality is terrible, the seams split after one wash.", Start, "shopify", "Hoodie", "en"),
            new Automation.Core.Orders.Customer("c-1", "Li Lei", "13800000000", null, "en"),
            "1 Main St");
        var shop = new Automation.Core.Shops.ShopSettings(
            _shop, "Demo", "UTC", "en", "secret-0123456789abcdef", null, Automation.Core.Shops.PaymentReminderSettings.Default, null,
            new Dictionary<string, IReadOnlyDictionary<string, string>>());
        var decision = ReviewHandling.Decide(shop, review, null, Start);
        var key = new MessageKey(_shop, "A1", MessageKinds.ReviewReply, step);
        var reply = new StoredMessage(key, awaitingApproval ? MessageState.AwaitingApproval : MessageState.Scheduled, null, decision.ApprovalReason, 0, null, null, null, Start, default)
        {
            Prepared = new PreparedMessage(decision.Reply.Text!, decision.Reply.Locale, "c-1", reviewId, "shopify"),
        };
        var stored = new StoredReview(_shop, review.Review, "c-1", ReviewHandling.FactsOf(review, null), decision.Classification, decision.Reply,
            decision.ApprovalReason, step, [.. decision.Tasks.Select(t => t.TaskId)], Start, default);
        return new ReviewWrite(eventId, stored, "review read", reply, decision.Tasks);
    }
}
