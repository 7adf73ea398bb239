using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Automation.Functions.Tests.Support;
using Automation.Testing;

namespace Automation.Functions.Tests.Features;

/// <summary>
/// <c>DELETE /api/shops/{shopId}/customers/{customerId}</c> through the real worker: two buyers' orders, reviews and cases
/// come in as signed webhooks; one buyer is erased; none of their data is left in any table, the other's is, and the
/// erased buyer's due reminder is not sent.
/// </summary>
[Collection("Azurite")]
public sealed class CustomerErasureFlowTests(AzuriteFixture azurite)
{
    private static readonly (string Id, string Order, string Name, string Phone, string Email) Ann = ("cust-ann", "A1", "Ann Gone", "+44 7700 900001", "ann.gone@example.com");
    private static readonly (string Id, string Order, string Name, string Phone, string Email) Bob = ("cust-bob", "B1", "Bob Stays", "+44 7700 900002", "bob.stays@example.com");

    [Fact]
    public async Task EraseCustomer_AfterOrderReviewAndCase_LeavesNoTraceInAnyTable_KeepsTheOtherBuyer_AndSkipsTheDueReminder()
    {
        await using var shop = await ShopScenario.StartAsync(azurite, "erase");
        foreach (var buyer in new[] { Ann, Bob })
        {
            await shop.PostAsync(Created(buyer));
            await shop.PostAsync(Review(buyer));
            await shop.PostAsync(Case(buyer));
        }

        // A reply on its way when the erasure runs keeps its stored text until it is recorded (see the README): let the
        // replies posted at once settle first, so the search below sees what a settled shop holds.
        foreach (var buyer in new[] { Ann, Bob })
        {
            await SettledAsync(shop, buyer.Order, "review_reply", 1);
        }

        using var erased = await EraseAsync(shop, Ann.Id);
        using var again = await EraseAsync(shop, Ann.Id);
        using var unknown = await EraseAsync(shop, "cust-never-seen");

        Assert.Equal(HttpStatusCode.OK, erased.StatusCode);
        var counts = (await erased.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("erased");
        Assert.Equal((1, 1, 1), (counts.GetProperty("orders").GetInt32(), counts.GetProperty("reviews").GetInt32(), counts.GetProperty("cases").GetInt32()));
        Assert.True(counts.GetProperty("messagesSkipped").GetInt32() >= 2, counts.ToString()); // both reminder steps
        var zeros = """{"orders":0,"messagesSkipped":0,"messageTextsRemoved":0,"reviews":0,"cases":0,"tasks":0,"contacts":0}""";
        Assert.Equal((HttpStatusCode.OK, zeros), (again.StatusCode, (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("erased").GetRawText()));
        Assert.Equal((HttpStatusCode.OK, zeros), (unknown.StatusCode, (await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("erased").GetRawText()));

        var stored = await shop.StoredRowsAsync();
        foreach (var personal in new[] { Ann.Id, Ann.Name, Ann.Phone, Ann.Email, "Ann's seams" }.SelectMany(AsStored))
        {
            Assert.DoesNotContain(personal, stored, StringComparison.Ordinal);
        }

        foreach (var personal in new[] { Bob.Id, Bob.Name, Bob.Phone, Bob.Email, "Bob's seams" })
        {
            Assert.True(AsStored(personal).Any(form => stored.Contains(form, StringComparison.Ordinal)), personal);
        }

        // The reminders were due before the erasure: Bob's goes out, Ann's was skipped and stays so.
        await shop.Host.RunFunctionAsync("PaymentReminderSweep");
        await SettledAsync(shop, Bob.Order, "payment_reminder", 1);
        await Task.Delay(1500);
        var reminders = shop.Sink.Delivered.Where(m => m.Json.GetProperty("kind").GetString() == "payment_reminder").ToList();
        Assert.Equal([Bob.Order], reminders.Select(m => m.Json.GetProperty("orderId").GetString()));
        var view = await shop.OrderAsync(Ann.Order);
        Assert.Equal(("skipped", "customer_erased"), (view.Message("payment_reminder", 1).GetProperty("state").GetString(), view.Message("payment_reminder", 1).GetProperty("reason").GetString()));
        Assert.False(view.TryGetProperty("customer", out var customer) && customer.ValueKind != JsonValueKind.Null, view.ToString());
    }

    [Fact]
    public async Task EraseCustomer_BadIdOrAnotherShopsKey_IsRefusedBeforeAnythingIsRead()
    {
        await using var shop = await ShopScenario.StartAsync(azurite, "erase");

        using var bad = await shop.Host.Client.SendAsync(await shop.Host.ShopRequestAsync(HttpMethod.Delete, shop.ShopId, $"/api/shops/{shop.ShopId}/customers/not%20an%20id"));
        using var foreign = await shop.Host.Client.SendAsync(ProductHost.WithKeys(
            new HttpRequestMessage(HttpMethod.Delete, $"/api/shops/{shop.ShopId}/customers/{Ann.Id}"), await shop.Host.ShopKeyAsync("erase-other-shop")));

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
        Assert.Contains("customerId", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, foreign.StatusCode);
    }

    /// <summary>A value as a column holds it, and as it is inside the JSON of a column (where '+' and '\'' are escaped).</summary>
    private static string[] AsStored(string value) => [value, JsonSerializer.Serialize(value)[1..^1]];

    /// <summary>Waits (45 s at most) until the order's message is neither scheduled nor sending.</summary>
    private static async Task SettledAsync(ShopScenario shop, string orderId, string kind, int step)
    {
        var deadline = DateTime.UtcNow.AddSeconds(45);
        string? state;
        do
        {
            await Task.Delay(200);
            state = (await shop.OrderAsync(orderId)).Message(kind, step).GetProperty("state").GetString();
        }
        while (state is "scheduled" or "sending" && DateTime.UtcNow < deadline);

        Assert.NotEqual("sending", state);
    }

    private static async Task<HttpResponseMessage> EraseAsync(ShopScenario shop, string customerId) =>
        await shop.Host.Client.SendAsync(await shop.Host.ShopRequestAsync(HttpMethod.Delete, shop.ShopId, $"/api/shops/{shop.ShopId}/customers/{customerId}"));

    private static JsonObject Created((string Id, string Order, string Name, string Phone, string Email) buyer)
    {
        var evt = ProductApi.OrderCreated("created-" + buyer.Order, buyer.Order, DateTimeOffset.UtcNow.AddHours(-2), buyer.Id);
        evt["order"]!["customer"] = new JsonObject { ["id"] = buyer.Id, ["name"] = buyer.Name, ["phone"] = buyer.Phone, ["email"] = buyer.Email, ["locale"] = "en" };
        return evt;
    }

    private static JsonObject Review((string Id, string Order, string Name, string Phone, string Email) buyer)
    {
        var first = buyer.Name.Split(' ')[0];
        var evt = ProductApi.ReviewPosted("review-" + buyer.Order, "rv-" + buyer.Order, buyer.Order, 2, $"{first}'s seams split after one wash, very disappointed. {buyer.Name}");
        evt["customer"] = new JsonObject { ["id"] = buyer.Id, ["name"] = buyer.Name, ["phone"] = buyer.Phone, ["email"] = buyer.Email };
        return evt;
    }

    private static JsonObject Case((string Id, string Order, string Name, string Phone, string Email) buyer)
    {
        var evt = ProductApi.CaseOpened("case-" + buyer.Order, "case-" + buyer.Order, buyer.Order, "return_refund", DateTimeOffset.UtcNow.AddMinutes(-30));
        evt["case"]!["reason"] = "quality";
        evt["case"]!["evidence"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = $"Call me on {buyer.Phone}, {buyer.Name}" });
        return evt;
    }
}
