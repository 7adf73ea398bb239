using System.Text;
using Automation.Storage.Stores;
using Automation.Testing;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Automation.Storage.Tests;

[Collection("Azurite")]
public sealed class StorageServiceCollectionExtensionsTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task AddAutomationStorage_ConnectionString_RegistersSingletonClientsThatReachItsEndpoints()
    {
        await using var storage = TestStorage.Create(azurite);

        var tables = storage.Get<TableServiceClient>();
        var queues = storage.Get<QueueServiceClient>();

        Assert.Same(tables, storage.Get<TableServiceClient>());
        Assert.Same(queues, storage.Get<QueueServiceClient>());
        Assert.Equal($"http://127.0.0.1:{azurite.TablePort}/devstoreaccount1", tables.Uri.AbsoluteUri.TrimEnd('/'));
        Assert.Equal($"http://127.0.0.1:{azurite.QueuePort}/devstoreaccount1", queues.Uri.AbsoluteUri.TrimEnd('/'));
        await tables.GetTableClient(AzuriteFixture.UniqueName("di")).CreateIfNotExistsAsync();
        await queues.GetQueueClient(AzuriteFixture.UniqueName("di")).CreateIfNotExistsAsync();
    }

    [Fact]
    public async Task AddAutomationStorage_UseDevelopmentStorage_TargetsTheEmulatorsDefaultPorts()
    {
        await using var storage = TestStorage.FromSettings(new() { ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true" });

        Assert.Equal("http://127.0.0.1:10002/devstoreaccount1", storage.Get<TableServiceClient>().Uri.AbsoluteUri.TrimEnd('/'));
        Assert.Equal("http://127.0.0.1:10001/devstoreaccount1", storage.Get<QueueServiceClient>().Uri.AbsoluteUri.TrimEnd('/'));
    }

    [Fact]
    public async Task AddAutomationStorage_IdentityBasedAccountName_TargetsThePublicEndpoints()
    {
        await using var storage = TestStorage.FromSettings(new()
        {
            ["AzureWebJobsStorage:accountName"] = "shopauto",
            ["AzureWebJobsStorage:credential"] = "managedidentity",
            ["AzureWebJobsStorage:clientId"] = "3f0c8a52-1b7d-4c1e-9a51-2d6a4a7f0c11",
        });

        Assert.Equal(new Uri("https://shopauto.table.core.windows.net/"), storage.Get<TableServiceClient>().Uri);
        Assert.Equal(new Uri("https://shopauto.queue.core.windows.net/"), storage.Get<QueueServiceClient>().Uri);
        Assert.Equal("shopauto", storage.Get<TableServiceClient>().AccountName);
        Assert.Equal(StorageCredentialKind.ManagedIdentity, storage.Get<StorageConnection>().CredentialKind);
    }

    [Fact]
    public async Task AddAutomationStorage_ExplicitServiceUris_TargetsThem()
    {
        await using var storage = TestStorage.FromSettings(new()
        {
            ["AzureWebJobsStorage:tableServiceUri"] = "https://shopauto.table.core.windows.net",
            ["AzureWebJobsStorage:queueServiceUri"] = "https://shopauto.queue.core.windows.net",
        });

        Assert.Equal("shopauto", storage.Get<QueueServiceClient>().AccountName);
        Assert.Equal(new Uri("https://shopauto.queue.core.windows.net/"), storage.Get<QueueServiceClient>().Uri);
    }

    [Fact]
    public void AddAutomationStorage_NothingConfigured_FailsAtRegistrationNamingTheSetting()
    {
        var services = new ServiceCollection();

        var e = Assert.Throws<InvalidOperationException>(
            () => services.AddAutomationStorage(new ConfigurationBuilder().Build()));

        Assert.Contains("AzureWebJobsStorage", e.Message, StringComparison.Ordinal);
        Assert.Empty(services);
    }

    [Fact]
    public async Task AddAutomationStorage_Stores_AreSingletonsOnTheRegisteredTimeProvider()
    {
        await using var storage = TestStorage.Create(azurite);

        Assert.Same(storage.Get<OrderStore>(), storage.Get<OrderStore>());
        Assert.Same(storage.Time, storage.Get<TimeProvider>());
        Assert.NotNull(storage.Get<ShopStore>());
        Assert.NotNull(storage.Get<DueMessageIndex>());
        Assert.NotNull(storage.Get<StoreTables>());
    }

    [Fact]
    public async Task AddAutomationStorage_NoTimeProvider_RegistersTheSystemClock()
    {
        var services = new ServiceCollection();
        services.AddAutomationStorage(Configuration(new() { ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true" }));
        await using var provider = services.BuildServiceProvider();

        Assert.Same(TimeProvider.System, provider.GetRequiredService<TimeProvider>());
    }

    [Fact]
    public async Task AddAutomationStorage_ClientOptions_UseShortRetriesBase64AndThePinnedVersions()
    {
        await using var storage = TestStorage.Create(azurite);

        var queueOptions = storage.Get<IOptionsMonitor<QueueClientOptions>>().Get("Default");
        var tableOptions = storage.Get<IOptionsMonitor<TableClientOptions>>().Get("Default");

        Assert.Equal(QueueMessageEncoding.Base64, queueOptions.MessageEncoding);
        Assert.Equal(StorageServiceVersions.Queues, queueOptions.Version);
        Assert.Equal(3, queueOptions.Retry.MaxRetries);
        Assert.Equal(TimeSpan.FromSeconds(2), queueOptions.Retry.MaxDelay);
        Assert.Equal(TimeSpan.FromSeconds(30), tableOptions.Retry.NetworkTimeout);
        Assert.Equal(TimeSpan.FromMilliseconds(200), tableOptions.Retry.Delay);
    }

    [Fact]
    public async Task SendMessageAsync_RegisteredQueueClient_PutsBase64OnTheWire()
    {
        await using var storage = TestStorage.Create(azurite);
        var name = AzuriteFixture.UniqueName("wire");
        var queue = storage.Get<QueueServiceClient>().GetQueueClient(name);
        await queue.CreateIfNotExistsAsync();
        const string json = "{\"shopId\":\"s1\",\"orderId\":\"A<1>&\",\"kind\":\"payment-reminder\",\"step\":1}";

        await queue.SendMessageAsync(json);

        // Read it back with a client that does no decoding: what it sees is what the Functions trigger gets.
        var raw = new QueueClient(
            azurite.ConnectionString, name, new QueueClientOptions(StorageServiceVersions.Queues) { MessageEncoding = QueueMessageEncoding.None });
        var peeked = Assert.Single((await raw.PeekMessagesAsync(32)).Value);
        Assert.Equal(Convert.ToBase64String(Encoding.UTF8.GetBytes(json)), peeked.MessageText);
        var received = Assert.Single((await queue.ReceiveMessagesAsync(32)).Value);
        Assert.Equal(json, received.MessageText);
    }

    [Fact]
    public async Task RegisteredClients_AgainstAzurite_SendThePinnedServiceVersions()
    {
        await using var storage = TestStorage.Create(azurite);
        var queue = storage.Get<QueueServiceClient>().GetQueueClient(AzuriteFixture.UniqueName("version"));
        var table = storage.Get<TableServiceClient>().GetTableClient(AzuriteFixture.UniqueName("version"));

        await queue.CreateIfNotExistsAsync();
        await queue.SendMessageAsync("x", TimeSpan.FromSeconds(1));
        await table.CreateIfNotExistsAsync();
        await table.AddEntityAsync(new TableEntity("p", "r") { ["DueAt"] = TestStorage.Start });

        var versions = storage.Requests.Requests
            .Select(r => (r.Uri.Port, r.Version))
            .Distinct()
            .ToList();
        Assert.Contains((azurite.QueuePort, "2025-11-05"), versions);
        Assert.Contains((azurite.TablePort, "2020-12-06"), versions);
        Assert.Equal(2, versions.Count);
    }

    [Fact]
    public async Task QueueClient_SdkDefaultServiceVersion_IsRefusedByAzurite()
    {
        // Why StorageServiceVersions.Queues exists. When this fails, Azurite accepts the SDK's default: the pin can move.
        var unpinned = new QueueClient(azurite.ConnectionString, AzuriteFixture.UniqueName("unpinned"));

        var e = await Assert.ThrowsAsync<RequestFailedException>(() => unpinned.CreateIfNotExistsAsync());

        Assert.Equal(400, e.Status);
        Assert.Contains("not supported by Azurite", e.Message, StringComparison.Ordinal);
    }

    private static IConfiguration Configuration(Dictionary<string, string?> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
}
