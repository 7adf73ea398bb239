using System.Net;
using System.Text.Json;

namespace Automation.DevHost.Tests.Settings;

/// <summary>A first run creates local.settings.json with new keys, prints them, and serves with them.</summary>
public sealed class LocalSettingsHostTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("devhost-localsettings-");
    private readonly Records _records = new();
    private readonly HostOutput _output = new();

    public void Dispose()
    {
        _records.Dispose();
        _root.Delete(recursive: true);
    }

    [Fact]
    public async Task StartAsync_NoLocalSettings_CreatedFromTheExampleWithKeysThatTheFrontDoorAccepts()
    {
        var example = new Dictionary<string, object>
        {
            ["IsEncrypted"] = false,
            ["Values"] = new Dictionary<string, string>
            {
                ["FUNCTIONS_WORKER_RUNTIME"] = "dotnet-isolated",
                ["TestTimerSchedule"] = Hosts.YearlySchedule,
                ["FromTheFile"] = "file value",
                ["AzureWebJobs.Record.Disabled"] = "true",
                ["AzureWebJobs.AlwaysFails.Disabled"] = "true",
                [Records.FolderSetting] = _records.Folder,
            },
        };
        await File.WriteAllTextAsync(Path.Combine(_root.FullName, "local.settings.example.json"), JsonSerializer.Serialize(example));
        var path = Path.Combine(_root.FullName, "local.settings.json");

        await using var host = await Hosts.StartAsync(new Dictionary<string, string?>(), _output, localSettingsPath: path);

        using var file = JsonDocument.Parse(await File.ReadAllTextAsync(path));
        var values = file.RootElement.GetProperty("Values");
        var functionKey = values.GetProperty("LOCAL_FUNCTION_KEY").GetString()!;
        var masterKey = values.GetProperty("LOCAL_MASTER_KEY").GetString()!;
        Assert.Contains($"Created {path} (git-ignored; edit it for your settings).", _output.Lines);
        Assert.Contains($"Generated LOCAL_FUNCTION_KEY={functionKey} and saved it in {path}.", _output.Lines);
        Assert.Contains($"Generated LOCAL_MASTER_KEY={masterKey} and saved it in {path}.", _output.Lines);

        using var client = host.Client();
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "api/secure/function").WithKey(functionKey))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "api/secure/admin").WithKey(masterKey))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "api/secure/admin").WithKey(functionKey))).StatusCode);

        // The file's values are app settings, in the worker's environment too.
        Assert.Equal("file value", await client.GetStringAsync("api/environment/FromTheFile"));
        Assert.Equal(functionKey, await client.GetStringAsync("api/environment/LOCAL_FUNCTION_KEY"));
    }

    [Fact]
    public async Task StartAsync_ExplicitSetting_WinsOverTheFile()
    {
        var path = Path.Combine(_root.FullName, "local.settings.json");
        await File.WriteAllTextAsync(path, $$"""
            { "Values": { "TestTimerSchedule": "{{Hosts.YearlySchedule}}", "Both": "from the file", "LOCAL_FUNCTION_KEY": "file-function-key", "LOCAL_MASTER_KEY": "file-master-key" } }
            """);
        var settings = Hosts.BaseSettings(_records).WithoutQueues();
        settings.Remove("LOCAL_FUNCTION_KEY");
        settings["Both"] = "explicit";

        await using var host = await Hosts.StartAsync(settings, _output, localSettingsPath: path);

        using var client = host.Client();
        Assert.Equal("explicit", await client.GetStringAsync("api/environment/Both"));
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "api/secure/function").WithKey("file-function-key"))).StatusCode);
        Assert.DoesNotContain(_output.Lines, line => line.StartsWith("Generated", StringComparison.Ordinal));
    }
}
