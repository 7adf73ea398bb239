using System.Reflection;

namespace Automation.Functions.Tests.Hosting;

/// <summary>Paths in the repository the tests run from.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The build configuration of this test assembly (Debug/Release), to find the handler built alongside it.</summary>
    public static string Configuration { get; } =
        typeof(RepositoryPaths).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";

    public static string HandlerAssembly { get; } =
        Path.Combine(Root, "functions", "Automation.Functions", "bin", Configuration, "net10.0", "Automation.Functions.dll");

    /// <summary>The test-only function app (host.json and function folders), read from the source tree.</summary>
    public static string TestFunctionApp { get; } = Path.Combine(Root, "tests", "Automation.Functions.Tests", "TestFunctionApp");

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Automation.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (Automation.sln) was not found above " + AppContext.BaseDirectory);
    }
}
