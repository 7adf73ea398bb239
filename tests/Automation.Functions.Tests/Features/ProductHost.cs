using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Automation.Functions.Hosting;
using Automation.Functions.LocalRunner;
using Automation.Functions.Tests.Hosting;
using Automation.Storage.Queues;
using Automation.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
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

    private readonly WebApplication _app;

    private ProductHost(WebApplication app, string appRoot)
    {
        _app = app;
        AppRoot = appRoot;
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        Client = new HttpClient { BaseAddress = new Uri(address) };
    }

    public HttpClient Client { get; }

    public string FunctionKey { get; } = "product-test-function-key";

    public string AppRoot { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<ProductHost> StartAsync(
        AzuriteFixture azurite,
        IReadOnlyDictionary<string, string?>? settings = null,
        Action<WebApplicationBuilder>? configure = null,
        IReadOnlyCollection<string>? withoutFunctions = null)
    {
        var appRoot = Directory.CreateTempSubdirectory("automation-product-").FullName;
        var hostJson = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, "host.json")))!;
        hostJson["extensions"]!["queues"]!["visibilityTimeout"] = "00:00:01";
        hostJson["extensions"]!["queues"]!["maxPollingInterval"] = "00:00:00.200";
        await File.WriteAllTextAsync(Path.Combine(appRoot, "host.json"), hostJson.ToJsonString());
        foreach (var definition in Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "functions"), "function.json", SearchOption.AllDirectories))
        {
            var name = Path.GetFileName(Path.GetDirectoryName(definition)!);
            if (withoutFunctions?.Contains(name) == true)
            {
                continue;
            }

            var target = Directory.CreateDirectory(Path.Combine(appRoot, "functions", name)).FullName;
            File.Copy(definition, Path.Combine(target, "function.json"));
        }

        var values = new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["AUTOMATION_APP_ROOT"] = appRoot,
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["LocalRunner:StartAzurite"] = "false",
            ["LOCAL_FUNCTION_KEY"] = "product-test-function-key",
            ["LOCAL_MASTER_KEY"] = MasterKey,
            ["PaymentReminderSchedule"] = "0 0 0 1 1 *",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var app = AutomationApp.Build([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(values);
            configure?.Invoke(builder);
        });
        await app.StartAsync();
        return new ProductHost(app, appRoot);
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
        var payload = new JsonObject
        {
            ["Data"] = new JsonObject { ["timer"] = new JsonObject { ["Schedule"] = new JsonObject { ["AdjustForDST"] = true }, ["ScheduleStatus"] = null, ["IsPastDue"] = false } },
            ["Metadata"] = new JsonObject { ["sys"] = new JsonObject { ["MethodName"] = name, ["UtcNow"] = DateTime.UtcNow.ToString("O"), ["RandGuid"] = Guid.NewGuid().ToString() } },
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/" + name)
        {
            Content = JsonContent.Create(payload),
            Headers = { { LocalRunnerToken.Header, Services.GetRequiredService<LocalRunnerToken>().Value } },
        };
        using var response = await Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>Calls the handler the way the Functions host invokes a queue function for one message (payload mode).</summary>
    public async Task<HttpStatusCode> InvokeQueueAsHostAsync(string name, string messageText, int dequeueCount = 1)
    {
        var payload = new JsonObject
        {
            ["Data"] = new JsonObject { ["message"] = JsonSerializer.Serialize(messageText) },
            ["Metadata"] = new JsonObject
            {
                ["DequeueCount"] = dequeueCount.ToString(CultureInfo.InvariantCulture),
                ["Id"] = JsonSerializer.Serialize(Guid.NewGuid().ToString()),
                ["sys"] = new JsonObject { ["MethodName"] = name, ["UtcNow"] = DateTime.UtcNow.ToString("O"), ["RandGuid"] = Guid.NewGuid().ToString() },
            },
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/" + name)
        {
            Content = JsonContent.Create(payload),
            Headers = { { LocalRunnerToken.Header, Services.GetRequiredService<LocalRunnerToken>().Value } },
        };
        using var response = await Client.SendAsync(request);
        return response.StatusCode;
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

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        try
        {
            Directory.Delete(AppRoot, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }
}
