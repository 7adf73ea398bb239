using Automation.Storage.Tables;
using Automation.Testing;
using Azure;

namespace Automation.Storage.Tests.Tables;

[Collection("Azurite")]
public sealed class TableTransactionTests(AzuriteFixture azurite)
{
    private readonly RequestCounter _requests = new();

    [Fact]
    public async Task SubmitTransactionAsync_EveryActionType_AppliesAllInOneRequest()
    {
        var table = await CreateTableAsync();
        var toMerge = await table.AddEntityAsync(new TableEntity("p", "merge") { ["A"] = "a", ["B"] = "b" });
        var toReplace = await table.AddEntityAsync(new TableEntity("p", "replace") { ["A"] = "a", ["B"] = "b" });
        var toDelete = await table.AddEntityAsync(new TableEntity("p", "delete"));
        await table.AddEntityAsync(new TableEntity("p", "upsert-merge") { ["A"] = "a" });
        await table.AddEntityAsync(new TableEntity("p", "upsert-replace") { ["A"] = "a" });
        var before = _requests.Count;

        var etags = await table.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.Add, new TableEntity("p", "add") { ["N"] = 1L, ["Text"] = "line1\r\nline2 --batch" }),
            new(TableTransactionActionType.UpdateMerge, new TableEntity("p", "merge") { ["B"] = "B2" }, toMerge),
            new(TableTransactionActionType.UpdateReplace, new TableEntity("p", "replace") { ["B"] = "B2" }, toReplace),
            new(TableTransactionActionType.UpsertMerge, new TableEntity("p", "upsert-merge") { ["B"] = "b" }),
            new(TableTransactionActionType.UpsertReplace, new TableEntity("p", "upsert-replace") { ["B"] = "b" }),
            new(TableTransactionActionType.Delete, new TableEntity("p", "delete"), toDelete),
        ]);

        Assert.Equal(1, _requests.Count - before);
        Assert.Equal(6, etags.Count);
        Assert.All(etags.Take(5), e => Assert.NotNull(e));
        Assert.Null(etags[5]);

        var add = await table.GetEntityIfExistsAsync("p", "add");
        Assert.Equal(etags[0], add!.ETag);
        Assert.Equal(1L, add.GetInt64("N"));
        Assert.Equal("line1\r\nline2 --batch", add.GetString("Text"));
        var merged = await table.GetEntityIfExistsAsync("p", "merge");
        Assert.Equal(("a", "B2"), (merged!.GetString("A"), merged.GetString("B")));
        Assert.Equal(etags[1], merged.ETag);
        var replaced = await table.GetEntityIfExistsAsync("p", "replace");
        Assert.Equal((null, "B2"), (replaced!.GetString("A"), replaced.GetString("B")));
        var upsertMerged = await table.GetEntityIfExistsAsync("p", "upsert-merge");
        Assert.Equal(("a", "b"), (upsertMerged!.GetString("A"), upsertMerged.GetString("B")));
        var upsertReplaced = await table.GetEntityIfExistsAsync("p", "upsert-replace");
        Assert.Equal((null, "b"), (upsertReplaced!.GetString("A"), upsertReplaced.GetString("B")));
        Assert.Null(await table.GetEntityIfExistsAsync("p", "delete"));
    }

    [Fact]
    public async Task SubmitTransactionAsync_HundredAdds_Succeeds()
    {
        var table = await CreateTableAsync();

        var etags = await table.SubmitTransactionAsync(Enumerable.Range(0, 100).Select(i =>
            new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", $"r{i:D3}") { ["N"] = i })));

        Assert.Equal(100, etags.Count);
        Assert.Equal(100, await CountAsync(table));
    }

    [Fact]
    public async Task SubmitTransactionAsync_UpdateOfMissingEntity_ReportsIndexAndRollsBack()
    {
        var table = await CreateTableAsync();

        var e = await Assert.ThrowsAsync<TableTransactionFailedException>(() => table.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.Add, new TableEntity("p", "a")),
            new(TableTransactionActionType.Add, new TableEntity("p", "b")),
            new(TableTransactionActionType.UpdateMerge, new TableEntity("p", "missing") { ["X"] = 1 }),
            new(TableTransactionActionType.Add, new TableEntity("p", "c")),
        ]));

        Assert.Equal(2, e.FailedIndex);
        Assert.Equal("missing", e.FailedAction!.Entity.RowKey);
        Assert.Equal(404, e.Status);
        Assert.Equal("ResourceNotFound", e.ErrorCode);
        Assert.Equal(0, await CountAsync(table));
    }

    [Fact]
    public async Task SubmitTransactionAsync_AddOfExistingEntity_Reports409AndWritesNothing()
    {
        var table = await CreateTableAsync();
        await table.AddEntityAsync(new TableEntity("p", "exists") { ["V"] = "original" });

        var e = await Assert.ThrowsAsync<TableTransactionFailedException>(() => table.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.UpsertReplace, new TableEntity("p", "a")),
            new(TableTransactionActionType.Add, new TableEntity("p", "exists") { ["V"] = "changed" }),
        ]));

        Assert.Equal(1, e.FailedIndex);
        Assert.Equal(409, e.Status);
        Assert.Equal("EntityAlreadyExists", e.ErrorCode);
        Assert.IsAssignableFrom<RequestFailedException>(e);
        Assert.Null(await table.GetEntityIfExistsAsync("p", "a"));
        Assert.Equal("original", (await table.GetEntityIfExistsAsync("p", "exists"))!.GetString("V"));
    }

    [Fact]
    public async Task SubmitTransactionAsync_StaleETag_Reports412()
    {
        var table = await CreateTableAsync();
        var stale = await table.AddEntityAsync(new TableEntity("p", "r"));
        await table.UpsertEntityAsync(new TableEntity("p", "r") { ["N"] = 1 });

        var e = await Assert.ThrowsAsync<TableTransactionFailedException>(() => table.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.Delete, new TableEntity("p", "r"), stale),
        ]));

        Assert.Equal(0, e.FailedIndex);
        Assert.Equal(412, e.Status);
        Assert.Equal("UpdateConditionNotSatisfied", e.ErrorCode);
        Assert.NotNull(await table.GetEntityIfExistsAsync("p", "r"));
    }

    [Fact]
    public async Task SubmitTransactionAsync_MoreThanHundred_ThrowsBeforeAnyRequest()
    {
        var table = Client();

        var e = await Assert.ThrowsAsync<ArgumentException>(() => table.SubmitTransactionAsync(Enumerable.Range(0, 101).Select(i =>
            new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", $"r{i}")))));

        Assert.Contains("101", e.Message, StringComparison.Ordinal);
        Assert.Equal(0, _requests.Count);
    }

    [Fact]
    public async Task SubmitTransactionAsync_MixedPartitions_ThrowsBeforeAnyRequest()
    {
        var table = Client();

        var e = await Assert.ThrowsAsync<ArgumentException>(() => table.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.Add, new TableEntity("p1", "a")),
            new(TableTransactionActionType.Add, new TableEntity("p2", "b")),
        ]));

        Assert.Contains("PartitionKey", e.Message, StringComparison.Ordinal);
        Assert.Equal(0, _requests.Count);
    }

    [Fact]
    public async Task SubmitTransactionAsync_SameEntityTwice_ThrowsBeforeAnyRequest()
    {
        var table = Client();

        await Assert.ThrowsAsync<ArgumentException>(() => table.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.Add, new TableEntity("p", "a")),
            new(TableTransactionActionType.Delete, new TableEntity("p", "a")),
        ]));
        Assert.Equal(0, _requests.Count);
    }

    [Fact]
    public async Task SubmitTransactionAsync_Empty_ThrowsBeforeAnyRequest()
    {
        var table = Client();

        await Assert.ThrowsAsync<ArgumentException>(() => table.SubmitTransactionAsync([]));
        Assert.Equal(0, _requests.Count);
    }

    private TableClient Client()
    {
        var options = new StorageClientOptions();
        options.AddPolicy(_requests, Azure.Core.HttpPipelinePosition.PerCall);
        var service = new TableServiceClient(StorageAccount.FromConnectionString(azurite.ConnectionString), options);
        return service.GetTableClient(AzuriteFixture.UniqueName("egt"));
    }

    private async Task<TableClient> CreateTableAsync()
    {
        var table = Client();
        await table.CreateIfNotExistsAsync();
        return table;
    }

    private static async Task<int> CountAsync(TableClient table)
    {
        var count = 0;
        await foreach (var _ in table.QueryAsync())
        {
            count++;
        }

        return count;
    }
}
