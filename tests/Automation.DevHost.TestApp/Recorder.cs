using System.Text.Json;

namespace Automation.DevHost.TestApp;

/// <summary>
/// Tells the tests what a function saw: one JSON file per run in the folder named by <c>DEVHOST_TEST_RECORDS</c>.
/// One file per record, so concurrent runs never contend for a file.
/// </summary>
internal static class Recorder
{
    public const string FolderSetting = "DEVHOST_TEST_RECORDS";

    public static void Write(string kind, IReadOnlyDictionary<string, string?> values)
    {
        var folder = Environment.GetEnvironmentVariable(FolderSetting);
        if (string.IsNullOrEmpty(folder))
        {
            return;
        }

        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"{kind}-{Guid.NewGuid():N}.json");
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(values));

        // Renamed into place so a test never reads a half-written record.
        File.Move(temporary, path);
    }
}
