using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Automation.Functions.Tests.Support;
using Automation.Testing;
using static Automation.Functions.Tests.Support.PlatformSenders;

namespace Automation.Functions.Tests.Features;

/// <summary>
/// Shopify's and WooCommerce's own webhooks, signed and sent as the platforms send them, drive the jobs end to end
/// through the real worker against Azurite: reminders, notices, follow-ups and cases, with repeats and reordering
/// changing nothing.
/// </summary>
[Collection("Azurite")]
public sealed class PlatformWebhookFlowTests(AzuriteFixture azurite) : IAsyncLifetime
{
    /// <summary>The sample's order id: above 2^53, so a double would round it.</summary>
    private const string OrderId = "820982911946154508";

    private ShopScenario _scenario = null!;

    private HttpClient Client => _scenario.Host.Client;

    private string ShopId => _scenario.ShopId;

    public async Task InitializeAsync() =>
        _scenario = await ShopScenario.StartAsync(azurite, "plat", shop => shop["platforms"] = Platforms());

    public Task DisposeAsync() => _scenario.DisposeAsync().AsTask();

    [Fact]
    public async Task Shopify_OrderLifecycle_RemindsUntilPaid_NotifiesEachFulfillment_FollowsUpDelivery_AndOpensACaseForAReturn()
    {
        var placed = DateTimeOffset.UtcNow.AddHours(-2);
        var created = ShopifyOrder("pending", placed, updated: placed);
        var (eventId, webhookId) = (Guid.NewGuid().ToString(), Guid.NewGuid().ToString());

        var first = await AnswerAsync(await Client.PostShopifyAsync(ShopId, "orders/create", created, eventId, webhookId));
        var repeat = await AnswerAsync(await Client.PostShopifyAsync(ShopId, "orders/create", created, eventId, webhookId));
        await _scenario.Host.InvokeTimerAsHostAsync("PaymentReminderSweep");
        var reminder = Assert.Single(await _scenario.Sink.WaitForDeliveredAsync(1));

        Assert.Equal("accepted", first.GetProperty("status").GetString());
        Assert.Equal("duplicate", repeat.GetProperty("status").GetString());
        Assert.Equal($"{ShopId}:{OrderId}:payment_reminder:1", reminder.Json.GetProperty("messageId").GetString());

        // Paid: no reminder after it, however many sweeps.
        var paid = await AnswerAsync(await Client.PostShopifyAsync(ShopId, "orders/paid", ShopifyOrder("paid", placed, updated: DateTimeOffset.UtcNow)));
        await _scenario.Host.InvokeTimerAsHostAsync("PaymentReminderSweep");
        Assert.Equal("accepted", paid.GetProperty("status").GetString());
        var afterPayment = await _scenario.OrderAsync(OrderId);
        Assert.Equal("paid", afterPayment.GetProperty("status").GetString());
        Assert.Equal("skipped", afterPayment.Message("payment_reminder", 2).GetProperty("state").GetString());

        // Each fulfillment is a shipment with its notice, with Shopify's carrier and link.
        await AnswerAsync(await Client.PostShopifyAsync(ShopId, "fulfillments/create", Fulfillment("4755985891482", "1Z999AA10123456784")));
        await AnswerAsync(await Client.PostShopifyAsync(ShopId, "fulfillments/create", Fulfillment("4755985891483", "1Z999AA10123456785")));
        var notices = (await _scenario.Sink.WaitForDeliveredAsync(3)).Where(m => m.Json.GetProperty("kind").GetString() == "shipping_notice").ToList();
        Assert.Equal(2, notices.Count);
        Assert.Contains(notices, n => n.Json.GetProperty("text").GetString()!.Contains("1Z999AA10123456785", StringComparison.Ordinal));

        // The carrier's "delivered" scan, four days ago: the follow-up is due.
        var scan = new JsonObject
        {
            ["id"] = 944956395,
            ["fulfillment_id"] = 4755985891482,
            ["order_id"] = JsonNode.Parse(OrderId),
            ["status"] = "delivered",
            ["happened_at"] = Iso(DateTimeOffset.UtcNow.AddDays(-4)),
        };
        await AnswerAsync(await Client.PostShopifyAsync(ShopId, "fulfillment_events/create", scan));
        await _scenario.Host.InvokeTimerAsHostAsync("PaymentReminderSweep");
        var all = await _scenario.Sink.WaitForDeliveredAsync(4);
        Assert.Single(all, m => m.Json.GetProperty("kind").GetString() == "follow_up");
        Assert.Single(all, m => m.Json.GetProperty("kind").GetString() == "payment_reminder");

        // A return request opens a return case with Shopify's reason read.
        var returned = await AnswerAsync(await Client.PostShopifyAsync(ShopId, "returns/request", new JsonObject
        {
            ["id"] = 945000954,
            ["admin_graphql_api_id"] = "gid://shopify/Return/945000954",
            ["status"] = "requested",
            ["order"] = new JsonObject { ["id"] = JsonNode.Parse(OrderId), ["admin_graphql_api_id"] = $"gid://shopify/Order/{OrderId}" },
            ["return_line_items"] = new JsonArray(new JsonObject { ["id"] = 1, ["quantity"] = 1, ["return_reason"] = "defective", ["customer_note"] = "The zip broke" }),
        }));

        var order = await _scenario.OrderAsync(OrderId);
        Assert.Equal("accepted", returned.GetProperty("status").GetString());
        Assert.Equal("delivered", order.GetProperty("status").GetString());
        var returnCase = Assert.Single(order.GetProperty("cases").EnumerateArray());
        Assert.Equal("return_refund", returnCase.GetProperty("kind").GetString());
        Assert.Equal("quality", returnCase.GetProperty("reason").GetString());
        Assert.Equal(199.00m, order.GetProperty("total").GetDecimal()); // Shopify's "199.00", exactly

        // The order view shows each delivery as received and what it became.
        var deliveries = order.GetProperty("platformDeliveries").EnumerateArray().ToList();
        Assert.Equal(["orders/create", "orders/paid", "fulfillments/create", "fulfillments/create", "fulfillment_events/create", "returns/request"],
            deliveries.Select(d => d.GetProperty("topic").GetString()));
        Assert.All(deliveries, d => Assert.Equal(OrderId, d.GetProperty("platformIds").GetProperty("order").GetString()));
        Assert.Equal("order.created", deliveries[0].GetProperty("events")[0].GetProperty("type").GetString());
        Assert.Equal("4755985891482", deliveries[2].GetProperty("platformIds").GetProperty("fulfillment").GetString());
    }

