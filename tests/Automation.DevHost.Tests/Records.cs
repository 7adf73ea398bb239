using System.Text.Json;

namespace Automation.DevHost.Tests;

/// <summary>
/// Reads what the test app's functions recorded (one JSON file per run, see the test app's Recorder) in a folder of
/// its own per host.
/// </summary>
public sealed class Records : IDisposable
{
    public const string FolderSetting = "DEVHOST_TEST_RECORDS";

    public string Folder { get; } = Directory.CreateTempSubdirectory("devhost-records-").FullName;

    public IReadOnlyList<IReadOnlyDictionary<string, string?>> Read(string kind) =>
        [.. Directory.GetFiles(Folder, kind + "-*.json")
            .Select(path => JsonSerializer.Deserialize<Dictionary<string, string?>>(File.ReadAllText(path))!)];

    /// <summary>Waits until at least <paramref name="count"/> records of <paramref name="kind"/> match <paramref name="filter"/>.</summary>
    public async Task<IReadOnlyList<IReadOnlyDictionary<string, string?>>> WaitForAsync(
        string kind,
        int count,
        Func<IReadOnlyDictionary<string, string?>, bool>? filter = null,
        TimeSpan? timeout = null)
    {
        var deadline = DateTimeOffset.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var matching = Read(kind).Where(r => filter?.Invoke(r) ?? true).ToList();
            if (matching.Count >= count)
            {
                return matching;
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"Expected {count} '{kind}' records, found {matching.Count} in {Folder}.");
            }

            await Task.Delay(50);
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A record written while deleting; the temp folder is harmless.
        }
    }
}
