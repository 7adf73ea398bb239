using Automation.Functions.Hosting;
using Microsoft.Extensions.Configuration;

namespace Automation.Functions.Tests.Hosting;

public sealed class AppRootTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("automation-root-");

    public void Dispose() => _root.Delete(recursive: true);

    [Fact]
    public void Resolve_AutomationAppRootSet_WinsOverHostSetting()
    {
        var configuration = Settings(("AUTOMATION_APP_ROOT", "/srv/a"), ("FUNCTIONS_APP_ROOT_PATH", "/srv/b"));

        Assert.Equal("/srv/a", AppRoot.Resolve(configuration, _root.FullName));
    }

    [Fact]
    public void Resolve_OnlyFunctionsAppRootPath_UsesIt()
    {
        Assert.Equal("/home/site/wwwroot", AppRoot.Resolve(Settings(("FUNCTIONS_APP_ROOT_PATH", "/home/site/wwwroot")), _root.FullName));
    }

    [Fact]
    public void Resolve_NoSetting_WalksUpToTheFolderWithHostJson()
    {
        File.WriteAllText(Path.Combine(_root.FullName, "host.json"), "{}");
        var nested = _root.CreateSubdirectory("functions/Automation.Functions/bin");

        Assert.Equal(_root.FullName, AppRoot.Resolve(Settings(), nested.FullName));
    }

    [Fact]
    public void Resolve_NoSettingNoHostJson_UsesTheCurrentDirectory()
    {
        var nested = _root.CreateSubdirectory("x");
        if (!File.Exists("/host.json"))
        {
            Assert.Equal(nested.FullName, AppRoot.Resolve(Settings(), nested.FullName));
        }
    }

    private static IConfiguration Settings(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))).Build();
}
