using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Automation.Functions.Tests.Support;
using Automation.Testing;

namespace Automation.Functions.Tests.Features;

/// <summary>When storage fails, a webhook is answered 5xx (so the shop sends it again), never a 2xx that loses it.</summary>
[Collection("Azurite")]
public sealed class StorageFailureTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Webhook_WhileStorageRefuses_Answers500Problem_AndTheSameEventIsAcceptedOnceStorageIsBack()
    {
        await using var storage = await StorageCountingProxy.StartAsync(azurite);
        await using var host = await ProductHost.StartAsync(
            azurite,
            new Dictionary<string, string?> { ["Shops__SettingsCacheDuration"] = "00:00:00" },
            workerStorageConnection: storage.ConnectionString);
        var shopId = "fail-" + Guid.NewGuid().ToString("N")[..8];
        Assert.Equal(HttpStatusCode.Created, (await host.PutShopAsync(shopId, ProductApi.Shop())).StatusCode);
        var created = ProductApi.OrderCreated("evt-f1", "F1", DateTimeOffset.UtcNow.AddHours(-2));

        storage.FailTablesWith = 403;
        using var refused = await host.Client.PostEventAsync(shopId, created);
        storage.FailTablesWith = null;

        Assert.Equal(HttpStatusCode.InternalServerError, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        using var retried = await host.Client.PostEventAsync(shopId, created);
        Assert.Equal(HttpStatusCode.Accepted, retried.StatusCode);
        Assert.Equal("accepted", (await retried.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
    }
}
