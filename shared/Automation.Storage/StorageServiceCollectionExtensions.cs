using Automation.Storage.Stores;
using Azure.Core;
using Azure.Core.Extensions;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Automation.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers the storage clients and the product's stores as singletons: <see cref="TableServiceClient"/> and
    /// <see cref="QueueServiceClient"/> (through Microsoft.Extensions.Azure, built on first use), the
    /// <see cref="StorageConnection"/> they were built from, <see cref="StoreTables"/>, <see cref="ShopStore"/>,
    /// <see cref="OrderStore"/>, <see cref="DueMessageIndex"/>, <see cref="ApiKeyStore"/>, <see cref="TaskStore"/>, <see cref="ReviewStore"/>, <see cref="SweepStore"/>, <see cref="CaseStore"/>, <see cref="SentMessageLog"/>, <see cref="ErasureStore"/>, <see cref="PlatformDeliveryStore"/>, and <see cref="TimeProvider.System"/> unless a
    /// TimeProvider is already registered.
    /// Queue messages are base64-encoded, as the Functions queue trigger expects, and both clients speak the
    /// versions pinned in <see cref="StorageServiceVersions"/>.
    /// To add a pipeline policy to every storage call (e.g. a request counter), call
    /// <c>services.AddAzureClients(b =&gt; b.ConfigureDefaults(o =&gt; o.AddPolicy(...)))</c>.
    /// </summary>
    /// <param name="configuration">The app's configuration; the connection's settings are read now (see <see cref="StorageConnection.Resolve"/>).</param>
    /// <param name="connectionName">The Functions connection name.</param>
    /// <exception cref="InvalidOperationException">The connection's settings are missing or invalid; the message names the setting.</exception>
    public static IServiceCollection AddAutomationStorage(
        this IServiceCollection services, IConfiguration configuration, string connectionName = StorageConnection.DefaultName)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        // Resolved here rather than on first use, so that a bad setting stops start-up instead of the first timer run.
        var connection = StorageConnection.Resolve(configuration, connectionName);
        services.TryAddSingleton(connection);
        services.AddAzureClients(clients =>
        {
            IAzureClientBuilder<TableServiceClient, TableClientOptions> tables;
            IAzureClientBuilder<QueueServiceClient, QueueClientOptions> queues;
            if (connection.ConnectionString is { } connectionString)
            {
                tables = clients.AddTableServiceClient(connectionString);
                queues = clients.AddQueueServiceClient(connectionString);
            }
            else
            {
                var credential = connection.CreateTokenCredential();
                tables = clients.AddTableServiceClient(connection.TableServiceUri).WithCredential(credential);
                queues = clients.AddQueueServiceClient(connection.QueueServiceUri).WithCredential(credential);
            }

            tables.WithVersion(StorageServiceVersions.Tables).ConfigureOptions(options => UseShortRetries(options));
            queues.WithVersion(StorageServiceVersions.Queues).ConfigureOptions(options =>
            {
                UseShortRetries(options);
                options.MessageEncoding = QueueMessageEncoding.Base64;
            });
        });

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<StoreTables>();
        services.TryAddSingleton<ShopStore>();
        services.TryAddSingleton<OrderStore>();
        services.TryAddSingleton<DueMessageIndex>();
        services.TryAddSingleton<ApiKeyStore>();
        services.TryAddSingleton<TaskStore>();
        services.TryAddSingleton<ReviewStore>();
        services.TryAddSingleton<SweepStore>();
        services.TryAddSingleton<CaseStore>();
        services.TryAddSingleton<SentMessageLog>();
        services.TryAddSingleton<PlatformDeliveryStore>();
        services.TryAddSingleton<ErasureStore>();
        return services;
    }

    // Few and short on purpose: callers run inside Functions triggers whose own redelivery is the long retry, so
    // do not stack a long one on top. Each retry is another billed transaction.
    private static void UseShortRetries(ClientOptions options)
    {
        options.Retry.Mode = RetryMode.Exponential;
        options.Retry.MaxRetries = 3;
        options.Retry.Delay = TimeSpan.FromMilliseconds(200);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(2);
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(30);
    }
}
