using Automation.Core.Sweep;
using static Automation.Core.Tests.Support.Zones;

namespace Automation.Core.Tests.Sweep;

public class MorningSweepScheduleTests
{
    private static readonly MorningSweepSettings Defaults = MorningSweepSettings.Default;

    private static DateOnly Day(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("2026-11-29T23:30:00Z", SweepState.NotYet)] // 07:30 on the 30th in Shanghai
    [InlineData("2026-11-30T00:59:59Z", SweepState.NotYet)]
    [InlineData("2026-11-30T01:00:00Z", SweepState.Due)] // 09:00
    [InlineData("2026-11-30T03:59:59Z", SweepState.Due)]
    [InlineData("2026-11-30T04:00:00Z", SweepState.Missed)] // 12:00, the deadline
    public void Sweep_Shanghai_DueFromAtUntilDeadline(string now, SweepState expected)
    {
        var due = MorningSweepSchedule.Sweep(Shanghai, Defaults, At(now), lastCompletedDay: null);

        Assert.Equal(expected, due.State);
        Assert.Equal(Day("2026-11-30"), due.SweepDay);
        Assert.Equal("2026-11-30", MorningSweepSchedule.Key(due.SweepDay));
        Assert.Equal(At("2026-11-30T01:00:00Z"), due.StartsAt);
        Assert.Equal(At("2026-11-30T04:00:00Z"), due.DeadlineAt);
    }

    [Fact]
    public void Sweep_CompletedToday_IsDone()
    {
        var due = MorningSweepSchedule.Sweep(Shanghai, Defaults, At("2026-11-30T02:00:00Z"), Day("2026-11-30"));

        Assert.Equal(SweepState.Done, due.State);
        Assert.False(due.IsDue);
    }

    [Fact]
    public void Sweep_CompletedYesterday_IsDueToday()
    {
        var due = MorningSweepSchedule.Sweep(Shanghai, Defaults, At("2026-11-30T02:00:00Z"), Day("2026-11-29"));

        Assert.True(due.IsDue);
    }

    [Fact]
    public void Sweep_NewYorkEveningInUtcTomorrow_BelongsToTheLocalDay()
    {
        // 03:00Z on the 30th is 22:00 on the 29th in New York: the 29th's sweep is over, the 30th's not begun.
        var due = MorningSweepSchedule.Sweep(NewYork, Defaults, At("2026-11-30T03:00:00Z"), lastCompletedDay: null);

        Assert.Equal(Day("2026-11-29"), due.SweepDay);
        Assert.Equal(SweepState.Missed, due.State);
    }

    [Fact]
    public void Sweep_NewYorkSpringForwardDay_StartsAtNineLocalInDaylightTime()
    {
        var due = MorningSweepSchedule.Sweep(NewYork, Defaults, At("2026-03-08T13:00:00Z"), lastCompletedDay: null);

        Assert.Equal(SweepState.Due, due.State);
        Assert.Equal(At("2026-03-08T13:00:00Z"), due.StartsAt); // 09:00 EDT
        Assert.Equal(SweepState.NotYet, MorningSweepSchedule.Sweep(NewYork, Defaults, At("2026-03-08T12:59:00Z"), null).State);
    }

    [Fact]
    public void Sweep_StartInsideBerlinSpringForwardGap_RunsAtTheFirstValidInstantAfter()
    {
        // 2026-03-29 the clock jumps from 02:00 CET to 03:00 CEST at 01:00Z: 02:30 does not exist.
        var settings = new MorningSweepSettings(T("02:30"), T("12:00"));

        var before = MorningSweepSchedule.Sweep(Berlin, settings, At("2026-03-29T00:59:59Z"), null);
        var atJump = MorningSweepSchedule.Sweep(Berlin, settings, At("2026-03-29T01:00:00Z"), null);

        Assert.Equal(SweepState.NotYet, before.State);
        Assert.Equal(SweepState.Due, atJump.State);
        Assert.Equal(At("2026-03-29T01:00:00Z"), atJump.StartsAt);
        Assert.Equal(At("2026-03-29T10:00:00Z"), atJump.DeadlineAt); // 12:00 CEST
    }

    [Fact]
    public void Sweep_StartInsideNewYorkSpringForwardGap_RunsAtTheJump()
    {
        // 2026-03-08 02:00 EST -> 03:00 EDT at 07:00Z.
        var due = MorningSweepSchedule.Sweep(NewYork, new MorningSweepSettings(T("02:30"), T("06:00")), At("2026-03-08T07:00:00Z"), null);

        Assert.Equal(SweepState.Due, due.State);
        Assert.Equal(At("2026-03-08T07:00:00Z"), due.StartsAt);
        Assert.Equal(At("2026-03-08T10:00:00Z"), due.DeadlineAt);
    }

    [Fact]
    public void DeadlineOf_WindowInsideOneGap_KeepsItsNominalLength()
    {
        var settings = new MorningSweepSettings(T("02:10"), T("02:40"));

        Assert.Equal(At("2026-03-29T01:00:00Z"), MorningSweepSchedule.StartOf(Day("2026-03-29"), settings, Berlin));
        Assert.Equal(At("2026-03-29T01:30:00Z"), MorningSweepSchedule.DeadlineOf(Day("2026-03-29"), settings, Berlin));
    }

