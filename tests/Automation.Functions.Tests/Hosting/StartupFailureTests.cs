using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Automation.Functions.Tests.Hosting;

/// <summary>How the built handler fails to start: one clear line and exit code 1, not stack traces.</summary>
public sealed class StartupFailureTests : IDisposable
{
    private readonly DirectoryInfo _appRoot = Directory.CreateTempSubdirectory("automation-startup-");

    public void Dispose() => _appRoot.Delete(recursive: true);

    [Theory]
    [InlineData(false)] // local mode, as `dotnet Automation.Functions.dll` started a second time
    [InlineData(true)] // host mode, on the port the host chose
    public async Task Start_PortAlreadyInUse_ExitsWithOneClearLine(bool hostMode)
    {
        using var busy = new TcpListener(IPAddress.Loopback, 0);
        busy.Start();
        var port = ((IPEndPoint)busy.LocalEndpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
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

        start.Environment["AUTOMATION_APP_ROOT"] = _appRoot.FullName;
        start.Environment["LocalRunner__StartAzurite"] = "false";
        start.Environment["AzureWebJobsStorage"] = "UseDevelopmentStorage=true";
        start.Environment.Remove("FUNCTIONS_CUSTOMHANDLER_PORT");
        if (hostMode)
        {
            start.Environment["FUNCTIONS_CUSTOMHANDLER_PORT"] = port;
        }

        var (exitCode, stdout, stderr) = await RunToExitAsync(start, TimeSpan.FromSeconds(60));

        Assert.Equal(1, exitCode);
        var errorLines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var line = Assert.Single(errorLines);
        Assert.Contains($"127.0.0.1:{port}", line, StringComparison.Ordinal);
        Assert.Contains("already in use", line, StringComparison.Ordinal);
        var all = stdout + stderr;
        Assert.DoesNotContain("Exception", all, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", all, StringComparison.Ordinal);
        Assert.DoesNotContain("fail:", all, StringComparison.Ordinal);
        Assert.DoesNotContain("crit:", all, StringComparison.Ordinal);
    }

    internal static async Task<(int ExitCode, string Stdout, string Stderr)> RunToExitAsync(ProcessStartInfo start, TimeSpan timeout)
    {
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        using var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (stdout) { stdout.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (stderr) { stderr.AppendLine(e.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new TimeoutException($"The handler did not exit within {timeout}:\n{stdout}\n{stderr}");
        }

        process.WaitForExit(); // drains the output events
        lock (stdout)
        {
            lock (stderr)
            {
                return (process.ExitCode, stdout.ToString(), stderr.ToString());
            }
        }
    }
}
