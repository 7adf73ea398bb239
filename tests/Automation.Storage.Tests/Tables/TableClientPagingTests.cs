using Automation.Storage.Tables;
using Automation.Storage.Tests.Pipeline;

namespace Automation.Storage.Tests.Tables;

/// <summary>Continuation handling the emulator rarely produces: empty pages with a token, absent NextRowKey.</summary>
public sealed class TableClientPagingTests
{
    [Fact]
    public async Task QueryAsync_EmptyPageWithTokenAndNoNextRowKey_ContinuesWithEncodedToken()
    {
        using var transport = new StubTransport(n => n switch
        {
            0 => new StubResponse(200, """{"value":[]}""", ("x-ms-continuation-NextPartitionKey", "1!8!YS+b/c=")),
            1 => new StubResponse(200, """{"value":[{"PartitionKey":"a+b","RowKey":"r","N":1}]}""",
                ("x-ms-continuation-NextPartitionKey", "1!4!Yg--"), ("x-ms-continuation-NextRowKey", "1!4!cg--")),
            _ => new StubResponse(200, """{"value":[{"PartitionKey":"b","RowKey":"s","N":2}]}"""),
        });
        var table = Client(transport);

        var found = new List<TableEntity>();
        await foreach (var entity in table.QueryAsync("N gt 0", pageSize: 1))
        {
            found.Add(entity);
        }

        Assert.Equal(["a+b", "b"], found.Select(e => e.PartitionKey));
        Assert.Equal(3, transport.Uris.Count);
        Assert.Equal("?$filter=N%20gt%200&$top=1", transport.Uris[0].Query);
        Assert.Equal("?$filter=N%20gt%200&$top=1&NextPartitionKey=1%218%21YS%2Bb%2Fc%3D", transport.Uris[1].Query);
        Assert.Equal("?$filter=N%20gt%200&$top=1&NextPartitionKey=1%214%21Yg--&NextRowKey=1%214%21cg--", transport.Uris[2].Query);
        Assert.All(transport.Uris, u => Assert.Equal("/devstoreaccount1/jobs()", u.AbsolutePath));
    }

    [Fact]
    public async Task QueryAsync_NoArguments_RequestsWholeTableWithoutQueryString()
    {
        using var transport = new StubTransport(_ => new StubResponse(200, """{"value":[]}"""));
        var table = Client(transport);

        await foreach (var _ in table.QueryAsync())
        {
        }

        Assert.Equal("http://127.0.0.1:10002/devstoreaccount1/jobs()", Assert.Single(transport.Uris).AbsoluteUri);
    }

    [Fact]
    public async Task QueryAsync_PageSizeOutOfRange_Throws()
    {
        using var transport = new StubTransport(200);
        var table = Client(transport);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () =>
        {
            await foreach (var _ in table.QueryAsync(pageSize: 1001))
            {
            }
        });
        Assert.Empty(transport.Uris);
    }

    private static TableClient Client(StubTransport transport) =>
        new TableServiceClient(StorageAccount.FromConnectionString("UseDevelopmentStorage=true"), new StorageClientOptions { Transport = transport })
            .GetTableClient("jobs");
}
