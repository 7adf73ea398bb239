using Automation.DevHost.Settings;
using Microsoft.Extensions.Logging;

namespace Automation.DevHost.Tests.Settings;

public sealed class HostSettingsTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("devhost-hostjson-");

    public void Dispose() => _root.Delete(recursive: true);

    [Fact]
    public void Load_NoHostJson_TheHostsDefaults()
    {
        var settings = HostSettings.Load(_root.FullName, Settings());

        Assert.Equal("api", settings.RoutePrefix);
        Assert.Null(settings.FunctionTimeout);
        var queues = settings.Queues;
        Assert.Equal((16, 5, TimeSpan.Zero, TimeSpan.FromMinutes(1), "base64"), (queues.BatchSize, queues.MaxDequeueCount, queues.VisibilityTimeout, queues.MaxPollingInterval, queues.MessageEncoding));
        Assert.Equal(8 * Environment.ProcessorCount, queues.NewBatchThreshold);
    }

    [Fact]
    public void Load_HostJson_ReadsPrefixQueuesTimeoutAndLogLevels()
    {
        WriteHostJson("""
            { "version": "2.0", "functionTimeout": "00:05:00",
              "extensions": { "http": { "routePrefix": "/v1/" },
                "queues": { "batchSize": 8, "newBatchThreshold": 4, "maxPollingInterval": "00:00:02", "visibilityTimeout": "00:00:30", "maxDequeueCount": 3, "messageEncoding": "none" } },
              "logging": { "logLevel": { "default": "Warning", "Function": "Information" } } }
            """);

        var settings = HostSettings.Load(_root.FullName, Settings());

        Assert.Equal("v1", settings.RoutePrefix);
        Assert.Equal(TimeSpan.FromMinutes(5), settings.FunctionTimeout);
        var queues = settings.Queues;
        Assert.Equal((8, 4, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(30), 3, "none"), (queues.BatchSize, queues.NewBatchThreshold, queues.MaxPollingInterval, queues.VisibilityTimeout, queues.MaxDequeueCount, queues.MessageEncoding));
        Assert.Equal(LogLevel.Information, settings.Logging.MinimumFor("Function.Tick.User"));
        Assert.Equal(LogLevel.Warning, settings.Logging.MinimumFor("Automation.Functions.Shops"));
        Assert.Equal(LogLevel.Warning, settings.Logging.MinimumFor("Microsoft.AspNetCore.Hosting"));
    }

    [Fact]
    public void Load_AzureFunctionsJobHostSettings_OverrideHostJsonIgnoringCase()
    {
        WriteHostJson("""{ "extensions": { "Queues": { "maxDequeueCount": 3, "visibilityTimeout": "00:00:30" } } }""");

        var settings = HostSettings.Load(_root.FullName, Settings(
            ("AzureFunctionsJobHost__extensions__queues__visibilityTimeout", "00:00:05"),
            ("AzureFunctionsJobHost__extensions__http__routePrefix", ""),
            ("AzureFunctionsJobHost:functionTimeout", "00:01:00")));

        Assert.Equal(TimeSpan.FromSeconds(5), settings.Queues.VisibilityTimeout);
        Assert.Equal(3, settings.Queues.MaxDequeueCount);
        Assert.Equal(string.Empty, settings.RoutePrefix);
        Assert.Equal(TimeSpan.FromMinutes(1), settings.FunctionTimeout);
    }

    [Theory]
    [InlineData("""{ "extensions": { "queues": { "batchSize": 64 } } }""", "batchSize")]
    [InlineData("""{ "extensions": { "queues": { "visibilityTimeout": "soon" } } }""", "visibilityTimeout")]
    [InlineData("""{ "extensions": { "queues": { "messageEncoding": "utf8" } } }""", "messageEncoding")]
    [InlineData("""{ "logging": { "logLevel": { "default": "Loud" } } }""", "logging.logLevel.default")]
    [InlineData("{ nope", "host.json")]
    public void Load_InvalidValue_FailsNamingIt(string json, string named)
    {
        WriteHostJson(json);

        var failure = Assert.Throws<DevHostStartupException>(() => HostSettings.Load(_root.FullName, Settings()));

        Assert.Contains(named, failure.Message, StringComparison.Ordinal);
    }

    private void WriteHostJson(string json) => File.WriteAllText(Path.Combine(_root.FullName, "host.json"), json);

    private static AppSettings Settings(params (string Name, string? Value)[] pairs) =>
        new([], [], pairs.Select(p => KeyValuePair.Create(p.Name, p.Value)));
}
