using System.Collections.Concurrent;
using Automation.Core.Messaging;
using Automation.Storage.Stores;
using Automation.Testing;
using Azure.Data.Tables;

namespace Automation.Storage.Tests.Stores;

/// <summary>
/// The index and its watermark are global to the DueMessages table, so each test starts from an empty table
/// (the Azurite collection runs its classes one at a time).
/// </summary>
[Collection("Azurite")]
public sealed class DueMessageIndexTests(AzuriteFixture azurite) : IAsyncLifetime
{
    // 10:20 UTC: the current hour bucket is b-2030031010.
    private static readonly DateTimeOffset Now = TestStorage.Start;

    private readonly ConcurrentBag<DueEntry> _handed = [];
    private TestStorage _storage = null!;

    private DueMessageIndex Index => _storage.Get<DueMessageIndex>();

    private TableClient Table => _storage.Get<TableServiceClient>().GetTableClient(StoreTables.DueMessages);

    public async Task InitializeAsync()
    {
        _storage = TestStorage.Create(azurite);
        await Table.DeleteAsync();
        await _storage.Get<StoreTables>().GetAsync(StoreTables.DueMessages, default); // Created once per process: not an operation's cost.
    }

    public async Task DisposeAsync() => await _storage.DisposeAsync();

    [Fact]
    public async Task AddAsync_SameMessageTwice_KeepsOneEntryAtOneTransactionEach()
    {
        var key = Key("A1");

        var calls = await _storage.Requests.CountAsync(async () =>
        {
            await Index.AddAsync(key, Now.AddHours(1), Now, default);
            await Index.AddAsync(key, Now.AddHours(1), Now, default);
        });

        Assert.Equal(2, calls);
        var entry = Assert.Single(await EntriesAsync());
        Assert.Equal("b-2030031011", entry.PartitionKey);
        Assert.Equal(Now.AddHours(1), entry.GetDateTimeOffset("DueAt"));
        Assert.Equal(1, entry.GetInt32("Step"));
    }

    [Fact]
    public async Task AddAsync_AlreadyDue_IsFiledUnderTheCurrentHour()
    {
        await Index.AddAsync(Key("A1"), Now.AddHours(-3), Now, default);

        Assert.Equal("b-2030031010", Assert.Single(await EntriesAsync()).PartitionKey);
    }

    [Fact]
    public async Task AddAsync_DueBefore1601_ThrowsBeforeAnyStorageCall()
    {
        var calls = await _storage.Requests.CountAsync(() => Assert.ThrowsAsync<ArgumentOutOfRangeException>(
            () => Index.AddAsync(Key("A1"), new DateTimeOffset(1600, 12, 31, 0, 0, 0, TimeSpan.Zero), Now, default)));

        Assert.Equal(0, calls);
    }

    [Fact]
    public async Task SweepAsync_MixedDueTimes_HandsOffOnlyWhatIsDueAndDeletesIt()
    {
        await Index.AddAsync(Key("past"), Now.AddMinutes(-5), Now.AddMinutes(-30), default);
        await Index.AddAsync(Key("exactly-now"), Now, Now.AddMinutes(-30), default);
        await Index.AddAsync(Key("in-a-minute"), Now.AddMinutes(1), Now.AddMinutes(-30), default);
        await Index.AddAsync(Key("next-hour"), Now.AddMinutes(45), Now.AddMinutes(-30), default);

        var handed = await SweepAsync(Now);

        Assert.Equal(2, handed);
        Assert.Equal(["exactly-now", "past"], _handed.Select(e => e.Key.OrderId).Order());
        Assert.Equal(Now.AddMinutes(-5), _handed.Single(e => e.Key.OrderId == "past").DueAt);
        Assert.Equal(["in-a-minute", "next-hour"], (await EntriesAsync()).Select(e => e.GetString("OrderId")).Order());
        Assert.Equal(0, await SweepAsync(Now));
    }

    [Fact]
    public async Task SweepAsync_HandOffFails_DeletesNothingAndKeepsTheWatermark()
    {
        await Index.AddAsync(Key("A1"), Now.AddMinutes(-5), Now.AddMinutes(-10), default);

        await Assert.ThrowsAsync<InvalidOperationException>(() => Index.SweepAsync(
            Now, limit: 10, parallelism: 1, (_, _) => throw new InvalidOperationException("queue down"), default));

        Assert.Single(await EntriesAsync());
        Assert.Null(await WatermarkAsync());
        Assert.Equal(1, await SweepAsync(Now));
        Assert.Empty(await EntriesAsync());
    }

