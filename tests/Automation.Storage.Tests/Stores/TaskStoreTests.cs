using Automation.Core.Tasks;
using Automation.Storage.Stores;
using Automation.Testing;
using Azure.Data.Tables;

namespace Automation.Storage.Tests.Stores;

/// <summary>Closing a task: one read with its ETag, one conditional write, and a change in between wins.</summary>
[Collection("Azurite")]
public sealed class TaskStoreTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = TestStorage.Start;

    private static readonly DateOnly SweepDay = DateOnly.FromDateTime(Start.UtcDateTime);

    private readonly string _shop = "shop-" + Guid.NewGuid().ToString("N")[..8];
    private TestStorage _storage = null!;

    private TaskStore Tasks => _storage.Get<TaskStore>();

    public async Task InitializeAsync()
    {
        _storage = TestStorage.Create(azurite);
        await _storage.Get<StoreTables>().GetAsync(StoreTables.Orders, default);
    }

    public async Task DisposeAsync() => await _storage.DisposeAsync();

    [Fact]
    public async Task TryMarkDoneAsync_UnchangedTask_StoresStateResolutionAndCloser_InOneReadAndOneWrite()
    {
        await Tasks.OpenAsync(Task("shipment_exception:A1:s1:lost") with { AssignedTo = "ann" }, default);

        var closed = false;
        var calls = await _storage.Requests.CountAsync(async () =>
        {
            var stored = Assert.IsType<StoredTask>(await Tasks.GetForUpdateAsync(_shop, "shipment_exception:A1:s1:lost", default));
            closed = await Tasks.TryMarkDoneAsync(stored, "reshipped, claim filed", "ann", Start.AddHours(2), default);
        });

        Assert.True(closed);
        Assert.Equal(2, calls);
        var task = Assert.IsType<AgentTask>(await Tasks.GetAsync(_shop, "shipment_exception:A1:s1:lost", default));
        Assert.Equal((AgentTaskState.Done, "reshipped, claim filed", "ann", Start.AddHours(2)), (task.State, task.Resolution, task.DoneBy, task.DoneAt));
        Assert.Equal("ann", task.AssignedTo); // a merge: what it does not set stays
        Assert.Equal([new TaskEvidence("status", "lost")], task.Evidence);
    }

    [Fact]
    public async Task TryMarkDoneAsync_TaskChangedSinceItWasRead_ReturnsFalse_AndKeepsTheOtherChange()
    {
        await Tasks.OpenAsync(Task("t-1"), default);
        var first = Assert.IsType<StoredTask>(await Tasks.GetForUpdateAsync(_shop, "t-1", default));
        var second = Assert.IsType<StoredTask>(await Tasks.GetForUpdateAsync(_shop, "t-1", default));

        Assert.True(await Tasks.TryMarkDoneAsync(first, "called the buyer", "ops", Start, default));
        Assert.False(await Tasks.TryMarkDoneAsync(second, "something else", "bob", Start.AddMinutes(1), default));

        var task = Assert.IsType<AgentTask>(await Tasks.GetAsync(_shop, "t-1", default));
        Assert.Equal(("called the buyer", "ops"), (task.Resolution, task.DoneBy));
    }

    [Fact]
    public async Task GetForUpdateAsync_UnknownTaskOrAnotherShops_ReturnsNull()
    {
        await Tasks.OpenAsync(Task("t-1"), default);

        Assert.Null(await Tasks.GetForUpdateAsync(_shop, "t-2", default));
        Assert.Null(await Tasks.GetForUpdateAsync(_shop + "-other", "t-1", default));
    }

    [Fact]
    public async Task ListAsync_DoneTask_ReadsBackWhenAndByWhom()
    {
        await Tasks.OpenAsync(Task("t-1"), default);
        await Tasks.TryMarkDoneAsync((await Tasks.GetForUpdateAsync(_shop, "t-1", default))!, "done", "ann", Start.AddHours(1), default);

        var task = Assert.Single(await Tasks.ListAsync(_shop, AgentTaskState.Done, assignedTo: null, default));
        Assert.Equal(("ann", Start.AddHours(1)), (task.DoneBy, task.DoneAt));
        Assert.Empty(await Tasks.ListAsync(_shop, AgentTaskState.Open, assignedTo: null, default));
    }

    [Fact]
    public async Task EscalateAsync_TaskDoneAfterTheRead_IsNotEscalated_AndAnOpenTaskChangedMeanwhileIsEscalatedUnderItsNewETag()
    {
        foreach (var id in new[] { "t:done", "t:changed", "t:untouched" })
        {
            await Tasks.OpenAsync(Task(id) with { AssignedTo = "ann" }, default);
        }

        var read = (await Tasks.ListForUpdateAsync(_shop, AgentTaskState.Open, default)).ToDictionary(t => t.Task.TaskId);
        Assert.True(await Tasks.TryMarkDoneAsync((await Tasks.GetForUpdateAsync(_shop, "t:done", default))!, "solved", "ann", Start.AddHours(3), default));
        Assert.Empty(await Tasks.ApplySweepAsync(_shop, [], [new SweptTaskWrite("t:changed", "bob", 2, 100, "score 100: reassigned")], [], Start, default));

        var escalated = await Tasks.EscalateAsync(_shop, SweepDay, [.. read.Values.OrderBy(t => t.Task.TaskId, StringComparer.Ordinal).Select(t => (t, "sue", "still open at noon"))], default);

        Assert.Equal(["t:changed", "t:untouched"], escalated.Order(StringComparer.Ordinal));
        var after = (await Tasks.ListAsync(_shop, null, null, default)).ToDictionary(t => t.TaskId);
        Assert.Equal((AgentTaskState.Done, null, "solved"), (after["t:done"].State, after["t:done"].EscalatedTo, after["t:done"].Resolution));
        Assert.Equal((AgentTaskState.Escalated, "sue", "bob"), (after["t:changed"].State, after["t:changed"].EscalatedTo, after["t:changed"].AssignedTo));
        Assert.Equal((AgentTaskState.Escalated, "sue"), (after["t:untouched"].State, after["t:untouched"].EscalatedTo));
    }

    [Fact]
    public async Task EscalateAsync_WritesTheSweepDayAndReasonInTheSameMerge_AndListEscalatedAsyncReadsThatDaysTasksBackInTaskOrder()
    {
        await Tasks.OpenAsync(Task("t:later") with { Priority = 2 }, default);
        await Tasks.OpenAsync(Task("t:first"), default);
        await Tasks.OpenAsync(Task("t:yesterday"), default);
        await Tasks.OpenAsync(Task("t:done"), default);
        var read = (await Tasks.ListForUpdateAsync(_shop, AgentTaskState.Open, default)).ToDictionary(t => t.Task.TaskId);
        await Tasks.EscalateAsync(_shop, SweepDay.AddDays(-1), [(read["t:yesterday"], "sue", "still open at the 12:00 deadline")], default);

        var merges = await _storage.Requests.CountAsync(() => Tasks.EscalateAsync(
            _shop, SweepDay, [.. new[] { "t:first", "t:later", "t:done" }.Select(id => (read[id], "sue", $"still open at the 12:00 deadline; {id}"))], default));
        Assert.True(await Tasks.TryMarkDoneAsync((await Tasks.GetForUpdateAsync(_shop, "t:done", default))!, "solved after noon", "sue", Start.AddHours(3), default));
        IReadOnlyList<AgentTask> ofTheDay = [];
        var queries = await _storage.Requests.CountAsync(async () => ofTheDay = await Tasks.ListEscalatedAsync(_shop, SweepDay, default));

        Assert.Equal((1, 1), (merges, queries));
        Assert.Equal(["t:first", "t:later"], ofTheDay.Select(t => t.TaskId));
        Assert.All(ofTheDay, t => Assert.Equal((AgentTaskState.Escalated, "sue", $"still open at the 12:00 deadline; {t.TaskId}", SweepDay), (t.State, t.EscalatedTo, t.EscalationReason, t.EscalatedOn)));
        var yesterday = (await Tasks.GetAsync(_shop, "t:yesterday", default))!;
        Assert.Equal(SweepDay.AddDays(-1), yesterday.EscalatedOn);
        Assert.Equal([yesterday.TaskId], (await Tasks.ListEscalatedAsync(_shop, SweepDay.AddDays(-1), default)).Select(t => t.TaskId));

        // Stored as the day's text, which the list's filter compares exactly.
        var table = await _storage.Get<StoreTables>().GetAsync(StoreTables.Orders, default);
        var row = (await table.GetEntityAsync<TableEntity>(_shop, "t|t:first")).Value;
        Assert.Equal(SweepDay.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), row.GetString("EscalatedOn"));
    }

    [Fact]
    public async Task TryReopenAsync_CaseTaskDoneForAnEarlierStatus_IsOpenAgain_ButNotForTheSameStatus()
    {
        var received = Task("after_sale_case:C1") with { Kind = "after_sale_case", CaseId = "C1", Evidence = [new("case", "return_refund, received")] };
        await Tasks.OpenAsync(received, default);
        Assert.True(await Tasks.TryMarkDoneAsync((await Tasks.GetForUpdateAsync(_shop, received.TaskId, default))!, "inspected", "ann", Start.AddHours(1), default));

        var sameStatus = await Tasks.TryReopenAsync(received with { CreatedAt = Start.AddDays(1) }, default);
        var nextStatus = await Tasks.TryReopenAsync(received with { Evidence = [new("case", "return_refund, awaiting_refund")], AssignedTo = "bob" }, default);

        Assert.False(sameStatus);
        Assert.True(nextStatus);
        var task = (await Tasks.GetAsync(_shop, received.TaskId, default))!;
        Assert.Equal((AgentTaskState.Open, "bob", null, null), (task.State, task.AssignedTo, task.Resolution, task.DoneBy));
    }

    private AgentTask Task(string taskId) => new(
        taskId, _shop, "shipment_exception", "A1", CaseId: null, ReviewId: null, Priority: 1, Start.AddHours(48), AgentTaskState.Open,
        [new TaskEvidence("status", "lost")], Start);
}
