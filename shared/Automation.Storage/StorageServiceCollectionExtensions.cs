using Automation.Storage.Queues;
using Automation.Storage.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Automation.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="StorageAccount"/>, <see cref="TableServiceClient"/> and <see cref="QueueServiceClient"/>
    /// as singletons, built on first use from the connection <paramref name="connectionName"/> in
    /// <paramref name="configuration"/> (a connection string, or the Functions identity-based settings; see
    /// <see cref="StorageAccount.FromSettings"/>). A registered <see cref="StorageClientOptions"/> singleton is used
    /// when present. Missing or invalid settings throw <see cref="InvalidOperationException"/> naming the setting.
    /// </summary>
    public static IServiceCollection AddAzureStorage(
        this IServiceCollection services, IConfiguration configuration, string connectionName = "AzureWebJobsStorage")
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionName);

        services.TryAddSingleton(_ => StorageAccount.FromSettings(name => Setting(configuration, name), connectionName));
        services.TryAddSingleton(sp => new TableServiceClient(sp.GetRequiredService<StorageAccount>(), sp.GetService<StorageClientOptions>()));
        services.TryAddSingleton(sp => new QueueServiceClient(sp.GetRequiredService<StorageAccount>(), sp.GetService<StorageClientOptions>()));
        return services;
    }

    // Functions app settings arrive as "Name__key" (environment) or "Name:key" (configuration sections);
    // a connection string may also live under ConnectionStrings:Name.
    private static string? Setting(IConfiguration configuration, string name)
    {
        var value = configuration[name];
        if (string.IsNullOrWhiteSpace(value) && !name.Contains("__", StringComparison.Ordinal) && !name.Contains(':', StringComparison.Ordinal))
        {
            value = configuration.GetConnectionString(name);
        }

        return value;
    }
}
