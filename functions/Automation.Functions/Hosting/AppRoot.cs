namespace Automation.Functions.Hosting;

/// <summary>Finds the function app root: the folder holding host.json (and, locally, local.settings.json).</summary>
internal static class AppRoot
{
    /// <summary>Set by run.sh and tests; wins over everything else.</summary>
    public const string AppRootSetting = "AUTOMATION_APP_ROOT";

    /// <summary>Set by the Functions host for its custom handler process.</summary>
    public const string FunctionsAppRootSetting = "FUNCTIONS_APP_ROOT_PATH";

    public const string HostJsonFileName = "host.json";

    /// <summary>
    /// <c>AUTOMATION_APP_ROOT</c>, else <c>FUNCTIONS_APP_ROOT_PATH</c>, else the nearest folder at or above
    /// <paramref name="currentDirectory"/> that contains host.json, else <paramref name="currentDirectory"/>.
    /// </summary>
    public static string Resolve(IConfiguration configuration, string currentDirectory)
    {
        foreach (var setting in new[] { AppRootSetting, FunctionsAppRootSetting })
        {
            var value = configuration[setting];
            if (!string.IsNullOrWhiteSpace(value))
            {
                return Path.GetFullPath(value, currentDirectory);
            }
        }

        for (var folder = new DirectoryInfo(currentDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, HostJsonFileName)))
            {
                return folder.FullName;
            }
        }

        return Path.GetFullPath(currentDirectory);
    }
}
