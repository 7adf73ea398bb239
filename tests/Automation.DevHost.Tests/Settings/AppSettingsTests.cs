using Automation.DevHost.Settings;

namespace Automation.DevHost.Tests.Settings;

public sealed class AppSettingsTests
{
    [Fact]
    public void Indexer_SameSettingInFileEnvironmentAndExplicit_ExplicitThenEnvironmentWin()
    {
        var settings = new AppSettings(
            Pairs(("A", "file"), ("B", "file"), ("C", "file")),
            Pairs(("B", "environment"), ("C", "environment")),
            Pairs(("C", "explicit")));

        Assert.Equal(("file", "environment", "explicit"), (settings["A"], settings["B"], settings["C"]));
    }

    [Fact]
    public void Indexer_DoubleUnderscoreAndColonAndCase_NameTheSameSetting()
    {
        var settings = new AppSettings(Pairs(("AzureWebJobsStorage__accountName", "file")), [], Pairs(("azurewebjobsstorage:ACCOUNTNAME", "explicit")));

        Assert.Equal("explicit", settings["AzureWebJobsStorage__accountName"]);
        Assert.Single(settings.All);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("True", true)]
    [InlineData("1", true)]
    [InlineData("false", false)]
    [InlineData("0", false)]
    [InlineData(null, false)]
    public void IsDisabled_AzureWebJobsNameDisabled_TrueOrOneDisables(string? value, bool disabled)
    {
        var settings = new AppSettings([], [], Pairs(("AzureWebJobs.Tick.Disabled", value)));

        Assert.Equal(disabled, settings.IsDisabled("Tick"));
    }

    [Fact]
    public void Resolve_PercentSettingPercent_ReplacedBySettingAndMissingOneFailsClearly()
    {
        var settings = new AppSettings([], [], Pairs(("Schedule", "0 */5 * * * *"), ("Queue", "jobs")));

        Assert.Equal("0 */5 * * * *", settings.Resolve("%Schedule%"));
        Assert.Equal("jobs-poison", settings.Resolve("%Queue%-poison"));
        var failure = Assert.Throws<DevHostStartupException>(() => settings.Resolve("%Missing%"));
        Assert.Equal("'%Missing%' refers to the app setting 'Missing', which is not set.", failure.Message);
    }

    private static KeyValuePair<string, string?>[] Pairs(params (string Name, string? Value)[] pairs) =>
        [.. pairs.Select(p => KeyValuePair.Create(p.Name, p.Value))];
}
