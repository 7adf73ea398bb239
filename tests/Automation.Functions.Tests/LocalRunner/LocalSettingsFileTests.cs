using System.Text.Json;
using Automation.Functions.Hosting;
using Automation.Functions.LocalRunner;
using Microsoft.Extensions.Configuration;

namespace Automation.Functions.Tests.LocalRunner;

public sealed class LocalSettingsFileTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("automation-settings-");

    private string SettingsPath => Path.Combine(_root.FullName, "local.settings.json");

    public void Dispose() => _root.Delete(recursive: true);

    [Fact]
    public void EnsureAndLoad_FreshCloneWithExample_CreatesFileFromExampleWithNewUrlSafeKeys()
    {
        File.Copy(Path.Combine(Hosting.RepositoryPaths.Root, "local.settings.example.json"), Path.Combine(_root.FullName, "local.settings.example.json"));

        var settings = LocalSettingsFile.EnsureAndLoad(_root.FullName);

        Assert.True(settings.Created);
        using var file = JsonDocument.Parse(File.ReadAllText(SettingsPath));
        Assert.False(file.RootElement.GetProperty("IsEncrypted").GetBoolean());
        var values = file.RootElement.GetProperty("Values");
        Assert.Equal("Custom", values.GetProperty("FUNCTIONS_WORKER_RUNTIME").GetString());
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
        var settings = LocalSettingsFile.EnsureAndLoad(_root.FullName);

        Assert.True(settings.Created);
        Assert.Equal("UseDevelopmentStorage=true", settings.Values["AzureWebJobsStorage"]);
        Assert.Equal("Custom", settings.Values["FUNCTIONS_WORKER_RUNTIME"]);
    }

    [Fact]
    public void EnsureAndLoad_ExistingFileMissingAKey_GeneratesAndSavesItKeepingTheRest()
    {
        File.WriteAllText(SettingsPath, """{ "IsEncrypted": false, "Values": { "LOCAL_FUNCTION_KEY": "mine", "Other": "x", "Number": 5 }, "ConnectionStrings": { "Db": "cs" } }""");

        var settings = LocalSettingsFile.EnsureAndLoad(_root.FullName);

        Assert.False(settings.Created);
        Assert.Equal(["LOCAL_MASTER_KEY"], settings.GeneratedKeys.Keys);
        Assert.Equal(("mine", "x", "5", "cs"), (settings.Values["LOCAL_FUNCTION_KEY"], settings.Values["Other"], settings.Values["Number"], settings.Values["ConnectionStrings:Db"]));
        var saved = LocalSettingsFile.EnsureAndLoad(_root.FullName);
        Assert.Empty(saved.GeneratedKeys);
        Assert.Equal(settings.Values["LOCAL_MASTER_KEY"], saved.Values["LOCAL_MASTER_KEY"]);
    }

    [Fact]
    public void EnsureAndLoad_CompleteFile_LeavesItUntouched()
    {
        const string Content = """{"IsEncrypted":false,"Values":{"LOCAL_FUNCTION_KEY":"a","LOCAL_MASTER_KEY":"b"}}""";
        File.WriteAllText(SettingsPath, Content);

        var settings = LocalSettingsFile.EnsureAndLoad(_root.FullName);

        Assert.Empty(settings.GeneratedKeys);
        Assert.Equal(Content, File.ReadAllText(SettingsPath));
    }

    [Fact]
    public void EnsureAndLoad_EncryptedFile_Throws()
    {
        File.WriteAllText(SettingsPath, """{"IsEncrypted":true,"Values":{}}""");

        Assert.Throws<InvalidOperationException>(() => LocalSettingsFile.EnsureAndLoad(_root.FullName));
    }

    [Fact]
    public async Task Build_SettingInFileAndEnvironment_EnvironmentWins()
    {
        var overridden = "AUTOMATION_TEST_" + Guid.NewGuid().ToString("N");
        File.WriteAllText(SettingsPath, """{"Values":{"@KEY@":"from-file","FileOnly":"from-file","LOCAL_FUNCTION_KEY":"a","LOCAL_MASTER_KEY":"b"}}""".Replace("@KEY@", overridden, StringComparison.Ordinal));
        Environment.SetEnvironmentVariable(overridden, "from-environment");
        try
        {
            await using var app = AutomationApp.Build([], builder => builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["AUTOMATION_APP_ROOT"] = _root.FullName,
                ["urls"] = "http://127.0.0.1:0",
            }));

            Assert.Equal("from-environment", app.Configuration[overridden]);
            Assert.Equal("from-file", app.Configuration["FileOnly"]);
        }
        finally
        {
            Environment.SetEnvironmentVariable(overridden, null);
        }
    }
}
