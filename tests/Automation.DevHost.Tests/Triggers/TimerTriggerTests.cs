using System.Globalization;

namespace Automation.DevHost.Tests.Triggers;

/// <summary>Timers fire on their NCRONTAB schedule (from a %Setting%), one run at a time, with the host's TimerInfo.</summary>
public sealed class TimerTriggerTests(HttpHostFixture fixture) : IClassFixture<HttpHostFixture>
{
    [Fact]
    public async Task InvokeTimerAsync_TimerFunction_RunsItWithATimerInfoAndReturnsTheWorkersAnswer()
    {
        var before = fixture.Records.Read("tick").Count;

        var result = await fixture.Host.InvokeTimerAsync("Tick");

        Assert.True(result.Succeeded, result.ExceptionMessage);
        Assert.Equal("Succeeded", result.Status);
        Assert.True(result.Duration > TimeSpan.Zero);
        var records = await fixture.Records.WaitForAsync("tick", before + 1);
        var record = records[^1];
        Assert.Equal("False", record["isPastDue"]);
        Assert.False(string.IsNullOrEmpty(record["triggerTime"]));
    }

    [Fact]
    public async Task InvokeTimerAsync_NotATimerFunction_Throws()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => fixture.Host.InvokeTimerAsync("Echo"));
        await Assert.ThrowsAsync<ArgumentException>(() => fixture.Host.InvokeTimerAsync("NoSuchFunction"));
    }

    [Fact]
    public async Task Schedule_EveryTwoSecondsWithRunsLongerThanThat_FiresOneRunAtATimeEachStraightAfterTheLast()
    {
        using var records = new Records();
        var output = new HostOutput();
        var settings = Hosts.BaseSettings(records).WithoutQueues();
        // Runs of 2.6 s on a 2 s schedule: a run ends 0.6 s after an occurrence it missed and 1.4 s before the next one,
        // so "straight after" (under 1 s) is told from "at the next occurrence" with room for a loaded machine.
        settings["TestTimerSchedule"] = "*/2 * * * * *";
        settings["TestTimerRunMs"] = "2600";
        await using var host = await Hosts.StartAsync(settings, output);

        var runs = (await records.WaitForAsync("tick", 3, timeout: TimeSpan.FromSeconds(30)))
            .Select(r => (Started: Time(r["started"]), Ended: Time(r["ended"]), HasStatus: r["hasStatus"]))
            .OrderBy(r => r.Started)
            .ToList();

        foreach (var (previous, next) in runs.Zip(runs.Skip(1)))
        {
            Assert.True(next.Started >= previous.Ended, $"A run started at {next.Started:O} while the one from {previous.Started:O} ran until {previous.Ended:O}.");

            // The occurrence that passed during the run fires as soon as the run ends (not a whole interval later).
            Assert.True(next.Started - previous.Ended < TimeSpan.FromMilliseconds(1000), $"The next run started {(next.Started - previous.Ended).TotalMilliseconds} ms after the last ended.");
        }

        // Schedules more often than once a minute have no schedule monitor: ScheduleStatus is null, as in the host.
        Assert.All(runs, r => Assert.Equal("False", r.HasStatus));
    }

    private static DateTimeOffset Time(string? value) => DateTimeOffset.Parse(value!, CultureInfo.InvariantCulture);
}
