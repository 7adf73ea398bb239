using Automation.Core.Cases;
using Automation.Core.Orders;
using Automation.Core.Tasks;
using Automation.Storage.Stores;
using Automation.Testing;

namespace Automation.Storage.Tests.Stores;

[Collection("Azurite")]
public sealed class CaseStoreTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = TestStorage.Start;

    private readonly string _shop = "shop-" + Guid.NewGuid().ToString("N")[..8];
    private TestStorage _storage = null!;

    private CaseStore Cases => _storage.Get<CaseStore>();

    private OrderStore Orders => _storage.Get<OrderStore>();

    public async Task InitializeAsync()
    {
        _storage = TestStorage.Create(azurite);
        await _storage.Get<StoreTables>().GetAsync(StoreTables.Orders, default);
    }

    public async Task DisposeAsync() => await _storage.DisposeAsync();

    [Fact]
    public async Task ApplyAsync_NewCase_IsOneTransaction_AndReadsBackWithItsEvidence()
    {
        await CreateOrderAsync("A1");
        var c = Case("C1", "A1", CaseStatus.PendingReview) with
        {
            Evidence = [new CaseEvidence(CaseEvidenceType.Photo, "https://img.example/1.jpg", null), new CaseEvidence(CaseEvidenceType.Text, null, new string('x', 2000))],
            ReturnTracking = new ReturnTracking("SF", "SF123"),
            Reason = CaseReason.Other,
            ReasonText = "收到的颜色和图片不一样",
        };
        var order = await Orders.GetOrderAsync(_shop, "A1", default);

        var calls = await _storage.Requests.CountAsync(async () =>
            Assert.Equal(EventWriteOutcome.Applied, await Cases.ApplyAsync(Write("e1", null, c, order, [Task("request_photos:C1", c)]), default)));

        Assert.Equal(1, calls);
        var stored = Assert.IsType<StoredCase>(await Cases.GetAsync(_shop, "C1", default));
        Assert.Equal(c.Evidence, stored.Case.Evidence);
        Assert.Equal(c with { Evidence = stored.Case.Evidence }, stored.Case);
        Assert.Equal(["C1"], (await Orders.GetOrderAsync(_shop, "A1", default))!.Order.OpenCases);
        Assert.NotNull(await _storage.Get<TaskStore>().GetAsync(_shop, "request_photos:C1", default));
        var history = (await Orders.GetHistoryAsync(_shop, "A1", default))!;
        Assert.Contains(history.Events, e => e.EventId == "e1" && e.Type == CaseEventTypes.Opened);
        var listed = Assert.Single(await Cases.ListForOrderAsync(_shop, "A1", default));
        Assert.Equal((true, 2, CaseStatus.PendingReview), (listed.HasPhotos, listed.EvidenceCount, listed.Summary.Status));
        Assert.Equal((CaseReason.Other, "收到的颜色和图片不一样"), (listed.Summary.Reason, listed.Summary.ReasonText));
    }

    [Fact]
    public async Task ApplyAsync_EvidenceOver64KiB_IsSplitOverColumns_AndReadsBackWhole()
    {
        var evidence = Enumerable.Range(0, 50).Select(i => new CaseEvidence(CaseEvidenceType.Text, null, i + new string('证', 1990))).ToList();
        var c = Case("C2", "A2", CaseStatus.PendingReview) with { Evidence = evidence };

        Assert.Equal(EventWriteOutcome.Applied, await Cases.ApplyAsync(Write("e1", null, c, null, []), default));

        Assert.Equal(evidence, (await Cases.GetAsync(_shop, "C2", default))!.Case.Evidence);
    }

    [Fact]
    public async Task ApplyAsync_SameEventAgain_IsADuplicateThatWritesNothing()
    {
        var c = Case("C1", "A1", CaseStatus.PendingReview);
        await Cases.ApplyAsync(Write("e1", null, c, null, []), default);
        var current = await Cases.GetAsync(_shop, "C1", default);

        var again = await Cases.ApplyAsync(Write("e1", current, c with { Status = CaseStatus.Approved }, null, []), default);

        Assert.Equal(EventWriteOutcome.Duplicate, again);
        Assert.Equal(CaseStatus.PendingReview, (await Cases.GetAsync(_shop, "C1", default))!.Case.Status);
    }

    [Fact]
    public async Task ApplyAsync_OpenIndexRow_AppearsWhileOpen_AndDisappearsOnClose_WithTheOrdersOpenCases()
    {
        await CreateOrderAsync("A1");
        var c = Case("C1", "A1", CaseStatus.PendingReview);
        await Cases.ApplyAsync(Write("e1", null, c, await Orders.GetOrderAsync(_shop, "A1", default), []), default);
        await Cases.ApplyAsync(Write("e2", null, Case("C9", "B9", CaseStatus.Approved), null, []), default);
        Assert.Equal(["C1", "C9"], (await Cases.ListOpenAsync(_shop, default)).Select(s => s.CaseId).Order(StringComparer.Ordinal));

        var closed = c with { Status = CaseStatus.Closed, ResolvedAt = Start.AddHours(1) };
        var outcome = await Cases.ApplyAsync(Write("e3", await Cases.GetAsync(_shop, "C1", default), closed, await Orders.GetOrderAsync(_shop, "A1", default), []), default);

        Assert.Equal(EventWriteOutcome.Applied, outcome);
        Assert.Equal(["C9"], (await Cases.ListOpenAsync(_shop, default)).Select(s => s.CaseId));
        Assert.Empty((await Orders.GetOrderAsync(_shop, "A1", default))!.Order.OpenCases);
        Assert.Equal(CaseStatus.Closed, Assert.Single(await Cases.ListForOrderAsync(_shop, "A1", default)).Summary.Status);
        Assert.Equal(2, (await Cases.ListAllAsync(_shop, default)).Count);
    }

    [Fact]
    public async Task ApplyAsync_CaseOrOrderChangedSinceRead_IsAConflictThatWritesNothing()
    {
        await CreateOrderAsync("A1");
        var staleOrder = await Orders.GetOrderAsync(_shop, "A1", default);
        await Cases.ApplyAsync(Write("e1", null, Case("C1", "A1", CaseStatus.PendingReview), staleOrder, []), default);
        var read = await Cases.GetAsync(_shop, "C1", default);
        await Cases.ApplyAsync(Write("e2", read, Case("C1", "A1", CaseStatus.Approved), null, []), default);

        var staleCase = await Cases.ApplyAsync(Write("e3", read, Case("C1", "A1", CaseStatus.Rejected) with { RejectionReason = "no" }, null, []), default);
        var createdMeanwhile = await Cases.ApplyAsync(Write("e4", null, Case("C1", "A1", CaseStatus.PendingReview), null, []), default);
        var orderChanged = await Cases.ApplyAsync(Write("e5", null, Case("C2", "A1", CaseStatus.PendingReview), staleOrder, []), default);

        Assert.Equal((EventWriteOutcome.Conflict, EventWriteOutcome.Conflict, EventWriteOutcome.Conflict), (staleCase, createdMeanwhile, orderChanged));
        Assert.Equal(CaseStatus.Approved, (await Cases.GetAsync(_shop, "C1", default))!.Case.Status);
        Assert.Null(await Cases.GetAsync(_shop, "C2", default));
        Assert.False(await Cases.EventSeenAsync(_shop, "e5", default));
    }

    [Fact]
    public async Task ApplyAsync_TaskOpenAlready_IsOpenedOnce_AndTheRestIsWritten()
    {
        var c = Case("C1", "A1", CaseStatus.PendingReview);
        await Cases.ApplyAsync(Write("e1", null, c, null, [Task("reship_then_claim:C1", c)]), default);

        var outcome = await Cases.ApplyAsync(
            Write("e2", await Cases.GetAsync(_shop, "C1", default), c with { Status = CaseStatus.Approved }, null, [Task("reship_then_claim:C1", c), Task("request_photos:C1", c)]),
            default);

        Assert.Equal(EventWriteOutcome.Applied, outcome);
        Assert.Equal(CaseStatus.Approved, (await Cases.GetAsync(_shop, "C1", default))!.Case.Status);
        Assert.Equal(["request_photos:C1", "reship_then_claim:C1"], (await _storage.Get<TaskStore>().ListAsync(_shop, null, null, default)).Select(t => t.TaskId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ApplyAsync_ClosingEvent_ClosesTheCasesTasks_InItsOneTransaction_KeepingAnAgentsOwnClose()
    {
        var tasks = _storage.Get<TaskStore>();
        var c = Case("C1", "A1", CaseStatus.PendingReview);
        await Cases.ApplyAsync(Write("e1", null, c, null, [Task("reship_then_claim:C1", c), Task("request_photos:C1", c)]), default);
        var sweepTask = Task("after_sale_case:C1", c) with { Kind = "after_sale_case" };
        Assert.Empty(await tasks.ApplySweepAsync(_shop, [sweepTask], [], [], Start, default));
        var photos = (await tasks.GetForUpdateAsync(_shop, "request_photos:C1", default))!;
        Assert.True(await tasks.TryMarkDoneAsync(photos, "asked in chat", "ann", Start.AddMinutes(30), default));
        var read = (await Cases.GetAsync(_shop, "C1", default))!;
        Assert.Equal("after_sale_case:C1", read.SweepTaskId); // the sweep recorded its task on the case row
        var closed = c with { Status = CaseStatus.Closed, ResolvedAt = Start.AddHours(1) };
        IReadOnlyList<TaskClosure> closures = [.. new[] { "reship_then_claim:C1", "request_photos:C1", read.SweepTaskId! }.Select(id => new TaskClosure(id, "case closed"))];

        var calls = await _storage.Requests.CountAsync(async () =>
            Assert.Equal(EventWriteOutcome.Applied, await Cases.ApplyAsync(Write("e2", read, closed, null, []) with { ClosedTasks = closures }, default)));

        Assert.Equal(1, calls);
        var after = (await tasks.ListAsync(_shop, null, null, default)).ToDictionary(t => t.TaskId);
        Assert.All(after.Values, t => Assert.Equal(AgentTaskState.Done, t.State));
        Assert.Equal(("case closed", TaskClosers.Automation, Start), (after["reship_then_claim:C1"].Resolution, after["reship_then_claim:C1"].DoneBy, after["reship_then_claim:C1"].DoneAt));
        Assert.Equal(("case closed", TaskClosers.Automation), (after["after_sale_case:C1"].Resolution, after["after_sale_case:C1"].DoneBy));
        Assert.Equal(("asked in chat", "ann", Start.AddMinutes(30)), (after["request_photos:C1"].Resolution, after["request_photos:C1"].DoneBy, after["request_photos:C1"].DoneAt));
    }

    [Fact]
    public async Task ApplyAsync_TaskToCloseDoesNotExist_IsLeftOut_AndTheEventIsWritten()
    {
        var c = Case("C1", "A1", CaseStatus.PendingReview);
        await Cases.ApplyAsync(Write("e1", null, c, null, [Task("reship_then_claim:C1", c)]), default);
        var closed = c with { Status = CaseStatus.Closed, ResolvedAt = Start.AddHours(1) };

        var outcome = await Cases.ApplyAsync(
            Write("e2", await Cases.GetAsync(_shop, "C1", default), closed, null, []) with
            {
                ClosedTasks = [new TaskClosure("after_sale_case:C1", "case closed"), new TaskClosure("reship_then_claim:C1", "case closed")],
            },
            default);

        Assert.Equal(EventWriteOutcome.Applied, outcome);
        Assert.Equal(CaseStatus.Closed, (await Cases.GetAsync(_shop, "C1", default))!.Case.Status);
        var task = Assert.Single(await _storage.Get<TaskStore>().ListAsync(_shop, null, null, default)); // no row made up for the missing one
        Assert.Equal(("reship_then_claim:C1", AgentTaskState.Done), (task.TaskId, task.State));
    }

    private async Task CreateOrderAsync(string orderId)
    {
        var order = new Order(_shop, orderId, OrderStatus.Delivered, Start.AddDays(-5), null, 99m, "CNY", null, null, [], null);
        var facts = new OrderFacts(orderId, order.PlacedAt, null, order.Total, order.Currency, null, null, [], null);
        var write = new OrderEventWrite(_shop, new OrderEvent("o-" + orderId, OrderEventTypes.Delivered, OrderStatus.Delivered, Start, facts), Start, "created", order, false, null, [], []);
        Assert.Equal(EventWriteOutcome.Applied, await Orders.ApplyEventAsync(write, default));
    }

    [Fact]
    public async Task ListOpenedAsync_ListsByOpeningTime_ClosedIncluded_AndFollowsACorrectedOpeningTime()
    {
        await Cases.ApplyAsync(Write("e1", null, Case("C1", "A1", CaseStatus.PendingReview) with { OpenedAt = Start.AddDays(-3) }, null, []), default);
        await Cases.ApplyAsync(Write("e2", null, Case("C2", "A2", CaseStatus.PendingReview) with { OpenedAt = Start.AddHours(-1) }, null, []), default);
        var closed = Case("C2", "A2", CaseStatus.Closed) with { OpenedAt = Start.AddHours(-1), ResolvedAt = Start };
        await Cases.ApplyAsync(Write("e3", await Cases.GetAsync(_shop, "C2", default), closed, null, []), default);

        // C1 was first seen with a guessed opening time; a later event gives the real one, inside the last day.
        var corrected = (await Cases.GetAsync(_shop, "C1", default))!;
        await Cases.ApplyAsync(Write("e4", corrected, corrected.Case with { OpenedAt = Start.AddHours(-2), Status = CaseStatus.Approved }, null, []), default);

        var lastDay = await Cases.ListOpenedAsync(_shop, Start.AddDays(-1), Start, default);
        var lastWeek = await Cases.ListOpenedAsync(_shop, Start.AddDays(-7), Start, default);

        Assert.Equal(["C1", "C2"], lastDay.Select(c => c.CaseId).Order(StringComparer.Ordinal));
        Assert.Equal(2, lastWeek.Count); // the row under the guessed time is gone
        Assert.Equal(CaseStatus.Closed, lastDay.Single(c => c.CaseId == "C2").Summary.Status);
        Assert.Empty(await Cases.ListOpenedAsync(_shop, Start, Start.AddDays(1), default));
    }

    private Case Case(string caseId, string orderId, CaseStatus status) =>
        new(_shop, caseId, orderId, CaseKind.ReturnRefund, status, CaseReason.Quality, null, 59.5m, "CNY", Start, false, null, [])
        {
            StatusChangedAt = Start,
            RespondedAt = status == CaseStatus.PendingReview ? null : Start,
        };

    private static CaseWrite Write(string eventId, StoredCase? current, Case c, StoredOrder? order, IReadOnlyList<AgentTask> tasks) =>
        new(eventId, current is null ? CaseEventTypes.Opened : c.IsClosed ? CaseEventTypes.Closed : CaseEventTypes.Updated, current, c, order, Start, "test", tasks);

    private AgentTask Task(string taskId, Case c) =>
        new(taskId, _shop, taskId.Split(':')[0], c.OrderId, c.CaseId, null, 2, Start.AddDays(1), AgentTaskState.Open, [new("case", c.CaseId)], Start);
}
