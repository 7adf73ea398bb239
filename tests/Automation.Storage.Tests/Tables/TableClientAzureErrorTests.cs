using Automation.Storage.Tables;
using Automation.Storage.Tests.Pipeline;
using Azure;

namespace Automation.Storage.Tests.Tables;

/// <summary>
/// Azure's table service returns the error code only in the JSON body; unlike Azurite it sends no
/// <c>x-ms-error-code</c> header (see the response headers logged in azure-sdk-for-net issue #35185).
/// </summary>
public sealed class TableClientAzureErrorTests
{
    [Fact]
    public async Task CreateIfNotExistsAsync_TableAlreadyExistsInBodyOnly_Succeeds()
    {
        using var transport = new StubTransport(_ => AzureError(409, "Conflict", "TableAlreadyExists"));

        await Client(transport).CreateIfNotExistsAsync();

        Assert.Single(transport.Uris);
    }

    [Fact]
    public async Task TryAddEntityAsync_EntityAlreadyExistsInBodyOnly_ReturnsNull()
    {
        using var transport = new StubTransport(_ => AzureError(409, "Conflict", "EntityAlreadyExists"));

        Assert.Null(await Client(transport).TryAddEntityAsync(new TableEntity("p", "r")));
    }

    [Fact]
    public async Task GetEntityIfExistsAsync_ResourceNotFoundInBodyOnly_ReturnsNull()
    {
        using var transport = new StubTransport(_ => AzureError(404, "Not Found", "ResourceNotFound"));

        Assert.Null(await Client(transport).GetEntityIfExistsAsync("p", "r"));
    }

    [Fact]
    public async Task GetEntityIfExistsAsync_TableNotFoundInBodyOnly_Throws()
    {
        using var transport = new StubTransport(_ => AzureError(404, "Not Found", "TableNotFound"));

        var e = await Assert.ThrowsAsync<RequestFailedException>(() => Client(transport).GetEntityIfExistsAsync("p", "r"));

        Assert.Equal((404, "TableNotFound"), (e.Status, e.ErrorCode));
    }

    [Fact]
    public async Task DeleteEntityAsync_TableNotFoundInBodyOnly_Throws()
    {
        using var transport = new StubTransport(_ => AzureError(404, "Not Found", "TableNotFound"));

        var e = await Assert.ThrowsAsync<RequestFailedException>(() => Client(transport).DeleteEntityAsync("p", "r"));

        Assert.Equal((404, "TableNotFound"), (e.Status, e.ErrorCode));
    }

    [Fact]
    public async Task AddEntityAsync_EntityAlreadyExistsInBodyOnly_ThrowsWithCode()
    {
        using var transport = new StubTransport(_ => AzureError(409, "Conflict", "EntityAlreadyExists"));

        var e = await Assert.ThrowsAsync<RequestFailedException>(() => Client(transport).AddEntityAsync(new TableEntity("p", "r")));

        Assert.Equal((409, "EntityAlreadyExists"), (e.Status, e.ErrorCode));
    }

    private static StubResponse AzureError(int status, string reason, string code) => new(
        status,
        "{\"odata.error\":{\"code\":\"" + code + "\",\"message\":{\"lang\":\"en-US\",\"value\":\"" + reason +
            ".\\nRequestId:a65cad2b\\nTime:2023-03-28T01:29:34.6706116Z\"}}}",
        ("Content-Type", "application/json;odata=minimalmetadata;streaming=true;charset=utf-8"),
        ("Server", "Windows-Azure-Table/1.0 Microsoft-HTTPAPI/2.0"),
        ("x-ms-request-id", "a65cad2b-9002-0034-7714-616cfd000000"));

    private static TableClient Client(StubTransport transport) =>
        new TableServiceClient(StorageAccount.FromConnectionString("UseDevelopmentStorage=true"), new StorageClientOptions { Transport = transport })
            .GetTableClient("jobs");
}
