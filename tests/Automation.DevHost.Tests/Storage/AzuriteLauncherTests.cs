using System.Net;
using System.Net.Sockets;
using Automation.DevHost.Storage;
using Automation.Testing;

namespace Automation.DevHost.Tests.Storage;

/// <summary>Azurite is started when storage is the emulator and nothing answers, and never outlives the host.</summary>
public sealed class AzuriteLauncherTests : IDisposable
{
    // A repository of its own (node_modules linked to the real one), so the data folder .azurite/ lands in a temp folder.
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("devhost-azurite-");

    public AzuriteLauncherTests() =>
        Directory.CreateSymbolicLink(Path.Combine(_root.FullName, "node_modules"), Path.Combine(TestApp.RepositoryRoot, "node_modules"));

    public void Dispose() => _root.Delete(recursive: true);

    [Fact]
    public async Task StartIfNeeded_EmulatorNotAnswering_StartsAzuriteAndStopsItOnDispose()
    {
        var (queuePort, tablePort) = (FreePort(), FreePort());

        var (launcher, status) = await AzuriteLauncher.StartIfNeededAsync(EmulatorConnectionString(queuePort, tablePort), [_root.FullName], TimeProvider.System, CancellationToken.None);

        Assert.NotNull(launcher);
        Assert.StartsWith("started Azurite", status, StringComparison.Ordinal);
        Assert.True(await AnswersAsync(queuePort) && await AnswersAsync(tablePort));
        Assert.True(Directory.Exists(Path.Combine(_root.FullName, ".azurite")));

        await launcher.DisposeAsync();

        Assert.False(await AnswersAsync(queuePort));
        Assert.False(await AnswersAsync(tablePort));
    }

    [Fact]
    public async Task StartIfNeeded_AzuritePortTaken_FailsWithOneLineNamingEaddrinuse()
    {
        // Something answers on the queue port but not on the table port: Azurite is started and cannot listen.
        using var busy = new TcpListener(IPAddress.Loopback, 0);
        busy.Start();

        var failure = await Assert.ThrowsAsync<DevHostStartupException>(() => AzuriteLauncher.StartIfNeededAsync(
            EmulatorConnectionString(((IPEndPoint)busy.LocalEndpoint).Port, FreePort()), [_root.FullName], TimeProvider.System, CancellationToken.None));

        Assert.StartsWith("Azurite did not start", failure.Message, StringComparison.Ordinal);
        Assert.Contains("EADDRINUSE", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', failure.Message);
    }

    [Fact]
    public async Task StartIfNeeded_EmulatorAlreadyAnswering_StartsNothing()
    {
        using var queue = new TcpListener(IPAddress.Loopback, 0);
        using var table = new TcpListener(IPAddress.Loopback, 0);
        queue.Start();
        table.Start();

        var (launcher, status) = await AzuriteLauncher.StartIfNeededAsync(
            EmulatorConnectionString(((IPEndPoint)queue.LocalEndpoint).Port, ((IPEndPoint)table.LocalEndpoint).Port), [_root.FullName], TimeProvider.System, CancellationToken.None);

        Assert.Null(launcher);
        Assert.StartsWith("reusing the storage emulator already answering", status, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartIfNeeded_StorageNotTheEmulator_StartsNothing()
    {
        var (launcher, status) = await AzuriteLauncher.StartIfNeededAsync(
            $"DefaultEndpointsProtocol=https;AccountName=prodaccount;AccountKey={AzuriteFixture.AccountKey};EndpointSuffix=core.windows.net", [_root.FullName], TimeProvider.System, CancellationToken.None);

        Assert.Null(launcher);
        Assert.Equal("a storage account (not the emulator)", status);
        Assert.False(Directory.Exists(Path.Combine(_root.FullName, ".azurite")));
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