    [Fact]
    public async Task SweepAsync_EntryFiledAgainDuringItsHandOff_IsKeptForTheNextSweep()
    {
        var key = Key("A1");
        await Index.AddAsync(key, Now.AddMinutes(-5), Now.AddMinutes(-10), default);

        // A repeated webhook files the same entry again while it is being handed off: its ETag changes, the delete
        // under the ETag read fails with 412, and the entry stays.
        var handed = await Index.SweepAsync(
            Now, limit: 10, parallelism: 1, (_, ct) => Index.AddAsync(key, Now.AddMinutes(-5), Now, ct), default);

        Assert.Equal(1, handed);
        Assert.Single(await EntriesAsync());
        Assert.Equal(1, await SweepAsync(Now));
    }

    [Fact]
    public async Task SweepAsync_Watermark_MovesHourlyAndBoundsTheBucketsWalked()
    {
        // No watermark yet: walk 6 hours back (04:00..10:00 = 7 bucket queries), then write it at 10:00.
        var first = await _storage.Requests.CountAsync(() => SweepAsync(Now));
        Assert.Equal(1 + 7 + 1, first);
        Assert.Equal(new DateTimeOffset(2030, 3, 10, 10, 0, 0, TimeSpan.Zero), await WatermarkAsync());

        // 10:40: one bucket from the watermark, which stays (10:25 is still in hour 10).
        var second = await _storage.Requests.CountAsync(() => SweepAsync(Now.AddMinutes(20)));
        Assert.Equal(1 + 1, second);

        // 11:30: buckets 10 and 11; hour 11 has an entry, so it is swept under its lease (taken, the query again,
        // released); the entry is handed off and deleted, and the watermark moves to 11:00 (11:30 less the grace).
        await Index.AddAsync(Key("A1"), Now.AddMinutes(50), Now, default);
        var third = await _storage.Requests.CountAsync(() => SweepAsync(Now.AddMinutes(70)));
        Assert.Equal(1 + 2 + 3 + 1 + 1, third);
        Assert.Equal(new DateTimeOffset(2030, 3, 10, 11, 0, 0, TimeSpan.Zero), await WatermarkAsync());
    }

    [Fact]
    public async Task SweepAsync_EntryAddedLateForAnHourBehindTheWatermark_IsStillHandedOff()
    {
        await SweepAsync(Now.AddMinutes(70)); // Watermark at 11:00.

        // Due at 10:30 but only filed at 11:31: it goes into hour 11, never behind the watermark.
        await Index.AddAsync(Key("late"), Now.AddMinutes(10), Now.AddMinutes(71), default);

        Assert.Equal(1, await SweepAsync(Now.AddMinutes(72)));
        Assert.Equal("late", Assert.Single(_handed).Key.OrderId);
    }

    [Fact]
    public async Task SweepAsync_MoreDueThanTheLimit_HandsOffTheLimitAndLeavesTheRestAndTheWatermark()
    {
        for (var i = 0; i < 5; i++)
        {
            await Index.AddAsync(Key("A" + i), Now.AddMinutes(-10 + i), Now.AddMinutes(-30), default);
        }

        var handed = await SweepAsync(Now, limit: 2);

        Assert.Equal(2, handed);
        Assert.Equal(["A0", "A1"], _handed.Select(e => e.Key.OrderId).Order());
        Assert.Equal(3, (await EntriesAsync()).Count);
        Assert.Null(await WatermarkAsync()); // Not moved past work it has not done.
        Assert.Equal(3, await SweepAsync(Now, limit: 10));
        Assert.NotNull(await WatermarkAsync());
    }

    [Fact]
    public async Task SweepAsync_SecondSweepWhileTheFirstHandsOff_HandsOffNothingAndKeepsTheWatermark()
    {
        for (var i = 0; i < 20; i++)
        {
            await Index.AddAsync(Key("A" + i), Now.AddMinutes(-10), Now.AddMinutes(-30), default);
        }

        // The first sweep holds the hour's lease and is stopped in its first hand-off while the second one runs.
        var firstHandedOff = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var goOn = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = Index.SweepAsync(Now, limit: 100, parallelism: 1, async (entry, _) =>
        {
            _handed.Add(entry);
            firstHandedOff.TrySetResult();
            await goOn.Task;
        }, default);
        await firstHandedOff.Task.WaitAsync(TimeSpan.FromSeconds(10));

        var secondHanded = -1;
        var secondCalls = await _storage.Requests.CountAsync(async () => secondHanded = await SweepAsync(Now));
        var watermarkMeanwhile = await WatermarkAsync();
        goOn.SetResult();

        Assert.Equal(0, secondHanded);

        // The watermark read, 7 hourly queries (none written yet: 6 hours back), the lease insert (409) and its read.
        Assert.Equal(1 + 7 + 2, secondCalls);
        Assert.Null(watermarkMeanwhile);
        Assert.Equal(20, await first);
        Assert.Equal(20, _handed.Count);
        Assert.Equal(20, _handed.Select(e => e.Key.OrderId).Distinct().Count());
        Assert.Empty(await EntriesAsync());
        Assert.NotNull(await WatermarkAsync());
    }

