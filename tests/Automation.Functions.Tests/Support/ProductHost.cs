using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Automation.DevHost;
using Automation.Storage;
using Automation.Testing;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Automation.Functions.Tests.Support;

/// <summary>
/// The product as <c>./run.sh</c> runs it: the built function app (the real isolated worker, launched as the Functions
/// host launches it) under the development host, on a free loopback port, against the test Azurite. Failed queue
/// messages come back after 1 s instead of 30 s and the queue is polled at least every 200 ms (app settings that
/// override host.json, as the real host allows), and the reminder timer never fires by itself: tests run it through
/// the admin API, as a user would, or invoke it directly and await the worker's answer.
/// </summary>
internal sealed class ProductHost : IAsyncDisposable
{
    public const string MasterKey = "product-test-master-key";
    public const string ProductFunctionKey = "product-test-function-key";

    private readonly DevHostApp _host;
    private readonly ConcurrentQueue<string> _output;
    private readonly ServiceProvider _storage;
    private readonly ConcurrentDictionary<string, Lazy<Task<string>>> _shopKeys = new(StringComparer.Ordinal);

    private ProductHost(DevHostApp host, ConcurrentQueue<string> output, ServiceProvider storage)
    {
        _host = host;
        _output = output;
        _storage = storage;
        Client = new HttpClient { BaseAddress = host.BaseAddress };
    }

    public HttpClient Client { get; }

    /// <summary>The functions the worker reported (worker indexing), as the development host loaded them.</summary>
    public IReadOnlyList<DevHostFunction> Functions => _host.Functions;

    /// <summary>The product's own storage registration, pointed at the test Azurite: for setting up and reading state directly.</summary>
    public IServiceProvider Storage => _storage;

    /// <summary>The worker's process id (0 before it started): for reading its memory from outside.</summary>
    public int WorkerProcessId => _host.WorkerProcessId;

    /// <summary>The last lines the host and the worker printed, to explain a failure.</summary>
    public string RecentOutput => string.Join(Environment.NewLine, _output);

    /// <param name="azurite">The test storage.</param>
    /// <param name="settings">App settings on top of the test defaults (e.g. <c>Shops__SettingsCacheDuration</c>).</param>
    /// <param name="workerStorageConnection">The connection string the app gets, when it is not Azurite's own (e.g. a counting proxy).</param>
    /// <param name="httpActivityTimeout">How long an HTTP call may be silent before the front door answers 504 (the host's 240 s unless given).</param>
    public static async Task<ProductHost> StartAsync(
        AzuriteFixture azurite,
        IReadOnlyDictionary<string, string?>? settings = null,
        string? workerStorageConnection = null,
        TimeSpan? httpActivityTimeout = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = workerStorageConnection ?? azurite.ConnectionString,
            ["LOCAL_FUNCTION_KEY"] = ProductFunctionKey,
            ["LOCAL_MASTER_KEY"] = MasterKey,
            ["PaymentReminderSchedule"] = "0 0 0 1 1 *",
            ["MorningSweepSchedule"] = "0 0 0 1 1 *",
            ["AzureFunctionsJobHost__extensions__queues__visibilityTimeout"] = "00:00:01",
            ["AzureFunctionsJobHost__extensions__queues__maxPollingInterval"] = "00:00:00.200",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var output = new ConcurrentQueue<string>();
        var host = await DevHostApp.StartAsync(new DevHostOptions
        {
            ScriptRoot = RepositoryPaths.FunctionApp,
            Urls = "http://127.0.0.1:0",
            Settings = values,
            StartAzurite = false,
            HttpActivityTimeout = httpActivityTimeout ?? DevHostOptions.DefaultHttpActivityTimeout,
            Output = line =>
            {
                output.Enqueue(line);
                while (output.Count > 300 && output.TryDequeue(out _))
                {
                }
            },
        });

        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["AzureWebJobsStorage"] = azurite.ConnectionString })
            .Build();
        var storage = new ServiceCollection().AddSingleton(TimeProvider.System).AddAutomationStorage(configuration).BuildServiceProvider();
        return new ProductHost(host, output, storage);
    }

    /// <summary>A new agent key for the shop's agent (issued through the admin endpoint with the master key), as agents get theirs.</summary>
    public async Task<string> AgentKeyAsync(string shopId, string agentId)
    {
        using var issued = await AdminAsync(HttpMethod.Post, $"/api/shops/{shopId}/keys", new JsonObject { ["scope"] = "agent", ["agentId"] = agentId });
        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        return (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!;
    }

    /// <summary>
    /// A shop key for the shop (issued once per host through the admin endpoint with the master key, as ops get theirs):
    /// what ops send as <c>Authorization: Bearer</c>.
    /// </summary>
    public Task<string> ShopKeyAsync(string shopId) =>
        _shopKeys.GetOrAdd(shopId, id => new Lazy<Task<string>>(async () =>
        {
            using var response = await AdminAsync(HttpMethod.Post, $"/api/shops/{id}/keys", new JsonObject { ["scope"] = "shop", ["name"] = "tests" });
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!;
        })).Value;

    /// <summary>A request to one shop's ops API, carrying the function key (the platform's gate) and the shop's key.</summary>
    public async Task<HttpRequestMessage> ShopRequestAsync(HttpMethod method, string shopId, string path, HttpContent? content = null) =>
        WithKeys(new HttpRequestMessage(method, path) { Content = content }, await ShopKeyAsync(shopId));

    /// <summary>Adds the function key and <paramref name="apiKey"/> as the bearer token.</summary>
    public static HttpRequestMessage WithKeys(HttpRequestMessage request, string? apiKey)
    {
        request.Headers.Add("x-functions-key", ProductFunctionKey);
        if (apiKey is not null)
        {
            request.Headers.Authorization = new("Bearer", apiKey);
        }

        return request;
    }

    /// <summary>A call to an admin-level endpoint with the master key, its body sent with a Content-Length as curl sends it.</summary>
    /// <remarks>
    /// Not JsonContent: its chunked body once reached the app empty in CI (one key issuance of several hundred answered
    /// 400), which points at the development host's forwarding of chunked request bodies; not yet explained.
    /// </remarks>
    public Task<HttpResponseMessage> AdminAsync(HttpMethod method, string path, JsonObject? body = null) =>
        Client.SendAsync(new HttpRequestMessage(method, path)
        {
            Content = body is null ? null : new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json"),
            Headers = { { "x-functions-key", MasterKey } },
        });

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

    /// <summary>Invokes a timer function as the host does when it fires, and waits for the worker's answer.</summary>
    public async Task InvokeTimerAsHostAsync(string name)
    {
        var result = await _host.InvokeTimerAsync(name);
        Assert.True(result.Succeeded, $"{name}: {result.Status} {result.ExceptionType} {result.ExceptionMessage}\n{RecentOutput}");
    }

    /// <summary>Invokes a queue function for one message as the host does (trigger metadata included); true when it succeeded.</summary>
    public async Task<bool> InvokeQueueAsHostAsync(string name, string messageText, int dequeueCount = 1)
    {
        var result = await _host.InvokeQueueAsync(name, messageText, dequeueCount);
        return result.Succeeded;
    }

    /// <summary>Waits until the queue holds no message (visible or not), up to a timeout.</summary>
    public async Task WaitForQueueIdleAsync(string queueName, TimeSpan? timeout = null)
    {
        var queue = Storage.GetRequiredService<QueueServiceClient>().GetQueueClient(queueName);
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while ((await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        // The last message may have been received but not yet processed and deleted: give it a moment.
        await Task.Delay(300);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _host.DisposeAsync();
        await _storage.DisposeAsync();
    }
}
