using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Automation.Functions.LocalRunner;
using Automation.Functions.Tests.Hosting;
using Automation.Storage.Queues;
using Automation.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Automation.Functions.Tests.Features;

/// <summary>
/// The product as <c>./run.sh</c> runs it (local mode, real Kestrel on a free loopback port) with the repository's
/// own function.json files, against the test Azurite. The app root is a temporary copy whose host.json keeps the
/// product's settings but redelivers failed queue messages after 1 s instead of 30 s, and whose reminder timer
/// never fires by itself (tests run it through the admin API, as a user would).
/// </summary>
internal sealed class ProductHost : IAsyncDisposable
{
    public const string MasterKey = "product-test-master-key";

    private readonly RunningApp _app;

    private ProductHost(RunningApp app) => _app = app;

    public HttpClient Client => _app.Client;

    public string FunctionKey { get; } = "product-test-function-key";

    public IServiceProvider Services => _app.Services;

    public static async Task<ProductHost> StartAsync(
        AzuriteFixture azurite,
        IReadOnlyDictionary<string, string?>? settings = null,
        Action<WebApplicationBuilder>? configure = null,
        IReadOnlyCollection<string>? withoutFunctions = null)
    {
        var appRoot = RunningApp.NewAppRoot("automation-product-");
        var hostJson = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, "host.json")))!;
        hostJson["extensions"]!["queues"]!["visibilityTimeout"] = "00:00:01";
        hostJson["extensions"]!["queues"]!["maxPollingInterval"] = "00:00:00.200";
        await File.WriteAllTextAsync(Path.Combine(appRoot, "host.json"), hostJson.ToJsonString());
        foreach (var definition in Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "functions"), "function.json", SearchOption.AllDirectories))
        {
            if (withoutFunctions?.Contains(Path.GetFileName(Path.GetDirectoryName(definition))) != true)
            {
                RunningApp.AddFunction(appRoot, definition);
            }
        }

        var values = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["LOCAL_FUNCTION_KEY"] = "product-test-function-key",
            ["LOCAL_MASTER_KEY"] = MasterKey,
            ["PaymentReminderSchedule"] = "0 0 0 1 1 *",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        return new ProductHost(await RunningApp.StartAsync(appRoot, values, configure));
    }

    /// <summary>Runs a timer or queue function now through the admin API, as a user of <c>./run.sh</c> would.</summary>
    public async Task RunFunctionAsync(string name, string input = "")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/admin/functions/{name}")
        {
            Content = JsonContent.Create(new JsonObject { ["input"] = input }),
            Headers = { { "x-functions-key", MasterKey } },
        };
        using var response = await Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    /// <summary>Calls the handler the way the Functions host invokes a timer function (payload mode), and waits for its answer.</summary>
    public async Task InvokeTimerAsHostAsync(string name)
    {
        var payload = HostPayloads.Timer(name, "timer", new TimerFiring(null, null, Monitored: false, IsPastDue: false), DateTimeOffset.UtcNow);
        var outcome = await Services.GetRequiredService<LocalHandlerClient>().InvokeAsync(name, payload, CancellationToken.None);
        Assert.True(outcome.Succeeded, outcome.Detail);
    }

    /// <summary>Calls the handler the way the Functions host invokes a queue function for one message (payload mode).</summary>
    public async Task<HttpStatusCode> InvokeQueueAsHostAsync(string name, string messageText, int dequeueCount = 1)
    {
        var message = new QueueDelivery(messageText, dequeueCount, Guid.NewGuid().ToString(), null, null, null, null);
        var payload = HostPayloads.Queue(name, "message", message, DateTimeOffset.UtcNow);
        var outcome = await Services.GetRequiredService<LocalHandlerClient>().InvokeAsync(name, payload, CancellationToken.None);
        return (HttpStatusCode)(outcome.StatusCode ?? 0);
    }

    /// <summary>Waits until the queue holds no message (visible or not), up to a timeout.</summary>
    public async Task WaitForQueueIdleAsync(string queueName, TimeSpan? timeout = null)
    {
        var queue = Services.GetRequiredService<QueueServiceClient>().GetQueueClient(queueName);
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (await queue.GetApproximateMessageCountAsync() > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        // The last message may have been received but not yet processed and deleted: give it a moment.
        await Task.Delay(300);
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
