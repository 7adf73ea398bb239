using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Automation.Functions.Tests.Support;
using Automation.Testing;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;

namespace Automation.Functions.Tests.Features;

/// <summary>Bad input gets a clear 4xx problem+json naming the problem, and stores nothing.</summary>
[Collection("Azurite")]
public sealed class WebhookAndSettingsApiTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private ProductHost _host = null!;
    private readonly string _shopId = "shop-" + Guid.NewGuid().ToString("N")[..12];

    private HttpClient Client => _host.Client;

    public async Task InitializeAsync()
    {
        _host = await ProductHost.StartAsync(azurite);
        Assert.Equal(HttpStatusCode.Created, (await _host.PutShopAsync(_shopId, ProductApi.Shop())).StatusCode);
    }

    public Task DisposeAsync() => _host.DisposeAsync().AsTask();

    [Fact]
    public async Task GetShop_AfterPut_ReturnsSettingsWithoutSecrets()
    {
        var shop = ProductApi.Shop(new Uri("https://shop.example/messages"), "Asia/Shanghai", new JsonObject { ["start"] = "21:00", ["end"] = "09:00" });
        Assert.Equal(HttpStatusCode.OK, (await _host.PutShopAsync(_shopId, shop)).StatusCode);

        using var request = await _host.ShopRequestAsync(HttpMethod.Get, _shopId, $"/api/shops/{_shopId}");
        using var response = await Client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(ProductApi.WebhookSecret, body, StringComparison.Ordinal);
        Assert.DoesNotContain(ProductApi.ChannelSecret, body, StringComparison.Ordinal);
        var json = JsonDocument.Parse(body).RootElement;
        Assert.True(json.GetProperty("webhookSecretSet").GetBoolean());
        Assert.True(json.GetProperty("customerChannel").GetProperty("secretSet").GetBoolean());
        Assert.Equal("Asia/Shanghai", json.GetProperty("timeZone").GetString());
        Assert.Equal("21:00", json.GetProperty("quietHours").GetProperty("start").GetString());
        Assert.Equal("PT30M", json.GetProperty("paymentReminders").GetProperty("firstAfter").GetString());
    }

    [Fact]
    public async Task GetShop_WithoutFunctionKey_Returns401()
    {
        using var response = await Client.GetAsync($"/api/shops/{_shopId}");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task PutShop_WithManyBadFields_Returns400NamingEveryOne_AndKeepsTheOldSettings()
    {
        var bad = ProductApi.Shop(new Uri("http://shop.example/messages"));
        bad["timeZone"] = "Mars/Olympus";
        bad["webhookSecret"] = "short";
        bad["quietHours"] = new JsonObject { ["start"] = "25:00", ["end"] = "09:00" };
        bad["paymentReminders"]!["firstAfter"] = "thirty minutes";
        bad["paymentReminders"]!["maxPerOrder"] = 9;
        bad["templates"] = new JsonObject { ["payment_reminder"] = new JsonObject { ["en"] = "Pay {orderId} now, {nickname}!" } };

        var response = await _host.PutShopAsync(_shopId, bad);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        foreach (var field in new[] { "timeZone", "webhookSecret", "quietHours.start", "paymentReminders.firstAfter", "paymentReminders.maxPerOrder", "customerChannel.url", "templates.payment_reminder.en" })
        {
            Assert.True(errors.TryGetProperty(field, out _), $"no error for {field} in {errors}");
        }

        using var get = await _host.ShopRequestAsync(HttpMethod.Get, _shopId, $"/api/shops/{_shopId}");
        var stored = await (await Client.SendAsync(get)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("UTC", stored.GetProperty("timeZone").GetString());
    }

    [Theory]
    [InlineData("channel-secret-0123456789", "Standard Webhooks secret")]
    [InlineData("whsec_Y2hhbm5lbC1zZWNyZXQ", "standard base64")]
    public async Task PutShop_ChannelSecretNotWhsec_Returns400NamingCustomerChannelSecret(string secret, string expected)
    {
        var shop = ProductApi.Shop(new Uri("https://shop.example/messages"));
        shop["customerChannel"]!["secret"] = secret;

        var response = await _host.PutShopAsync(_shopId, shop);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(["customerChannel.secret"], errors.EnumerateObject().Select(e => e.Name));
        Assert.Contains(expected, errors.GetProperty("customerChannel.secret")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PutShop_MalformedJson_Returns400Problem()
    {
        using var request = await _host.ShopRequestAsync(
            HttpMethod.Put, _shopId, $"/api/shops/{_shopId}", new StringContent("{\"name\": ", Encoding.UTF8, "application/json"));
        using var response = await Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Event_WithWrongSecret_Returns401()
    {
        var response = await Client.PostEventAsync(_shopId, ProductApi.OrderCreated("e1", "B1", DateTimeOffset.UtcNow), secret: "another-secret-0123456789");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Event_WithStaleTimestamp_Returns401()
    {
        var response = await Client.PostEventAsync(_shopId, ProductApi.OrderCreated("e1", "B1", DateTimeOffset.UtcNow), at: DateTimeOffset.UtcNow.AddMinutes(-6));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Event_WithoutSignature_Returns401()
    {
        using var response = await Client.PostAsync($"/api/shops/{_shopId}/events",
            new StringContent(ProductApi.OrderCreated("e1", "B1", DateTimeOffset.UtcNow).ToJsonString(), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task ConcurrentFirstPuts_OfOneShop_ExactlyOneCreatesIt_TheOthersReplaceOrAreToldToRetry()
    {
        var shopId = _shopId + "-race";

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
        {
            var shop = ProductApi.Shop();
            shop["name"] = $"Writer {i}";
            return _host.PutShopAsync(shopId, shop);
        }));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.All(responses, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.OK, HttpStatusCode.Conflict }));
    }

    [Fact]
    public async Task PutShop_WhoseStoredSettingsNoLongerValidate_IsSavedAgainWithItsSecrets_AndWebhooksWorkAgain()
    {
        // A row saved under older, looser rules: here a lower-case zone id, which today's rules refuse.
        var table = _host.Storage.GetRequiredService<TableServiceClient>().GetTableClient("Shops");
        var row = (await table.GetEntityAsync<TableEntity>(_shopId, "settings")).Value;
        var json = row.GetString("Settings")!;
        Assert.Contains("\"timeZone\":\"UTC\"", json, StringComparison.Ordinal);
        row["Settings"] = json.Replace("\"timeZone\":\"UTC\"", "\"timeZone\":\"utc\"", StringComparison.Ordinal);
        await table.UpdateEntityAsync(row, row.ETag);

        var withoutSecret = ProductApi.Shop();
        withoutSecret.Remove("webhookSecret");
        using var refused = await _host.PutShopAsync(_shopId, withoutSecret);
        using var saved = await _host.PutShopAsync(_shopId, ProductApi.Shop());
        using var webhook = await Client.PostEventAsync(_shopId, ProductApi.OrderCreated("e-again", "B9", DateTimeOffset.UtcNow));

        // Its secrets cannot be kept from a row that no longer loads, so they must be sent again; then all is well.
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.True((await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("webhookSecret", out _));
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, webhook.StatusCode);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Event_ForUnknownShop_AnsweredAsABadSignatureForAKnownShop_SoShopsCannotBeProbed(bool withSignature)
    {
        var evt = ProductApi.OrderCreated("e1", "B1", DateTimeOffset.UtcNow);
        using var unknown = withSignature
            ? await Client.PostEventAsync("no-such-shop", evt)
            : await Client.PostAsync("/api/shops/no-such-shop/events", new StringContent(evt.ToJsonString(), Encoding.UTF8, "application/json"));
        using var known = withSignature
            ? await Client.PostEventAsync(_shopId, evt, secret: "some-other-secret-0123456789")
            : await Client.PostAsync($"/api/shops/{_shopId}/events", new StringContent(evt.ToJsonString(), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal(known.StatusCode, unknown.StatusCode);
        Assert.Equal(await known.Content.ReadAsStringAsync(), await unknown.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Event_MalformedJson_Returns400()
    {
        var response = await Client.PostSignedAsync(_shopId, Encoding.UTF8.GetBytes("{\"id\":\"e1\",\"type\":"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Event_WithInvalidFields_Returns400NamingEach_AndStoresNothing()
    {
        var evt = ProductApi.OrderCreated("e-bad", "B2", DateTimeOffset.UtcNow);
        evt["order"]!["currency"] = "yuan!";
        evt["order"]!["customer"]!["id"] = null;
        var response = await Client.PostEventAsync(_shopId, evt);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("order.currency", out _), errors.ToString());
        Assert.True(errors.TryGetProperty("order.customer.id", out _), errors.ToString());

        using var get = await _host.ShopRequestAsync(HttpMethod.Get, _shopId, $"/api/shops/{_shopId}/orders/B2");
        Assert.Equal(HttpStatusCode.NotFound, (await Client.SendAsync(get)).StatusCode);

        // The same event id, now valid, is accepted: the rejected request consumed nothing.
        var fixedEvent = ProductApi.OrderCreated("e-bad", "B2", DateTimeOffset.UtcNow);
        var retry = await Client.PostEventAsync(_shopId, fixedEvent);
        Assert.Equal("accepted", (await retry.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("order.placedAt", "1600-12-31T23:59:59Z")]
    [InlineData("order.placedAt", "0001-01-01T00:00:00Z")]
    [InlineData("order.placedAt", "9999-12-31T23:59:59Z")]
    [InlineData("order.placedAt", "2026-11-29T16:00:00")]
    [InlineData("order.placedAt", "2026-11-29")]
    [InlineData("occurredAt", "1600-12-31T23:59:59Z")]
    [InlineData("occurredAt", "2026-11-29T16:00:00")]
    [InlineData("order.autoCloseAt", "9999-12-31T23:59:59Z")]
    public async Task Event_WithDateWithoutOffsetOrOutOfRange_Returns400NamingIt_AndStoresNothing(string field, string date)
    {
        var evt = ProductApi.OrderCreated("e-date", "B5", DateTimeOffset.UtcNow);
        if (field == "occurredAt")
        {
            evt["occurredAt"] = date;
        }
        else
        {
            evt["order"]![field["order.".Length..]] = date;
        }

        var response = await Client.PostEventAsync(_shopId, evt);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal([field], errors.EnumerateObject().Select(e => e.Name));

        using var get = await _host.ShopRequestAsync(HttpMethod.Get, _shopId, $"/api/shops/{_shopId}/orders/B5");
        Assert.Equal(HttpStatusCode.NotFound, (await Client.SendAsync(get)).StatusCode);
    }

    [Fact]
    public async Task Event_WithOffsetDate_KeepsTheInstant()
    {
        var evt = ProductApi.OrderCreated("e-offset", "B6", DateTimeOffset.UtcNow);
        evt["order"]!["placedAt"] = "2026-11-29T16:00:00+08:00";

        Assert.Equal(HttpStatusCode.Accepted, (await Client.PostEventAsync(_shopId, evt)).StatusCode);

        var order = await _host.GetOrderAsync(_shopId, "B6");
        Assert.Equal(
            DateTimeOffset.Parse("2026-11-29T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
            order.GetProperty("placedAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task PutShop_WithEmptyQuietHoursOrNonCanonicalZone_Returns400NamingEach()
    {
        var bad = ProductApi.Shop(timeZone: "asia/shanghai", quietHours: new JsonObject { ["start"] = "21:00", ["end"] = "21:00" });

        var response = await _host.PutShopAsync(_shopId, bad);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(["quietHours", "timeZone"], errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task PutShop_NameWithBidiOverride_Returns400NamingName()
    {
        var bad = ProductApi.Shop();
        bad["name"] = "Demo \u202EpohS";

        var response = await _host.PutShopAsync(_shopId, bad);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Contains("U+202E", errors.GetProperty("name")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Event_WithSpoofingCharactersInCustomerName_IsAcceptedAndStoredCleaned()
    {
        var evt = ProductApi.OrderCreated("e-text", "B7", DateTimeOffset.UtcNow);
        evt["order"]!["customer"]!["name"] = "Li\u202E Lei\u0000\u200B";
        evt["order"]!["items"]![0]!["title"] = "Hoo\uFEFFdie";

        Assert.Equal(HttpStatusCode.Accepted, (await Client.PostEventAsync(_shopId, evt)).StatusCode);

        var order = await _host.GetOrderAsync(_shopId, "B7");
        Assert.Equal("Li Lei", order.GetProperty("customer").GetProperty("name").GetString());
        Assert.Equal("Hoodie", order.GetProperty("items")[0].GetProperty("title").GetString());
    }

    [Theory]
    [InlineData("review.created")]
    [InlineData("case.reopened")]
    [InlineData("order.reviewed")]
    public async Task Event_OfTypeNotYetSupported_Returns400NamingTheType(string type)
    {
        var response = await Client.PostEventAsync(_shopId, ProductApi.StatusEvent("e-t", type, "B3"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        var message = errors.GetProperty("type")[0].GetString()!;
        Assert.Contains(type, message, StringComparison.Ordinal);

        // The list names every type the endpoint accepts, the case and review types included.
        Assert.All(
            ["order.created", "order.paid", "order.shipped", "order.delivered", "order.completed", "order.cancelled", "order.closed",
             "shipment.exception", "customer.message", "review.posted", "case.opened", "case.updated", "case.closed"],
            accepted => Assert.Contains(accepted, message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Event_OverSizeLimit_Returns413()
    {
        var evt = ProductApi.OrderCreated("e-big", "B4", DateTimeOffset.UtcNow);
        evt["padding"] = new string('x', 300 * 1024);
        var response = await Client.PostEventAsync(_shopId, evt);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Event_NotJson_Returns415()
    {
        var response = await Client.PostSignedAsync(_shopId, Encoding.UTF8.GetBytes("id=e1"), contentType: "application/x-www-form-urlencoded");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }
}
