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
    private readonly AzuriteFixture _azurite;
    private readonly IReadOnlyDictionary<string, string?>? _settings;
    private readonly List<ProductHost> _otherHosts = [];

    private ShopScenario(AzuriteFixture azurite, IReadOnlyDictionary<string, string?>? settings, ProductHost host, MessageSink sink, string shopId)
    {
        _azurite = azurite;
        _settings = settings;
        Host = host;
        Sink = sink;
        ShopId = shopId;
    }

    public ProductHost Host { get; }

    public MessageSink Sink { get; }

    public string ShopId { get; }

    /// <param name="configure">Changes to the default test shop (<see cref="ProductApi.Shop"/>) before it is created.</param>
    /// <param name="settings">App settings for the product's host (see <see cref="ProductHost.StartAsync"/>).</param>
    public static async Task<ShopScenario> StartAsync(
        AzuriteFixture azurite, string prefix, Action<JsonObject>? configure = null, int maxPerOrder = 2, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var sink = await MessageSink.StartAsync();
        var host = await ProductHost.StartAsync(azurite, settings);
        var shopId = prefix + "-" + Guid.NewGuid().ToString("N")[..10];
        var shop = ProductApi.Shop(sink.Url, maxPerOrder: maxPerOrder);
        configure?.Invoke(shop);
        Assert.Equal(HttpStatusCode.Created, (await host.PutShopAsync(shopId, shop)).StatusCode);
        return new ShopScenario(azurite, settings, host, sink, shopId);
    }

    /// <summary>Another instance of the product (its own worker process) on the same storage and settings, stopped with the scenario.</summary>
    public async Task<ProductHost> StartAnotherHostAsync()
    {
        var host = await ProductHost.StartAsync(_azurite, _settings);
        _otherHosts.Add(host);
        return host;
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

    /// <summary>Runs the shop's morning sweep now (master key) on <paramref name="host"/> (the scenario's own unless given) and returns its answer.</summary>
    public async Task<JsonElement> SweepAsync(ProductHost? host = null)
    {
        host ??= Host;
        using var response = await host.AdminAsync(HttpMethod.Post, $"/api/shops/{ShopId}/sweep");
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync() + "\n" + host.RecentOutput);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Runs the shop's noon escalation now (master key) on <paramref name="host"/> (the scenario's own unless given) and returns its answer.</summary>
    public async Task<JsonElement> EscalateAsync(ProductHost? host = null)
    {
        host ??= Host;
        using var response = await host.AdminAsync(HttpMethod.Post, $"/api/shops/{ShopId}/sweep/escalate");
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync() + "\n" + host.RecentOutput);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var other in _otherHosts)
        {
            await other.DisposeAsync();
        }

        await Host.DisposeAsync();
        await Sink.DisposeAsync();
    }
}
