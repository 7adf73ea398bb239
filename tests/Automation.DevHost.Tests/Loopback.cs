using System.Net;
using System.Net.Sockets;
using Automation.Testing;

namespace Automation.DevHost.Tests;

/// <summary>Free loopback ports, whether something answers on one, and an emulator connection string on chosen ports.</summary>
internal static class Loopback
{
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static async Task<bool> AnswersAsync(int port)
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

    /// <summary>Storage that is the emulator (Azurite's account) on these queue and table ports.</summary>
    public static string EmulatorConnectionString(int queuePort, int tablePort) =>
        $"DefaultEndpointsProtocol=http;AccountName={AzuriteFixture.AccountName};AccountKey={AzuriteFixture.AccountKey};" +
        $"QueueEndpoint=http://127.0.0.1:{queuePort}/{AzuriteFixture.AccountName};TableEndpoint=http://127.0.0.1:{tablePort}/{AzuriteFixture.AccountName};";
}
