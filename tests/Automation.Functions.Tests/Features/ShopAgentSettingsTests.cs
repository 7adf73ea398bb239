using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Automation.Functions.Tests.Support;
using Automation.Testing;

namespace Automation.Functions.Tests.Features;

/// <summary>
/// The shop's agents as ops read them back (never a channel URL or secret: a robot's URL is its credential), and
/// their channel URLs held to the customer channel's rule on save: public addresses only, loopback in local development.
/// </summary>
[Collection("Azurite")]
public sealed class ShopAgentSettingsTests(AzuriteFixture azurite)
{
    private static readonly Dictionary<string, string?> Deployed = new() { ["AZURE_FUNCTIONS_ENVIRONMENT"] = "Production" };

    [Fact]
    public async Task GetShop_WithAgents_ShowsThemWithChannelTypeAndOnlyWhetherUrlAndSecretAreSet()
    {
        await using var host = await ProductHost.StartAsync(azurite);
        var shopId = "agents-" + Guid.NewGuid().ToString("N")[..8];
        var shop = ProductApi.Shop(new Uri("http://127.0.0.1:9/messages"));
        shop["agents"] = new JsonArray(
            Agent("ann", "webhook", "http://127.0.0.1:9/agents/ann-hook", "whsec_YW5uLXNpZ25pbmctc2VjcmV0LTAxMjM0NTY3ODlhYmM=", ["after_sale", "supervisor"]),
            Agent("bob", "slack", "http://localhost:9/services/T000/B000/bob-robot-token", secret: null, ["complaints"], maxOpenTasks: 5, active: false));
        Assert.Equal(HttpStatusCode.Created, (await host.PutShopAsync(shopId, shop)).StatusCode);

        using var response = await host.Client.SendAsync(await host.ShopRequestAsync(HttpMethod.Get, shopId, $"/api/shops/{shopId}"));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var agents = JsonDocument.Parse(body).RootElement.GetProperty("agents").EnumerateArray().ToList();
        Assert.Equal(2, agents.Count);
        var ann = agents[0];
        Assert.Equal(("ann", "Ann", true, 20), (ann.GetProperty("id").GetString(), ann.GetProperty("name").GetString(), ann.GetProperty("active").GetBoolean(), ann.GetProperty("maxOpenTasks").GetInt32()));
        Assert.Equal(["after_sale", "supervisor"], ann.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(["type", "urlSet", "secretSet"], ann.GetProperty("channel").EnumerateObject().Select(p => p.Name));
        Assert.Equal(("webhook", true, true), (ann.GetProperty("channel").GetProperty("type").GetString(), ann.GetProperty("channel").GetProperty("urlSet").GetBoolean(), ann.GetProperty("channel").GetProperty("secretSet").GetBoolean()));
        var bob = agents[1];
        Assert.Equal(("slack", false, 5), (bob.GetProperty("channel").GetProperty("type").GetString(), bob.GetProperty("active").GetBoolean(), bob.GetProperty("maxOpenTasks").GetInt32()));
        Assert.False(bob.GetProperty("channel").GetProperty("secretSet").GetBoolean());
        Assert.DoesNotContain("ann-hook", body, StringComparison.Ordinal);
        Assert.DoesNotContain("bob-robot-token", body, StringComparison.Ordinal);
        Assert.DoesNotContain("ann-signing-secret", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PutShop_AgentChannelOnLoopback_AllowedInLocalDevelopment_RefusedWhenDeployedNamingTheAgent()
    {
        var shopId = "agents-" + Guid.NewGuid().ToString("N")[..8];
        var shop = ProductApi.Shop(channel: null);
        shop["agents"] = new JsonArray(
            Agent("ann", "webhook", "https://1.1.1.1/hook", "whsec_YW5uLXNpZ25pbmctc2VjcmV0LTAxMjM0NTY3ODlhYmM=", ["after_sale"]),
            Agent("bob", "webhook", "http://localhost:9/hook", "whsec_Ym9iLXNpZ25pbmctc2VjcmV0LTAxMjM0NTY3ODlhYmM=", ["after_sale"]));

        await using (var local = await ProductHost.StartAsync(azurite))
        {
            Assert.Equal(HttpStatusCode.Created, (await local.PutShopAsync(shopId, shop.DeepClone().AsObject())).StatusCode);
        }

        await using var deployed = await ProductHost.StartAsync(azurite, Deployed);
        using var refused = await deployed.PutShopAsync(shopId + "-p", shop);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["agents[1].channel.url"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        using var get = await deployed.ShopRequestAsync(HttpMethod.Get, shopId + "-p", $"/api/shops/{shopId}-p");
        Assert.Equal(HttpStatusCode.NotFound, (await deployed.Client.SendAsync(get)).StatusCode);
    }

    private static JsonObject Agent(string id, string type, string url, string? secret, string[] roles, int? maxOpenTasks = null, bool active = true) => new()
    {
        ["id"] = id,
        ["name"] = char.ToUpperInvariant(id[0]) + id[1..],
        ["roles"] = new JsonArray([.. roles.Select(r => JsonValue.Create(r))]),
        ["active"] = active,
        ["maxOpenTasks"] = maxOpenTasks,
        ["channel"] = new JsonObject { ["type"] = type, ["url"] = url, ["secret"] = secret },
    };
}
