using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Automation.Functions.Tests.Support;
using Automation.Storage.Stores;
using Automation.Testing;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;

namespace Automation.Functions.Tests.Features;

/// <summary>The whole path through the real worker under the development host, over real HTTP against Azurite:
/// signed webhook, timer sweep, queue delivery to a local HTTP sink, and the order view.</summary>
[Collection("Azurite")]
public sealed class PaymentReminderFlowTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private ProductHost _host = null!;
    private MessageSink _sink = null!;
    private readonly string _shopId = "shop-" + Guid.NewGuid().ToString("N")[..12];

    private HttpClient Client => _host.Client;

    public async Task InitializeAsync()
    {
        _sink = await MessageSink.StartAsync();
        _host = await ProductHost.StartAsync(azurite);
        var put = await _host.PutShopAsync(_shopId, ProductApi.Shop(_sink.Url));
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _sink.DisposeAsync();
    }

    [Fact]
    public async Task DueReminder_SweptAndDelivered_ArrivesExactlyOnceSignedAndShowsInOrderView()
    {
        var placedAt = DateTimeOffset.UtcNow.AddHours(-2);
        var accepted = await Client.PostEventAsync(_shopId, ProductApi.OrderCreated("evt-1", "A1001", placedAt));
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal("accepted", (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());

        await _host.RunFunctionAsync("PaymentReminderSweep");
        var delivered = await _sink.WaitForDeliveredAsync(1);

        var message = Assert.Single(delivered);
        var json = message.Json;
        Assert.Equal($"{_shopId}:A1001:payment_reminder:1", json.GetProperty("messageId").GetString());
        Assert.Equal(json.GetProperty("messageId").GetString(), message.WebhookId);
        Assert.Equal(message.WebhookId, message.IdempotencyKey);
        Assert.Equal("payment_reminder", json.GetProperty("kind").GetString());
        Assert.Equal(1, json.GetProperty("step").GetInt32());
        Assert.Contains("A1001", json.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal("c-A1001", json.GetProperty("customer").GetProperty("id").GetString());
        message.VerifySignature(ProductApi.ChannelSecret);
        Assert.False((message with { Body = message.Body.Replace("A1001", "A1002", StringComparison.Ordinal) }).IsSignedWith(ProductApi.ChannelSecret));
        Assert.False(message.IsSignedWith(ProductApi.AgentWebhookSecret));

        var order = await WaitForMessageStateAsync("A1001", 1, "sent");
        Assert.Equal("created", order.GetProperty("status").GetString());
        Assert.Equal("evt-1", order.GetProperty("events")[0].GetProperty("eventId").GetString());
        Assert.Equal("scheduled", order.Message("payment_reminder", 2).GetProperty("state").GetString());

        // A second sweep finds nothing due: the step is never sent twice.
        await _host.RunFunctionAsync("PaymentReminderSweep");
        await Task.Delay(1500);
        Assert.Single(_sink.Delivered);
    }

    [Fact]
    public async Task ShopWithoutChannel_DueReminder_IsRecordedAsSkippedNoChannel_NotAsSent()
    {
        var shopId = _shopId + "-nc";
        Assert.Equal(HttpStatusCode.Created, (await _host.PutShopAsync(shopId, ProductApi.Shop())).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await Client.PostEventAsync(shopId, ProductApi.OrderCreated("evt-nc", "N1", DateTimeOffset.UtcNow.AddHours(-2)))).StatusCode);

        await _host.RunFunctionAsync("PaymentReminderSweep");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        JsonElement step;
        do
        {
            await Task.Delay(200);
            step = (await _host.GetOrderAsync(shopId, "N1")).Message("payment_reminder", 1);
        }
        while (step.GetProperty("state").GetString() == "scheduled" && DateTime.UtcNow < deadline);

        Assert.Equal("skipped", step.GetProperty("state").GetString());
        Assert.Equal("no_customer_channel", step.GetProperty("reason").GetString());
        Assert.Empty(_sink.Received);
    }

    [Fact]
    public async Task PaidBeforeSweep_NoReminderArrives_AndStepsAreSkippedAsPaid()
    {
        var placedAt = DateTimeOffset.UtcNow.AddHours(-2);
        Assert.Equal(HttpStatusCode.Accepted, (await Client.PostEventAsync(_shopId, ProductApi.OrderCreated("evt-1", "A2001", placedAt))).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await Client.PostEventAsync(_shopId, ProductApi.StatusEvent("evt-2", "order.paid", "A2001"))).StatusCode);

        await _host.RunFunctionAsync("PaymentReminderSweep");
        await _host.WaitForQueueIdleAsync("outbound-messages");

        Assert.Empty(_sink.Received);
        var order = await _host.GetOrderAsync(_shopId, "A2001");
        Assert.Equal("paid", order.GetProperty("status").GetString());
        Assert.Equal("skipped", order.Message("payment_reminder", 1).GetProperty("state").GetString());
        Assert.Equal("order_paid", order.Message("payment_reminder", 1).GetProperty("reason").GetString());
        Assert.Equal("skipped", order.Message("payment_reminder", 2).GetProperty("state").GetString());
    }

    [Fact]
    public async Task DuplicateWebhook_AnswersDuplicate_AndChangesNothing()
    {
        var created = ProductApi.OrderCreated("evt-dup", "A3001", DateTimeOffset.UtcNow.AddHours(-2));
        var first = await Client.PostEventAsync(_shopId, created);
        var second = await Client.PostEventAsync(_shopId, created);

        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        Assert.Equal("accepted", (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        Assert.Equal("duplicate", (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());

        await _host.RunFunctionAsync("PaymentReminderSweep");
        Assert.Single(await _sink.WaitForDeliveredAsync(1));
        var order = await _host.GetOrderAsync(_shopId, "A3001");
        Assert.Single(order.GetProperty("events").EnumerateArray());
        Assert.Equal(2, order.GetProperty("messages").GetArrayLength());
    }

    [Fact]
    public async Task ConcurrentDuplicateWebhooks_OneAcceptedOthersDuplicate_OneReminder()
    {
        var created = ProductApi.OrderCreated("evt-race", "A3101", DateTimeOffset.UtcNow.AddHours(-2));
        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Client.PostEventAsync(_shopId, created)));
        var statuses = await Task.WhenAll(responses.Select(async r => (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString()));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));
        Assert.Single(statuses, s => s == "accepted");

        await _host.RunFunctionAsync("PaymentReminderSweep");
        Assert.Single(await _sink.WaitForDeliveredAsync(1));
        await Task.Delay(1500);
        Assert.Single(_sink.Delivered);
    }

    [Fact]
    public async Task OutOfOrderEvents_LateCreatedAfterPaid_StaysPaidWithoutReminders()
    {
        Assert.Equal(HttpStatusCode.Accepted, (await Client.PostEventAsync(_shopId, ProductApi.StatusEvent("evt-p", "order.paid", "A4001"))).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await Client.PostEventAsync(_shopId, ProductApi.OrderCreated("evt-c", "A4001", DateTimeOffset.UtcNow.AddHours(-2)))).StatusCode);

        var order = await _host.GetOrderAsync(_shopId, "A4001");
        Assert.Equal("paid", order.GetProperty("status").GetString());
        Assert.Equal("c-A4001", order.GetProperty("customer").GetProperty("id").GetString());
        Assert.Empty(order.GetProperty("messages").EnumerateArray());
        Assert.Equal(2, order.GetProperty("events").GetArrayLength());
    }

    [Fact]
    public async Task ShopSavedWithAPlainChannelSecret_KeepsIt_AndItsMessagesVerifyWithWhsecOfItsBytes()
    {
        // A row saved before whsec_ secrets were required, with a channel secret as the old rule took it; then ops
        // change the shop without sending the secret (it is never shown back).
        const string plain = "channel-secret-0123456789";
        var table = _host.Storage.GetRequiredService<TableServiceClient>().GetTableClient("Shops");
        var row = (await table.GetEntityAsync<TableEntity>(_shopId, "settings")).Value;
        var stored = JsonNode.Parse(row.GetString("Settings")!)!;
        stored["customerChannel"]!["secret"] = plain;
        row["Settings"] = stored.ToJsonString();
        await table.UpdateEntityAsync(row, row.ETag);
        var withoutSecret = ProductApi.Shop(_sink.Url);
        withoutSecret["customerChannel"]!.AsObject().Remove("secret");
        Assert.Equal(HttpStatusCode.OK, (await _host.PutShopAsync(_shopId, withoutSecret)).StatusCode);

        await Client.PostEventAsync(_shopId, ProductApi.OrderCreated("evt-plain", "A1901", DateTimeOffset.UtcNow.AddHours(-2)));
        await _host.RunFunctionAsync("PaymentReminderSweep");
        var message = Assert.Single(await _sink.WaitForDeliveredAsync(1));

        // The receiver's conversion the README gives: whsec_ + base64 of the plain secret's UTF-8 bytes.
        message.VerifySignature("whsec_" + Convert.ToBase64String(Encoding.UTF8.GetBytes(plain)));
        Assert.False(message.IsSignedWith(ProductApi.ChannelSecret));
    }

    [Fact]
    public async Task SinkFailsThenRecovers_DeliveredOnceWithTheSameIdempotencyKey()
    {
        // One delivery is 1 try + 2 quick retries: 3 failures end the first delivery, the redelivery then succeeds.
        _sink.FailNext(503, 503, 503, 500);
        await Client.PostEventAsync(_shopId, ProductApi.OrderCreated("evt-f", "A5001", DateTimeOffset.UtcNow.AddHours(-2)));

        await _host.RunFunctionAsync("PaymentReminderSweep");
        var delivered = await _sink.WaitForDeliveredAsync(1, TimeSpan.FromSeconds(45));

        Assert.Single(delivered);
        Assert.Equal(5, _sink.Received.Count);
        Assert.Single(_sink.Received.Select(r => r.WebhookId).Distinct());
        var message = (await WaitForMessageStateAsync("A5001", 1, "sent")).Message("payment_reminder", 1);
        Assert.Equal(2, message.GetProperty("attempts").GetInt32());
    }

    [Fact]
    public async Task SinkRefuses_RecordedAsFailedWithoutRetry()
    {
        _sink.FailNext(422);
        await Client.PostEventAsync(_shopId, ProductApi.OrderCreated("evt-r", "A6001", DateTimeOffset.UtcNow.AddHours(-2)));

        await _host.RunFunctionAsync("PaymentReminderSweep");
        var order = await WaitForMessageStateAsync("A6001", 1, "failed");

        Assert.Equal("refused_http_422", order.Message("payment_reminder", 1).GetProperty("reason").GetString());
        Assert.Single(_sink.Received);
    }

    [Fact]
    public async Task TwoConcurrentSweeps_EachReminderDeliveredOnce()
    {
        var placedAt = DateTimeOffset.UtcNow.AddHours(-2);
        for (var i = 0; i < 12; i++)
        {
            Assert.Equal(HttpStatusCode.Accepted, (await Client.PostEventAsync(_shopId, ProductApi.OrderCreated($"evt-s{i}", $"S{i}", placedAt))).StatusCode);
        }

        await Task.WhenAll(_host.InvokeTimerAsHostAsync("PaymentReminderSweep"), _host.InvokeTimerAsHostAsync("PaymentReminderSweep"));
        await _sink.WaitForDeliveredAsync(12);
        await Task.Delay(2000); // time for any duplicate hand-off to be processed

        var perMessage = _sink.Delivered.GroupBy(m => m.WebhookId).ToList();
        Assert.Equal(12, perMessage.Count);
        Assert.All(perMessage, g => Assert.Single(g));
    }

    [Fact]
    public async Task QuietHoursSetAfterScheduling_DueStepIsDeferredToTheirEnd_NotSent()
    {
        await Client.PostEventAsync(_shopId, ProductApi.OrderCreated("evt-q", "A7001", DateTimeOffset.UtcNow.AddHours(-2)));
        var now = DateTime.UtcNow;
        var quiet = new JsonObject { ["start"] = now.AddHours(-1).ToString("HH:mm", CultureInfo.InvariantCulture), ["end"] = now.AddHours(1).ToString("HH:mm", CultureInfo.InvariantCulture) };
        Assert.Equal(HttpStatusCode.OK, (await _host.PutShopAsync(_shopId, ProductApi.Shop(_sink.Url, quietHours: quiet))).StatusCode);

        await _host.RunFunctionAsync("PaymentReminderSweep");
        var order = await WaitForMessageReasonAsync("A7001", 1, "quiet_hours");

        var step = order.Message("payment_reminder", 1);
        Assert.Equal("scheduled", step.GetProperty("state").GetString());
        Assert.True(step.GetProperty("dueAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(30));
        Assert.Empty(_sink.Received);
    }

    [Fact]
    public async Task LateWebhook_BothStepsAlreadyDue_OnlyTheFirstIsSentAndTheSecondWaits()
    {
        // Placed 22 h ago with a 24 h auto-close: step 1 (30 min) and step 2 (3 h before close) are both overdue.
        await Client.PostEventAsync(_shopId, ProductApi.OrderCreated("evt-late", "A7501", DateTimeOffset.UtcNow.AddHours(-22)));

        await _host.RunFunctionAsync("PaymentReminderSweep");
        await _sink.WaitForDeliveredAsync(1);
        var order = await WaitForMessageStateAsync("A7501", 1, "sent");
        await Task.Delay(1500);

        var delivered = Assert.Single(_sink.Delivered);
        Assert.Equal($"{_shopId}:A7501:payment_reminder:1", delivered.WebhookId);
        order = await _host.GetOrderAsync(_shopId, "A7501");
        var second = order.Message("payment_reminder", 2);
        Assert.Equal("scheduled", second.GetProperty("state").GetString());
        Assert.True(second.GetProperty("dueAt").GetDateTimeOffset() > DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task CrashBetweenSendAndRecord_ClaimExpired_SentAgainWithTheSameIdempotencyKeyAndRecordedOnce()
    {
        // What a crash right after delivering leaves behind: a claimed row whose claim has run out.
        var key = await CreateDueOrderClaimedUntilAsync("A8001", DateTimeOffset.UtcNow.AddSeconds(-1));

        Assert.True(await _host.InvokeQueueAsHostAsync("DeliverMessage", RefOf(key)));

        var delivered = Assert.Single(_sink.Delivered);
        Assert.Equal(key.MessageId, delivered.WebhookId);
        var step = (await _host.GetOrderAsync(_shopId, "A8001")).Message("payment_reminder", 1);
        Assert.Equal("sent", step.GetProperty("state").GetString());
        Assert.Equal(2, step.GetProperty("attempts").GetInt32());
    }

    [Fact]
    public async Task ClaimHeldByAnotherInstance_NotSent_AndLookedAtAgainWhenTheClaimEnds()
    {
        var key = await CreateDueOrderClaimedUntilAsync("A9001", DateTimeOffset.UtcNow.AddMinutes(2));
        var queue = _host.Storage.GetRequiredService<QueueServiceClient>().GetQueueClient("outbound-messages");
        var before = (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount;

        Assert.True(await _host.InvokeQueueAsHostAsync("DeliverMessage", RefOf(key)));

        Assert.Empty(_sink.Received);
        Assert.Equal(before + 1, (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount);
        Assert.Equal("sending", (await _host.GetOrderAsync(_shopId, "A9001")).Message("payment_reminder", 1).GetProperty("state").GetString());
    }

    /// <summary>An order whose first reminder is due and was claimed (by "another instance") until the given time.</summary>
    private async Task<MessageKey> CreateDueOrderClaimedUntilAsync(string orderId, DateTimeOffset leaseUntil)
    {
        await Client.PostEventAsync(_shopId, ProductApi.OrderCreated("evt-" + orderId, orderId, DateTimeOffset.UtcNow.AddHours(-2)));
        var key = new MessageKey(_shopId, orderId, "payment_reminder", 1);
        var orders = _host.Storage.GetRequiredService<OrderStore>();
        var row = await orders.GetMessageAsync(key, CancellationToken.None);
        Assert.NotNull(await orders.TryUpdateMessageAsync(
            row! with { State = MessageState.Sending, Attempts = 1, LeaseUntil = leaseUntil }, CancellationToken.None));
        return key;
    }

    private static string RefOf(MessageKey key) =>
        new JsonObject { ["shopId"] = key.ShopId, ["orderId"] = key.OrderId, ["kind"] = key.Kind, ["step"] = key.Step }.ToJsonString();

    private Task<JsonElement> WaitForMessageStateAsync(string orderId, int step, string state) =>
        _host.WaitForMessageAsync(_shopId, orderId, "payment_reminder", step, "state", state);

    private Task<JsonElement> WaitForMessageReasonAsync(string orderId, int step, string reason) =>
        _host.WaitForMessageAsync(_shopId, orderId, "payment_reminder", step, "reason", reason);
}
