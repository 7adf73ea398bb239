using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Automation.Functions.Tests.Support;
using Automation.Testing;

namespace Automation.Functions.Tests.Features;

/// <summary>
/// Reviews through the real HTTP path: a positive one is answered at once in public, others wait for approval with
/// their tasks, an approval sends the reply once, an edited reply is checked for personal data, and a legal threat is
/// never answered by the automation.
/// </summary>
[Collection("Azurite")]
public sealed class ReviewReplyFlowTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private ShopScenario _scenario = null!;
    private ProductHost _host = null!;
    private MessageSink _sink = null!;
    private string _shopId = null!;

    public async Task InitializeAsync()
    {
        _scenario = await ShopScenario.StartAsync(azurite, "reviews");
        (_host, _sink, _shopId) = (_scenario.Host, _scenario.Sink, _scenario.ShopId);
    }

    public Task DisposeAsync() => _scenario.DisposeAsync().AsTask();

    [Fact]
    public async Task PositiveReview_IsAnsweredInPublicOnce_AndARepeatedEventChangesNothing()
    {
        await OrderAsync("R100");

        await _scenario.PostAsync(Review("rv-e1", "rv-100", "R100", 5, "质量很好，很满意，下次还来"));
        using var again = await _host.Client.PostEventAsync(_shopId, Review("rv-e1", "rv-100", "R100", 5, "质量很好，很满意，下次还来"));
        using var sameReviewNewEvent = await _host.Client.PostEventAsync(_shopId, Review("rv-e1b", "rv-100", "R100", 5, "质量很好，很满意，下次还来"));

        var delivered = await _sink.WaitForDeliveredAsync(2); // the shipping notice, then the reply
        var reply = delivered.Single(m => m.Json.GetProperty("kind").GetString() == "review_reply").Json;
        Assert.Equal("duplicate", (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        Assert.Equal("duplicate", (await sameReviewNewEvent.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        Assert.Equal(("rv-100", "taobao", true), (reply.GetProperty("reviewId").GetString(), reply.GetProperty("platform").GetString(), reply.GetProperty("public").GetBoolean()));
        Assert.Equal($"{_shopId}:R100:review_reply:1", reply.GetProperty("messageId").GetString());
        Assert.False(reply.GetProperty("customer").TryGetProperty("name", out _)); // a public reply carries no contact details
        Assert.DoesNotContain("李雷", reply.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Empty(await _scenario.TasksAsync("state=open"));

        await _host.WaitForQueueIdleAsync("outbound-messages");
        var view = await ReviewAsync("rv-100");
        Assert.Equal(("positive", "sent", "auto"), (view.GetProperty("classification").GetProperty("category").GetString(), Reply(view, "state"), Reply(view, "mode")));
        Assert.Equal(reply.GetProperty("text").GetString(), Reply(view, "text"));
        Assert.NotEmpty(view.GetProperty("classification").GetProperty("evidence").EnumerateArray());
        Assert.Single(_sink.Delivered, m => m.Json.GetProperty("kind").GetString() == "review_reply");
        var order = await _scenario.OrderAsync("R100");
        Assert.Equal("sent", order.Message("review_reply", 1).GetProperty("state").GetString());
        Assert.Contains(order.GetProperty("events").EnumerateArray(), e => e.GetProperty("outcome").GetString() == "review rv-100 (5/5) read as positive; reply posted; 0 task(s) opened");
    }

    [Fact]
    public async Task NegativeReview_AwaitsApprovalWithTasks_ThenApprovalSendsItOnce()
    {
        await OrderAsync("R200");

        await _scenario.PostAsync(Review("rv-e2", "rv-200", "R200", 1, "质量太差了，穿一次就开线了"));

        var view = await ReviewAsync("rv-200");
        Assert.Equal(("negative", "product_quality"), (view.GetProperty("classification").GetProperty("category").GetString(), view.GetProperty("classification").GetProperty("cause").GetString()));
        Assert.Equal(("awaiting_approval", "draft_mode"), (Reply(view, "state"), Reply(view, "approvalReason")));
        var draft = Reply(view, "text");
        Assert.False(string.IsNullOrEmpty(draft));
        Assert.Equal(["review_follow_up", "review_reply_approval"], view.GetProperty("tasks").EnumerateArray().Select(t => t.GetProperty("kind").GetString()).Order());
        var followUp = (await _scenario.TasksAsync("state=open")).Single(t => t.GetProperty("kind").GetString() == "review_follow_up");
        Assert.Contains(followUp.GetProperty("evidence").EnumerateArray(), e => e.GetProperty("label").GetString() == "what to do" && e.GetProperty("value").GetString()!.Contains("offer a return or an exchange", StringComparison.Ordinal));
        var order = await _scenario.OrderAsync("R200");
        Assert.Equal(("awaiting_approval", "draft_mode"), (order.Message("review_reply", 1).GetProperty("state").GetString(), order.Message("review_reply", 1).GetProperty("reason").GetString()));

        using var approved = await ApproveAsync("rv-200", body: null);
        using var twice = await ApproveAsync("rv-200", body: null);

        Assert.Equal(HttpStatusCode.Accepted, approved.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        var delivered = await _sink.WaitForDeliveredAsync(2);
        Assert.Equal(draft, delivered.Single(m => m.Json.GetProperty("kind").GetString() == "review_reply").Json.GetProperty("text").GetString());
        var open = await _scenario.TasksAsync("state=open");
        Assert.Equal(["review_follow_up"], open.Select(t => t.GetProperty("kind").GetString()));
        var done = Assert.Single(await _scenario.TasksAsync("state=done"));
        Assert.Equal("reply approved as drafted", done.GetProperty("resolution").GetString());
        await _host.WaitForQueueIdleAsync("outbound-messages");
        Assert.Equal("sent", Reply(await ReviewAsync("rv-200"), "state"));
    }

    [Fact]
    public async Task EditedReply_WithAPhoneNumber_Is400AndNothingIsSent_ThenACleanEditIsSentAsWritten()
    {
        await OrderAsync("R300");
        await _scenario.PostAsync(Review("rv-e3", "rv-300", "R300", 2, "Delivery took three weeks, really disappointing."));

        using var leaky = await ApproveAsync("rv-300", new JsonObject { ["text"] = "Sorry! Call us back on 13800000000 and we'll sort it." });
        const string clean = "We're sorry the parcel took so long. Our team will contact you privately to make it right.";
        using var good = await ApproveAsync("rv-300", new JsonObject { ["text"] = clean });

        Assert.Equal(HttpStatusCode.BadRequest, leaky.StatusCode);
        var problem = await leaky.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("phone", problem.GetProperty("errors").GetProperty("text")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Accepted, good.StatusCode);
        var delivered = await _sink.WaitForDeliveredAsync(2);
        Assert.Equal(clean, delivered.Single(m => m.Json.GetProperty("kind").GetString() == "review_reply").Json.GetProperty("text").GetString());
        Assert.Contains(await _scenario.TasksAsync("state=done"), t => t.GetProperty("resolution").GetString() == "reply approved with edits");
    }

    [Fact]
    public async Task LegalThreat_IsNotAnsweredEvenInAutoMode_AndBecomesASupervisorTask()
    {
        var shop = ProductApi.Shop(_sink.Url);
        shop["reviewReplies"] = new JsonObject
        {
            ["mode"] = new JsonObject { ["positive"] = "auto", ["neutral"] = "auto", ["mixed"] = "auto", ["negative"] = "auto" },
        };
        using var settings = await _host.PutShopAsync(_shopId, shop);
        Assert.Equal(HttpStatusCode.OK, settings.StatusCode);
        await OrderAsync("R400");

        await _scenario.PostAsync(Review("rv-e4", "rv-400", "R400", 1, "货不对板，客服也不理人，再不处理我就打12315投诉"));

        var view = await ReviewAsync("rv-400");
        Assert.True(view.GetProperty("classification").GetProperty("mentionsLegalAction").GetBoolean());
        Assert.Equal(("awaiting_approval", "legal_action_mentioned"), (Reply(view, "state"), Reply(view, "approvalReason")));
        var supervisor = (await _scenario.TasksAsync("state=open")).Single(t => t.GetProperty("kind").GetString() == "review_legal_action");
        Assert.Equal(1, supervisor.GetProperty("priority").GetInt32());
        await _host.WaitForQueueIdleAsync("outbound-messages");
        Assert.DoesNotContain(_sink.Delivered, m => m.Json.GetProperty("kind").GetString() == "review_reply");
    }

    [Fact]
    public async Task ReviewOfAnOrderNeverSeen_IsStillHandledAndItsApprovedReplySent()
    {
        await _scenario.PostAsync(Review("rv-e5", "rv-500", "R500-unknown", 3, "一般般吧，没什么特别的"));

        using var approved = await ApproveAsync("rv-500", body: null);

        Assert.Equal(HttpStatusCode.Accepted, approved.StatusCode);
        var reply = (await _sink.WaitForDeliveredAsync(1)).Single().Json;
        Assert.Equal(("review_reply", "rv-500"), (reply.GetProperty("kind").GetString(), reply.GetProperty("reviewId").GetString()));
    }

    [Fact]
    public async Task AgentKey_ApprovesOnlyTheReplyWhoseApprovalTaskTheSweepAssignedToItsAgent()
    {
        await using var sue = await MessageSink.StartAsync();
        await using var tom = await MessageSink.StartAsync();
        var shop = ProductApi.Shop(_sink.Url);
        shop["agents"] = new JsonArray(Supervisor("sue", sue.Url), Supervisor("tom", tom.Url));
        using (var settings = await _host.PutShopAsync(_shopId, shop))
        {
            Assert.Equal(HttpStatusCode.OK, settings.StatusCode);
        }

        await OrderAsync("R700");
        await _scenario.PostAsync(Review("rv-e7", "rv-700", "R700", 2, "Delivery took three weeks, really disappointing."));
        using (var sweep = await _host.AdminAsync(HttpMethod.Post, $"/api/shops/{_shopId}/sweep"))
        {
            Assert.Equal(HttpStatusCode.OK, sweep.StatusCode);
        }

        var approval = (await _scenario.TasksAsync("state=open")).Single(t => t.GetProperty("kind").GetString() == "review_reply_approval");
        var assigned = approval.GetProperty("assignedTo").GetString()!;
        var other = assigned == "sue" ? "tom" : "sue";

        using var byOther = await AgentApproveAsync("rv-700", await AgentKeyAsync(other));
        using var byAssigned = await AgentApproveAsync("rv-700", await AgentKeyAsync(assigned));

        Assert.Equal(HttpStatusCode.Forbidden, byOther.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, byAssigned.StatusCode);
        var reply = (await _sink.WaitForDeliveredAsync(2)).Single(m => m.Json.GetProperty("kind").GetString() == "review_reply").Json;
        Assert.Equal("rv-700", reply.GetProperty("reviewId").GetString());
        var done = (await _scenario.TasksAsync("state=done")).Single(t => t.GetProperty("taskId").GetString() == approval.GetProperty("taskId").GetString());
        Assert.Equal((assigned, "reply approved as drafted"), (done.GetProperty("doneBy").GetString(), done.GetProperty("resolution").GetString()));
    }

    [Fact]
    public async Task BadReviews_Get400NamingTheField_AndUnknownReviewsGet404()
    {
        using var noRating = await _host.Client.PostEventAsync(_shopId, Review("rv-bad", "rv-bad", "R600", 9, "?"));
        using var unknown = await _host.Client.SendAsync(await _host.ShopRequestAsync(HttpMethod.Get, _shopId, $"/api/shops/{_shopId}/reviews/nope"));
        using var approveUnknown = await ApproveAsync("nope", body: null);

        Assert.Equal(HttpStatusCode.BadRequest, noRating.StatusCode);
        Assert.Equal(["review.rating"], (await noRating.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(e => e.Name));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, approveUnknown.StatusCode);
    }

    private async Task OrderAsync(string orderId)
    {
        var before = _sink.Delivered.Count;
        await _scenario.PostAsync(ProductApi.OrderCreated("o-" + orderId, orderId, DateTimeOffset.UtcNow.AddDays(-6)));
        await _scenario.PostAsync(ProductApi.Shipped("s-" + orderId, orderId, "ship-" + orderId, "SF" + orderId));
        await _sink.WaitForDeliveredAsync(before + 1);
    }

    private async Task<JsonElement> ReviewAsync(string reviewId)
    {
        using var response = await _host.Client.SendAsync(await _host.ShopRequestAsync(HttpMethod.Get, _shopId, $"/api/shops/{_shopId}/reviews/{reviewId}"));
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<HttpResponseMessage> ApproveAsync(string reviewId, JsonObject? body)
    {
        using var request = await _host.ShopRequestAsync(
            HttpMethod.Post,
            _shopId,
            $"/api/shops/{_shopId}/reviews/{reviewId}/reply",
            body is null ? null : new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));
        return await _host.Client.SendAsync(request);
    }

    private async Task<HttpResponseMessage> AgentApproveAsync(string reviewId, string agentKey) =>
        await _host.Client.SendAsync(ProductHost.WithKeys(new HttpRequestMessage(HttpMethod.Post, $"/api/shops/{_shopId}/reviews/{reviewId}/reply"), agentKey));

    private Task<string> AgentKeyAsync(string agentId) => _host.AgentKeyAsync(_shopId, agentId);

    private static JsonObject Supervisor(string id, Uri robot) => new()
    {
        ["id"] = id,
        ["name"] = id,
        ["roles"] = new JsonArray("supervisor"),
        ["channel"] = new JsonObject { ["type"] = "webhook", ["url"] = robot.ToString(), ["secret"] = "whsec_c3VwZXJ2aXNvci1zZWNyZXQtMDEyMzQ1Njc4OWFiYw==" },
    };

    private static string? Reply(JsonElement review, string property) =>
        review.GetProperty("reply").TryGetProperty(property, out var value) ? value.GetString() : null;

    private static JsonObject Review(string eventId, string reviewId, string orderId, int rating, string text) =>
        ProductApi.ReviewPosted(eventId, reviewId, orderId, rating, text);
}
