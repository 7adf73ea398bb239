using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Automation.Functions.Tests.Support;

/// <summary>Builders and calls for the product's public contract: shop settings, signed events, order views.</summary>
internal static class ProductApi
{
    public const string WebhookSecret = "webhook-secret-0123456789";
    /// <summary>The customer channel's signing secret, in the Standard Webhooks form a new shop must use.</summary>
    public const string ChannelSecret = "whsec_Y2hhbm5lbC1zZWNyZXQtMDEyMzQ1Njc4OWFiY2RlZg==";

    /// <summary>An agent's webhook signing secret, in the Standard Webhooks form.</summary>
    public const string AgentWebhookSecret = "whsec_YWdlbnQtd2ViaG9vay1zZWNyZXQtMDEyMzQ1Njc4OQ==";

    public static JsonObject Shop(Uri? channel = null, string timeZone = "UTC", JsonNode? quietHours = null, int maxPerOrder = 2) => new()
    {
        ["name"] = "Demo Shop",
        ["timeZone"] = timeZone,
        ["locale"] = "en",
        ["webhookSecret"] = WebhookSecret,
        ["quietHours"] = quietHours,
        ["paymentReminders"] = new JsonObject
        {
            ["enabled"] = true,
            ["firstAfter"] = "PT30M",
            ["lastBeforeClose"] = "PT3H",
            ["autoCloseAfter"] = "PT24H",
            ["maxPerOrder"] = maxPerOrder,
        },
        ["customerChannel"] = channel is null ? null : new JsonObject { ["url"] = channel.ToString(), ["secret"] = ChannelSecret },
    };

    /// <summary>An email customer channel that sends through <paramref name="sink"/> (plain SMTP, signed in), from the shop's address.</summary>
    public static JsonObject EmailChannel(MailSink sink, string from = "service@demo-shop.example", string? replyTo = "help@demo-shop.example") => new()
    {
        ["type"] = "email",
        ["smtp"] = new JsonObject
        {
            ["host"] = "127.0.0.1",
            ["port"] = sink.Port,
            ["security"] = "none",
            ["username"] = MailSink.Username,
            ["password"] = MailSink.Password,
        },
        ["from"] = from,
        ["replyTo"] = replyTo,
    };

    /// <summary>An order.created; each order has its own buyer (<c>c-{orderId}</c>) unless <paramref name="customerId"/> names one.</summary>
    public static JsonObject OrderCreated(string eventId, string orderId, DateTimeOffset placedAt, string? customerId = null) => new()
    {
        ["id"] = eventId,
        ["type"] = "order.created",
        ["occurredAt"] = placedAt.ToString("O", CultureInfo.InvariantCulture),
        ["order"] = new JsonObject
        {
            ["id"] = orderId,
            ["placedAt"] = placedAt.ToString("O", CultureInfo.InvariantCulture),
            ["autoCloseAt"] = null,
            ["total"] = 199.00m,
            ["currency"] = "CNY",
            ["payUrl"] = "https://shop.example/pay/" + orderId,
            ["customer"] = new JsonObject { ["id"] = customerId ?? "c-" + orderId, ["name"] = "Li Lei", ["phone"] = "+86 138 0000 0000", ["email"] = "li@example.com", ["locale"] = "en" },
            ["items"] = new JsonArray(new JsonObject { ["sku"] = "HD-M", ["title"] = "Hoodie", ["quantity"] = 1, ["price"] = 199.00m }),
        },
    };

    /// <summary>An order.shipped event for one shipment; without <paramref name="trackingUrl"/> the product builds the link.</summary>
    public static JsonObject Shipped(string eventId, string orderId, string shipmentId, string trackingNumber, string? trackingUrl = null, string carrier = "SF Express")
    {
        var evt = StatusEvent(eventId, "order.shipped", orderId);
        evt["order"]!["shipment"] = new JsonObject { ["id"] = shipmentId, ["carrier"] = carrier, ["trackingNumber"] = trackingNumber, ["trackingUrl"] = trackingUrl };
        return evt;
    }

