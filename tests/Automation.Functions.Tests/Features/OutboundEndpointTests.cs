using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Automation.Functions.Tests.Support;
using Automation.Testing;

namespace Automation.Functions.Tests.Features;

/// <summary>
/// Server-side request forgery: a shop's channel URL may not point the product at its own network. Checked when the
/// settings are saved and again when connecting; loopback only in local development.
/// </summary>
[Collection("Azurite")]
public sealed class OutboundEndpointTests(AzuriteFixture azurite)
{
    private static readonly Dictionary<string, string?> Deployed = new() { ["AZURE_FUNCTIONS_ENVIRONMENT"] = "Production" };

    [Theory]
    [InlineData("https://169.254.169.254/latest/meta-data")]
    [InlineData("https://10.0.0.5/hook")]
    [InlineData("https://192.168.1.10/hook")]
    [InlineData("https://[fd00::1]/hook")]
    [InlineData("https://[::ffff:169.254.169.254]/hook")]
    [InlineData("https://0.0.0.0/hook")]
    public async Task PutShop_ChannelOnANonPublicAddress_Answers400NamingTheUrl_AndStoresNothing(string url)
    {
        await using var host = await ProductHost.StartAsync(azurite);
        var shopId = "ssrf-" + Guid.NewGuid().ToString("N")[..8];

        using var response = await host.PutShopAsync(shopId, ProductApi.Shop(new Uri(url)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["customerChannel.url"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        using var get = await host.ShopRequestAsync(HttpMethod.Get, shopId, $"/api/shops/{shopId}");
        Assert.Equal(HttpStatusCode.NotFound, (await host.Client.SendAsync(get)).StatusCode);
    }

    [Fact]
    public async Task PutShop_LoopbackChannel_AllowedInLocalDevelopment_RefusedWhenDeployed()
    {
        var loopback = new Uri("http://127.0.0.1:9/messages");
        var shopId = "ssrf-" + Guid.NewGuid().ToString("N")[..8];

        await using (var local = await ProductHost.StartAsync(azurite))
        {
            Assert.Equal(HttpStatusCode.Created, (await local.PutShopAsync(shopId, ProductApi.Shop(loopback))).StatusCode);
        }

        await using var deployed = await ProductHost.StartAsync(azurite, Deployed);
        using var refused = await deployed.PutShopAsync(shopId + "-p", ProductApi.Shop(new Uri("http://localhost:9/messages")));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
    }

    [Fact]
    public async Task Delivery_ToAnEndpointThatResolvesToLoopbackWhenDeployed_IsRefusedAtConnectTime_AndNothingIsSent()
    {
        // Saved where loopback is allowed, delivered where it is not: the same as a name whose DNS changed after it was
        // checked, since the connect-time check is the only one left between the product and the address.
        await using var sink = await MessageSink.StartAsync();
        var shopId = "ssrf-" + Guid.NewGuid().ToString("N")[..8];
        await using (var local = await ProductHost.StartAsync(azurite))
        {
            Assert.Equal(HttpStatusCode.Created, (await local.PutShopAsync(shopId, ProductApi.Shop(sink.Url))).StatusCode);
            Assert.Equal(HttpStatusCode.Accepted, (await local.Client.PostEventAsync(shopId, ProductApi.OrderCreated("evt-s1", "S1", DateTimeOffset.UtcNow.AddHours(-2)))).StatusCode);
        }

        await using var deployed = await ProductHost.StartAsync(azurite, Deployed);
        await deployed.InvokeTimerAsHostAsync("PaymentReminderSweep");
        var step = await WaitForStateAsync(deployed, shopId, "S1", "failed");

        Assert.Equal("refused_non_public_address", step.GetProperty("reason").GetString());
        Assert.Empty(sink.Received);
    }

    private static async Task<JsonElement> WaitForStateAsync(ProductHost host, string shopId, string orderId, string state)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var step = (await host.GetOrderAsync(shopId, orderId)).Message("payment_reminder", 1);
            if (step.GetProperty("state").GetString() == state || DateTime.UtcNow > deadline)
            {
                Assert.Equal(state, step.GetProperty("state").GetString());
                return step;
            }

            await Task.Delay(200);
        }
    }
}
