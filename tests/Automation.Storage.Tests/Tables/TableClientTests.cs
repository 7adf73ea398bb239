using Automation.Storage.Tables;
using Automation.Testing;
using Azure;

namespace Automation.Storage.Tests.Tables;

[Collection("Azurite")]
public sealed class TableClientTests(AzuriteFixture azurite)
{
    private readonly RequestCounter _requests = new();

    [Fact]
    public async Task CreateIfNotExistsAsync_CalledTwice_Succeeds()
    {
        var table = Client();

        await table.CreateIfNotExistsAsync();
        await table.CreateIfNotExistsAsync();

        Assert.Null(await table.GetEntityIfExistsAsync("p", "r"));
    }

    [Fact]
    public async Task DeleteAsync_ExistingThenMissing_ReturnsTrueThenFalse()
    {
        var table = await CreateTableAsync();

        Assert.True(await table.DeleteAsync());
        Assert.False(await table.DeleteAsync());
    }

    [Fact]
    public async Task AddEntityAsync_New_ReturnsETagOfStoredEntity()
    {
        var table = await CreateTableAsync();

        var etag = await table.AddEntityAsync(new TableEntity("p", "r") { ["Kind"] = "email" });

        var read = await table.GetEntityIfExistsAsync("p", "r");
        Assert.NotNull(read);
        Assert.Equal(etag, read.ETag);
        Assert.Equal("email", read.GetString("Kind"));
        Assert.NotNull(read.Timestamp);
    }

