using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using Automation.Functions.Tests.Support;
using Automation.Testing;

namespace Automation.Functions.Tests.Features;

/// <summary>
/// A shop's report through the real HTTP path: cases and payment reminders sent and paid through the webhook and the
/// delivery pipeline, then <c>GET /api/shops/{shopId}/report</c> in JSON and as an SVG sheet.
/// </summary>
[Collection("Azurite")]
public sealed class ReportFlowTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private ShopScenario _scenario = null!;
    private ProductHost _host = null!;
    private string _shopId = null!;

    public async Task InitializeAsync()
    {
        _scenario = await ShopScenario.StartAsync(azurite, "report");
        (_host, _shopId) = (_scenario.Host, _scenario.ShopId);
    }

    public Task DisposeAsync() => _scenario.DisposeAsync().AsTask();

    [Fact]
    public async Task Report_CountsCasesRefundsBacklogAndRemindersPaidAfterwards()
    {
        var now = DateTimeOffset.UtcNow;

        // Two unpaid orders reminded; one paid afterwards. A third paid before any reminder is not "reminded".
        await _scenario.PostAsync(ProductApi.OrderCreated("o-1", "R1", now.AddHours(-2)));
        await _scenario.PostAsync(ProductApi.OrderCreated("o-2", "R2", now.AddHours(-2)));
        await _scenario.PostAsync(ProductApi.OrderCreated("o-3", "R3", now.AddMinutes(-5)));
        await _scenario.PostAsync(ProductApi.StatusEvent("p-3", "order.paid", "R3"));
        await _host.RunFunctionAsync("PaymentReminderSweep");
        await _scenario.Sink.WaitForDeliveredAsync(2);
        await WaitForSentAsync("R1");
        await WaitForSentAsync("R2");
        await _scenario.PostAsync(ProductApi.StatusEvent("p-1", "order.paid", "R1"));

        // A refund-only case refunded 3 hours after opening; an exchange open for 2 days; a return opened an hour ago.
        await _scenario.PostAsync(ProductApi.CaseOpened("k-1", "CS-1", "R1", "refund_only", now.AddHours(-4)));
        await _scenario.PostAsync(ProductApi.CaseUpdated("k-2", "CS-1", "R1", "refund_only", "refunded", now.AddHours(-1)));
        await _scenario.PostAsync(ProductApi.CaseOpened("k-3", "CS-2", "R2", "exchange", now.AddDays(-2)));
        await _scenario.PostAsync(ProductApi.CaseOpened("k-4", "CS-3", "R3", "return_refund", now.AddHours(-1)));

        using var response = await GetAsync($"/api/shops/{_shopId}/report");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = await response.Content.ReadFromJsonAsync<JsonElement>();

        var cases = report.GetProperty("cases");
        Assert.Equal(3, cases.GetProperty("opened").GetInt32());
        Assert.Equal(1, cases.GetProperty("refunded").GetInt32());
        Assert.Equal(1, cases.GetProperty("refundPending").GetInt32()); // CS-3; CS-2 is an exchange
        Assert.Equal(3.0, cases.GetProperty("averageHoursToRefund").GetDouble(), 0.1);
        Assert.Equal(180.0, cases.GetProperty("averageFirstResponseMinutes").GetDouble(), 1);

        var backlog = report.GetProperty("backlog");
        Assert.Equal(2, backlog.GetProperty("open").GetInt32());
        var bands = backlog.GetProperty("byAge").EnumerateArray().ToDictionary(b => b.GetProperty("age").GetString()!, b => b.GetProperty("count").GetInt32());
        Assert.Equal((1, 1), (bands["under_4h"], bands["1d_to_3d"]));

        var reminders = report.GetProperty("paymentReminders");
        Assert.Equal((2, 2, 1), (reminders.GetProperty("remindersSent").GetInt32(), reminders.GetProperty("remindedOrders").GetInt32(), reminders.GetProperty("paidAfterwards").GetInt32()));
        Assert.Equal(0.5, reminders.GetProperty("conversion").GetDouble());

        var all = report.GetProperty("serviceTargets").GetProperty("all");
        Assert.True(all.GetProperty("decided").GetInt32() >= 1);
        Assert.Equal(30, report.GetProperty("days").GetArrayLength());
        Assert.Equal("UTC", report.GetProperty("timeZone").GetString());
        var plot = XElement.Parse(report.GetProperty("plots").GetProperty("backlogByAge").GetString()!);
        Assert.Equal("svg", plot.Name.LocalName);
    }

    [Fact]
    public async Task Report_PeriodOfDays_KeepsOnlyCasesOpenedInIt_AndSvgFormatIsOneSheet()
    {
        var now = DateTimeOffset.UtcNow;
        // Earlier today, whatever the hour: "an hour ago" is yesterday when the test runs just after midnight UTC.
        var startOfToday = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        var earlierToday = startOfToday + (now - startOfToday) / 2;
        await _scenario.PostAsync(ProductApi.CaseOpened("k-1", "CS-1", "R1", "exchange", now.AddDays(-10)));
        await _scenario.PostAsync(ProductApi.CaseOpened("k-2", "CS-2", "R2", "exchange", earlierToday));
        var today = now.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        using var todayOnly = await GetAsync($"/api/shops/{_shopId}/report?from={today}&to={today}");
        using var sheet = await GetAsync($"/api/shops/{_shopId}/report?format=svg");

        var report = await todayOnly.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, report.GetProperty("cases").GetProperty("opened").GetInt32());
        Assert.Equal(2, report.GetProperty("backlog").GetProperty("open").GetInt32()); // the backlog is now's, whatever the period
        Assert.Equal(1, report.GetProperty("days").GetArrayLength());
        Assert.Equal("image/svg+xml", sheet.Content.Headers.ContentType?.MediaType);
        var svg = XElement.Parse(await sheet.Content.ReadAsStringAsync());
        Assert.Equal(4, svg.Elements().Count(e => e.Name.LocalName == "svg"));
    }

    [Fact]
    public async Task Report_StorageCalls_AreTheKeyCheckAndFourRangeQueries()
    {
        // Counted at a proxy in front of Azurite: what the code sends.
        await using var counter = await StorageCountingProxy.StartAsync(azurite);
        await using var host = await ProductHost.StartAsync(azurite, workerStorageConnection: counter.ConnectionString);
        var shopId = "report-cost-" + Guid.NewGuid().ToString("N")[..8];
        Assert.Equal(HttpStatusCode.Created, (await host.PutShopAsync(shopId, ProductApi.Shop())).StatusCode);
        for (var i = 0; i < 5; i++)
        {
            using var opened = await host.Client.PostEventAsync(shopId, ProductApi.CaseOpened($"k-{i}", $"CS-{i}", $"R{i}", "exchange", DateTimeOffset.UtcNow.AddHours(-i)));
            Assert.Equal(HttpStatusCode.Accepted, opened.StatusCode);
        }

        using var warm = await host.Client.SendAsync(await host.ShopRequestAsync(HttpMethod.Get, shopId, $"/api/shops/{shopId}/report"));
        counter.Reset();
        using var response = await host.Client.SendAsync(await host.ShopRequestAsync(HttpMethod.Get, shopId, $"/api/shops/{shopId}/report"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(5, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("cases").GetProperty("opened").GetInt32());
        Assert.Equal("table GET 5", counter.Describe("table")); // the key check; cases opened, open now, reminders sent, reviews received
    }

    [Theory]
    [InlineData("from=2026-13-01", "from")]
    [InlineData("from=2026-11-30&to=2026-11-01", "from")]
    [InlineData("from=2020-01-01&to=2026-11-01", "to")]
    [InlineData("format=pdf", "format")]
    public async Task Report_BadQuery_Is400NamingTheParameter(string query, string field)
    {
        using var response = await GetAsync($"/api/shops/{_shopId}/report?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task Report_WithoutTheShopsKey_IsRefused()
    {
        using var response = await _host.Client.GetAsync(new Uri($"/api/shops/{_shopId}/report", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private async Task<HttpResponseMessage> GetAsync(string path) =>
        await _host.Client.SendAsync(await _host.ShopRequestAsync(HttpMethod.Get, _shopId, path));

    private Task<JsonElement> WaitForSentAsync(string orderId) =>
        _host.WaitForMessageAsync(_shopId, orderId, "payment_reminder", 1, "state", "sent");
}