    [Fact]
    public async Task Shopify_RepeatedAndReorderedDeliveries_ChangeNothingTheSecondTime()
    {
        var placed = DateTimeOffset.UtcNow.AddHours(-2);
        var deliveries = new List<(string Topic, JsonObject Body, string EventId, string WebhookId)>
        {
            ("orders/create", ShopifyOrder("pending", placed, updated: placed), Guid.NewGuid().ToString(), Guid.NewGuid().ToString()),
            ("orders/paid", ShopifyOrder("paid", placed, updated: placed.AddMinutes(5)), Guid.NewGuid().ToString(), Guid.NewGuid().ToString()),
            ("fulfillments/create", Fulfillment("4755985891482", "1Z999AA10123456784"), Guid.NewGuid().ToString(), Guid.NewGuid().ToString()),
            ("orders/updated", WithFulfillment(ShopifyOrder("paid", placed, updated: placed.AddMinutes(30)), Fulfillment("4755985891482", "1Z999AA10123456784")), Guid.NewGuid().ToString(), Guid.NewGuid().ToString()),
        };

        // Newest first: the order is first seen shipped, and the older bodies only fill what it does not know.
        foreach (var (topic, body, eventId, webhookId) in Enumerable.Reverse(deliveries))
        {
            Assert.NotEqual("duplicate", (await AnswerAsync(await Client.PostShopifyAsync(ShopId, topic, body, eventId, webhookId))).GetProperty("status").GetString());
        }

        await _scenario.Host.InvokeTimerAsHostAsync("PaymentReminderSweep");
        await _scenario.Sink.WaitForDeliveredAsync(1);
        await _scenario.Host.WaitForQueueIdleAsync("outbound-messages");
        var before = (await _scenario.OrderAsync(OrderId)).GetRawText();

        var repeats = new List<string>();
        foreach (var (topic, body, eventId, webhookId) in deliveries)
        {
            repeats.Add((await AnswerAsync(await Client.PostShopifyAsync(ShopId, topic, body, eventId, webhookId))).GetProperty("status").GetString()!);
        }

        // Shopify's retries reuse the event id with a new webhook id: the order's own duplicate check drops them.
        var retried = await AnswerAsync(await Client.PostShopifyAsync(ShopId, deliveries[0].Topic, deliveries[0].Body, deliveries[0].EventId));
        await _scenario.Host.InvokeTimerAsHostAsync("PaymentReminderSweep");
        await _scenario.Host.WaitForQueueIdleAsync("outbound-messages");
        var after = await _scenario.OrderAsync(OrderId);

        Assert.All(repeats, status => Assert.Equal("duplicate", status));
        Assert.Equal("duplicate", retried.GetProperty("status").GetString());
        Assert.Equal("shipped", after.GetProperty("status").GetString());
        Assert.Equal(199.00m, after.GetProperty("total").GetDecimal());
        Assert.Equal(JsonDocument.Parse(before).RootElement.GetProperty("messages").GetRawText(), after.GetProperty("messages").GetRawText());
        Assert.Equal(JsonDocument.Parse(before).RootElement.GetProperty("events").GetRawText(), after.GetProperty("events").GetRawText());
        var sent = Assert.Single(_scenario.Sink.Delivered);
        Assert.Equal("shipping_notice", sent.Json.GetProperty("kind").GetString());
    }

