namespace Automation.DevHost.Tests;

/// <summary>One host over the test app, shared by the HTTP, key and admin tests (no storage).</summary>
public sealed class HttpHostFixture : IAsyncLifetime
{
    public const string ExtraSetting = "DEVHOST_TEST_SETTING";

    public Records Records { get; } = new();

    public HostOutput Output { get; } = new();

    public DevHostApp Host { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var settings = Hosts.BaseSettings(Records).WithoutQueues();
        settings["AzureWebJobs.Switchable.Disabled"] = "true";
        settings[ExtraSetting] = "from-settings";
        Host = await Hosts.StartAsync(settings, Output);
        Client = Host.Client();
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Host.DisposeAsync();
        Records.Dispose();
    }
}
