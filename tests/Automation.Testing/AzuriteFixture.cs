using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Xunit;

namespace Automation.Testing;

/// <summary>
/// Starts a private, in-memory Azurite on free loopback ports for a test collection and stops it
/// (process tree included) afterwards. Use it as an xunit collection fixture:
/// <c>[CollectionDefinition("Azurite")] public sealed class AzuriteCollection : ICollectionFixture&lt;AzuriteFixture&gt;;</c>
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    public const string AccountName = "devstoreaccount1";
    public const string AccountKey =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private const int StartAttempts = 3;

    private readonly StringBuilder _output = new();
    private Process? _process;
    private string? _workDirectory;

    public int BlobPort { get; private set; }
    public int QueuePort { get; private set; }
    public int TablePort { get; private set; }

    /// <summary>A connection string for the dev account with explicit path-style endpoints on this instance's ports.</summary>
    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/{AccountName};" +
        $"QueueEndpoint=http://127.0.0.1:{QueuePort}/{AccountName};" +
        $"TableEndpoint=http://127.0.0.1:{TablePort}/{AccountName};";

    /// <summary>
    /// A name unique to this run, valid both as a table name and as a queue name when <paramref name="prefix"/>
    /// is lowercase letters/digits starting with a letter (e.g. <c>UniqueName("jobs")</c> -> <c>jobs3f9a0c...</c>).
    /// </summary>
    public static string UniqueName(string prefix)
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        var name = prefix + Guid.NewGuid().ToString("N")[..16];
        return name.Length <= 63 ? name : throw new ArgumentException("The prefix is too long for a table or queue name.", nameof(prefix));
    }

    public async Task InitializeAsync()
    {
        var azurite = FindAzurite();
        _workDirectory = Path.Combine(Path.GetTempPath(), "azurite-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_workDirectory);

        // A freshly picked free port can be taken by someone else before Azurite binds it: retry with new ports.
        for (var attempt = 1; ; attempt++)
        {
            (BlobPort, QueuePort, TablePort) = (FreePort(), FreePort(), FreePort());
            StartProcess(azurite);
            var failure = await WaitUntilListeningAsync();
            if (failure is null)
            {
                return;
            }

            StopProcess();
            if (attempt == StartAttempts)
            {
                throw new InvalidOperationException($"Azurite did not start: {failure}.\nAzurite output:\n{Output()}");
            }
        }
    }

    public Task DisposeAsync()
    {
        StopProcess();
        if (_workDirectory is not null)
        {
            try
            {
                Directory.Delete(_workDirectory, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: a leftover empty temp folder is harmless.
            }
        }

        return Task.CompletedTask;
    }

    private void StartProcess(string azurite)
    {
        lock (_output)
        {
            _output.Clear();
        }

        var info = new ProcessStartInfo(azurite)
        {
            WorkingDirectory = _workDirectory,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            CreateNoWindow = true,
        };
        foreach (var arg in new[]
        {
            "--inMemoryPersistence", "--silent", "--disableTelemetry",
            "--blobHost", "127.0.0.1", "--blobPort", BlobPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--queueHost", "127.0.0.1", "--queuePort", QueuePort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--tableHost", "127.0.0.1", "--tablePort", TablePort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        })
        {
            info.ArgumentList.Add(arg);
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        if (!process.Start())
        {
            throw new InvalidOperationException($"Could not start {azurite}.");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
    }

    private async Task<string?> WaitUntilListeningAsync()
    {
        var deadline = Stopwatch.StartNew();
        var pending = new List<int> { TablePort, QueuePort };
        while (pending.Count > 0)
        {
            if (_process!.HasExited)
            {
                return $"the process exited with code {_process.ExitCode}";
            }

            if (deadline.Elapsed > StartTimeout)
            {
                return $"ports {string.Join(", ", pending)} did not accept connections within {StartTimeout.TotalSeconds:0} s";
            }

            for (var i = pending.Count - 1; i >= 0; i--)
            {
                if (await AcceptsConnectionsAsync(pending[i]))
                {
                    pending.RemoveAt(i);
                }
            }

            if (pending.Count > 0)
            {
                await Task.Delay(100);
            }
        }

        return null;
    }

    private static async Task<bool> AcceptsConnectionsAsync(int port)
    {
        using var client = new TcpClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
            return true;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            return false;
        }
    }

    private void StopProcess()
    {
        var process = _process;
        _process = null;
        if (process is null)
        {
            return;
        }

        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        finally
        {
            process.Dispose();
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private string Output()
    {
        lock (_output)
        {
            return _output.Length == 0 ? "(none)" : _output.ToString();
        }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }

    /// <summary>Walks up from the test binaries to the repository root (the folder holding package.json).</summary>
    private static string FindAzurite()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(Path.Combine(dir.FullName, "package.json")))
            {
                continue;
            }

            var bin = Path.Combine(dir.FullName, "node_modules", ".bin", OperatingSystem.IsWindows() ? "azurite.cmd" : "azurite");
            return File.Exists(bin)
                ? bin
                : throw new InvalidOperationException(
                    $"Azurite is not installed: {bin} is missing. Run 'npm ci' in {dir.FullName} (test.sh does this).");
        }

        throw new InvalidOperationException(
            $"Could not find the repository root (a folder with package.json) above {AppContext.BaseDirectory}.");
    }
}
