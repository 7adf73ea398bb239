using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Automation.Functions.Tests.Support;
using Automation.Testing;

namespace Automation.Functions.Tests.Features;

/// <summary>
/// A message that fails for good (refused, or given up after its attempts) becomes a task to reach the customer
/// another way, with the message's kind and the failure code as evidence and nothing personal; once per message.
/// </summary>
[Collection("Azurite")]
public sealed class FailedDeliveryTaskTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task DeliverMessage_ChannelRefuses_OpensOneDeliveryFailedTaskWithKindAndErrorOnly()
    {
        await using var scenario = await ShopScenario.StartAsync(azurite, "failed");
        scenario.Sink.FailNext(422);
        await scenario.PostAsync(ProductApi.OrderCreated("evt-r", "F1", DateTimeOffset.UtcNow.AddHours(-2)));

        await scenario.Host.RunFunctionAsync("PaymentReminderSweep");
        var task = await WaitForSingleTaskAsync(scenario);
        await scenario.Host.RunFunctionAsync("PaymentReminderSweep"); // nothing new is due: the failed step is final
        await scenario.Host.WaitForQueueIdleAsync("outbound-messages");

        Assert.StartsWith("message_delivery_failed:F1:", task.GetProperty("taskId").GetString(), StringComparison.Ordinal);
        Assert.Equal(("message_delivery_failed", "F1", "open", 5), (task.GetProperty("kind").GetString(), task.GetProperty("orderId").GetString(), task.GetProperty("state").GetString(), task.GetProperty("priority").GetInt32()));
        Assert.Equal(
            [("message", "payment_reminder"), ("failure", "refused_http_422")],
            task.GetProperty("evidence").EnumerateArray().Select(e => (e.GetProperty("label").GetString(), e.GetProperty("value").GetString())));
        Assert.DoesNotContain("c-F1", task.GetRawText(), StringComparison.Ordinal); // the customer stays out of it
        Assert.Single(await scenario.TasksAsync());
        Assert.Equal("failed", (await scenario.OrderAsync("F1")).Message("payment_reminder", 1).GetProperty("state").GetString());
    }

    [Fact]
    public async Task DeliverMessage_GivesUpAfterItsAttempts_OpensTheTaskWithTheLastError()
    {
        await using var sink = await MessageSink.StartAsync();
        await using var host = await ProductHost.StartAsync(azurite, new Dictionary<string, string?> { ["Delivery__MaxAttempts"] = "1", ["Delivery__RetriesPerDelivery"] = "0" });
        var shopId = "failed-" + Guid.NewGuid().ToString("N")[..8];
        Assert.Equal(HttpStatusCode.Created, (await host.PutShopAsync(shopId, ProductApi.Shop(sink.Url))).StatusCode);
        sink.FailNext(503);
        Assert.Equal(HttpStatusCode.Accepted, (await host.Client.PostEventAsync(shopId, ProductApi.OrderCreated("evt-g", "G1", DateTimeOffset.UtcNow.AddHours(-2)))).StatusCode);

        await host.RunFunctionAsync("PaymentReminderSweep");
        var task = await WaitForSingleTaskAsync(host, shopId);

        var evidence = task.GetProperty("evidence").EnumerateArray().ToDictionary(e => e.GetProperty("label").GetString()!, e => e.GetProperty("value").GetString());
        Assert.Equal("gave_up_after_1_attempts (http_503)", evidence["failure"]);
        Assert.Single(sink.Received);
    }

    private static Task<JsonElement> WaitForSingleTaskAsync(ShopScenario scenario) => WaitForSingleTaskAsync(scenario.Host, scenario.ShopId);

    private static async Task<JsonElement> WaitForSingleTaskAsync(ProductHost host, string shopId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(45);
        while (true)
        {
            using var response = await host.Client.SendAsync(await host.ShopRequestAsync(HttpMethod.Get, shopId, $"/api/shops/{shopId}/tasks"));
            var tasks = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("tasks").EnumerateArray().ToList();
            if (tasks.Count > 0 || DateTime.UtcNow > deadline)
            {
                return Assert.Single(tasks);
            }

            await Task.Delay(200);
        }
    }
}
