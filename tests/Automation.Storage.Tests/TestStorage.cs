using Automation.Testing;
using Azure.Core;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Automation.Storage.Tests;

/// <summary>
/// The app's storage wiring (<see cref="StorageServiceCollectionExtensions.AddAutomationStorage"/>) against the test
/// Azurite, with a fake clock and a <see cref="RequestLog"/> on every storage client, added the way the app's own
/// tests add pipeline policies.
/// </summary>
internal sealed class TestStorage : IAsyncDisposable
{
    /// <summary>A fixed, whole-hour start so that time-bucket arithmetic in tests is easy to follow.</summary>
    public static readonly DateTimeOffset Start = new(2030, 3, 10, 10, 20, 0, TimeSpan.Zero);

    private readonly ServiceProvider _provider;

    private TestStorage(ServiceProvider provider, FakeTimeProvider time, RequestLog requests)
    {
        _provider = provider;
        Time = time;
        Requests = requests;
    }

    public FakeTimeProvider Time { get; }

    public RequestLog Requests { get; }

    public static TestStorage Create(AzuriteFixture azurite) =>
        FromSettings(new Dictionary<string, string?> { ["AzureWebJobsStorage"] = azurite.ConnectionString });

    public static TestStorage FromSettings(Dictionary<string, string?> settings)
    {
        var time = new FakeTimeProvider(Start);
        var requests = new RequestLog();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);
        services.AddAutomationStorage(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddAzureClients(clients => clients.ConfigureDefaults(options => options.AddPolicy(requests, HttpPipelinePosition.PerRetry)));
        return new TestStorage(services.BuildServiceProvider(validateScopes: true), time, requests);
    }

    public T Get<T>()
        where T : notnull => _provider.GetRequiredService<T>();

    public ValueTask DisposeAsync() => _provider.DisposeAsync();
}
