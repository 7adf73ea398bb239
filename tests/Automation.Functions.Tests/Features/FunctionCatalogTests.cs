using Automation.DevHost;
using Automation.Functions.Tests.Support;
using Automation.Testing;

namespace Automation.Functions.Tests.Features;

/// <summary>
/// What any Functions host gets from the built worker: its functions with their triggers, reported by the
/// worker itself over gRPC (worker indexing), with the routes, methods and key levels of the HTTP contract.
/// </summary>
[Collection("Azurite")]
public sealed class FunctionCatalogTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task BuiltWorker_ReportsItsFunctionsWithTheirTriggers()
    {
        await using var host = await ProductHost.StartAsync(azurite);

        var functions = host.Functions.OrderBy(f => f.Name, StringComparer.Ordinal).ToList();

        Assert.Equal(
            ["ApiKeys", "ApproveReviewReply", "Cases", "CompleteTask", "CustomerOptOut", "DeliverMessage", "EraseCustomer", "FailedPlatformDeliveries", "ForgetReviewPhrase", "Handover", "MorningSweep", "OrderView", "PaymentReminderSweep", "Report", "ReviewPhrases", "ReviewReading", "ReviewView", "RevokeApiKey", "RotateApiKey", "RunMorningSweep", "RunNoonEscalation", "ShopEvents", "ShopifyWebhook", "Shops", "Tasks", "WooCommerceWebhook"],
            functions.Select(f => f.Name));
        Assert.Collection(
            functions,
            keys => AssertHttp(keys, "shops/{shopId}/keys", ["GET", "POST"], "admin"),
            approve => AssertHttp(approve, "shops/{shopId}/reviews/{reviewId}/reply", ["POST"], "function"),
            cases => AssertHttp(cases, "shops/{shopId}/cases", ["GET"], "function"),
            done => AssertHttp(done, "shops/{shopId}/tasks/{taskId}/done", ["POST"], "function"),
            optOut => AssertHttp(optOut, "shops/{shopId}/customers/{customerId}/opt-out", ["DELETE", "PUT"], "function"),
            deliver => Assert.Equal((DevHostTriggerKind.Queue, "outbound-messages", "AzureWebJobsStorage"), (deliver.TriggerKind, deliver.QueueName, deliver.Connection)),
            erase => AssertHttp(erase, "shops/{shopId}/customers/{customerId}", ["DELETE"], "function"),
            failed => AssertHttp(failed, "shops/{shopId}/platform-deliveries/failed", ["GET"], "function"),
            forget => AssertHttp(forget, "shops/{shopId}/review-phrases/{text}", ["DELETE"], "function"),
            handover => AssertHttp(handover, "shops/{shopId}/handover", ["POST"], "function"),
            morning => Assert.Equal((DevHostTriggerKind.Timer, "0 0 0 1 1 *"), (morning.TriggerKind, morning.Schedule)),
            view => AssertHttp(view, "shops/{shopId}/orders/{orderId}", ["GET"], "function"),
            reminders => Assert.Equal((DevHostTriggerKind.Timer, "0 0 0 1 1 *"), (reminders.TriggerKind, reminders.Schedule)),
            report => AssertHttp(report, "shops/{shopId}/report", ["GET"], "function"),
            phrases => AssertHttp(phrases, "shops/{shopId}/review-phrases", ["GET"], "function"),
            reading => AssertHttp(reading, "shops/{shopId}/reviews/{reviewId}/reading", ["PUT"], "function"),
            review => AssertHttp(review, "shops/{shopId}/reviews/{reviewId}", ["GET"], "function"),
            revoke => AssertHttp(revoke, "shops/{shopId}/keys/{keyId}", ["DELETE"], "admin"),
            rotate => AssertHttp(rotate, "shops/{shopId}/keys/{keyId}/rotate", ["POST"], "admin"),
            runSweep => AssertHttp(runSweep, "shops/{shopId}/sweep", ["POST"], "admin"),
            escalate => AssertHttp(escalate, "shops/{shopId}/sweep/escalate", ["POST"], "admin"),
            events => AssertHttp(events, "shops/{shopId}/events", ["POST"], "anonymous"),
            shopify => AssertHttp(shopify, "shops/{shopId}/platforms/shopify", ["POST"], "anonymous"),
            shops => AssertHttp(shops, "shops/{shopId}", ["GET", "PUT"], "function"),
            tasks => AssertHttp(tasks, "shops/{shopId}/tasks", ["GET"], "function"),
            woo => AssertHttp(woo, "shops/{shopId}/platforms/woocommerce", ["POST"], "anonymous"));
    }

    private static void AssertHttp(DevHostFunction function, string route, string[] methods, string authLevel)
    {
        Assert.Equal(DevHostTriggerKind.Http, function.TriggerKind);
        Assert.Equal(route, function.Route);
        Assert.Equal(methods, function.Methods!.Order(StringComparer.Ordinal));
        Assert.Equal(authLevel, function.AuthLevel);
    }
}
