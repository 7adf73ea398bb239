using System.Net;
using System.Text;
using Automation.Functions.Hosting;
using Automation.Functions.Tests.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Automation.Functions.Tests.LocalRunner;

/// <summary>Timer functions in local mode: NCRONTAB schedules from app settings, and the admin API.</summary>
public sealed class LocalRunnerTimerTests
{
    [Fact]
    public async Task Timer_EverySecondScheduleFromSetting_FiresRepeatedlyWithoutScheduleStatus()
    {
        await using var app = await LocalRunnerApp.StartAsync(["RecordingTimer"], new Dictionary<string, string?> { ["TestTimerSchedule"] = "* * * * * *" });

        var timers = await app.Log.WaitForAsync<TimerTriggerInfo>(RecordingTimerFunction.Name, 2, TimeSpan.FromSeconds(15));

        // More often than once a minute: the host turns its schedule monitor off, so ScheduleStatus is null.
        Assert.All(timers, t => Assert.Equal(new TimerTriggerInfo(false, null, null), t));
    }

    [Fact]
    public async Task Timer_ClockPassesOccurrence_FiresForExactlyThatOccurrence()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 1, 1, 9, 58, 0, TimeSpan.Zero));
        await using var app = await LocalRunnerApp.StartAsync(["RecordingTimer"], new Dictionary<string, string?> { ["TestTimerSchedule"] = "0 */5 * * * *" }, timeProvider: time);

        var first = await AdvanceUntilAsync(app, time, 1);
        var second = await AdvanceUntilAsync(app, time, 2);

        Assert.Equal(new TimerTriggerInfo(false, new DateTimeOffset(2025, 1, 1, 10, 0, 0, TimeSpan.Zero), null), first[0]);
        Assert.Equal(new TimerTriggerInfo(false, new DateTimeOffset(2025, 1, 1, 10, 5, 0, TimeSpan.Zero), new DateTimeOffset(2025, 1, 1, 10, 0, 0, TimeSpan.Zero)), second[1]);
    }

    [Fact]
    public async Task Timer_RunOutlastsTheNextOccurrence_NoOverlapAndThatOccurrenceFiresOnceRightAfter()
    {
        // As the host's TimerListener: the next occurrence is the one after the run started; if it passed while the run
        // was going, it fires as soon as the run ends (not skipped, not overlapping).
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 1, 1, 9, 58, 0, TimeSpan.Zero));
        await using var app = await LocalRunnerApp.StartAsync(["SlowTimer"], new Dictionary<string, string?> { ["TestTimerSchedule"] = "0 */5 * * * *" }, timeProvider: time);

        for (var step = 0; step < 200 && app.Log.Of<TimerTriggerInfo>(SlowTimerFunction.Name).Count == 0; step++)
        {
            time.Advance(TimeSpan.FromSeconds(15)); // the first run (10:00) itself moves the clock past 10:05
            await Task.Delay(25);
        }

        var runs = await app.Log.WaitForAsync<TimerTriggerInfo>(SlowTimerFunction.Name, 2, TimeSpan.FromSeconds(10));

        Assert.Equal(new TimerTriggerInfo(false, new DateTimeOffset(2025, 1, 1, 10, 0, 0, TimeSpan.Zero), null), runs[0]);
        Assert.Equal(new TimerTriggerInfo(false, new DateTimeOffset(2025, 1, 1, 10, 5, 0, TimeSpan.Zero), new DateTimeOffset(2025, 1, 1, 10, 0, 0, TimeSpan.Zero)), runs[1]);
        await Task.Delay(300);
        Assert.Equal(2, app.Log.Of<TimerTriggerInfo>(SlowTimerFunction.Name).Count); // 10:10 has not come yet
    }

    [Fact]
    public async Task AdminApi_MasterKey_RunsTheTimerNowAndAnswers202()
    {
        await using var app = await LocalRunnerApp.StartAsync(["RecordingTimer"], new Dictionary<string, string?> { ["TestTimerSchedule"] = "0 0 0 1 1 *" });

        using var response = await PostAdminAsync(app, "RecordingTimer", LocalRunnerApp.MasterKey);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var timer = Assert.Single(await app.Log.WaitForAsync<TimerTriggerInfo>(RecordingTimerFunction.Name, 1));
        Assert.False(timer.IsPastDue);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(LocalRunnerApp.FunctionKey)]
    [InlineData("wrong")]
    public async Task AdminApi_NoMasterKey_Answers401AndRunsNothing(string? key)
    {
        await using var app = await LocalRunnerApp.StartAsync(["RecordingTimer"], new Dictionary<string, string?> { ["TestTimerSchedule"] = "0 0 0 1 1 *" });

        using var response = await PostAdminAsync(app, "RecordingTimer", key);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        await Task.Delay(200);
        Assert.Empty(app.Log.Entries);
    }

    [Fact]
    public async Task AdminApi_UnknownFunction_Answers404()
    {
        await using var app = await LocalRunnerApp.StartAsync(["RecordingTimer"], new Dictionary<string, string?> { ["TestTimerSchedule"] = "0 0 0 1 1 *" });

        using var response = await PostAdminAsync(app, "Nope", LocalRunnerApp.MasterKey);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    internal static async Task<HttpResponseMessage> PostAdminAsync(LocalRunnerApp app, string function, string? key, string body = """{"input":""}""")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/admin/functions/{function}", UriKind.Relative))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (key is not null)
        {
            request.Headers.Add("x-functions-key", key);
        }

        return await app.Client.SendAsync(request);
    }

    // The service may not be waiting on the fake clock yet: move it in steps until the timer has fired.
    private static async Task<IReadOnlyList<TimerTriggerInfo>> AdvanceUntilAsync(LocalRunnerApp app, FakeTimeProvider time, int count)
    {
        for (var step = 0; step < 200 && app.Log.Of<TimerTriggerInfo>(RecordingTimerFunction.Name).Count < count; step++)
        {
            time.Advance(TimeSpan.FromSeconds(15));
            await Task.Delay(25);
        }

        return await app.Log.WaitForAsync<TimerTriggerInfo>(RecordingTimerFunction.Name, count, TimeSpan.FromSeconds(10));
    }
}
