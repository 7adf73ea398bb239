using System.Net.Http.Headers;

namespace Automation.DevHost.Tests;

/// <summary>Starts development hosts over the test app with the settings a test needs.</summary>
internal static class Hosts
{
    public const string FunctionKey = "function-key-for-tests-0123456789";
    public const string MasterKey = "master-key-for-tests-0123456789";

    // Never fires during a test run; tests run the timer with InvokeTimerAsync or the admin API instead.
    public const string YearlySchedule = "0 0 0 1 1 *";

    /// <summary>Settings every test host has: known keys, a quiet timer, records in <paramref name="records"/>.</summary>
    public static Dictionary<string, string?> BaseSettings(Records records) => new()
    {
        ["LOCAL_FUNCTION_KEY"] = FunctionKey,
        ["LOCAL_MASTER_KEY"] = MasterKey,
        ["TestTimerSchedule"] = YearlySchedule,
        ["TestQueueName"] = "unused-queue",
        ["TestFailingQueueName"] = "unused-failing-queue",
        [Records.FolderSetting] = records.Folder,
    };

    /// <summary>A host without storage: the queue functions are disabled so nothing polls.</summary>
    public static Dictionary<string, string?> WithoutQueues(this Dictionary<string, string?> settings)
    {
        settings["AzureWebJobs.Record.Disabled"] = "true";
        settings["AzureWebJobs.AlwaysFails.Disabled"] = "1";
        return settings;
    }

    public static Task<DevHostApp> StartAsync(IReadOnlyDictionary<string, string?> settings, HostOutput output, string? localSettingsPath = null, int workerExitLimit = 3) =>
        DevHostApp.StartAsync(new DevHostOptions
        {
            ScriptRoot = TestApp.ScriptRoot,
            Urls = "http://127.0.0.1:0",
            Settings = settings,
            StartAzurite = false,
            LocalSettingsPath = localSettingsPath,
            Output = output.Writer,
            WorkerExitLimit = workerExitLimit,
        });

    public static HttpClient Client(this DevHostApp host) => new() { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };

    public static HttpRequestMessage WithKey(this HttpRequestMessage request, string key)
    {
        request.Headers.Add("x-functions-key", key);
        return request;
    }

    public static HttpRequestMessage Json(this HttpRequestMessage request, string json)
    {
        request.Content = new StringContent(json);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return request;
    }
}
