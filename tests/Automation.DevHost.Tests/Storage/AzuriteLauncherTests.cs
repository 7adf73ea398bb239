using System.Globalization;
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
        var (queuePort, tablePort) = (Loopback.FreePort(), Loopback.FreePort());

        var (launcher, status) = await AzuriteLauncher.StartIfNeededAsync(Loopback.EmulatorConnectionString(queuePort, tablePort), [_root.FullName], TimeProvider.System, CancellationToken.None);

        Assert.NotNull(launcher);
        Assert.StartsWith("started Azurite", status, StringComparison.Ordinal);
        Assert.True(await Loopback.AnswersAsync(queuePort) && await Loopback.AnswersAsync(tablePort));
        Assert.True(Directory.Exists(Path.Combine(_root.FullName, ".azurite")));

        await launcher.DisposeAsync();

        Assert.False(await Loopback.AnswersAsync(queuePort));
        Assert.False(await Loopback.AnswersAsync(tablePort));
    }

    [Fact]
    public async Task StartIfNeeded_OnLinux_AzuriteRunsInASessionOfItsOwn_SoATerminalsCtrlCReachesOnlyTheHost()
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // reads /proc
        }

        var (launcher, _) = await AzuriteLauncher.StartIfNeededAsync(Loopback.EmulatorConnectionString(Loopback.FreePort(), Loopback.FreePort()), [_root.FullName], TimeProvider.System, CancellationToken.None);
        await using (launcher)
        {
            // /proc/<pid>/stat: "pid (comm) state ppid pgrp session ..."; comm may hold spaces, so split after it.
            var stat = (await File.ReadAllTextAsync($"/proc/{launcher!.ProcessId}/stat")).Split(')')[^1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal((launcher.ProcessId, launcher.ProcessId), (int.Parse(stat[2], CultureInfo.InvariantCulture), int.Parse(stat[3], CultureInfo.InvariantCulture)));
            Assert.NotEqual(Environment.ProcessId, launcher.ProcessId);
        }
    }

    [Fact]
    public async Task StartIfNeeded_AzuritePortTaken_FailsWithOneLineNamingEaddrinuse()
    {
        // Something answers on the queue port but not on the table port: Azurite is started and cannot listen.
        using var busy = new TcpListener(IPAddress.Loopback, 0);
        busy.Start();

        var failure = await Assert.ThrowsAsync<DevHostStartupException>(() => AzuriteLauncher.StartIfNeededAsync(
            Loopback.EmulatorConnectionString(((IPEndPoint)busy.LocalEndpoint).Port, Loopback.FreePort()), [_root.FullName], TimeProvider.System, CancellationToken.None));

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
            Loopback.EmulatorConnectionString(((IPEndPoint)queue.LocalEndpoint).Port, ((IPEndPoint)table.LocalEndpoint).Port), [_root.FullName], TimeProvider.System, CancellationToken.None);

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
}