    [Fact]
    public async Task Shopify_RefusesForgeries_IgnoresUnmappedTopics_AndNamesAnUnmappableField()
    {
        var body = ShopifyOrder("pending", DateTimeOffset.UtcNow.AddHours(-1), updated: DateTimeOffset.UtcNow);

        using var wrongSecret = await Client.PostShopifyAsync(ShopId, "orders/create", body, secret: "another-secret-0123456789");
        using var otherStore = await Client.PostShopifyAsync(ShopId, "orders/create", body, shopDomain: "other-store.myshopify.com");
        using var unknownShop = await Client.PostShopifyAsync("no-such-shop", "orders/create", body);
        var ignored = await AnswerAsync(await Client.PostShopifyAsync(ShopId, "products/update", new JsonObject { ["id"] = 632910392 }));
        body["financial_status"] = "on_the_moon";
        using var unmappable = await Client.PostShopifyAsync(ShopId, "orders/create", body);
        var problem = await unmappable.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.Unauthorized, wrongSecret.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, otherStore.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknownShop.StatusCode);
        Assert.Equal(await wrongSecret.Content.ReadAsStringAsync(), await unknownShop.Content.ReadAsStringAsync());
        Assert.Equal("ignored", ignored.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, unmappable.StatusCode);
        Assert.Equal("application/problem+json", unmappable.Content.Headers.ContentType?.MediaType);
        Assert.True(problem.GetProperty("errors").TryGetProperty("financial_status", out _), problem.GetRawText());

        // Nothing of it was applied, and ops see it as a failed delivery.
        using var order = await Client.SendAsync(await _scenario.Host.ShopRequestAsync(HttpMethod.Get, ShopId, $"/api/shops/{ShopId}/orders/{OrderId}"));
        using var failed = await Client.SendAsync(await _scenario.Host.ShopRequestAsync(HttpMethod.Get, ShopId, $"/api/shops/{ShopId}/platform-deliveries/failed"));
        var failure = Assert.Single((await failed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("deliveries").EnumerateArray());
        Assert.Equal(HttpStatusCode.NotFound, order.StatusCode);
        Assert.Equal("orders/create", failure.GetProperty("topic").GetString());
        Assert.True(failure.GetProperty("errors").TryGetProperty("financial_status", out _));
    }

