using Automation.Storage.Queues;
using Automation.Storage.Tables;
using Automation.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Primitives;

namespace Automation.Storage.Tests;

[Collection("Azurite")]
public sealed class StorageServiceCollectionExtensionsTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task AddAzureStorage_ConnectionStringSetting_ResolvesWorkingSingletons()
    {
        var provider = Build(new() { ["AzureWebJobsStorage"] = azurite.ConnectionString });

        var tables = provider.GetRequiredService<TableServiceClient>();
        var queues = provider.GetRequiredService<QueueServiceClient>();

        Assert.Same(tables, provider.GetRequiredService<TableServiceClient>());
        Assert.Same(provider.GetRequiredService<StorageAccount>(), tables.Account);
        Assert.Same(tables.Account, queues.Account);
        var table = tables.GetTableClient(AzuriteFixture.UniqueName("di"));
        await table.CreateIfNotExistsAsync();
        var queue = queues.GetQueueClient(AzuriteFixture.UniqueName("di"));
        await queue.CreateIfNotExistsAsync();
    }

    [Fact]
    public void AddAzureStorage_ConnectionStringsSection_IsUsed()
    {
        var provider = Build(new() { ["ConnectionStrings:Shop"] = "UseDevelopmentStorage=true" }, "Shop");

        Assert.True(provider.GetRequiredService<StorageAccount>().IsDevelopmentStorage);
    }

    [Fact]
    public void AddAzureStorage_IdentitySection_UsesServiceUris()
    {
        var provider = Build(new()
        {
            ["AzureWebJobsStorage:tableServiceUri"] = "https://shopauto.table.core.windows.net",
            ["AzureWebJobsStorage:queueServiceUri"] = "https://shopauto.queue.core.windows.net",
            ["AzureWebJobsStorage:credential"] = "managedidentity",
        });

        var account = provider.GetRequiredService<StorageAccount>();

        Assert.Equal("shopauto", account.AccountName);
        Assert.NotNull(account.Credential);
    }

    [Fact]
    public void AddAzureStorage_NothingConfigured_RegistersLazilyAndThrowsClearlyOnResolve()
    {
        var provider = Build(new());

        var e = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<TableServiceClient>());

        Assert.Contains("AzureWebJobsStorage", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddAzureStorage_RegisteredOptions_AreUsed()
    {
        var options = new StorageClientOptions { MessageEncoding = QueueMessageEncoding.None };
        var provider = Build(new() { ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true" }, services: s => s.AddSingleton(options));

        Assert.Equal(QueueMessageEncoding.None, provider.GetRequiredService<QueueServiceClient>().GetQueueClient("jobs").MessageEncoding);
    }

    private static SingletonProvider Build(
        Dictionary<string, string?> settings, string connectionName = "AzureWebJobsStorage", Action<IServiceCollection>? services = null)
    {
        var collection = new ServiceCollection();
        services?.Invoke(collection);
        collection.AddAzureStorage(new FlatConfiguration(settings), connectionName);
        return new SingletonProvider(collection);
    }

    /// <summary>Just enough of a container for singleton factories (the DI implementation package is not referenced here).</summary>
    private sealed class SingletonProvider(IServiceCollection services) : IServiceProvider
    {
        private readonly Dictionary<Type, object> _instances = [];

        public object? GetService(Type serviceType)
        {
            if (_instances.TryGetValue(serviceType, out var existing))
            {
                return existing;
            }

            var descriptor = services.LastOrDefault(d => d.ServiceType == serviceType);
            if (descriptor is null)
            {
                return null;
            }

            Assert.Equal(ServiceLifetime.Singleton, descriptor.Lifetime);
            var instance = descriptor.ImplementationInstance ?? descriptor.ImplementationFactory!(this);
            _instances[serviceType] = instance;
            return instance;
        }
    }

    /// <summary>A flat key/value IConfiguration with ':' paths, like the in-memory provider.</summary>
    private sealed class FlatConfiguration(Dictionary<string, string?> values, string prefix = "") : IConfigurationSection
    {
        public string? this[string key]
        {
            get => values.GetValueOrDefault(Path + key) ?? values.FirstOrDefault(
                kv => string.Equals(kv.Key, Path + key, StringComparison.OrdinalIgnoreCase)).Value;
            set => values[Path + key] = value;
        }

        public string Key => prefix.TrimEnd(':').Split(':')[^1];

        public string Path => prefix;

        public string? Value
        {
            get => values.GetValueOrDefault(prefix.TrimEnd(':'));
            set => values[prefix.TrimEnd(':')] = value;
        }

        public IEnumerable<IConfigurationSection> GetChildren() =>
            values.Keys.Where(k => k.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                .Select(k => k[prefix.Length..].Split(':')[0]).Distinct(StringComparer.OrdinalIgnoreCase)
                .Select(GetSection).ToList();

        public IChangeToken GetReloadToken() => new CancellationChangeToken(CancellationToken.None);

        public IConfigurationSection GetSection(string key) => new FlatConfiguration(values, Path + key + ":");
    }
}
