using System.Net;
using Automation.Functions.Tests.Support;
using Automation.Testing;

namespace Automation.Functions.Tests.Features;

[Collection("Azurite")]
public sealed class ShopSettingsCacheTests(AzuriteFixture azurite)
{
    [Theory]
    [InlineData(null, 1)]          // default: the first webhook reads the shop, the next ones use the cached copy
    [InlineData("00:00:00", 3)]    // cache off: every webhook reads the shop
    public async Task Webhooks_ForOneShop_ReadItsSettingsOncePerCachePeriod(string? duration, int expectedShopReads)
    {
        await using var counter = await StorageCountingProxy.StartAsync(azurite);
        await using var host = await ProductHost.StartAsync(
            azurite,
            duration is null ? null : new Dictionary<string, string?> { ["Shops__SettingsCacheDuration"] = duration },
            workerStorageConnection: counter.ConnectionString);
        var shopId = "cache-" + Guid.NewGuid().ToString("N")[..8];
        Assert.Equal(HttpStatusCode.Created, (await host.PutShopAsync(shopId, ProductApi.Shop())).StatusCode);
        counter.Reset();

        for (var i = 0; i < 3; i++)
        {
            using var response = await host.Client.PostEventAsync(shopId, ProductApi.OrderCreated($"e{i}", $"C{i}", DateTimeOffset.UtcNow));
            Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{response.StatusCode} {await response.Content.ReadAsStringAsync()}\n{host.RecentOutput}");
        }

        Assert.Equal(expectedShopReads, counter.Of("Shops", "GET"));
    }

    [Fact]
    public async Task PutShop_ThroughThisInstance_AppliesToTheNextWebhookAtOnce()
    {
        await using var host = await ProductHost.StartAsync(azurite);
        var shopId = "cache-" + Guid.NewGuid().ToString("N")[..8];
        await host.PutShopAsync(shopId, ProductApi.Shop());
        using var first = await host.Client.PostEventAsync(shopId, ProductApi.OrderCreated("e1", "C1", DateTimeOffset.UtcNow));
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);

        var rotated = ProductApi.Shop();
        rotated["webhookSecret"] = "rotated-secret-0123456789";
        Assert.Equal(HttpStatusCode.OK, (await host.PutShopAsync(shopId, rotated)).StatusCode);

        using var old = await host.Client.PostEventAsync(shopId, ProductApi.OrderCreated("e2", "C2", DateTimeOffset.UtcNow));
        using var fresh = await host.Client.PostEventAsync(shopId, ProductApi.OrderCreated("e3", "C3", DateTimeOffset.UtcNow), secret: "rotated-secret-0123456789");
        Assert.Equal(HttpStatusCode.Unauthorized, old.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, fresh.StatusCode);
    }

    [Fact]
    public async Task ShopIdNotOfTheShape_IsAnUnknownShop_WithoutAStorageRead()
    {
        await using var counter = await StorageCountingProxy.StartAsync(azurite);
        await using var host = await ProductHost.StartAsync(azurite, workerStorageConnection: counter.ConnectionString);
        const string malformed = "Not_A_Shop_Id"; // shop ids are lower-case letters, digits and hyphens
        counter.Reset();

        using var webhook = await host.Client.PostEventAsync(malformed, ProductApi.OrderCreated("e1", "C1", DateTimeOffset.UtcNow));
        using var sweep = await host.AdminAsync(HttpMethod.Post, $"/api/shops/{malformed}/sweep");

        Assert.Equal(HttpStatusCode.Unauthorized, webhook.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, sweep.StatusCode);
        Assert.True(counter.Of("Shops", "GET") == 0, counter.DescribeByResource("table"));
    }
}
