namespace Automation.DevHost.Tests;

/// <summary>Where the test function app's build output (the script root the tests run) and the repository are.</summary>
internal static class TestApp
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    /// <summary>The repository root: the first folder above the test binaries that holds Automation.sln.</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>tests/Automation.DevHost.TestApp/bin/&lt;Configuration&gt;/net10.0, built before the tests (a project reference).</summary>
    public static string ScriptRoot { get; } = FindScriptRoot();

    /// <summary>The development host's own build output, for the command-line tests.</summary>
    public static string DevHostAssembly => Path.Combine(RepositoryRoot, "infra", "DevHost", "bin", Configuration, "net10.0", "Automation.DevHost.dll");

    private static string FindRepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Automation.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No Automation.sln above {AppContext.BaseDirectory}.");
    }

    private static string FindScriptRoot()
    {
        var path = Path.Combine(RepositoryRoot, "tests", "Automation.DevHost.TestApp", "bin", Configuration, "net10.0");
        return File.Exists(Path.Combine(path, "worker.config.json"))
            ? path
            : throw new InvalidOperationException($"The test app is not built: {path}/worker.config.json is missing (build tests/Automation.DevHost.TestApp -c {Configuration}).");
    }
}
