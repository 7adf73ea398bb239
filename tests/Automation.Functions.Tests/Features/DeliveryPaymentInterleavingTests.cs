using System.Net;
using System.Text.Json.Nodes;
using Automation.Functions.Tests.Support;
using Automation.Storage.Stores;
using Automation.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Automation.Functions.Tests.Features;

/// <summary>
/// "Never after payment", proved by interleaving: a signed order.paid webhook is committed at a chosen point of one
/// DeliverMessage invocation of the real worker. The seam is the storage proxy the worker talks through (it holds the
/// delivery's request until the payment has been applied) and the shop's endpoint (it holds the send). A payment
/// committed before the claim must stop the reminder and leave the step skipped as paid; one committed during the
/// send (the claim was first) cannot be taken back, and the step is recorded as sent.
/// </summary>
[Collection("Azurite")]
public sealed class DeliveryPaymentInterleavingTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string OrderId = "P1";

    private readonly string _shopId = "shop-" + Guid.NewGuid().ToString("N")[..12];
    private StorageCountingProxy _proxy = null!;
    private MessageSink _sink = null!;
    private ProductHost _host = null!;

    public enum PaidAt
    {
        /// <summary>Before the outbox row is read.</summary>
        BeforeRowRead,

        /// <summary>After the row was read, before the order is read and checked.</summary>
        BeforeOrderRead,

        /// <summary>After the check decided to send, before the claim reaches storage.</summary>
        BeforeClaim,

        /// <summary>After the claim, while the shop's endpoint is receiving the reminder.</summary>
        DuringSend,
    }

    /// <summary>The outbox row the delivery finds: as planned, or claimed by an instance that crashed (claim run out).
    /// The webhook skips only scheduled rows, so in the second case nothing but the order's ETag shows the payment.</summary>
    public enum RowAtStart
    {
        Scheduled,
        ExpiredClaim,
    }

    public async Task InitializeAsync()
    {
        _proxy = await StorageCountingProxy.StartAsync(azurite);
        _sink = await MessageSink.StartAsync();

        // Deliveries run only when the test invokes them, so each interleaving happens in exactly one invocation.
        _host = await ProductHost.StartAsync(
            azurite,
            new Dictionary<string, string?> { ["AzureWebJobs.DeliverMessage.Disabled"] = "true" },
            workerStorageConnection: _proxy.ConnectionString);
        Assert.Equal(HttpStatusCode.Created, (await _host.PutShopAsync(_shopId, ProductApi.Shop(_sink.Url))).StatusCode);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _sink.DisposeAsync();
        await _proxy.DisposeAsync();
    }

    [Theory]
    [InlineData(PaidAt.BeforeRowRead, RowAtStart.Scheduled)]
    [InlineData(PaidAt.BeforeRowRead, RowAtStart.ExpiredClaim)]
    [InlineData(PaidAt.BeforeOrderRead, RowAtStart.Scheduled)]
    [InlineData(PaidAt.BeforeOrderRead, RowAtStart.ExpiredClaim)]
    [InlineData(PaidAt.BeforeClaim, RowAtStart.Scheduled)]
    [InlineData(PaidAt.BeforeClaim, RowAtStart.ExpiredClaim)]
    public async Task DeliverMessage_PaidBeforeTheClaim_SendsNothingAndRecordsSkippedAsPaid(PaidAt paidAt, RowAtStart row)
    {
        var key = await DueReminderAsync(row);
        var paid = ArmPayment(paidAt);

        Assert.True(await _host.InvokeQueueAsHostAsync("DeliverMessage", RefOf(key)), _host.RecentOutput);

        Assert.Equal(HttpStatusCode.Accepted, await paid.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Empty(_sink.Received);
        var stored = await Orders.GetMessageAsync(key, CancellationToken.None);
        Assert.Equal(MessageState.Skipped, stored!.State);
        Assert.Equal("order_paid", stored.Reason);
        Assert.Equal("paid", (await _host.GetOrderAsync(_shopId, OrderId)).GetProperty("status").GetString());
    }

    [Theory]
    [InlineData(RowAtStart.Scheduled, 1)]
    [InlineData(RowAtStart.ExpiredClaim, 2)]
    public async Task DeliverMessage_PaidDuringTheSend_DeliveredOnceAndRecordedAsSentWithThePaymentKept(RowAtStart row, int attempts)
    {
        var key = await DueReminderAsync(row);
        var paid = ArmPayment(PaidAt.DuringSend);

        Assert.True(await _host.InvokeQueueAsHostAsync("DeliverMessage", RefOf(key)), _host.RecentOutput);

        // The claim came first: the webhook, applied after it, finds the row claimed and leaves it to the delivery.
        Assert.Equal(HttpStatusCode.Accepted, await paid.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Single(_sink.Delivered);
        var stored = await Orders.GetMessageAsync(key, CancellationToken.None);
        Assert.Equal(MessageState.Sent, stored!.State);
        Assert.Equal(attempts, stored.Attempts);
        var order = await _host.GetOrderAsync(_shopId, OrderId);
        Assert.Equal("paid", order.GetProperty("status").GetString());
        Assert.Equal("skipped", order.Message("payment_reminder", 2).GetProperty("state").GetString());
    }

    private OrderStore Orders => _host.Storage.GetRequiredService<OrderStore>();

    /// <summary>An order whose first reminder is due, its outbox row in the given state.</summary>
    private async Task<MessageKey> DueReminderAsync(RowAtStart row)
    {
        var created = await _host.Client.PostEventAsync(_shopId, ProductApi.OrderCreated("evt-created", OrderId, DateTimeOffset.UtcNow.AddHours(-2)));
        Assert.Equal(HttpStatusCode.Accepted, created.StatusCode);
        var key = new MessageKey(_shopId, OrderId, "payment_reminder", 1);
        if (row == RowAtStart.ExpiredClaim)
        {
            var scheduled = await Orders.GetMessageAsync(key, CancellationToken.None);
            Assert.NotNull(await Orders.TryUpdateMessageAsync(
                scheduled! with { State = MessageState.Sending, Attempts = 1, LeaseUntil = DateTimeOffset.UtcNow.AddSeconds(-1) }, CancellationToken.None));
        }

        return key;
    }

    /// <summary>Posts order.paid once, at the given point, and holds the delivery there until it has been applied.</summary>
    private TaskCompletionSource<HttpStatusCode> ArmPayment(PaidAt paidAt)
    {
        var paid = new TaskCompletionSource<HttpStatusCode>(TaskCreationOptions.RunContinuationsAsynchronously);
        var armed = 1;
        async Task PayOnceAsync()
        {
            if (Interlocked.Exchange(ref armed, 0) == 1)
            {
                using var response = await _host.Client.PostEventAsync(_shopId, ProductApi.StatusEvent("evt-paid", "order.paid", OrderId));
                paid.SetResult(response.StatusCode);
            }
        }

        if (paidAt == PaidAt.DuringSend)
        {
            _sink.BeforeAnswer = PayOnceAsync;
            return paid;
        }

        var orderRow = $"RowKey='o|{OrderId}')";
        var messageRow = $"RowKey='o|{OrderId}|m|payment_reminder|01')";
        _proxy.BeforeForward = request =>
        {
            var isRead = request.Method == "GET";
            var hit = request.Service == "table" && paidAt switch
            {
                PaidAt.BeforeRowRead => isRead && request.Path.EndsWith(messageRow, StringComparison.Ordinal),
                PaidAt.BeforeOrderRead => isRead && request.Path.EndsWith(orderRow, StringComparison.Ordinal),

                // The first write of the delivery is its claim (a single update before the fix, a transaction after).
                _ => !isRead,
            };
            return hit ? PayOnceAsync() : Task.CompletedTask;
        };
        return paid;
    }

    private static string RefOf(MessageKey key) =>
        new JsonObject { ["shopId"] = key.ShopId, ["orderId"] = key.OrderId, ["kind"] = key.Kind, ["step"] = key.Step }.ToJsonString();
}
