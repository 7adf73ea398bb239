using System.Text.Json;
using Automation.DevHost.Settings;

namespace Automation.DevHost.Worker;

/// <summary>
/// worker.config.json in the app's build output, which tells the host how to start the worker
/// (reference §1.1–1.2): the executable, the worker path, and optional extra arguments.
/// </summary>
internal sealed record WorkerConfig(string ExecutablePath, string WorkerPath, IReadOnlyList<string> Arguments, IReadOnlyList<string> WorkerArguments)
{
    public const string FileName = "worker.config.json";

    // The token a native-executable build uses for the app folder (FunctionMetadataLoader expands it).
    private const string WorkerRootToken = "{WorkerRoot}";

    public static WorkerConfig Load(string scriptRoot)
    {
        var path = Path.Combine(scriptRoot, FileName);
        if (!File.Exists(path))
        {
            throw new DevHostStartupException(
                $"{scriptRoot} is not a built isolated-worker app: {FileName} is missing. Build the function app, then give its output folder (bin/<Configuration>/net10.0) as the script root.");
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path), JsonReading.Lenient);
            var description = JsonReading.Property(document.RootElement, "description") is { ValueKind: JsonValueKind.Object } d
                ? d
                : throw new FormatException("it has no description object.");
            var executable = JsonReading.String(description, "defaultExecutablePath") is { Length: > 0 } e
                ? e
                : throw new FormatException("description.defaultExecutablePath is missing.");
            var workerPath = JsonReading.String(description, "defaultWorkerPath");
            return new WorkerConfig(
                ExpandExecutable(executable, scriptRoot),
                workerPath is { Length: > 0 } ? Path.GetFullPath(Expand(workerPath, scriptRoot), scriptRoot) : string.Empty,
                Strings(description, "arguments", scriptRoot),
                Strings(description, "workerArguments", scriptRoot));
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException)
        {
            throw new DevHostStartupException($"{path} is not a valid worker configuration: {ex.Message}", ex);
        }
    }

    private static string ExpandExecutable(string executable, string scriptRoot)
    {
        if (!executable.Contains(WorkerRootToken, StringComparison.OrdinalIgnoreCase))
        {
            return Environment.ExpandEnvironmentVariables(executable);
        }

        var expanded = Path.GetFullPath(Expand(executable, scriptRoot));
        return OperatingSystem.IsWindows() && !expanded.EndsWith(".exe", StringComparison.OrdinalIgnoreCase) ? expanded + ".exe" : expanded;
    }

    private static string Expand(string value, string scriptRoot) =>
        Environment.ExpandEnvironmentVariables(value.Replace(WorkerRootToken, scriptRoot.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.OrdinalIgnoreCase));

    // Each entry is command-line text (the host joins them with spaces), so one entry may hold several arguments.
    private static string[] Strings(JsonElement description, string name, string scriptRoot) =>
        JsonReading.Property(description, name) is { ValueKind: JsonValueKind.Array } array
            ? [.. array.EnumerateArray().Where(a => a.ValueKind == JsonValueKind.String).Select(a => Expand(a.GetString()!, scriptRoot)).Where(a => a.Length > 0)]
            : [];

    /// <summary>
    /// The command line as the host builds it (reference §1.2): the description's arguments, the quoted worker path,
    /// the worker arguments, then both the legacy and the prefixed argument sets. The 2.52 worker reads only the
    /// prefixed set, and crashes without --functions-uri or --functions-grpc-max-message-length.
    /// </summary>
    public string CommandLine(Uri grpcUri, string workerId, string requestId)
    {
        const string MaxMessageLength = "2147483647"; // int.MaxValue, whatever the host is configured with
        var parts = new List<string>(Arguments);
        if (WorkerPath.Length > 0)
        {
            parts.Add($"\"{WorkerPath}\"");
        }

        parts.AddRange(WorkerArguments);
        parts.Add($"--host {grpcUri.Host} --port {grpcUri.Port} --workerId {workerId} --requestId {requestId} --grpcMaxMessageLength {MaxMessageLength}");
        parts.Add($"--functions-uri {grpcUri} --functions-worker-id {workerId} --functions-request-id {requestId} --functions-grpc-max-message-length {MaxMessageLength}");
        return string.Join(' ', parts);
    }
}
