using System.Net;
using System.Net.Sockets;
using Automation.Functions.LocalRunner;
using Automation.Storage;
using Automation.Storage.Queues;
using Automation.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Automation.Functions.Tests.LocalRunner;

public sealed class AzuriteLauncherTests
{
    [Fact]
    public async Task Start_DevelopmentStorageNotAnswering_StartsAzuriteFromAppRootAndStopsItOnShutdown()
    {
        var (queuePort, tablePort) = (FreePort(), FreePort());
        var connectionString = $"DefaultEndpointsProtocol=http;AccountName={AzuriteFixture.AccountName};AccountKey={AzuriteFixture.AccountKey};" +
            $"QueueEndpoint=http://127.0.0.1:{queuePort}/{AzuriteFixture.AccountName};TableEndpoint=http://127.0.0.1:{tablePort}/{AzuriteFixture.AccountName};";

        var app = await LocalRunnerApp.StartAsync(
            [],
            new Dictionary<string, string?> { ["AzureWebJobsStorage"] = connectionString, ["LocalRunner:StartAzurite"] = "true" },
            withNodeModules: true);
        try
        {
            Assert.StartsWith("started Azurite", app.Services.GetRequiredService<AzuriteStatus>().Message, StringComparison.Ordinal);
            var queue = new QueueServiceClient(StorageAccount.FromConnectionString(connectionString)).GetQueueClient(AzuriteFixture.UniqueName("launcher"));
            await queue.CreateIfNotExistsAsync();
            Assert.True(Directory.Exists(Path.Combine(app.AppRoot, ".azurite")));
        }
        finally
        {
            await app.DisposeAsync();
        }

        Assert.False(await AnswersAsync(queuePort));
        Assert.False(await AnswersAsync(tablePort));
    }

    [Fact]
    public async Task Start_AppPortInUseAfterAzuriteStarted_AzuriteDoesNotOutliveTheApp()
    {
        var (queuePort, tablePort) = (FreePort(), FreePort());
        using var busy = new TcpListener(IPAddress.Loopback, 0);
        busy.Start();

        // Azurite starts before the server binds; the bind then fails and the host is only disposed, never stopped.
        await Assert.ThrowsAsync<IOException>(() => LocalRunnerApp.StartAsync(
            [],
            new Dictionary<string, string?>
            {
                ["AzureWebJobsStorage"] = EmulatorConnectionString(queuePort, tablePort),
                ["LocalRunner:StartAzurite"] = "true",
                ["urls"] = $"http://127.0.0.1:{((IPEndPoint)busy.LocalEndpoint).Port}",
            },
            withNodeModules: true));

        Assert.False(await AnswersAsync(queuePort));
        Assert.False(await AnswersAsync(tablePort));
    }

    [Fact]
    public async Task Start_AzuriteCannotListen_FailsWithAzuritesOwnOutput()
    {
        // Something already answers on the queue port but not on the table port: Azurite is started and cannot listen.
        using var busyQueuePort = new TcpListener(IPAddress.Loopback, 0);
        busyQueuePort.Start();
        var queuePort = ((IPEndPoint)busyQueuePort.LocalEndpoint).Port;

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => LocalRunnerApp.StartAsync(
            [],
            new Dictionary<string, string?> { ["AzureWebJobsStorage"] = EmulatorConnectionString(queuePort, FreePort()), ["LocalRunner:StartAzurite"] = "true" },
            withNodeModules: true));

        Assert.Contains("Azurite did not start", failure.Message, StringComparison.Ordinal);
        Assert.Contains("EADDRINUSE", failure.Message, StringComparison.Ordinal);
        Assert.NotNull(Automation.Functions.Hosting.StartupFailure.Describe(failure));
    }

    [Fact]
    public async Task Start_StorageNotTheEmulator_StartsNothing()
    {
        var settings = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = $"DefaultEndpointsProtocol=https;AccountName=prodaccount;AccountKey={AzuriteFixture.AccountKey};EndpointSuffix=core.windows.net",
            ["LocalRunner:StartAzurite"] = "true",
        };

        await using var app = await LocalRunnerApp.StartAsync([], settings, withNodeModules: true);

        Assert.Equal("account prodaccount", app.Services.GetRequiredService<AzuriteStatus>().Message);
        Assert.False(Directory.Exists(Path.Combine(app.AppRoot, ".azurite")));
    }

    private static string EmulatorConnectionString(int queuePort, int tablePort) =>
        $"DefaultEndpointsProtocol=http;AccountName={AzuriteFixture.AccountName};AccountKey={AzuriteFixture.AccountKey};" +
        $"QueueEndpoint=http://127.0.0.1:{queuePort}/{AzuriteFixture.AccountName};TableEndpoint=http://127.0.0.1:{tablePort}/{AzuriteFixture.AccountName};";

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<bool> AnswersAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