    [Fact]
    public async Task AddEntityAsync_Duplicate_Throws409EntityAlreadyExists()
    {
        var table = await CreateTableAsync();
        await table.AddEntityAsync(new TableEntity("p", "r"));

        var e = await Assert.ThrowsAsync<RequestFailedException>(() => table.AddEntityAsync(new TableEntity("p", "r")));

        Assert.Equal(409, e.Status);
        Assert.Equal("EntityAlreadyExists", e.ErrorCode);
        Assert.Contains("already exists", e.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task TryAddEntityAsync_Duplicate_ReturnsNullAndKeepsFirst()
    {
        var table = await CreateTableAsync();

        var first = await table.TryAddEntityAsync(new TableEntity("p", "r") { ["N"] = 1 });
        var second = await table.TryAddEntityAsync(new TableEntity("p", "r") { ["N"] = 2 });

        Assert.NotNull(first);
        Assert.Null(second);
        Assert.Equal(1, (await table.GetEntityIfExistsAsync("p", "r"))!.GetInt32("N"));
    }

    [Fact]
    public async Task AddEntityAsync_MissingTable_Throws404TableNotFound()
    {
        var table = Client();

        var e = await Assert.ThrowsAsync<RequestFailedException>(() => table.AddEntityAsync(new TableEntity("p", "r")));

        Assert.Equal(404, e.Status);
        Assert.Equal("TableNotFound", e.ErrorCode);
    }

    [Fact]
    public async Task GetEntityIfExistsAsync_Absent_ReturnsNull()
    {
        var table = await CreateTableAsync();

        Assert.Null(await table.GetEntityIfExistsAsync("nobody", "nothing"));
    }

    [Fact]
    public async Task GetEntityIfExistsAsync_MissingTable_Throws()
    {
        var table = Client();

        var e = await Assert.ThrowsAsync<RequestFailedException>(() => table.GetEntityIfExistsAsync("p", "r"));

        Assert.Equal(404, e.Status);
        Assert.Equal("TableNotFound", e.ErrorCode);
    }

    [Fact]
    public async Task GetEntityIfExistsAsync_Select_ReturnsKeysAndSelectedOnly()
    {
        var table = await CreateTableAsync();
        await table.AddEntityAsync(new TableEntity("p", "r") { ["A"] = "a", ["B"] = "b" });

        var read = await table.GetEntityIfExistsAsync("p", "r", ["A"]);

        Assert.NotNull(read);
        Assert.Equal(("p", "r"), (read.PartitionKey, read.RowKey));
        Assert.Equal("a", read.GetString("A"));
        Assert.False(read.ContainsKey("B"));
    }

    [Fact]
    public async Task AddEntityAsync_AllPropertyTypes_RoundTrip()
    {
        var table = await CreateTableAsync();
        var when = new DateTimeOffset(2024, 8, 5, 12, 30, 15, TimeSpan.FromHours(2)).AddTicks(1234567);
        var id = Guid.NewGuid();
        var entity = new TableEntity("shop-1", "order-1")
        {
            ["Text"] = "héllo 'quoted' ✓",
            ["Empty"] = string.Empty,
            ["Int"] = -42,
            ["Long"] = 9_007_199_254_740_993L,
            ["SmallLong"] = 5L,
            ["Whole"] = 2.0,
            ["Fraction"] = 0.1,
            ["Flag"] = true,
            ["When"] = when,
            ["UtcDate"] = new DateTime(2030, 1, 2, 3, 4, 5, DateTimeKind.Utc),
            ["Id"] = id,
            ["Bytes"] = new byte[] { 0, 1, 2, 254, 255 },
            ["Nothing"] = null,
        };

        await table.AddEntityAsync(entity);
        var read = await table.GetEntityIfExistsAsync("shop-1", "order-1");

        Assert.NotNull(read);
        Assert.Equal("héllo 'quoted' ✓", read["Text"]);
        Assert.Equal(string.Empty, read["Empty"]);
        Assert.Equal(-42, read["Int"]);
        Assert.Equal(9_007_199_254_740_993L, read["Long"]);
        Assert.Equal(5L, read["SmallLong"]);
        Assert.Equal(2.0, Assert.IsType<double>(read["Whole"]));
        Assert.Equal(0.1, read["Fraction"]);
        Assert.Equal(true, read["Flag"]);
        Assert.Equal(when, read["When"]);
        Assert.Equal(TimeSpan.Zero, read.GetDateTimeOffset("When")!.Value.Offset);
        Assert.Equal(new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero), read["UtcDate"]);
        Assert.Equal(id, read["Id"]);
        Assert.Equal(new byte[] { 0, 1, 2, 254, 255 }, read["Bytes"]);
        Assert.False(read.ContainsKey("Nothing"));
    }

    [Theory]
    [InlineData("O'Brien", "a b+c")]
    [InlineData("é ü ✓ 日本", "x%y")]
    [InlineData("''", "%27&=;,()$")]
    [InlineData("", "")]
    public async Task Entity_UnusualKeys_RoundTripThroughEveryOperation(string partitionKey, string rowKey)
    {
        var table = await CreateTableAsync();

        var added = await table.AddEntityAsync(new TableEntity(partitionKey, rowKey) { ["V"] = 1 });
        var read = await table.GetEntityIfExistsAsync(partitionKey, rowKey);
        var updated = await table.UpdateEntityAsync(new TableEntity(partitionKey, rowKey) { ["V"] = 2 }, added);
        var queried = await ToListAsync(table.QueryAsync(TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey} and RowKey eq {rowKey}")));
        var deleted = await table.DeleteEntityAsync(partitionKey, rowKey, updated);

        Assert.NotNull(read);
        Assert.Equal((partitionKey, rowKey), (read.PartitionKey, read.RowKey));
        Assert.Equal(2, Assert.Single(queried).GetInt32("V"));
        Assert.True(deleted);
        Assert.Null(await table.GetEntityIfExistsAsync(partitionKey, rowKey));
    }

    [Fact]
    public async Task UpdateEntityAsync_StaleETag_Throws412()
    {
        var table = await CreateTableAsync();
        var stale = await table.AddEntityAsync(new TableEntity("p", "r") { ["N"] = 1 });
        await table.UpdateEntityAsync(new TableEntity("p", "r") { ["N"] = 2 }, stale);

        foreach (var mode in new[] { TableUpdateMode.Merge, TableUpdateMode.Replace })
        {
            var e = await Assert.ThrowsAsync<RequestFailedException>(
                () => table.UpdateEntityAsync(new TableEntity("p", "r") { ["N"] = 3 }, stale, mode));

            Assert.Equal(412, e.Status);
            Assert.Equal("UpdateConditionNotSatisfied", e.ErrorCode);
        }

        Assert.Equal(2, (await table.GetEntityIfExistsAsync("p", "r"))!.GetInt32("N"));
    }

    [Fact]
    public async Task UpdateEntityAsync_Missing_Throws404()
    {
        var table = await CreateTableAsync();

        var e = await Assert.ThrowsAsync<RequestFailedException>(
            () => table.UpdateEntityAsync(new TableEntity("p", "r"), ETag.All));

        Assert.Equal(404, e.Status);
        Assert.Equal("ResourceNotFound", e.ErrorCode);
    }

    [Fact]
    public async Task UpdateEntityAsync_Merge_KeepsOtherProperties()
    {
        var table = await CreateTableAsync();
        var etag = await table.AddEntityAsync(new TableEntity("p", "r") { ["A"] = "a", ["B"] = "b" });

        var newETag = await table.UpdateEntityAsync(new TableEntity("p", "r") { ["B"] = "B2" }, etag, TableUpdateMode.Merge);

        var read = await table.GetEntityIfExistsAsync("p", "r");
        Assert.Equal("a", read!.GetString("A"));
        Assert.Equal("B2", read.GetString("B"));
        Assert.Equal(newETag, read.ETag);
        Assert.NotEqual(etag, newETag);
    }

    [Fact]
    public async Task UpdateEntityAsync_Replace_DropsOtherProperties()
    {
        var table = await CreateTableAsync();
        var etag = await table.AddEntityAsync(new TableEntity("p", "r") { ["A"] = "a", ["B"] = "b" });

        await table.UpdateEntityAsync(new TableEntity("p", "r") { ["B"] = "B2" }, etag, TableUpdateMode.Replace);

        var read = await table.GetEntityIfExistsAsync("p", "r");
        Assert.False(read!.ContainsKey("A"));
        Assert.Equal("B2", read.GetString("B"));
    }

    [Fact]
    public async Task UpdateEntityAsync_ReadETag_SucceedsOnce()
    {
        var table = await CreateTableAsync();
        await table.AddEntityAsync(new TableEntity("p", "r") { ["Owner"] = "" });
        var claimA = await table.GetEntityIfExistsAsync("p", "r");
        var claimB = await table.GetEntityIfExistsAsync("p", "r");

        await table.UpdateEntityAsync(new TableEntity("p", "r") { ["Owner"] = "a" }, claimA!.ETag);
        var e = await Assert.ThrowsAsync<RequestFailedException>(
            () => table.UpdateEntityAsync(new TableEntity("p", "r") { ["Owner"] = "b" }, claimB!.ETag));

        Assert.Equal(412, e.Status);
        Assert.Equal("a", (await table.GetEntityIfExistsAsync("p", "r"))!.GetString("Owner"));
    }

    [Fact]
    public async Task UpsertEntityAsync_MergeAndReplace_InsertThenUpdate()
    {
        var table = await CreateTableAsync();

        await table.UpsertEntityAsync(new TableEntity("p", "m") { ["A"] = "a" });
        await table.UpsertEntityAsync(new TableEntity("p", "m") { ["B"] = "b" });
        await table.UpsertEntityAsync(new TableEntity("p", "r") { ["A"] = "a" }, TableUpdateMode.Replace);
        await table.UpsertEntityAsync(new TableEntity("p", "r") { ["B"] = "b" }, TableUpdateMode.Replace);

        var merged = await table.GetEntityIfExistsAsync("p", "m");
        var replaced = await table.GetEntityIfExistsAsync("p", "r");
        Assert.Equal(("a", "b"), (merged!.GetString("A"), merged.GetString("B")));
        Assert.Equal((null, "b"), (replaced!.GetString("A"), replaced.GetString("B")));
    }

    [Fact]
    public async Task DeleteEntityAsync_MatchingETag_DeletesAndStaleETagThrows412()
    {
        var table = await CreateTableAsync();
        var stale = await table.AddEntityAsync(new TableEntity("p", "r"));
        var current = await table.UpdateEntityAsync(new TableEntity("p", "r") { ["N"] = 1 }, stale);

        var e = await Assert.ThrowsAsync<RequestFailedException>(() => table.DeleteEntityAsync("p", "r", stale));
        var deleted = await table.DeleteEntityAsync("p", "r", current);

        Assert.Equal(412, e.Status);
        Assert.True(deleted);
        Assert.Null(await table.GetEntityIfExistsAsync("p", "r"));
    }

    [Fact]
    public async Task DeleteEntityAsync_Absent_ReturnsFalse()
    {
        var table = await CreateTableAsync();

        Assert.False(await table.DeleteEntityAsync("p", "r"));
    }

    [Fact]
    public async Task QueryAsync_SmallPageSize_FollowsContinuationOnePagePerRequest()
    {
        var table = await CreateTableAsync();
        for (var i = 0; i < 10; i++)
        {
            await table.AddEntityAsync(new TableEntity("p", i.ToString("D3", System.Globalization.CultureInfo.InvariantCulture)) { ["N"] = i });
        }

        var before = _requests.Count;
        var all = await ToListAsync(table.QueryAsync(pageSize: 3));

        Assert.Equal(Enumerable.Range(0, 10), all.Select(e => e.GetInt32("N")!.Value));
        Assert.InRange(_requests.Count - before, 4, 5); // 3+3+3+1, plus possibly an empty last page.
        Assert.All(all, e => Assert.NotEqual(default, e.ETag));
    }

    [Fact]
    public async Task QueryAsync_FilterAndSelectAcrossPartitions_ReturnsMatchesWithSelectedProperties()
    {
        var table = await CreateTableAsync();
        var due = new DateTimeOffset(2024, 8, 5, 10, 0, 0, TimeSpan.Zero);
        for (var p = 0; p < 3; p++)
        {
            for (var i = 0; i < 5; i++)
            {
                await table.AddEntityAsync(new TableEntity($"shop-{p}", $"r{i}")
                {
                    ["Due"] = due.AddMinutes(i),
                    ["Big"] = 10_000_000_000L + i,
                    ["Kind"] = i % 2 == 0 ? "even" : "odd",
                    ["Other"] = "x",
                });
            }
        }

        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey ge {"shop-1"} and Kind eq {"even"} and Due le {due.AddMinutes(2)} and Big ge {10_000_000_000L}");
        var found = await ToListAsync(table.QueryAsync(filter, ["Kind", "Due"], pageSize: 1));

        Assert.Equal(
            ["shop-1/r0", "shop-1/r2", "shop-2/r0", "shop-2/r2"],
            found.Select(e => $"{e.PartitionKey}/{e.RowKey}"));
        Assert.All(found, e =>
        {
            Assert.Equal("even", e.GetString("Kind"));
            Assert.NotNull(e.GetDateTimeOffset("Due"));
            Assert.False(e.ContainsKey("Other"));
            Assert.False(e.ContainsKey("Big"));
        });
    }

    [Fact]
    public async Task QueryAsync_TypedLiterals_MatchStoredValues()
    {
        var table = await CreateTableAsync();
        var id = Guid.NewGuid();
        await table.AddEntityAsync(new TableEntity("p", "hit")
        {
            ["Id"] = id, ["Flag"] = true, ["Amount"] = 2.0, ["Count"] = 3, ["Bytes"] = new byte[] { 1, 255 },
        });
        await table.AddEntityAsync(new TableEntity("p", "miss")
        {
            ["Id"] = Guid.NewGuid(), ["Flag"] = false, ["Amount"] = 2.5, ["Count"] = 4, ["Bytes"] = new byte[] { 2 },
        });

        foreach (var filter in new[]
        {
            TableClient.CreateQueryFilter($"Id eq {id}"),
            TableClient.CreateQueryFilter($"Flag eq {true}"),
            TableClient.CreateQueryFilter($"Amount eq {2.0}"),
            TableClient.CreateQueryFilter($"Count lt {4}"),
            TableClient.CreateQueryFilter($"Bytes eq {new byte[] { 1, 255 }}"),
        })
        {
            var found = await ToListAsync(table.QueryAsync(filter));

            Assert.Equal("hit", Assert.Single(found).RowKey);
        }
    }

    [Fact]
    public async Task QueryAsync_TinyAndHugeDoubles_MatchOnAzurite()
    {
        var table = await CreateTableAsync();
        await table.AddEntityAsync(new TableEntity("p", "tiny") { ["Amount"] = 0.000001 });
        await table.AddEntityAsync(new TableEntity("p", "half") { ["Amount"] = 0.5 });
        await table.AddEntityAsync(new TableEntity("p", "huge") { ["Amount"] = 3e20 });

        var below = await ToListAsync(table.QueryAsync(TableClient.CreateQueryFilter($"Amount lt {0.00001}")));
        var above = await ToListAsync(table.QueryAsync(TableClient.CreateQueryFilter($"Amount gt {1e20}")));

        Assert.Equal("tiny", Assert.Single(below).RowKey);
        Assert.Equal("huge", Assert.Single(above).RowKey);
    }

    [Fact]
    public async Task QueryAsync_NoMatch_ReturnsEmpty()
    {
        var table = await CreateTableAsync();
        await table.AddEntityAsync(new TableEntity("p", "r"));

        var found = await ToListAsync(table.QueryAsync(TableClient.CreateQueryFilter($"PartitionKey eq {"q"}")));

        Assert.Empty(found);
    }

    [Fact]
    public async Task QueryAsync_InvalidFilter_Throws400()
    {
        var table = await CreateTableAsync();

        var e = await Assert.ThrowsAsync<RequestFailedException>(() => ToListAsync(table.QueryAsync("PartitionKey eq eq")));

        Assert.Equal(400, e.Status);
    }

    [Fact]
    public async Task Operations_InvalidKey_ThrowBeforeAnyRequest()
    {
        var table = Client();

        await Assert.ThrowsAsync<ArgumentException>(() => table.AddEntityAsync(new TableEntity("a/b", "r")));
        await Assert.ThrowsAsync<ArgumentException>(() => table.GetEntityIfExistsAsync("p", "a#b"));
        await Assert.ThrowsAsync<ArgumentException>(() => table.DeleteEntityAsync("p\n", "r"));
        await Assert.ThrowsAsync<ArgumentException>(() => table.UpsertEntityAsync(new TableEntity("p", "a?b")));
        Assert.Equal(0, _requests.Count);
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("1jobs")]
    [InlineData("jobs-due")]
    [InlineData("tables")]
    public void GetTableClient_InvalidName_Throws(string name)
    {
        var service = new TableServiceClient(StorageAccount.FromConnectionString(azurite.ConnectionString));

        Assert.Throws<ArgumentException>(() => service.GetTableClient(name));
    }

    private TableClient Client()
    {
        var options = new StorageClientOptions();
        options.AddPolicy(_requests, Azure.Core.HttpPipelinePosition.PerCall);
        var service = new TableServiceClient(StorageAccount.FromConnectionString(azurite.ConnectionString), options);
        return service.GetTableClient(AzuriteFixture.UniqueName("t"));
    }

    private async Task<TableClient> CreateTableAsync()
    {
        var table = Client();
        await table.CreateIfNotExistsAsync();
        return table;
    }

    private static async Task<List<TableEntity>> ToListAsync(IAsyncEnumerable<TableEntity> source)
    {
        var list = new List<TableEntity>();
        await foreach (var item in source)
        {
            list.Add(item);
        }

        return list;
    }
}
