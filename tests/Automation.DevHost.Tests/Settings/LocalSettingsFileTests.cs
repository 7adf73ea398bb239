using System.Text.Json;
using Automation.DevHost.Settings;

namespace Automation.DevHost.Tests.Settings;

public sealed class LocalSettingsFileTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("devhost-settings-");

    private string SettingsPath => Path.Combine(_root.FullName, "local.settings.json");

    public void Dispose() => _root.Delete(recursive: true);

    [Fact]
    public void EnsureAndLoad_FreshCloneWithExample_CreatesFileFromExampleWithNewUrlSafeKeys()
    {
        File.WriteAllText(Path.Combine(_root.FullName, "local.settings.example.json"), """
            { "IsEncrypted": false, "Values": { "AzureWebJobsStorage": "UseDevelopmentStorage=true", "PaymentReminderSchedule": "0 */1 * * * *" } }
            """);

        var settings = LocalSettingsFile.EnsureAndLoad(SettingsPath);

        Assert.True(settings.Created);
        using var file = JsonDocument.Parse(File.ReadAllText(SettingsPath));
        Assert.False(file.RootElement.GetProperty("IsEncrypted").GetBoolean());
        var values = file.RootElement.GetProperty("Values");
        Assert.Equal("UseDevelopmentStorage=true", values.GetProperty("AzureWebJobsStorage").GetString());
        Assert.Equal("0 */1 * * * *", values.GetProperty("PaymentReminderSchedule").GetString());
        var functionKey = values.GetProperty("LOCAL_FUNCTION_KEY").GetString()!;
        var masterKey = values.GetProperty("LOCAL_MASTER_KEY").GetString()!;
        Assert.NotEqual(functionKey, masterKey);
        Assert.All(new[] { functionKey, masterKey }, key => Assert.Matches("^[A-Za-z0-9_-]{43}$", key));
        Assert.Equal(functionKey, settings.GeneratedKeys["LOCAL_FUNCTION_KEY"]);
        Assert.Equal(masterKey, settings.Values["LOCAL_MASTER_KEY"]);
    }

    [Fact]
    public void EnsureAndLoad_NoExample_CreatesTheDefaults()
    {
        var settings = LocalSettingsFile.EnsureAndLoad(SettingsPath);

        Assert.True(settings.Created);
        Assert.Equal("UseDevelopmentStorage=true", settings.Values["AzureWebJobsStorage"]);
        Assert.Equal("dotnet-isolated", settings.Values["FUNCTIONS_WORKER_RUNTIME"]);
    }

    [Fact]
    public void EnsureAndLoad_ExistingFileMissingAKey_GeneratesAndSavesItKeepingTheRest()
    {
        File.WriteAllText(SettingsPath, """{ "IsEncrypted": false, "Values": { "LOCAL_FUNCTION_KEY": "mine", "Other": "x", "Number": 5 }, "ConnectionStrings": { "Db": "cs" } }""");

        var settings = LocalSettingsFile.EnsureAndLoad(SettingsPath);

        Assert.False(settings.Created);
        Assert.Equal(["LOCAL_MASTER_KEY"], settings.GeneratedKeys.Keys);
        Assert.Equal(("mine", "x", "5", "cs"), (settings.Values["LOCAL_FUNCTION_KEY"], settings.Values["Other"], settings.Values["Number"], settings.Values["ConnectionStrings:Db"]));
        var saved = LocalSettingsFile.EnsureAndLoad(SettingsPath);
        Assert.Empty(saved.GeneratedKeys);
        Assert.Equal(settings.Values["LOCAL_MASTER_KEY"], saved.Values["LOCAL_MASTER_KEY"]);
    }

    [Fact]
    public void EnsureAndLoad_CompleteFile_LeavesItUntouched()
    {
        const string Content = """{"IsEncrypted":false,"Values":{"LOCAL_FUNCTION_KEY":"a","LOCAL_MASTER_KEY":"b"}}""";
        File.WriteAllText(SettingsPath, Content);

        var settings = LocalSettingsFile.EnsureAndLoad(SettingsPath);

        Assert.Empty(settings.GeneratedKeys);
        Assert.Equal(Content, File.ReadAllText(SettingsPath));
    }

    [Fact]
    public void EnsureAndLoad_EncryptedFile_FailsWithOneLine()
    {
        File.WriteAllText(SettingsPath, """{"IsEncrypted":true,"Values":{}}""");

        var failure = Assert.Throws<DevHostStartupException>(() => LocalSettingsFile.EnsureAndLoad(SettingsPath));

        Assert.Contains("IsEncrypted", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EnsureAndLoad_NotJson_FailsNamingTheFile()
    {
        File.WriteAllText(SettingsPath, "{ not json");

        var failure = Assert.Throws<DevHostStartupException>(() => LocalSettingsFile.EnsureAndLoad(SettingsPath));

        Assert.Contains(SettingsPath, failure.Message, StringComparison.Ordinal);
    }
}
