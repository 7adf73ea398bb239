using System.Runtime.InteropServices;
using Automation.DevHost;

// The command line over DevHostApp: runs one built isolated-worker app until Ctrl+C or SIGTERM (or until its worker
// keeps dying: a worker that dies is restarted, and the third exit within 5 minutes stops the host).
// A start-up failure with a known cause prints one line on stderr and exits with 1.
if (CommandLine.Parse(args) is not { } options)
{
    return 1;
}

using var stop = new CancellationTokenSource();
DevHostApp? running = null;

// Ctrl+C, kill and docker stop all stop cleanly: WorkerTerminate, wait, then exit. The stop starts right in the
// handler, so a worker that got the terminal's Ctrl+C too is not reported as having died.
void OnSignal(PosixSignalContext context)
{
    context.Cancel = true;
    _ = Volatile.Read(ref running)?.DisposeAsync().AsTask();
    stop.Cancel();
}

using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
using var onQuit = PosixSignalRegistration.Create(PosixSignal.SIGQUIT, OnSignal);

DevHostApp host;
try
{
    host = await DevHostApp.StartAsync(options, stop.Token);
    Volatile.Write(ref running, host);
}
catch (DevHostStartupException ex)
{
    await Console.Error.WriteLineAsync(ex.Message);
    return 1;
}
catch (OperationCanceledException) when (stop.IsCancellationRequested)
{
    return 0;
}

Console.WriteLine("Press Ctrl+C to stop.");
await using (host)
{
    try
    {
        await host.WaitForExitAsync(stop.Token);
    }
    catch (OperationCanceledException) when (stop.IsCancellationRequested)
    {
        return 0;
    }
    catch (WorkerExitedException)
    {
        // Already reported in one line; non-zero so ./run.sh and scripts notice.
        return 1;
    }
}

return 0;

/// <summary><c>--script-root &lt;dir&gt; [--urls &lt;urls&gt;] [--settings &lt;local.settings.json&gt;] [--no-azurite]</c>.</summary>
internal static class CommandLine
{
    private const string Usage =
        "Usage: dotnet Automation.DevHost.dll --script-root <worker build output> [--urls http://127.0.0.1:7071] [--settings <local.settings.json>] [--no-azurite]";

    public static DevHostOptions? Parse(string[] args)
    {
        string? scriptRoot = null, urls = null, settings = null;
        var startAzurite = true;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--script-root" when i + 1 < args.Length:
                    scriptRoot = args[++i];
                    break;
                case "--urls" when i + 1 < args.Length:
                    urls = args[++i];
                    break;
                case "--settings" when i + 1 < args.Length:
                    settings = args[++i];
                    break;
                case "--no-azurite":
                    startAzurite = false;
                    break;
                case "-h" or "--help":
                    Console.WriteLine(Usage);
                    return null;
                default:
                    Console.Error.WriteLine($"Unknown or incomplete argument '{args[i]}'. {Usage}");
                    return null;
            }
        }

        if (scriptRoot is null)
        {
            Console.Error.WriteLine(Usage);
            return null;
        }

        scriptRoot = Path.GetFullPath(scriptRoot);
        return new DevHostOptions
        {
            ScriptRoot = scriptRoot,
            Urls = urls ?? DevHostOptions.DefaultUrls,
            LocalSettingsPath = Path.GetFullPath(settings ?? DefaultSettingsPath(scriptRoot)),
            StartAzurite = startAzurite,
        };
    }

    /// <summary>
    /// local.settings.json at the repository root: the first folder at or above the script root (else the current
    /// folder) that holds .git; else the current folder. Not the app's output folder, which may hold a copied one.
    /// </summary>
    private static string DefaultSettingsPath(string scriptRoot)
    {
        foreach (var start in new[] { scriptRoot, Directory.GetCurrentDirectory() })
        {
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                // .git is a folder in a clone and a file in a worktree.
                if (Directory.Exists(Path.Combine(folder.FullName, ".git")) || File.Exists(Path.Combine(folder.FullName, ".git")))
                {
                    return Path.Combine(folder.FullName, "local.settings.json");
                }
            }
        }

        return Path.Combine(Directory.GetCurrentDirectory(), "local.settings.json");
    }
}