    [Fact]
    public async Task Shopify_CustomersRedact_LeavesNoTraceOfTheBuyer_AndShopRedact_LeavesNothingOfTheShop()
    {
        // Shopify's sample buyer, John Smith, with a phone: an unpaid order whose reminder is due, and a return in his words.
        var order = ShopifyOrder("pending", DateTimeOffset.UtcNow.AddHours(-2), updated: DateTimeOffset.UtcNow.AddHours(-2));
        order["customer"]!["phone"] = "+16135550100";
        await AnswerAsync(await Client.PostShopifyAsync(ShopId, "orders/create", order));
        await AnswerAsync(await Client.PostShopifyAsync(ShopId, "returns/request", new JsonObject
        {
            ["id"] = 945000955,
            ["order"] = new JsonObject { ["id"] = JsonNode.Parse(OrderId) },
            ["return_line_items"] = new JsonArray(new JsonObject { ["return_reason"] = "other", ["customer_note"] = "John Smith here, call +16135550100" }),
        }));
        var personal = new[] { "John Smith", "john@example.com", "+16135550100", "115310627314723954" };
        var before = await _scenario.StoredRowsAsync();
        Assert.All(personal, value => Assert.Contains(value, before, StringComparison.Ordinal));

        var redact = new JsonObject
        {
            ["shop_id"] = 954889,
            ["shop_domain"] = ShopDomain,
            ["customer"] = new JsonObject { ["id"] = 115310627314723954, ["email"] = "john@example.com", ["phone"] = "+16135550100" },
            ["orders_to_redact"] = new JsonArray(JsonNode.Parse(OrderId)),
        };
        var redacted = await AnswerAsync(await Client.PostShopifyAsync(ShopId, "customers/redact", redact));
        var again = await AnswerAsync(await Client.PostShopifyAsync(ShopId, "customers/redact", redact));
        await _scenario.Host.InvokeTimerAsHostAsync("PaymentReminderSweep");
        await _scenario.Host.WaitForQueueIdleAsync("outbound-messages");

        var stored = await _scenario.StoredRowsAsync();
        Assert.Equal("compliance", redacted.GetProperty("status").GetString());
        Assert.Equal("compliance", again.GetProperty("status").GetString());
        Assert.All(personal, value => Assert.DoesNotContain(value, stored, StringComparison.Ordinal));
        Assert.Empty(_scenario.Sink.Delivered);
        var erased = await _scenario.OrderAsync(OrderId);
        Assert.Equal(JsonValueKind.Null, erased.GetProperty("customer").ValueKind);
        Assert.Equal("customer_erased", erased.Message("payment_reminder", 1).GetProperty("reason").GetString());

        var data = await AnswerAsync(await Client.PostShopifyAsync(ShopId, "customers/data_request", new JsonObject
        {
            ["shop_id"] = 954889,
            ["shop_domain"] = ShopDomain,
            ["customer"] = new JsonObject { ["id"] = 191167 },
            ["orders_requested"] = new JsonArray(299938),
            ["data_request"] = new JsonObject { ["id"] = 9999 },
        }));
        Assert.Equal("compliance", data.GetProperty("status").GetString());
        Assert.Contains(await _scenario.TasksAsync(), t => t.GetProperty("kind").GetString() == "customer_data_request");

        var shopRedacted = await AnswerAsync(await Client.PostShopifyAsync(ShopId, "shop/redact", new JsonObject { ["shop_id"] = 954889, ["shop_domain"] = ShopDomain }));
        using var afterwards = await Client.PostShopifyAsync(ShopId, "orders/create", order);
        Assert.Equal("compliance", shopRedacted.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, afterwards.StatusCode);
        Assert.Equal("", await _scenario.StoredRowsAsync());
    }