    [Fact]
    public async Task SweepAsync_LeaseLeftByACrashedSweep_EntriesWaitUntilItRunsOutThenAreHandedOffOnce()
    {
        await Index.AddAsync(Key("A1"), Now.AddMinutes(-10), Now.AddMinutes(-30), default);

        // What a sweep that crashed in the middle of hour 10 leaves behind: its lease, taken at 10:20.
        await Table.AddEntityAsync(new TableEntity("lease", "b-2030031010") { ["LeaseUntil"] = Now + DueMessageIndex.SweepLease });

        Assert.Equal(0, await SweepAsync(Now.AddMinutes(1)));
        Assert.Single(await EntriesAsync());
        Assert.Null(await WatermarkAsync()); // Not moved past the held hour: nothing in it may be lost.

        Assert.Equal(1, await SweepAsync(Now + DueMessageIndex.SweepLease + TimeSpan.FromMinutes(1)));
        Assert.Equal("A1", Assert.Single(_handed).Key.OrderId);
        Assert.Empty(await EntriesAsync());
        Assert.False((await Table.GetEntityIfExistsAsync<TableEntity>("lease", "b-2030031010")).HasValue); // Released.
    }

    [Fact]
    public async Task SweepAsync_HourHeldByACrashedSweep_LaterHoursAreStillHandedOff()
    {
        await Index.AddAsync(Key("in-10"), Now.AddMinutes(-10), Now, default);
        await Index.AddAsync(Key("in-11"), Now.AddMinutes(41), Now.AddMinutes(45), default);
        // A sweep took hour 10 at 11:08 and crashed; its lease still runs at 11:10.
        await Table.AddEntityAsync(new TableEntity("lease", "b-2030031010") { ["LeaseUntil"] = Now.AddMinutes(48) + DueMessageIndex.SweepLease });

        Assert.Equal(1, await SweepAsync(Now.AddMinutes(50)));

        Assert.Equal("in-11", Assert.Single(_handed).Key.OrderId);
        Assert.Equal("in-10", Assert.Single(await EntriesAsync()).GetString("OrderId"));
        Assert.Null(await WatermarkAsync());
    }

    [Fact]
    public async Task SweepAsync_HandOffFails_ReleasesTheLeaseForTheNextSweep()
    {
        await Index.AddAsync(Key("A1"), Now.AddMinutes(-5), Now.AddMinutes(-10), default);

        await Assert.ThrowsAsync<InvalidOperationException>(() => Index.SweepAsync(
            Now, limit: 10, parallelism: 1, (_, _) => throw new InvalidOperationException("queue down"), default));

        Assert.False((await Table.GetEntityIfExistsAsync<TableEntity>("lease", "b-2030031010")).HasValue);
        Assert.Equal(1, await SweepAsync(Now));
    }

    private static MessageKey Key(string orderId) => new("shop-1", orderId, MessageKinds.PaymentReminder, 1);

    private Task<int> SweepAsync(DateTimeOffset now, int limit = 100) =>
        Index.SweepAsync(now, limit, parallelism: 4, (entry, _) =>
        {
            _handed.Add(entry);
            return Task.CompletedTask;
        }, default);

    private async Task<List<TableEntity>> EntriesAsync()
    {
        var entries = new List<TableEntity>();
        await foreach (var entity in Table.QueryAsync<TableEntity>("PartitionKey ne 'watermark' and PartitionKey ne 'lease'"))
        {
            entries.Add(entity);
        }

        return entries;
    }

    private async Task<DateTimeOffset?> WatermarkAsync()
    {
        var watermark = await Table.GetEntityIfExistsAsync<TableEntity>("watermark", "due-messages");
        return watermark.HasValue ? watermark.Value!.GetDateTimeOffset("Bucket") : null;
    }
}
