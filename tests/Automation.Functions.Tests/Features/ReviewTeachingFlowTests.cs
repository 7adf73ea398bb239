using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Automation.Core.Tasks;
using Automation.Functions.Tests.Support;
using Automation.Testing;

namespace Automation.Functions.Tests.Features;

/// <summary>
/// Agents teach the review reading, through the real HTTP path: an approval of a held positive reading or a change of
/// reading is stored with the review, its phrases join the shop's list, and the next review and customer message are
/// read with them; settings PUTs keep them, concurrent corrections all land, the report counts them, bad input is a
/// 4xx naming the field with nothing stored.
/// </summary>
/// <remarks>
/// The shops here use <c>publicReplyGate: "positive"</c>, which holds a positive reading that turns on a contrast word
/// ("很满意，就是不掉色"), so the tests do not depend on which doubts the default gate weighs.
/// </remarks>
[Collection("Azurite")]
public sealed class ReviewTeachingFlowTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private ShopScenario _scenario = null!;
    private ProductHost _host = null!;
    private string _shopId = null!;

    public async Task InitializeAsync()
    {
        _scenario = await ShopScenario.StartAsync(azurite, "teach", Configure);
        (_host, _shopId) = (_scenario.Host, _scenario.ShopId);
    }

    public Task DisposeAsync() => _scenario.DisposeAsync().AsTask();

    [Fact]
    public async Task HeldPositiveApprovedAsItStands_IsStoredAsApprovedAsPositive_AndTheNextReviewReadsThePhraseAsTaught()
    {
        await _scenario.PostAsync(Review("e1", "rv-1", 5, "很满意，就是不掉色"));
        Assert.Equal("uncertain_positive", Reply(await ReviewAsync("rv-1"), "approvalReason"));

        using var approved = await ApproveAsync("rv-1", body: null);

        Assert.Equal(HttpStatusCode.Accepted, approved.StatusCode);
        var correction = (await approved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("correction");
        Assert.Equal(("positive", "positive", false, "ops"), (correction.GetProperty("category").GetString(), correction.GetProperty("readAs").GetString(), correction.GetProperty("reclassified").GetBoolean(), correction.GetProperty("by").GetString()));
        Assert.Contains(correction.GetProperty("phrases").EnumerateArray(), p => p.GetProperty("text").GetString() == "不掉色" && p.GetProperty("reading").GetString() == "praise");
        Assert.Equal("positive", (await ReviewAsync("rv-1")).GetProperty("correction").GetProperty("category").GetString()); // stored, not only answered
        var taught = Assert.Single(await PhrasesAsync());
        Assert.Equal(("不掉色", "praise", "ops", "rv-1"), (taught.GetProperty("text").GetString(), taught.GetProperty("reading").GetString(), taught.GetProperty("by").GetString(), taught.GetProperty("reviewId").GetString()));

        await _scenario.PostAsync(Review("e2", "rv-2", 5, "洗了几次都不掉色"));

        var next = await ReviewAsync("rv-2");
        Assert.Contains(next.GetProperty("classification").GetProperty("evidence").EnumerateArray(), e => e.GetProperty("signal").GetString() == "taught" && e.GetProperty("text").GetString() == "不掉色");
    }

    [Fact]
    public async Task ThankedComplaint_ReclassifiedWithANamedPhrase_TeachesIt_AndTheSameWordsAreAComplaintInTheNextReviewAndMessage()
    {
        await _scenario.PostAsync(Review("e1", "rv-1", 5, "一洗就缩，很满意"));
        await _scenario.Sink.WaitForDeliveredAsync(1); // thanked in public at once: the mistake to correct
        await _scenario.PostAsync(Message("m0", "M-0", "衣服一洗就缩"));
        Assert.Empty(await _scenario.TasksAsync("state=open")); // not yet a complaint for this shop

        using var corrected = await ReadingAsync("rv-1", new JsonObject
        {
            ["category"] = "mixed",
            ["phrases"] = new JsonArray(new JsonObject { ["text"] = "一洗就缩", ["reading"] = "complaint" }),
        });

        Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);
        var correction = (await corrected.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("correction");
        Assert.Equal(("mixed", "positive", true), (correction.GetProperty("category").GetString(), correction.GetProperty("readAs").GetString(), correction.GetProperty("reclassified").GetBoolean()));
        Assert.Equal("sent", Reply(await ReviewAsync("rv-1"), "state"));

        // The complaint that was thanked is followed up privately now, as it would have been had it been read so.
        var followUp = Assert.Single(await _scenario.TasksAsync("state=open"), t => t.GetProperty("kind").GetString() == TaskKinds.ReviewFollowUp);
        Assert.Equal("rv-1", followUp.GetProperty("reviewId").GetString());
        Assert.Contains((await ReviewAsync("rv-1")).GetProperty("tasks").EnumerateArray(), t => t.GetProperty("kind").GetString() == TaskKinds.ReviewFollowUp);
        using (var again = await ReadingAsync("rv-1", new JsonObject { ["category"] = "negative" }))
        {
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        }

        Assert.Single(await _scenario.TasksAsync("state=open"), t => t.GetProperty("kind").GetString() == TaskKinds.ReviewFollowUp);

        await _scenario.PostAsync(Review("e2", "rv-2", 5, "一洗就缩"));
        await _scenario.PostAsync(Message("m1", "M-1", "衣服一洗就缩"));

        var next = await ReviewAsync("rv-2");
        Assert.Equal("mixed", next.GetProperty("classification").GetProperty("category").GetString());
        Assert.Contains(next.GetProperty("classification").GetProperty("evidence").EnumerateArray(), e => e.GetProperty("signal").GetString() == "taught");
        Assert.Equal("awaiting_approval", Reply(next, "state"));
        Assert.Contains(await _scenario.TasksAsync("state=open"), t => t.GetProperty("kind").GetString() == "unhappy_follow_up" && t.GetProperty("orderId").GetString() == "M-1");
    }

    [Fact]
    public async Task SettingsPut_KeepsTheTaughtPhrases_AndOpsCanRemoveOne()
    {
        await _scenario.PostAsync(Review("e1", "rv-1", 5, "一洗就缩，很满意"));
        using (var corrected = await ReadingAsync("rv-1", Reclassify("mixed", "一洗就缩", "complaint")))
        {
            Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);
        }

        var shop = ProductApi.Shop(_scenario.Sink.Url);
        Configure(shop);
        shop["name"] = "Renamed Shop";
        using (var put = await _host.PutShopAsync(_shopId, shop))
        {
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        }

        Assert.Equal(["一洗就缩"], (await PhrasesAsync()).Select(p => p.GetProperty("text").GetString()));
        await _scenario.PostAsync(Review("e2", "rv-2", 5, "一洗就缩"));
        Assert.Equal("mixed", (await ReviewAsync("rv-2")).GetProperty("classification").GetProperty("category").GetString());

        using var removed = await _host.Client.SendAsync(await _host.ShopRequestAsync(HttpMethod.Delete, _shopId, $"/api/shops/{_shopId}/review-phrases/{Uri.EscapeDataString("一洗就缩")}"));
        using var again = await _host.Client.SendAsync(await _host.ShopRequestAsync(HttpMethod.Delete, _shopId, $"/api/shops/{_shopId}/review-phrases/{Uri.EscapeDataString("一洗就缩")}"));

        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Empty(await PhrasesAsync());
        await _scenario.PostAsync(Review("e3", "rv-3", 5, "一洗就缩"));

        // Untaught, the words are no complaint any more: five stars over words the reading cannot follow, neutral.
        Assert.Equal("neutral", (await ReviewAsync("rv-3")).GetProperty("classification").GetProperty("category").GetString());
    }

    [Fact]
    public async Task ConcurrentCorrections_OnTwoInstances_AllLand()
    {
        string[] words = ["一洗就缩", "洗完变小", "穿两天就松", "领口偏一边", "颜色发灰"];
        for (var i = 0; i < words.Length; i++)
        {
            await _scenario.PostAsync(Review($"e{i}", $"rv-{i}", 5, words[i] + "，很满意"));
        }

        var other = await _scenario.StartAnotherHostAsync();
        var corrections = words.Select((word, i) => ReadingAsync($"rv-{i}", Reclassify("mixed", word, "complaint"), i % 2 == 0 ? _host : other)).ToList();
        var answers = await Task.WhenAll(corrections);

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        foreach (var answer in answers)
        {
            answer.Dispose();
        }

        Assert.Equal(words.Order(StringComparer.Ordinal), (await PhrasesAsync()).Select(p => p.GetProperty("text").GetString()!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Report_CountsRepliesAtOnceWaitedByReasonAndCorrections()
    {
        await _scenario.PostAsync(Review("e1", "rv-1", 5, "质量很好，很满意，下次还来")); // at once
        await _scenario.PostAsync(Review("e2", "rv-2", 5, "很满意，就是不掉色")); // waits: uncertain_positive, approved as positive
        await _scenario.PostAsync(Review("e3", "rv-3", 1, "质量太差了，穿一次就开线了")); // waits: draft_mode
        await _scenario.PostAsync(Review("e4", "rv-4", 5, "一洗就缩，很满意")); // at once, then reclassified
        using (var approved = await ApproveAsync("rv-2", body: null))
        {
            Assert.Equal(HttpStatusCode.Accepted, approved.StatusCode);
        }

        using (var corrected = await ReadingAsync("rv-4", Reclassify("mixed", "一洗就缩", "complaint")))
        {
            Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);
        }

        using var response = await _host.Client.SendAsync(await _host.ShopRequestAsync(HttpMethod.Get, _shopId, $"/api/shops/{_shopId}/report"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reviews = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reviews");
        Assert.Equal((4, 2, 2), (reviews.GetProperty("received").GetInt32(), reviews.GetProperty("repliedAtOnce").GetInt32(), reviews.GetProperty("waited").GetInt32()));
        var byReason = reviews.GetProperty("waitedByReason").EnumerateArray().ToDictionary(r => r.GetProperty("reason").GetString()!, r => r.GetProperty("count").GetInt32());
        Assert.Equal((1, 1, 0), (byReason["draft_mode"], byReason["uncertain_positive"], byReason["legal_action_mentioned"]));
        var corrections = reviews.GetProperty("corrections");
        Assert.Equal((1, 1, 2), (corrections.GetProperty("approvedAsRead").GetInt32(), corrections.GetProperty("reclassified").GetInt32(), corrections.GetProperty("phrasesTaught").GetInt32()));
        var reclassified = Assert.Single(corrections.GetProperty("reclassifiedAs").EnumerateArray());
        Assert.Equal(("positive", "mixed", 1), (reclassified.GetProperty("from").GetString(), reclassified.GetProperty("to").GetString(), reclassified.GetProperty("count").GetInt32()));
    }

    [Fact]
    public async Task ReviewWebhooks_ReadTheTaughtPhrasesOncePerCachePeriod_BesideTheOrdersQuery()
    {
        // Counted at a proxy in front of Azurite: what the code sends.
        await using var counter = await StorageCountingProxy.StartAsync(azurite);
        await using var host = await ProductHost.StartAsync(azurite, workerStorageConnection: counter.ConnectionString);
        var shopId = "teach-cost-" + Guid.NewGuid().ToString("N")[..8];
        var shop = ProductApi.Shop();
        shop["reviewReplies"] = new JsonObject { ["mode"] = new JsonObject { ["positive"] = "draft" } }; // no delivery running beside the count
        Assert.Equal(HttpStatusCode.Created, (await host.PutShopAsync(shopId, shop)).StatusCode);
        using (var warm = await host.Client.PostEventAsync(shopId, ProductApi.OrderCreated("o-1", "C1", DateTimeOffset.UtcNow)))
        {
            Assert.Equal(HttpStatusCode.Accepted, warm.StatusCode); // the shop's settings are cached from here on
        }

        counter.Reset();
        using var first = await host.Client.PostEventAsync(shopId, ProductApi.ReviewPosted("e1", "rv-1", "C1", 5, "质量很好，很满意"));
        var (cold, coldReads) = (counter.DescribeByResource("table"), counter.Of("Orders", "GET"));
        counter.Reset();
        using var second = await host.Client.PostEventAsync(shopId, ProductApi.ReviewPosted("e2", "rv-2", "C1", 5, "质量很好，很满意"));
        var (warmPhrases, warmReads) = (counter.DescribeByResource("table"), counter.Of("Orders", "GET"));

        Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.Accepted), (first.StatusCode, second.StatusCode));
        Assert.True(coldReads == 2, cold); // the order's query and the phrase row
        Assert.True(warmReads == 1, warmPhrases); // the order's query only
    }

    [Fact]
    public async Task BadCorrections_Get4xxProblemsNamingTheField_AndStoreNothing()
    {
        await _scenario.PostAsync(Review("e1", "rv-1", 5, "很满意，就是不掉色"));
        await _scenario.PostAsync(Review("e2", "rv-2", 5, "质量很好，很满意，下次还来"));

        await AssertInvalidAsync(await ApproveAsync("rv-1", new JsonObject { ["category"] = "glowing" }), "category");
        await AssertInvalidAsync(await ApproveAsync("rv-1", new JsonObject { ["phrases"] = new JsonArray(new JsonObject { ["text"] = "不掉色", ["reading"] = "nice" }) }), "phrases[0].reading");
        await AssertInvalidAsync(await ApproveAsync("rv-1", new JsonObject { ["phrases"] = new JsonArray(new JsonObject { ["text"] = "缩水", ["reading"] = "complaint" }) }), "phrases[0].text");
        await AssertInvalidAsync(await ApproveAsync("rv-1", new JsonObject { ["phrases"] = new JsonArray(new JsonObject { ["text"] = new string('满', 41), ["reading"] = "praise" }) }), "phrases[0].text");
        await AssertInvalidAsync(await ApproveAsync("rv-1", new JsonObject { ["phrases"] = new JsonArray([.. Enumerable.Range(0, 21).Select(_ => (JsonNode)new JsonObject { ["text"] = "不掉色", ["reading"] = "praise" })]) }), "phrases");
        await AssertInvalidAsync(await ApproveAsync("rv-1", new JsonObject { ["category"] = "negative" }), "text"); // the draft thanks the buyer
        await AssertInvalidAsync(await ReadingAsync("rv-2", new JsonObject { ["phrases"] = new JsonArray() }), "category");
        await AssertInvalidAsync(await ReadingAsync("rv-2", new JsonObject { ["category"] = "mixed", ["phrases"] = new JsonArray(new JsonObject { ["text"] = "13800000000", ["reading"] = "neutral" }) }), "phrases[0].text");

        using var waiting = await ReadingAsync("rv-1", new JsonObject { ["category"] = "positive" });
        using var unknown = await ReadingAsync("nope", new JsonObject { ["category"] = "positive" });
        using var byAgent = await _host.Client.SendAsync(ProductHost.WithKeys(
            new HttpRequestMessage(HttpMethod.Put, $"/api/shops/{_shopId}/reviews/rv-2/reading") { Content = Json(new JsonObject { ["category"] = "mixed" }) },
            await _host.AgentKeyAsync(_shopId, "zhang.san")));
        using var notJson = await _host.Client.SendAsync(await _host.ShopRequestAsync(HttpMethod.Put, _shopId, $"/api/shops/{_shopId}/reviews/rv-2/reading", new StringContent("category=mixed", Encoding.UTF8, "text/plain")));

        Assert.Equal((HttpStatusCode.Conflict, HttpStatusCode.NotFound, HttpStatusCode.Forbidden, HttpStatusCode.UnsupportedMediaType), (waiting.StatusCode, unknown.StatusCode, byAgent.StatusCode, notJson.StatusCode));
        Assert.Equal("application/problem+json", waiting.Content.Headers.ContentType?.MediaType);
        var held = await ReviewAsync("rv-1");
        Assert.Equal("awaiting_approval", Reply(held, "state"));
        Assert.False(held.TryGetProperty("correction", out _));
        Assert.False((await ReviewAsync("rv-2")).TryGetProperty("correction", out _));
        Assert.Empty(await PhrasesAsync());
    }

    private static void Configure(JsonObject shop) => shop["reviewReplies"] = new JsonObject { ["publicReplyGate"] = "positive" };

    private static async Task AssertInvalidAsync(HttpResponseMessage response, string field)
    {
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, body);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal([field], JsonDocument.Parse(body).RootElement.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        }
    }

    private async Task<JsonElement> ReviewAsync(string reviewId)
    {
        using var response = await _host.Client.SendAsync(await _host.ShopRequestAsync(HttpMethod.Get, _shopId, $"/api/shops/{_shopId}/reviews/{reviewId}"));
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<List<JsonElement>> PhrasesAsync()
    {
        using var response = await _host.Client.SendAsync(await _host.ShopRequestAsync(HttpMethod.Get, _shopId, $"/api/shops/{_shopId}/review-phrases"));
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return [.. (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("phrases").EnumerateArray()];
    }

    private async Task<HttpResponseMessage> ApproveAsync(string reviewId, JsonObject? body) =>
        await _host.Client.SendAsync(await _host.ShopRequestAsync(HttpMethod.Post, _shopId, $"/api/shops/{_shopId}/reviews/{reviewId}/reply", body is null ? null : Json(body)));

    private async Task<HttpResponseMessage> ReadingAsync(string reviewId, JsonObject body, ProductHost? host = null)
    {
        host ??= _host;
        return await host.Client.SendAsync(await host.ShopRequestAsync(HttpMethod.Put, _shopId, $"/api/shops/{_shopId}/reviews/{reviewId}/reading", Json(body)));
    }

    private static JsonObject Reclassify(string category, string text, string reading) => new()
    {
        ["category"] = category,
        ["phrases"] = new JsonArray(new JsonObject { ["text"] = text, ["reading"] = reading }),
    };

    private static StringContent Json(JsonObject body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");

    private static string? Reply(JsonElement review, string property) =>
        review.GetProperty("reply").TryGetProperty(property, out var value) ? value.GetString() : null;

    private static JsonObject Review(string eventId, string reviewId, int rating, string text) =>
        ProductApi.ReviewPosted(eventId, reviewId, "T-" + reviewId, rating, text);

    private static JsonObject Message(string eventId, string orderId, string text) => new()
    {
        ["id"] = eventId,
        ["type"] = "customer.message",
        ["occurredAt"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
        ["order"] = new JsonObject { ["id"] = orderId },
        ["customer"] = new JsonObject { ["id"] = "c-" + orderId },
        ["message"] = new JsonObject { ["id"] = "msg-" + eventId, ["text"] = text, ["receivedAt"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture) },
    };
}
