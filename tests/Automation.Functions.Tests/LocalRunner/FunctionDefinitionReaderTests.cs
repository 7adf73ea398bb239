using Automation.Functions.LocalRunner;
using Automation.Functions.Tests.Hosting;
using Microsoft.Extensions.Configuration;

namespace Automation.Functions.Tests.LocalRunner;

public sealed class FunctionDefinitionReaderTests
{
    private static readonly IConfiguration Settings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["TestTimerSchedule"] = "0 */5 * * * *",
        ["TestQueueName"] = "Orders-In",
        ["TestFailingQueueName"] = "failing",
        ["TestGatedQueueName"] = "gated",
    }).Build();

    [Fact]
    public void ReadAll_TestFunctionApp_ReadsEveryTriggerWithSettingsResolved()
    {
        var (functions, errors) = FunctionDefinitionReader.ReadAll(Path.Combine(RepositoryPaths.TestFunctionApp, "functions"), Settings);

        Assert.Empty(errors);
        var byName = functions.ToDictionary(f => f.Name);
        Assert.Equal(("hello/{name?}", "function"), (byName["SecureHello"].Http!.Route, byName["SecureHello"].Http!.AuthLevel));
        Assert.Equal(["GET", "POST"], byName["SecureHello"].Http!.Methods);
        Assert.Equal("admin", byName["AdminOnly"].Http!.AuthLevel);
        Assert.Equal(("0 */5 * * * *", "myTimer", false, true), (byName["RecordingTimer"].Timer!.Schedule, byName["RecordingTimer"].Timer!.BindingName, byName["RecordingTimer"].Timer!.RunOnStartup, byName["RecordingTimer"].Timer!.UseMonitor));
        Assert.Equal(new QueueTrigger("myQueueItem", "orders-in", "AzureWebJobsStorage"), byName["RecordingQueue"].Queue);
        Assert.Equal("failing", byName["FailingQueue"].Queue!.QueueName);
    }

    [Fact]
    public void Read_DefaultsForRouteMethodsAndAuthLevel_AreTheHosts()
    {
        var function = FunctionDefinitionReader.Read("MyHttp", """{"bindings":[{"type":"httpTrigger","direction":"in","name":"req"}]}""", Settings)!;

        Assert.Equal(new HttpTrigger("MyHttp", null, "function"), function.Http);
    }

    [Fact]
    public void Read_ScheduleSettingMissing_Throws()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            FunctionDefinitionReader.Read("T", """{"bindings":[{"type":"timerTrigger","name":"t","schedule":"%Missing%"}]}""", Settings));

        Assert.Contains("Missing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadAll_OneBadFolder_LoadsTheOthersAndReportsIt()
    {
        var folder = Directory.CreateTempSubdirectory("automation-functions-");
        try
        {
            Directory.CreateDirectory(Path.Combine(folder.FullName, "Good"));
            File.WriteAllText(Path.Combine(folder.FullName, "Good", "function.json"), """{"bindings":[{"type":"queueTrigger","name":"m","queueName":"q"}]}""");
            Directory.CreateDirectory(Path.Combine(folder.FullName, "Bad"));
            File.WriteAllText(Path.Combine(folder.FullName, "Bad", "function.json"), """{"bindings":[{"type":"timerTrigger","name":"t","schedule":"every day"}]}""");
            Directory.CreateDirectory(Path.Combine(folder.FullName, "NotAFunction"));

            var (functions, errors) = FunctionDefinitionReader.ReadAll(folder.FullName, Settings);

            Assert.Equal("Good", Assert.Single(functions).Name);
            Assert.Equal("Bad", Assert.Single(errors).Name);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void Read_DisabledInFunctionJsonOrSetting_IsSkipped()
    {
        var disabledBySetting = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["AzureWebJobs.Q.Disabled"] = "true" }).Build();

        Assert.Null(FunctionDefinitionReader.Read("Q", """{"disabled":true,"bindings":[{"type":"queueTrigger","name":"m","queueName":"q"}]}""", Settings));
        Assert.Null(FunctionDefinitionReader.Read("Q", """{"bindings":[{"type":"queueTrigger","name":"m","queueName":"q"}]}""", disabledBySetting));
    }

    [Fact]
    public void Read_UnsupportedTrigger_Throws() =>
        Assert.Throws<FormatException>(() => FunctionDefinitionReader.Read("B", """{"bindings":[{"type":"blobTrigger","name":"b","path":"x/{name}"}]}""", Settings));

    [Theory]
    [InlineData("0 */5 * * * *", "2025-01-01T10:02:30Z", "2025-01-01T10:05:00Z")]
    [InlineData("*/5 * * * *", "2025-01-01T10:02:30Z", "2025-01-01T10:05:00Z")] // 5 fields: no seconds
    [InlineData("*/10 * * * * *", "2025-01-01T10:02:31Z", "2025-01-01T10:02:40Z")]
    [InlineData("0 30 9 * * 1-5", "2025-01-03T10:00:00Z", "2025-01-06T09:30:00Z")] // weekdays, UTC
    public void ParseSchedule_Expression_GivesNextOccurrenceInUtc(string expression, string now, string expected)
    {
        var schedule = FunctionDefinitionReader.ParseSchedule(expression);

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), TimerTriggerService.NextOccurrence(schedule, DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("* * * *")]
    [InlineData("01:00:00")]
    public void ParseSchedule_NotNcrontab_Throws(string expression) =>
        Assert.Throws<FormatException>(() => FunctionDefinitionReader.ParseSchedule(expression));
}
