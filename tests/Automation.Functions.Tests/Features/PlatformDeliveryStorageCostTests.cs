using System.Net;
using System.Text.Json.Nodes;
using Automation.Functions.Tests.Support;
using Automation.Testing;
using Xunit.Abstractions;
using static Automation.Functions.Tests.Support.PlatformSenders;

namespace Automation.Functions.Tests.Features;

/// <summary>
/// What a platform delivery costs in storage next to its canonical twin, counted at the storage's front door: the
/// adapter's only additions are the delivery log's point read and its one transaction, and a repeat costs the read alone.
/// </summary>
[Collection("Azurite")]
public sealed class PlatformDeliveryStorageCostTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    [Fact]
    public async Task ShopifyOrderCreate_CostsItsCanonicalTwinPlusOneReadAndOneTransaction_AndARepeatOneRead()
    {
        await using var counter = await StorageCountingProxy.StartAsync(azurite);
        await using var host = await ProductHost.StartAsync(azurite, workerStorageConnection: counter.ConnectionString);
        var shopId = "cost-" + Guid.NewGuid().ToString("N")[..8];
        var shop = ProductApi.Shop();
        shop["platforms"] = Platforms();
        Assert.Equal(HttpStatusCode.Created, (await host.PutShopAsync(shopId, shop)).StatusCode);
        var placed = DateTimeOffset.UtcNow.AddMinutes(-1);

        // Warm: the tables exist and the shop's settings are cached, as on any instance after its first request.
        await PostCanonicalAsync(host, shopId, "warm-1", "W1", placed);
        await PostShopifyAsync(host, shopId, ShopifyOrder("1001", placed), Guid.NewGuid().ToString());

        counter.Reset();
        await PostCanonicalAsync(host, shopId, "canonical-1", "C1", placed);
        var canonical = (Total: counter.OfService("table"), Shape: counter.DescribeByResource("table"));

        counter.Reset();
        var webhookId = Guid.NewGuid().ToString();
        await PostShopifyAsync(host, shopId, ShopifyOrder("1002", placed), webhookId);
        var shopify = (Total: counter.OfService("table"), Shape: counter.DescribeByResource("table"));

        counter.Reset();
        await PostShopifyAsync(host, shopId, ShopifyOrder("1002", placed), webhookId);
        var repeat = (Total: counter.OfService("table"), Shape: counter.DescribeByResource("table"));

        output.WriteLine($"canonical order.created: {canonical.Total} table requests ({canonical.Shape})");
        output.WriteLine($"Shopify orders/create:   {shopify.Total} table requests ({shopify.Shape})");
        output.WriteLine($"the same delivery again: {repeat.Total} table requests ({repeat.Shape})");
        Assert.Equal(canonical.Total + 2, shopify.Total);
        Assert.Equal(1, counter.Of("PlatformDeliveries", "GET"));
        Assert.Equal(1, repeat.Total);
    }

    private static async Task PostCanonicalAsync(ProductHost host, string shopId, string eventId, string orderId, DateTimeOffset placed)
    {
        using var response = await host.Client.PostEventAsync(shopId, ProductApi.OrderCreated(eventId, orderId, placed));
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
    }

    private static async Task PostShopifyAsync(ProductHost host, string shopId, JsonObject order, string webhookId)
    {
        using var response = await host.Client.PostShopifyAsync(shopId, "orders/create", order, eventId: webhookId, webhookId: webhookId);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Shopify's sample as an unpaid order of one item, like the canonical twin.</summary>
    private static JsonObject ShopifyOrder(string id, DateTimeOffset placed)
    {
        var order = Sample("shopify-orders-create.json");
        order["id"] = JsonNode.Parse(id);
        order["financial_status"] = "pending";
        order["cancelled_at"] = null;
        order["created_at"] = Iso(placed);
        order["updated_at"] = Iso(placed);
        return order;
    }
}
