using System.Collections;
using System.Text.RegularExpressions;

namespace Automation.DevHost.Settings;

/// <summary>
/// The app settings the host works with and hands to the worker: <c>local.settings.json</c> <c>Values</c>, then the
/// environment on top (Core Tools' order), then the settings given explicitly (tests, <see cref="DevHostOptions.Settings"/>).
/// Names are case-insensitive, and <c>a__b</c> is the same setting as <c>a:b</c>, as in .NET configuration.
/// </summary>
internal sealed partial class AppSettings
{
    public const string WorkerRuntime = "dotnet-isolated";
    public const string StorageConnection = "AzureWebJobsStorage";

    private readonly Dictionary<string, (string Name, string? Value)> _values = new(StringComparer.OrdinalIgnoreCase);

    public AppSettings(
        IEnumerable<KeyValuePair<string, string?>> file,
        IEnumerable<KeyValuePair<string, string?>> environment,
        IEnumerable<KeyValuePair<string, string?>> explicitSettings)
    {
        foreach (var source in new[] { file, environment, explicitSettings })
        {
            foreach (var (name, value) in source)
            {
                _values[Normalize(name)] = (name, value);
            }
        }
    }

    /// <summary>The current process's environment variables, as settings.</summary>
    public static IEnumerable<KeyValuePair<string, string?>> ProcessEnvironment()
    {
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            yield return KeyValuePair.Create((string)entry.Key, (string?)entry.Value);
        }
    }

    public string? this[string name] => _values.TryGetValue(Normalize(name), out var entry) ? entry.Value : null;

    public string? FunctionKey => this[LocalSettingsFile.FunctionKeySetting];

    public string? MasterKey => this[LocalSettingsFile.MasterKeySetting];

    /// <summary>Every setting, by the name it was given.</summary>
    public IEnumerable<KeyValuePair<string, string?>> All => _values.Values.Select(v => KeyValuePair.Create(v.Name, v.Value));

    /// <summary>Settings whose normalized name starts with <paramref name="prefix"/> (e.g. <c>AzureFunctionsJobHost:</c>).</summary>
    public IEnumerable<KeyValuePair<string, string?>> WithPrefix(string prefix) =>
        _values.Where(v => v.Key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)).Select(v => KeyValuePair.Create(v.Key, v.Value.Value));

    /// <summary><c>AzureWebJobs.&lt;Name&gt;.Disabled</c> set to true or 1, as the host reads it.</summary>
    public bool IsDisabled(string functionName) =>
        this[$"AzureWebJobs.{functionName}.Disabled"]?.Trim() is { } value &&
        (value == "1" || (bool.TryParse(value, out var disabled) && disabled));

    /// <summary>Replaces each <c>%Name%</c> with the app setting of that name, as the host does for binding properties.</summary>
    public string Resolve(string value) =>
        SettingReference().Replace(value, match =>
            this[match.Groups[1].Value] is { Length: > 0 } resolved
                ? resolved
                : throw new DevHostStartupException($"'{value}' refers to the app setting '{match.Groups[1].Value}', which is not set."));

    /// <summary>The name an environment variable for <paramref name="name"/> gets: <c>:</c> becomes <c>__</c>.</summary>
    public static string EnvironmentName(string name) => name.Replace(":", "__", StringComparison.Ordinal);

    private static string Normalize(string name) => name.Replace("__", ":", StringComparison.Ordinal);

    [GeneratedRegex("%([^%]+)%", RegexOptions.CultureInvariant)]
    private static partial Regex SettingReference();
}