    /// <summary>A review.posted event by the order's buyer (named and with a phone, which the reply must never show).</summary>
    public static JsonObject ReviewPosted(string eventId, string reviewId, string orderId, int rating, string text) => new()
    {
        ["id"] = eventId,
        ["type"] = "review.posted",
        ["occurredAt"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
        ["review"] = new JsonObject
        {
            ["id"] = reviewId,
            ["orderId"] = orderId,
            ["rating"] = rating,
            ["text"] = text,
            ["postedAt"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
            ["platform"] = "taobao",
        },
        ["customer"] = new JsonObject { ["id"] = "c-" + orderId, ["name"] = "李雷", ["phone"] = "13800000000" },
    };

    /// <summary>An active agent with room for 20 tasks, named by their id, reached on <paramref name="channel"/>.</summary>
    public static JsonObject Agent(string id, string[] roles, JsonObject channel) => new()
    {
        ["id"] = id,
        ["name"] = id,
        ["roles"] = new JsonArray([.. roles.Select(r => (JsonNode)r)]),
        ["active"] = true,
        ["maxOpenTasks"] = 20,
        ["channel"] = channel,
    };

    /// <summary>An agent's channel that is the product's own signed webhook, posting to <paramref name="sink"/>.</summary>
    public static JsonObject AgentWebhook(MessageSink sink, string secret = AgentWebhookSecret) =>
        new() { ["type"] = "webhook", ["url"] = sink.Url.ToString(), ["secret"] = secret };

    /// <summary>A case.opened for a refund or return, opened at <paramref name="openedAt"/>, optionally already a platform dispute.</summary>
    public static JsonObject CaseOpened(string eventId, string caseId, string orderId, string kind, DateTimeOffset openedAt, bool escalated = false) => new()
    {
        ["id"] = eventId,
        ["type"] = "case.opened",
        ["occurredAt"] = openedAt.ToString("O", CultureInfo.InvariantCulture),
        ["case"] = new JsonObject
        {
            ["id"] = caseId,
            ["orderId"] = orderId,
            ["kind"] = kind,
            ["openedAt"] = openedAt.ToString("O", CultureInfo.InvariantCulture),
            ["amount"] = 199.00m,
            ["currency"] = "CNY",
            ["escalated"] = escalated,
        },
    };

    /// <summary>A case.updated moving a case to <paramref name="status"/> at <paramref name="at"/>.</summary>
    public static JsonObject CaseUpdated(string eventId, string caseId, string orderId, string kind, string status, DateTimeOffset at) => new()
    {
        ["id"] = eventId,
        ["type"] = "case.updated",
        ["occurredAt"] = at.ToString("O", CultureInfo.InvariantCulture),
        ["case"] = new JsonObject { ["id"] = caseId, ["orderId"] = orderId, ["kind"] = kind, ["status"] = status },
    };

    public static JsonObject StatusEvent(string eventId, string type, string orderId) => new()
    {
        ["id"] = eventId,
        ["type"] = type,
        ["occurredAt"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
        ["order"] = new JsonObject { ["id"] = orderId },
    };

    /// <summary>Ops save a shop's settings, with the function key and the shop's key.</summary>
    public static async Task<HttpResponseMessage> PutShopAsync(this ProductHost host, string shopId, JsonObject shop) =>
        await host.Client.SendAsync(await host.ShopRequestAsync(
            HttpMethod.Put, shopId, $"/api/shops/{shopId}", new StringContent(shop.ToJsonString(), Encoding.UTF8, "application/json")));

    public static Task<HttpResponseMessage> PostEventAsync(this HttpClient client, string shopId, JsonObject evt, string secret = WebhookSecret, DateTimeOffset? at = null) =>
        client.PostSignedAsync(shopId, Encoding.UTF8.GetBytes(evt.ToJsonString()), secret, at);

    public static async Task<HttpResponseMessage> PostSignedAsync(
        this HttpClient client, string shopId, byte[] body, string secret = WebhookSecret, DateTimeOffset? at = null, string contentType = "application/json")
    {
        var timestamp = (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/shops/{shopId}/events") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new(contentType);
        request.Headers.Add("X-Automation-Timestamp", timestamp);
        request.Headers.Add("X-Automation-Signature", Sign(secret, timestamp, body));
        return await client.SendAsync(request);
    }

    /// <summary>The signature, computed here independently of the product's code.</summary>
    public static string Sign(string secret, string timestamp, byte[] body)
    {
        var signed = Encoding.UTF8.GetBytes(timestamp + ".").Concat(body).ToArray();
        return "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
    }

    /// <summary>Ops read an order, with the function key and the shop's key.</summary>
    public static async Task<JsonElement> GetOrderAsync(this ProductHost host, string shopId, string orderId)
    {
        using var request = await host.ShopRequestAsync(HttpMethod.Get, shopId, $"/api/shops/{shopId}/orders/{orderId}");
        using var response = await host.Client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>
    /// Reads the order view until its message (kind, step) has <paramref name="property"/> (state, reason) equal to
    /// <paramref name="expected"/>, and fails with the last value seen after 45 s. Returns the order as last read.
    /// </summary>
    public static async Task<JsonElement> WaitForMessageAsync(this ProductHost host, string shopId, string orderId, string kind, int step, string property, string expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(45);
        while (true)
        {
            var order = await host.GetOrderAsync(shopId, orderId);
            var actual = order.Message(kind, step).TryGetProperty(property, out var value) ? value.GetString() : null;
            if (actual == expected || DateTime.UtcNow > deadline)
            {
                Assert.Equal(expected, actual);
                return order;
            }

            await Task.Delay(200);
        }
    }

    public static JsonElement Message(this JsonElement order, string kind, int step) =>
        order.GetProperty("messages").EnumerateArray().Single(m => m.GetProperty("kind").GetString() == kind && m.GetProperty("step").GetInt32() == step);
}
