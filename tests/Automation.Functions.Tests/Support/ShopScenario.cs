using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Automation.Testing;

namespace Automation.Functions.Tests.Support;

/// <summary>
/// One shop on the running product, with its customer channel pointed at a local sink: what the flow tests start
/// from. Events go in signed, as the shop's platform sends them; tasks come out through the shop's key.
/// </summary>
internal sealed class ShopScenario : IAsyncDisposable
{
    private ShopScenario(ProductHost host, MessageSink sink, string shopId)
    {
        Host = host;
        Sink = sink;
        ShopId = shopId;
    }

    public ProductHost Host { get; }

    public MessageSink Sink { get; }

    public string ShopId { get; }

    /// <param name="configure">Changes to the default test shop (<see cref="ProductApi.Shop"/>) before it is created.</param>
    public static async Task<ShopScenario> StartAsync(AzuriteFixture azurite, string prefix, Action<JsonObject>? configure = null, int maxPerOrder = 2)
    {
        var sink = await MessageSink.StartAsync();
        var host = await ProductHost.StartAsync(azurite);
        var shopId = prefix + "-" + Guid.NewGuid().ToString("N")[..10];
        var shop = ProductApi.Shop(sink.Url, maxPerOrder: maxPerOrder);
        configure?.Invoke(shop);
        Assert.Equal(HttpStatusCode.Created, (await host.PutShopAsync(shopId, shop)).StatusCode);
        return new ShopScenario(host, sink, shopId);
    }

    /// <summary>Posts a signed event and asserts it was accepted (202), showing the problem otherwise.</summary>
    public async Task PostAsync(JsonObject evt)
    {
        using var response = await Host.Client.PostEventAsync(ShopId, evt);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The shop's tasks as ops see them (shop key), with the query given (e.g. <c>state=open</c>).</summary>
    public async Task<List<JsonElement>> TasksAsync(string query = "")
    {
        using var response = await Host.Client.SendAsync(await Host.ShopRequestAsync(HttpMethod.Get, ShopId, $"/api/shops/{ShopId}/tasks?{query}"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("tasks").EnumerateArray()];
    }

    public Task<JsonElement> OrderAsync(string orderId) => Host.GetOrderAsync(ShopId, orderId);

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Sink.DisposeAsync();
    }
}