    [Fact]
    public void Sweep_StartInsideBerlinFallBackOverlap_IsDueAtTheFirstOccurrenceOnly()
    {
        // 2026-10-25 the clock goes back from 03:00 CEST to 02:00 CET at 01:00Z: 02:30 happens at 00:30Z and 01:30Z.
        var settings = new MorningSweepSettings(T("02:30"), T("12:00"));
        var day = Day("2026-10-25");

        Assert.Equal(SweepState.NotYet, MorningSweepSchedule.Sweep(Berlin, settings, At("2026-10-25T00:29:00Z"), null).State);
        Assert.Equal(SweepState.Due, MorningSweepSchedule.Sweep(Berlin, settings, At("2026-10-25T00:30:00Z"), null).State);
        Assert.Equal(SweepState.Done, MorningSweepSchedule.Sweep(Berlin, settings, At("2026-10-25T01:30:00Z"), day).State);
        Assert.Equal(At("2026-10-25T11:00:00Z"), MorningSweepSchedule.DeadlineOf(day, settings, Berlin)); // 12:00 CET
    }

    [Fact]
    public void Sweep_StartInsideNewYorkFallBackOverlap_StartsAtTheEarlierInstant()
    {
        // 2026-11-01 01:00-02:00 happens twice (EDT, then EST from 06:00Z).
        var due = MorningSweepSchedule.Sweep(NewYork, new MorningSweepSettings(T("01:30"), T("09:00")), At("2026-11-01T05:30:00Z"), null);

        Assert.Equal(SweepState.Due, due.State);
        Assert.Equal(At("2026-11-01T05:30:00Z"), due.StartsAt);
    }

    public static TheoryData<string, string, string, string> TimerWeeks => new()
    {
        { "Asia/Shanghai", "09:00", "12:00", "2026-11-27T00:00:00Z" },
        { "Europe/Berlin", "09:00", "12:00", "2026-03-26T00:00:00Z" },
        { "Europe/Berlin", "02:30", "04:00", "2026-03-26T00:00:00Z" },
        { "Europe/Berlin", "02:30", "04:00", "2026-10-22T00:00:00Z" },
        { "America/New_York", "09:00", "12:00", "2026-03-05T00:00:00Z" },
        { "America/New_York", "02:30", "03:30", "2026-03-05T00:00:00Z" },
        { "America/New_York", "01:30", "01:45", "2026-10-29T00:00:00Z" },
        { "Australia/Lord_Howe", "02:15", "02:45", "2026-09-30T00:00:00Z" },
    };

    [Theory]
    [MemberData(nameof(TimerWeeks))]
    public void Sweep_TimerEveryFifteenMinutesForAWeek_RunsOncePerLocalDayAtTheFirstTickFromStart(string zoneId, string at, string deadline, string from)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        var settings = new MorningSweepSettings(T(at), T(deadline));
        DateOnly? lastCompleted = null;
        var runs = new List<(DateOnly Day, DateTimeOffset At)>();

        for (var tick = At(from); tick < At(from).AddDays(8); tick += TimeSpan.FromMinutes(15))
        {
            var due = MorningSweepSchedule.Sweep(zone, settings, tick, lastCompleted);
            if (due.IsDue)
            {
                runs.Add((due.SweepDay, tick));
                lastCompleted = due.SweepDay;
            }
        }

        Assert.Equal(runs.Count, runs.Select(r => r.Day).Distinct().Count());
        Assert.True(runs.Count >= 7, $"only {runs.Count} runs in 8 days");
        foreach (var (day, tick) in runs)
        {
            var start = MorningSweepSchedule.StartOf(day, settings, zone);
            Assert.True(tick >= start && tick - start < TimeSpan.FromMinutes(15), $"{day} ran at {tick:O}, start {start:O}");
        }
    }

    [Theory]
    [InlineData("2026-11-30T03:59:00Z", null, false)]
    [InlineData("2026-11-30T04:00:00Z", null, true)]
    [InlineData("2026-11-30T15:59:00Z", "2026-11-29", true)] // 23:59 local: still catches up
    [InlineData("2026-11-30T05:00:00Z", "2026-11-30", false)]
    public void NoonEscalationDue_AfterDeadlineOncePerDay(string now, string? lastEscalated, bool expected)
    {
        var due = MorningSweepSchedule.NoonEscalationDue(Shanghai, Defaults, At(now), lastEscalated is null ? null : Day(lastEscalated));

        Assert.Equal(expected, due.IsDue);
        Assert.Equal(Day("2026-11-30"), due.SweepDay);
        Assert.Equal(At("2026-11-30T04:00:00Z"), due.DeadlineAt);
    }

    [Fact]
    public void NoonEscalationDue_BerlinFallBackDay_UsesWinterOffset()
    {
        var due = MorningSweepSchedule.NoonEscalationDue(Berlin, Defaults, At("2026-10-25T10:30:00Z"), null);

        Assert.False(due.IsDue); // 11:30 CET
        Assert.True(MorningSweepSchedule.NoonEscalationDue(Berlin, Defaults, At("2026-10-25T11:00:00Z"), null).IsDue);
    }
}
