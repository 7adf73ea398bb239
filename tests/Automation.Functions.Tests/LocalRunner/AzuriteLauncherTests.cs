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
