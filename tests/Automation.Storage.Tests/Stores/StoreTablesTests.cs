using Automation.Storage.Stores;
using Automation.Testing;

namespace Automation.Storage.Tests.Stores;

[Collection("Azurite")]
public sealed class StoreTablesTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task GetAsync_ManyCallsInOneProcess_CreateTheTableOnce()
    {
        await using var storage = TestStorage.Create(azurite);
        var tables = storage.Get<StoreTables>();

        var calls = await storage.Requests.CountAsync(async () =>
        {
            var clients = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => tables.GetAsync(StoreTables.Orders, default)));
            Assert.All(clients, c => Assert.Same(clients[0], c));
            await tables.GetAsync(StoreTables.Orders, default);
        });

        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task GetAsync_TableCreatedByAnotherProcess_Succeeds()
    {
        await using (var first = TestStorage.Create(azurite))
        {
            await first.Get<StoreTables>().GetAsync(StoreTables.Shops, default);
        }

        await using var second = TestStorage.Create(azurite);
        var calls = await second.Requests.CountAsync(() => second.Get<StoreTables>().GetAsync(StoreTables.Shops, default));

        Assert.Equal(1, calls);
    }
}
