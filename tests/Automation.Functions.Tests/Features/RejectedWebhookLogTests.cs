using System.Net;
using Automation.Functions.Tests.Support;
using Automation.Testing;

namespace Automation.Functions.Tests.Features;

/// <summary>Refused webhooks are logged, but a flood of them (a wrong secret, or probing) does not flood the log.</summary>
[Collection("Azurite")]
public sealed class RejectedWebhookLogTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task ManyBadSignatures_LogAtMostTenWarningsAMinute()
    {
        await using var host = await ProductHost.StartAsync(azurite);
        var shopId = "flood-" + Guid.NewGuid().ToString("N")[..8];
        Assert.Equal(HttpStatusCode.Created, (await host.PutShopAsync(shopId, ProductApi.Shop())).StatusCode);

        for (var i = 0; i < 30; i++)
        {
            using var response = await host.Client.PostEventAsync(i % 2 == 0 ? shopId : "no-such-shop", ProductApi.OrderCreated($"e{i}", $"F{i}", DateTimeOffset.UtcNow), secret: "wrong-secret-0123456789");
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        await Task.Delay(500); // the worker's log lines reach the host over gRPC
        var warnings = host.RecentOutput.Split('\n').Count(line => line.Contains("webhook refused", StringComparison.Ordinal));
        Assert.Equal(10, warnings);
    }
}
