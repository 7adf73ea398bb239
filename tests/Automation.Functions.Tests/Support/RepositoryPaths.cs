using System.Reflection;

namespace Automation.Functions.Tests.Support;

/// <summary>Paths in the repository the tests run from.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The build configuration of this test assembly (Debug/Release), to find the function app built alongside it.</summary>
    public static string Configuration { get; } =
        typeof(RepositoryPaths).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";

    /// <summary>The function app's build output: what the Functions host (and the development host) runs.</summary>
    public static string FunctionApp { get; } = Path.Combine(Root, "functions", "Automation.Functions", "bin", Configuration, "net10.0");

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