    [Fact]
    public async Task WooCommerce_PingStoresNothing_AndOrderWebhooksRemindShipAndRepeatNothing()
    {
        using var ping = await Client.PingWooCommerceAsync(ShopId, 17);
        using var settings = await Client.SendAsync(await _scenario.Host.ShopRequestAsync(HttpMethod.Get, ShopId, $"/api/shops/{ShopId}"));
        var platforms = (await settings.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("platforms");
        Assert.Equal(HttpStatusCode.OK, ping.StatusCode);
        Assert.Equal(WooSite, platforms.GetProperty("woocommerce").GetProperty("siteUrl").GetString());
        Assert.True(platforms.GetProperty("woocommerce").GetProperty("webhookSecretSet").GetBoolean());
        Assert.DoesNotContain(WooSecret, platforms.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain(ShopifySecret, platforms.GetRawText(), StringComparison.Ordinal);

        var placed = DateTimeOffset.UtcNow.AddHours(-2);
        var pending = WooOrder("pending", placed, modified: placed);
        var created = await AnswerAsync(await Client.PostWooCommerceAsync(ShopId, "order.created", pending));
        var again = await AnswerAsync(await Client.PostWooCommerceAsync(ShopId, "order.created", pending));
        await _scenario.Host.InvokeTimerAsHostAsync("PaymentReminderSweep");
        var reminder = Assert.Single(await _scenario.Sink.WaitForDeliveredAsync(1));
        Assert.Equal("accepted", created.GetProperty("status").GetString());
        Assert.Equal("duplicate", again.GetProperty("status").GetString());
        Assert.Equal($"{ShopId}:727:payment_reminder:1", reminder.Json.GetProperty("messageId").GetString());

        await AnswerAsync(await Client.PostWooCommerceAsync(ShopId, "order.updated", WooOrder("processing", placed, modified: placed.AddMinutes(10))));
        var completed = WooOrder("completed", placed, modified: placed.AddMinutes(20));
        completed["meta_data"]!.AsArray().Add(new JsonObject
        {
            ["id"] = 4021,
            ["key"] = "_wc_shipment_tracking_items",
            ["value"] = new JsonArray(new JsonObject
            {
                ["tracking_provider"] = "usps",
                ["custom_tracking_provider"] = "",
                ["custom_tracking_link"] = "",
                ["tracking_number"] = "9400111899223197428490",
                ["date_shipped"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["tracking_id"] = "b2c9dd1a3c8f0a46d1e6bd1bd11f7d5c",
            }),
        });
        await AnswerAsync(await Client.PostWooCommerceAsync(ShopId, "order.updated", completed));
        var notice = (await _scenario.Sink.WaitForDeliveredAsync(2)).Single(m => m.Json.GetProperty("kind").GetString() == "shipping_notice");
        var draft = await AnswerAsync(await Client.PostWooCommerceAsync(ShopId, "order.created", WooOrder("checkout-draft", placed, modified: placed, id: 728)));
        using var forged = await Client.PostWooCommerceAsync(ShopId, "order.updated", completed, source: "https://elsewhere.example.com/");
        await _scenario.Host.InvokeTimerAsHostAsync("PaymentReminderSweep");
        await _scenario.Host.WaitForQueueIdleAsync("outbound-messages");

        var order = await _scenario.OrderAsync("727");
        using var draftOrder = await Client.SendAsync(await _scenario.Host.ShopRequestAsync(HttpMethod.Get, ShopId, $"/api/shops/{ShopId}/orders/728"));
        using var failed = await Client.SendAsync(await _scenario.Host.ShopRequestAsync(HttpMethod.Get, ShopId, $"/api/shops/{ShopId}/platform-deliveries/failed"));
        Assert.Contains("9400111899223197428490", notice.Json.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal("shipped", order.GetProperty("status").GetString());
        Assert.Equal(29.35m, order.GetProperty("total").GetDecimal());
        Assert.Equal(2, _scenario.Sink.Delivered.Count);
        Assert.Equal("ignored", draft.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.NotFound, draftOrder.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        Assert.Empty((await failed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("deliveries").EnumerateArray());
        Assert.Equal(["order.created", "order.updated", "order.updated"], order.GetProperty("platformDeliveries").EnumerateArray().Select(d => d.GetProperty("topic").GetString()));
    }

    private static async Task<JsonElement> AnswerAsync(HttpResponseMessage response)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
            return JsonDocument.Parse(text).RootElement.Clone();
        }
    }

    /// <summary>Shopify's sample order, as a live order in <paramref name="financialStatus"/>, placed at <paramref name="placed"/>.</summary>
    private static JsonObject ShopifyOrder(string financialStatus, DateTimeOffset placed, DateTimeOffset updated)
    {
        var order = Sample("shopify-orders-create.json");
        order["financial_status"] = financialStatus;
        order["cancelled_at"] = null;
        order["cancel_reason"] = null;
        order["created_at"] = Iso(placed);
        order["updated_at"] = Iso(updated);
        order["total_price"] = "199.00";
        return order;
    }

    private static JsonObject WithFulfillment(JsonObject order, JsonObject fulfillment)
    {
        order["fulfillments"] = new JsonArray(fulfillment);
        return order;
    }

    private static JsonObject Fulfillment(string id, string trackingNumber) => new()
    {
        ["id"] = JsonNode.Parse(id),
        ["order_id"] = JsonNode.Parse(OrderId),
        ["status"] = "success",
        ["created_at"] = Iso(DateTimeOffset.UtcNow),
        ["updated_at"] = Iso(DateTimeOffset.UtcNow),
        ["tracking_company"] = "UPS",
        ["tracking_number"] = trackingNumber,
        ["tracking_numbers"] = new JsonArray(trackingNumber),
        ["tracking_url"] = "https://www.ups.com/WebTracking?loc=en_US&requester=ST&trackNums=" + trackingNumber,
        ["tracking_urls"] = new JsonArray("https://www.ups.com/WebTracking?loc=en_US&requester=ST&trackNums=" + trackingNumber),
        ["shipment_status"] = null,
    };

    /// <summary>WooCommerce's sample order 727 in <paramref name="status"/>.</summary>
    private static JsonObject WooOrder(string status, DateTimeOffset placed, DateTimeOffset modified, int id = 727)
    {
        var order = Sample("woocommerce-order-created.json");
        order["id"] = id;
        order["status"] = status;
        order["date_created_gmt"] = Gmt(placed);
        order["date_modified_gmt"] = Gmt(modified);
        var unpaid = status is "pending" or "on-hold" or "failed" or "checkout-draft";
        order["date_paid_gmt"] = unpaid ? null : Gmt(modified);
        order["date_paid"] = unpaid ? null : Gmt(modified);
        order["needs_payment"] = unpaid;
        return order;
    }
}
