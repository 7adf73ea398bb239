using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Automation.Functions.Tests.Hosting;

/// <summary>Starts the built handler the way the Functions host does and talks to it as the host would.</summary>
public sealed class HandlerProcessTests : IAsyncLifetime, IDisposable
{
    private readonly DirectoryInfo _appRoot = Directory.CreateTempSubdirectory("automation-process-");
    private readonly StringBuilder _output = new();
    private Process? _process;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        File.Copy(Path.Combine(RepositoryPaths.Root, "host.json"), Path.Combine(_appRoot.FullName, "host.json"));
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = _appRoot.FullName,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { RepositoryPaths.HandlerAssembly, "--urls", $"http://127.0.0.1:{port}" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["FUNCTIONS_CUSTOMHANDLER_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["FUNCTIONS_CUSTOMHANDLER_WORKER_ID"] = Guid.NewGuid().ToString();
        start.Environment["FUNCTIONS_APP_ROOT_PATH"] = _appRoot.FullName;
        start.Environment["AzureWebJobsStorage"] = "UseDevelopmentStorage=true";
        // Inherited settings that must not move the handler off the port the host chose.
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{FreePort()}";
        start.Environment["ASPNETCORE_HTTP_PORTS"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment.Remove("AUTOMATION_APP_ROOT");

        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        _client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
        await WaitUntilReadyAsync();
    }

    public void Dispose() => _client.Dispose();

    public async Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        _appRoot.Delete(recursive: true);
    }

    [Fact]
    public async Task GetRoot_HandlerStartedByHost_Answers200OnTheHostPort()
    {
        using var response = await _client.GetAsync(new Uri("/", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task HostShapedPayload_UnregisteredFunction_Answers404Json()
    {
        using var content = new StringContent(GoldenPayloads.Timer("NotAFunction"), Encoding.UTF8, "application/json");
        using var response = await _client.PostAsync(new Uri("/NotAFunction", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("NotAFunction", body.RootElement.GetProperty("Error").GetProperty("Function").GetString());
    }

    [Fact]
    public async Task HostMode_NoLocalRunner_CreatesNoLocalSettings()
    {
        using var response = await _client.GetAsync(new Uri("/", UriKind.Relative));

        Assert.False(File.Exists(Path.Combine(_appRoot.FullName, "local.settings.json")));
        Assert.DoesNotContain("Local runner", Output(), StringComparison.Ordinal);
    }

    private async Task WaitUntilReadyAsync()
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (_process!.HasExited)
            {
                throw new InvalidOperationException($"The handler exited with {_process.ExitCode}:\n{Output()}");
            }

            try
            {
                // As the host does: any HTTP answer means ready; only socket errors mean wait.
                using var response = await _client.GetAsync(new Uri("/", UriKind.Relative));
                return;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(25);
            }
        }

        throw new TimeoutException($"The handler did not answer within 30 s:\n{Output()}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    private string Output()
    {
        lock (_output)
        {
            return _output.ToString();
        }
    }
}
