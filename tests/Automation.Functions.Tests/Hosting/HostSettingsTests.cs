using Automation.Functions.Hosting;

namespace Automation.Functions.Tests.Hosting;

public sealed class HostSettingsTests
{
    [Fact]
    public void Parse_RepositoryHostJson_ReadsQueueSettingsAndRoutePrefix()
    {
        var settings = HostSettings.Load(RepositoryPaths.Root);

        Assert.Equal("api", settings.RoutePrefix);
        Assert.Equal(TimeSpan.FromMinutes(5), settings.FunctionTimeout);
        Assert.Equal(new QueueSettings(16, 8, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(30), 5, "base64"), settings.Queues);
    }

    [Fact]
    public void Parse_NoExtensions_UsesTheHostDefaults()
    {
        var settings = HostSettings.Parse("""{ "version": "2.0" }""");

        Assert.Equal("api", settings.RoutePrefix);
        Assert.Null(settings.FunctionTimeout);
        Assert.Equal((16, TimeSpan.FromMinutes(1), TimeSpan.Zero, 5), (settings.Queues.BatchSize, settings.Queues.MaxPollingInterval, settings.Queues.VisibilityTimeout, settings.Queues.MaxDequeueCount));
        Assert.Equal(8 * Environment.ProcessorCount, settings.Queues.NewBatchThreshold);
    }

    [Fact]
    public void Parse_EmptyRoutePrefixAndComments_AreAccepted()
    {
        var settings = HostSettings.Parse("""
            {
              // comments are allowed in host.json
              "extensions": { "http": { "routePrefix": "" }, },
              "functionTimeout": "-1",
            }
            """);

        Assert.Equal(string.Empty, settings.RoutePrefix);
        Assert.Null(settings.FunctionTimeout);
    }

    [Theory]
    [InlineData("""{ "extensions": { "queues": { "batchSize": 33 } } }""")]
    [InlineData("""{ "extensions": { "queues": { "maxDequeueCount": 0 } } }""")]
    [InlineData("""{ "extensions": { "queues": { "maxPollingInterval": "00:00:00.050" } } }""")]
    [InlineData("""{ "extensions": { "queues": { "visibilityTimeout": "soon" } } }""")]
    [InlineData("""{ "extensions": { "queues": { "messageEncoding": "utf8" } } }""")]
    public void Parse_OutOfRangeQueueSetting_Throws(string json) =>
        Assert.ThrowsAny<FormatException>(() => HostSettings.Parse(json));

    [Fact]
    public void Load_MissingFile_GivesDefaults()
    {
        var folder = Directory.CreateTempSubdirectory("automation-nohost-");
        try
        {
            Assert.Same(HostSettings.Default, HostSettings.Load(folder.FullName));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
