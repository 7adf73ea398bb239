using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Automation.Functions.Tests.Support;
using Automation.Storage.Stores;
using Automation.Testing;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;

namespace Automation.Functions.Tests.Features;

/// <summary>
/// Tenant isolation: function keys are only the platform's gate; a shop's data is reached with one of its own keys,
/// agent keys reach no shop data, keys are stored hashed, and the master key issues, rotates and revokes them.
/// </summary>
[Collection("Azurite")]
public sealed class ApiKeyAccessTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly string _shopId = "keys-" + Guid.NewGuid().ToString("N")[..10];
    private readonly string _otherShopId = "keys-" + Guid.NewGuid().ToString("N")[..10];
    private ProductHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await ProductHost.StartAsync(azurite);
        Assert.Equal(HttpStatusCode.Created, (await _host.PutShopAsync(_shopId, ProductApi.Shop())).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await _host.PutShopAsync(_otherShopId, ProductApi.Shop())).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await _host.Client.PostEventAsync(_shopId, ProductApi.OrderCreated("e-1", "K1", DateTimeOffset.UtcNow))).StatusCode);
    }

    public Task DisposeAsync() => _host.DisposeAsync().AsTask();

    [Theory]
    [InlineData("GET", "")]
    [InlineData("GET", "/orders/K1")]
    [InlineData("PUT", "")]
    public async Task ShopApi_FunctionKeyWithoutApiKey_Answers401WithBearerChallenge(string method, string path)
    {
        using var request = ProductHost.WithKeys(new HttpRequestMessage(new HttpMethod(method), $"/api/shops/{_shopId}{path}")
        {
            Content = method == "PUT" ? JsonContent.Create(ProductApi.Shop(timeZone: "Asia/Tokyo")) : null,
        }, apiKey: null);

        using var response = await _host.Client.SendAsync(request);

        await AssertUnauthenticatedAsync(response);
        var stored = await _host.Storage.GetRequiredService<ShopStore>().GetAsync(_shopId, CancellationToken.None);
        Assert.Equal("UTC", stored!.TimeZoneId);
    }

    [Fact]
    public async Task ShopKey_OfAnotherShop_Answers401_ExactlyAsForAShopThatDoesNotExist()
    {
        var otherShopsKey = await _host.ShopKeyAsync(_otherShopId);

        using var existing = await _host.Client.SendAsync(ProductHost.WithKeys(new(HttpMethod.Get, $"/api/shops/{_shopId}/orders/K1"), otherShopsKey));
        using var missing = await _host.Client.SendAsync(ProductHost.WithKeys(new(HttpMethod.Get, "/api/shops/no-such-shop-here/orders/K1"), otherShopsKey));
        using var own = await _host.Client.SendAsync(ProductHost.WithKeys(new(HttpMethod.Get, $"/api/shops/{_otherShopId}"), otherShopsKey));

        await AssertUnauthenticatedAsync(existing);
        await AssertUnauthenticatedAsync(missing);
        Assert.Equal(
            (await existing.Content.ReadAsStringAsync()).Replace(_shopId, "{shop}", StringComparison.Ordinal),
            (await missing.Content.ReadAsStringAsync()).Replace("no-such-shop-here", "{shop}", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
    }

    [Fact]
    public async Task ShopKey_TamperedSecret_Answers401()
    {
        var key = await _host.ShopKeyAsync(_shopId);
        var tampered = key[..^1] + (key[^1] == 'A' ? 'B' : 'A');

        using var response = await _host.Client.SendAsync(ProductHost.WithKeys(new(HttpMethod.Get, $"/api/shops/{_shopId}"), tampered));

        await AssertUnauthenticatedAsync(response);
    }

    [Fact]
    public async Task AgentKey_CannotReachSettingsOrOrders_Answers403()
    {
        var agentKey = await IssueAsync(new JsonObject { ["scope"] = "agent", ["agentId"] = "agent-7" });

        using var settings = await _host.Client.SendAsync(ProductHost.WithKeys(new(HttpMethod.Get, $"/api/shops/{_shopId}"), agentKey.Key));
        using var order = await _host.Client.SendAsync(ProductHost.WithKeys(new(HttpMethod.Get, $"/api/shops/{_shopId}/orders/K1"), agentKey.Key));

        Assert.Equal(HttpStatusCode.Forbidden, settings.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, order.StatusCode);
        Assert.Equal("application/problem+json", order.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("Li Lei", await order.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(ProductHost.ProductFunctionKey)]
    public async Task KeyAdministration_WithoutTheMasterKey_IsRefusedByTheHost(string? functionKey)
    {
        var shopKey = await _host.ShopKeyAsync(_shopId);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/shops/{_shopId}/keys") { Content = JsonContent.Create(new JsonObject { ["scope"] = "shop" }) };
        request.Headers.Authorization = new("Bearer", shopKey);
        if (functionKey is not null)
        {
            request.Headers.Add("x-functions-key", functionKey);
        }

        using var response = await _host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task IssuedKey_IsStoredOnlyAsAHash_AndListedWithoutSecrets()
    {
        var issued = await IssueAsync(new JsonObject { ["scope"] = "shop", ["name"] = "ops laptop" });
        var secret = issued.Key.Split('.')[2];

        var table = _host.Storage.GetRequiredService<TableServiceClient>().GetTableClient(StoreTables.ApiKeys);
        var row = (await table.GetEntityAsync<TableEntity>(_shopId, issued.KeyId)).Value;
        using var list = await _host.AdminAsync(HttpMethod.Get, $"/api/shops/{_shopId}/keys");
        var listed = await list.Content.ReadAsStringAsync();

        Assert.All(((IDictionary<string, object>)row).Values, value => Assert.DoesNotContain(secret, value?.ToString() ?? "", StringComparison.Ordinal));
        Assert.DoesNotContain(secret, listed, StringComparison.Ordinal);
        Assert.DoesNotContain(row.GetString("SecretHash"), listed, StringComparison.Ordinal);
        var entry = JsonDocument.Parse(listed).RootElement.GetProperty("keys").EnumerateArray().Single(k => k.GetProperty("keyId").GetString() == issued.KeyId);
        Assert.Equal("ops laptop", entry.GetProperty("name").GetString());
        Assert.Equal("shop", entry.GetProperty("scope").GetString());
    }

    [Fact]
    public async Task Rotate_KeepsTheOldKeyThroughItsGrace_AndTheNewKeyWorksAtOnce()
    {
        var old = await IssueAsync(new JsonObject { ["scope"] = "shop" });

        using var rotated = await _host.AdminAsync(HttpMethod.Post, $"/api/shops/{_shopId}/keys/{old.KeyId}/rotate", new JsonObject { ["previousValidFor"] = "PT1H" });
        Assert.Equal(HttpStatusCode.Created, rotated.StatusCode);
        var body = await rotated.Content.ReadFromJsonAsync<JsonElement>();
        var replaces = body.GetProperty("replaces");

        Assert.Equal(old.KeyId, replaces.GetProperty("keyId").GetString());
        Assert.InRange(replaces.GetProperty("expiresAt").GetDateTimeOffset() - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(58), TimeSpan.FromMinutes(61));
        Assert.Equal(HttpStatusCode.OK, await GetShopStatusAsync(old.Key));
        Assert.Equal(HttpStatusCode.OK, await GetShopStatusAsync(body.GetProperty("key").GetString()!));
        using var again = await _host.AdminAsync(HttpMethod.Post, $"/api/shops/{_shopId}/keys/{old.KeyId}/rotate");
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode); // rotated once: its successor is the one to rotate
    }

    [Fact]
    public async Task Rotate_WithNoGrace_EndsTheOldKeyAtOnce()
    {
        var old = await IssueAsync(new JsonObject { ["scope"] = "shop" });

        using var rotated = await _host.AdminAsync(HttpMethod.Post, $"/api/shops/{_shopId}/keys/{old.KeyId}/rotate", new JsonObject { ["previousValidFor"] = "PT0S" });
        var replacement = (await rotated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!;

        Assert.Equal(HttpStatusCode.Unauthorized, await GetShopStatusAsync(old.Key));
        Assert.Equal(HttpStatusCode.OK, await GetShopStatusAsync(replacement));
        using var again = await _host.AdminAsync(HttpMethod.Post, $"/api/shops/{_shopId}/keys/{old.KeyId}/rotate");
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    [Fact]
    public async Task Rotate_TwiceAtOnce_OneWins_TheOtherAnswers409()
    {
        var old = await IssueAsync(new JsonObject { ["scope"] = "shop" });

        var answers = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ =>
            _host.AdminAsync(HttpMethod.Post, $"/api/shops/{_shopId}/keys/{old.KeyId}/rotate", new JsonObject { ["previousValidFor"] = "PT1H" })));

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Conflict], answers.Select(a => a.StatusCode).Order());
        using var list = await _host.AdminAsync(HttpMethod.Get, $"/api/shops/{_shopId}/keys");
        var keys = (await list.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("keys").EnumerateArray().ToList();
        var shopKeyOfTheHarness = (await _host.ShopKeyAsync(_shopId)).Split('.')[1];
        Assert.Single(keys, k => k.GetProperty("keyId").GetString() is { } id && id != old.KeyId && id != shopKeyOfTheHarness);
    }

    [Fact]
    public async Task Revoke_StopsTheKeyAtOnce()
    {
        var issued = await IssueAsync(new JsonObject { ["scope"] = "shop" });
        Assert.Equal(HttpStatusCode.OK, await GetShopStatusAsync(issued.Key));

        using var revoked = await _host.AdminAsync(HttpMethod.Delete, $"/api/shops/{_shopId}/keys/{issued.KeyId}");
        using var again = await _host.AdminAsync(HttpMethod.Delete, $"/api/shops/{_shopId}/keys/{issued.KeyId}");

        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await GetShopStatusAsync(issued.Key));
    }

    [Fact]
    public async Task Key_PastItsValidity_Answers401()
    {
        var issued = await IssueAsync(new JsonObject { ["scope"] = "shop", ["validFor"] = "PT1S" });
        Assert.Equal(HttpStatusCode.OK, await GetShopStatusAsync(issued.Key));

        await Task.Delay(TimeSpan.FromSeconds(1.5));

        Assert.Equal(HttpStatusCode.Unauthorized, await GetShopStatusAsync(issued.Key));
    }

    [Fact]
    public async Task Issue_BadRequest_Answers400NamingEachField_AndStoresNoKey()
    {
        using var response = await _host.AdminAsync(HttpMethod.Post, $"/api/shops/{_shopId}/keys",
            new JsonObject { ["scope"] = "agent", ["validFor"] = "forever", ["name"] = "bad\u202Ename" });
        using var list = await _host.AdminAsync(HttpMethod.Get, $"/api/shops/{_shopId}/keys");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(["agentId", "name", "validFor"], errors.EnumerateObject().Select(e => e.Name).Order());
        Assert.Single((await list.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("keys").EnumerateArray());
    }

    [Fact]
    public async Task ShopKey_IssuedBeforeTheShopExists_CreatesIt()
    {
        var newShop = "keys-new-" + Guid.NewGuid().ToString("N")[..8];

        using var before = await _host.Client.SendAsync(await _host.ShopRequestAsync(HttpMethod.Get, newShop, $"/api/shops/{newShop}"));
        using var created = await _host.PutShopAsync(newShop, ProductApi.Shop());

        Assert.Equal(HttpStatusCode.NotFound, before.StatusCode);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
    }

    private async Task<HttpStatusCode> GetShopStatusAsync(string apiKey)
    {
        using var response = await _host.Client.SendAsync(ProductHost.WithKeys(new(HttpMethod.Get, $"/api/shops/{_shopId}"), apiKey));
        return response.StatusCode;
    }

    private async Task<(string KeyId, string Key)> IssueAsync(JsonObject request)
    {
        using var response = await _host.AdminAsync(HttpMethod.Post, $"/api/shops/{_shopId}/keys", request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (body.GetProperty("keyId").GetString()!, body.GetProperty("key").GetString()!);
    }

    private static async Task AssertUnauthenticatedAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("API key", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
