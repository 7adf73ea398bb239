using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Automation.Functions.Tests.Support;
using Automation.Storage.Stores;
using Automation.Testing;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;

namespace Automation.Functions.Tests.Features;

/// <summary>
/// After-sale cases through the real HTTP path: signed case events move a case along its kind's state machine (never
/// backwards), open the follow-up tasks it calls for, show in the order view and the cases list with their due times,
/// and hold the order's follow-up while open.
/// </summary>
[Collection("Azurite")]
public sealed class CaseFlowTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private ShopScenario _scenario = null!;
    private ProductHost _host = null!;
    private string _shopId = null!;

    public async Task InitializeAsync()
    {
        _scenario = await ShopScenario.StartAsync(azurite, "cases");
        (_host, _shopId) = (_scenario.Host, _scenario.ShopId);
    }

    public Task DisposeAsync() => _scenario.DisposeAsync().AsTask();

    [Fact]
    public async Task ReturnCase_OpenThroughUpdatesToClose_MovesAlong_ShowsInTheOrderView_AndLeavesTheOpenList()
    {
        await _scenario.PostAsync(ProductApi.OrderCreated("o-K100", "K100", DateTimeOffset.UtcNow.AddDays(-4)));

        await _scenario.PostAsync(CaseEvent("k-1", "case.opened", "CS-100", "K100", "return_refund", null, reason: "not_as_described"));
        using var repeated = await _host.Client.PostEventAsync(_shopId, CaseEvent("k-1", "case.opened", "CS-100", "K100", "return_refund", null, reason: "not_as_described"));
        await _scenario.PostAsync(CaseEvent("k-2", "case.updated", "CS-100", "K100", "return_refund", "approved"));
        var approved = await CaseInOrderAsync("K100", "CS-100");
        await _scenario.PostAsync(CaseEvent("k-3", "case.updated", "CS-100", "K100", "return_refund", "awaiting_return"));
        await _scenario.PostAsync(CaseEvent("k-4", "case.updated", "CS-100", "K100", "return_refund", "received"));
        var listedWhileOpen = await CasesAsync("status=open");
        await _scenario.PostAsync(CaseEvent("k-5", "case.updated", "CS-100", "K100", "return_refund", "refunded"));
        await _scenario.PostAsync(CaseEvent("k-6", "case.closed", "CS-100", "K100", "return_refund", null));

        Assert.Equal("duplicate", (await repeated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        Assert.True(approved.GetProperty("returnDeadline").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddDays(9));
        // The deadline task lived while the buyer still had to send the parcel: its receipt closed it.
        var extend = Assert.Single(await _scenario.TasksAsync(), t => t.GetProperty("kind").GetString() == "extend_return_deadline");
        Assert.Equal(("CS-100", "K100"), (extend.GetProperty("caseId").GetString(), extend.GetProperty("orderId").GetString()));
        Assert.Equal(("done", "no longer needed: case is received", "automation"),
            (extend.GetProperty("state").GetString(), extend.GetProperty("resolution").GetString(), extend.GetProperty("doneBy").GetString()));
        Assert.Empty(await _scenario.TasksAsync("state=open"));
        Assert.Equal(["CS-100"], listedWhileOpen.Select(c => c.GetProperty("caseId").GetString()));
        Assert.Equal("received", listedWhileOpen[0].GetProperty("status").GetString());
        Assert.Contains(listedWhileOpen[0].GetProperty("firstResponse").GetProperty("state").GetString(), new[] { "met", "missed" });
        Assert.True(listedWhileOpen[0].TryGetProperty("resolution", out _)); // a return's resolution target runs from receipt
        var order = await _scenario.OrderAsync("K100");
        var shown = Assert.Single(order.GetProperty("cases").EnumerateArray());
        Assert.Equal(("CS-100", "return_refund", "closed", false), (shown.GetProperty("caseId").GetString(), shown.GetProperty("kind").GetString(), shown.GetProperty("status").GetString(), shown.GetProperty("escalated").GetBoolean()));
        Assert.True(shown.TryGetProperty("firstResponse", out _));
        Assert.Contains(order.GetProperty("events").EnumerateArray(), e => e.GetProperty("outcome").GetString() == "case CS-100: refunded -> closed");
        Assert.Equal(6, order.GetProperty("events").EnumerateArray().Count(e => e.GetProperty("type").GetString()!.StartsWith("case.", StringComparison.Ordinal)));
        Assert.Empty(await CasesAsync("status=open"));
        Assert.Equal(["CS-100"], (await CasesAsync("status=closed")).Select(c => c.GetProperty("caseId").GetString()));
    }

    [Fact]
    public async Task ImpossibleTransition_Returns400NamingIt_AndChangesNothing()
    {
        await _scenario.PostAsync(CaseEvent("b-1", "case.opened", "CS-200", "K200", "return_refund", null));
        var rejected = CaseEvent("b-2", "case.updated", "CS-200", "K200", "return_refund", "rejected");
        rejected["case"]!["rejectionReason"] = "Outside the return period.";
        await _scenario.PostAsync(rejected);

        using var impossible = await _host.Client.PostEventAsync(_shopId, CaseEvent("b-3", "case.updated", "CS-200", "K200", "return_refund", "awaiting_return"));
        using var wrongKind = await _host.Client.PostEventAsync(_shopId, CaseEvent("b-4", "case.updated", "CS-200", "K200", "exchange", "approved"));
        using var noReason = await _host.Client.PostEventAsync(_shopId, CaseEvent("b-5", "case.updated", "CS-201", "K200", "refund_only", "rejected"));
        using var badKind = await _host.Client.PostEventAsync(_shopId, CaseEvent("b-6", "case.opened", "CS-202", "K200", "swap", null));
        using var repeatedRejection = await _host.Client.PostEventAsync(_shopId, rejected);

        Assert.Equal(HttpStatusCode.BadRequest, impossible.StatusCode);
        var errors = (await impossible.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal("return_refund: rejected -> awaiting_return is not a transition.", errors.GetProperty("case.status")[0].GetString());
        Assert.Equal(["case.kind"], await ErrorFieldsAsync(wrongKind));
        Assert.Equal(["case.rejectionReason"], await ErrorFieldsAsync(noReason));
        Assert.Equal(["case.kind"], await ErrorFieldsAsync(badKind));
        Assert.Equal("duplicate", (await repeatedRejection.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        var listed = Assert.Single(await CasesAsync("status=all"));
        Assert.Equal("rejected", listed.GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("七天无理由退货", "other", "七天无理由退货")]
    [InlineData("SIZE_TOO_SMALL", "other", "SIZE_TOO_SMALL")]
    [InlineData("Not_As_Described", "not_as_described", null)]
    public async Task CaseOpened_WithAPlatformsOwnReason_IsApplied_WithTheWordsKept(string reason, string expected, string? expectedText)
    {
        var caseId = "CS-R-" + Guid.NewGuid().ToString("N")[..6];
        using var opened = await _host.Client.PostEventAsync(_shopId, CaseEvent("r-" + caseId, "case.opened", caseId, "K-R-" + caseId, "refund_only", null, reason: reason));

        Assert.Equal(HttpStatusCode.Accepted, opened.StatusCode);
        var listed = Assert.Single(await CasesAsync(), c => c.GetProperty("caseId").GetString() == caseId);
        Assert.Equal((expected, expectedText), (listed.GetProperty("reason").GetString(), listed.TryGetProperty("reasonText", out var text) ? text.GetString() : null));
    }

    [Fact]
    public async Task LateEvent_DoesNotMoveTheCaseBack_ButFillsWhatWasUnknown()
    {
        await _scenario.PostAsync(CaseEvent("l-1", "case.updated", "CS-300", "K300", "exchange", "awaiting_return"));

        var late = CaseEvent("l-2", "case.opened", "CS-300", "K300", "exchange", null, reason: "wrong_item");
        late["case"]!["amount"] = 88.5m;
        late["case"]!["currency"] = "CNY";
        await _scenario.PostAsync(late);

        var listed = Assert.Single(await CasesAsync());
        Assert.Equal(("awaiting_return", "wrong_item", 88.5m), (listed.GetProperty("status").GetString(), listed.GetProperty("reason").GetString(), listed.GetProperty("amount").GetDecimal()));
        using var order = await _host.Client.SendAsync(await _host.ShopRequestAsync(HttpMethod.Get, _shopId, $"/api/shops/{_shopId}/orders/K300"));
        Assert.Equal(HttpStatusCode.NotFound, order.StatusCode); // a case of an order never seen still stands on its own
    }

    [Fact]
    public async Task QualityComplaintWithoutPhotos_OpensARequestPhotosTask_AndLostParcelAReshipFirstTask_EachOnce()
    {
        await _scenario.PostAsync(CaseEvent("q-1", "case.opened", "CS-400", "K400", "return_refund", null, reason: "quality"));
        await _scenario.PostAsync(CaseEvent("q-2", "case.updated", "CS-400", "K400", "return_refund", "pending_review", reason: "quality"));
        await _scenario.PostAsync(CaseEvent("p-1", "case.opened", "CS-401", "K401", "refund_only", null, reason: "lost_parcel"));
        var withPhoto = CaseEvent("r-1", "case.opened", "CS-402", "K402", "return_refund", null, reason: "quality");
        withPhoto["case"]!["evidence"] = new JsonArray(new JsonObject { ["type"] = "photo", ["url"] = "https://img.example/seam.jpg" });
        await _scenario.PostAsync(withPhoto);

        var tasks = await _scenario.TasksAsync("state=open");

        Assert.Equal(
            ["request_photos:CS-400", "reship_then_claim:CS-401"],
            tasks.Select(t => t.GetProperty("taskId").GetString()).Order(StringComparer.Ordinal));
        var reship = tasks.Single(t => t.GetProperty("kind").GetString() == "reship_then_claim");
        Assert.Equal(1, reship.GetProperty("priority").GetInt32());
        Assert.Contains(reship.GetProperty("evidence").EnumerateArray(), e => e.GetProperty("label").GetString() == "what to do" && e.GetProperty("value").GetString()!.Contains("reship", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CasesList_FiltersOverdueAndDueSoon_AndRefusesUnknownQueryValues()
    {
        var old = CaseEvent("d-1", "case.opened", "CS-500", "K500", "refund_only", null);
        old["case"]!["openedAt"] = DateTimeOffset.UtcNow.AddDays(-2).ToString("O", CultureInfo.InvariantCulture);
        await _scenario.PostAsync(old);
        await _scenario.PostAsync(CaseEvent("d-2", "case.opened", "CS-501", "K501", "return_refund", null));
        await _scenario.PostAsync(CaseEvent("d-3", "case.closed", "CS-502", "K502", "refund_only", null));

        var overdue = await CasesAsync("due=overdue");
        var soon = await CasesAsync("status=open&due=soon");
        var open = await CasesAsync("status=open");
        using var badDue = await GetCasesAsync("due=late");
        using var badStatus = await GetCasesAsync("status=pending");

        var late = Assert.Single(overdue);
        Assert.Equal(("CS-500", true, "overdue"), (late.GetProperty("caseId").GetString(), late.GetProperty("overdue").GetBoolean(), late.GetProperty("firstResponse").GetProperty("state").GetString()));
        var fresh = Assert.Single(soon);
        Assert.Equal(("CS-501", true), (fresh.GetProperty("caseId").GetString(), fresh.GetProperty("dueSoon").GetBoolean()));
        Assert.True(fresh.GetProperty("nextDueAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-1));
        Assert.Equal(["CS-500", "CS-501"], open.Select(c => c.GetProperty("caseId").GetString())); // overdue first
        Assert.Equal(["due"], await ErrorFieldsAsync(badDue));
        Assert.Equal(["status"], await ErrorFieldsAsync(badStatus));
    }

    [Fact]
    public async Task FollowUp_ForAnOrderWithAnOpenCase_IsSkipped_AndNeverSent()
    {
        var threeDaysAgo = DateTimeOffset.UtcNow.AddDays(-3).AddMinutes(-5);
        await _scenario.PostAsync(ProductApi.OrderCreated("f-1", "K600", threeDaysAgo.AddDays(-2)));
        var delivered = ProductApi.StatusEvent("f-2", "order.delivered", "K600");
        delivered["occurredAt"] = threeDaysAgo.ToString("O", CultureInfo.InvariantCulture);
        await _scenario.PostAsync(delivered);
        Assert.Equal("scheduled", (await _scenario.OrderAsync("K600")).Message("follow_up", 1).GetProperty("state").GetString());

        await _scenario.PostAsync(CaseEvent("f-3", "case.opened", "CS-600", "K600", "return_refund", null, reason: "not_as_described"));
        await _host.InvokeTimerAsHostAsync("PaymentReminderSweep");
        await _host.WaitForQueueIdleAsync("outbound-messages");

        var followUp = (await _scenario.OrderAsync("K600")).Message("follow_up", 1);
        Assert.Equal(("skipped", "open_after_sale_case"), (followUp.GetProperty("state").GetString(), followUp.GetProperty("reason").GetString()));
        Assert.DoesNotContain(_scenario.Sink.Delivered, d => d.Json.GetProperty("kind").GetString() == "follow_up");
    }

    [Fact]
    public async Task CaseEvents_StorageTransactions_AreTwoPointReadsAndOneBatch()
    {
        // Counted at a proxy in front of Azurite: what the code sends, not what a shop's platform would see.
        await using var counter = await StorageCountingProxy.StartAsync(azurite);
        await using var host = await ProductHost.StartAsync(
            azurite, new Dictionary<string, string?> { ["AzureWebJobs.DeliverMessage.Disabled"] = "true" }, workerStorageConnection: counter.ConnectionString);
        var shopId = "case-cost-" + Guid.NewGuid().ToString("N")[..8];
        Assert.Equal(HttpStatusCode.Created, (await host.PutShopAsync(shopId, ProductApi.Shop())).StatusCode);
        await PostCountedAsync(host, counter, shopId, ProductApi.OrderCreated("o-1", "K700", DateTimeOffset.UtcNow.AddDays(-4)));
        await PostCountedAsync(host, counter, shopId, CaseEvent("warm", "case.opened", "CS-WARM", "K700", "refund_only", null)); // settings cached, table known

        var opened = await PostCountedAsync(host, counter, shopId, CaseEvent("c-1", "case.opened", "CS-700", "K700", "return_refund", null, reason: "quality"));
        var repeated = await PostCountedAsync(host, counter, shopId, CaseEvent("c-1", "case.opened", "CS-700", "K700", "return_refund", null, reason: "quality"));
        var taskOpenAlready = await PostCountedAsync(host, counter, shopId, CaseEvent("c-2", "case.updated", "CS-700", "K700", "return_refund", "pending_review", reason: "quality"));
        var approved = await PostCountedAsync(host, counter, shopId, CaseEvent("c-3", "case.updated", "CS-700", "K700", "return_refund", "approved"));
        var refused = await PostCountedAsync(host, counter, shopId, CaseEvent("c-4", "case.updated", "CS-700", "K700", "exchange", "approved"), HttpStatusCode.BadRequest);
        var closed = await PostCountedAsync(host, counter, shopId, CaseEvent("c-5", "case.closed", "CS-700", "K700", "return_refund", null));

        Assert.Equal(
            ["table GET 2, table POST 1", "table GET 2, table POST 1", "table GET 2, table POST 1", "table GET 2, table POST 1", "table GET 2", "table GET 2, table POST 1"],
            new[] { opened, repeated, taskOpenAlready, approved, refused, closed });
    }

    [Fact]
    public async Task CaseTasks_CloseWithTheCase_AndTheSweepKeepsOneTaskPerCaseAcrossStatuses()
    {
        await _scenario.PostAsync(ProductApi.OrderCreated("o-K300", "K300", DateTimeOffset.UtcNow.AddDays(-4)));
        await _scenario.PostAsync(CaseEvent("m-1", "case.opened", "CS-300", "K300", "return_refund", "received", reason: "lost_parcel"));
        var first = await SweepAsync();
        var afterFirst = await _scenario.TasksAsync("state=open");
        await _scenario.PostAsync(CaseEvent("m-2", "case.updated", "CS-300", "K300", "return_refund", "awaiting_refund"));
        await SweepAsync(nextDay: true);
        var afterSecond = await _scenario.TasksAsync("state=open");
        await _scenario.PostAsync(CaseEvent("m-3", "case.closed", "CS-300", "K300", "return_refund", null));
        var all = await _scenario.TasksAsync();

        Assert.Equal(1, first.GetProperty("tasksOpened").GetInt32());
        Assert.Equal(["after_sale_case:CS-300", "reship_then_claim:CS-300"], afterFirst.Select(TaskId).Order(StringComparer.Ordinal));
        var caseTask = Assert.Single(afterSecond, t => t.GetProperty("kind").GetString() == "after_sale_case"); // the same one, kept up to date
        Assert.Equal("after_sale_case:CS-300", TaskId(caseTask));
        Assert.Contains(caseTask.GetProperty("evidence").EnumerateArray(), e => e.GetProperty("value").GetString() == "return_refund, awaiting_refund");
        Assert.Equal(2, all.Count);
        Assert.All(all, t => Assert.Equal(("done", "case closed", "automation"),
            (t.GetProperty("state").GetString(), t.GetProperty("resolution").GetString(), t.GetProperty("doneBy").GetString())));
        var order = await _scenario.OrderAsync("K300");
        Assert.Contains(order.GetProperty("events").EnumerateArray(), e => e.GetProperty("outcome").GetString() == "case CS-300: awaiting_refund -> closed; 2 task(s) closed");
    }

    private static string? TaskId(JsonElement task) => task.GetProperty("taskId").GetString();

    /// <summary>Runs the shop's sweep now; <paramref name="nextDay"/> forgets today's run first, as the next morning would.</summary>
    private async Task<JsonElement> SweepAsync(bool nextDay = false)
    {
        if (nextDay)
        {
            var table = await _host.Storage.GetRequiredService<StoreTables>().GetAsync(StoreTables.Orders, default);
            await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {_shopId} and RowKey ge {"sw|"} and RowKey lt {"sw}"}"), select: ["PartitionKey", "RowKey"]))
            {
                await table.DeleteEntityAsync(row.PartitionKey, row.RowKey);
            }
        }

        using var response = await _host.AdminAsync(HttpMethod.Post, $"/api/shops/{_shopId}/sweep");
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<string> PostCountedAsync(ProductHost host, StorageCountingProxy counter, string shopId, JsonObject evt, HttpStatusCode expected = HttpStatusCode.Accepted)
    {
        counter.Reset();
        using var response = await host.Client.PostEventAsync(shopId, evt);
        Assert.True(response.StatusCode == expected, await response.Content.ReadAsStringAsync());
        return counter.Describe("table");
    }

    private static JsonObject CaseEvent(string eventId, string type, string caseId, string orderId, string kind, string? status, string? reason = null)
    {
        var c = new JsonObject { ["id"] = caseId, ["orderId"] = orderId, ["kind"] = kind };
        if (status is not null)
        {
            c["status"] = status;
        }

        if (reason is not null)
        {
            c["reason"] = reason;
        }

        return new JsonObject
        {
            ["id"] = eventId,
            ["type"] = type,
            ["occurredAt"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
            ["case"] = c,
        };
    }

    private async Task<JsonElement> CaseInOrderAsync(string orderId, string caseId) =>
        (await _scenario.OrderAsync(orderId)).GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("caseId").GetString() == caseId);

    private async Task<HttpResponseMessage> GetCasesAsync(string query) =>
        await _host.Client.SendAsync(await _host.ShopRequestAsync(HttpMethod.Get, _shopId, $"/api/shops/{_shopId}/cases?{query}"));

    private async Task<List<JsonElement>> CasesAsync(string query = "")
    {
        using var response = await GetCasesAsync(query);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return [.. (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("cases").EnumerateArray()];
    }

    private static async Task<List<string>> ErrorFieldsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        return [.. (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(e => e.Name)];
    }
}
