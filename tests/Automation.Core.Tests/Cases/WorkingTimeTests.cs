using Automation.Core.Cases;
using static Automation.Core.Tests.Support.Zones;

namespace Automation.Core.Tests.Cases;

public class WorkingTimeTests
{
    /// <summary>DST: springs forward 2026-03-29 01:00 GMT -> 02:00 BST (01:00Z), falls back 2026-10-25 02:00 BST -> 01:00 GMT (01:00Z).</summary>
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    private static readonly WorkingSchedule EveryDay = WorkingSchedule.Default;

    private static readonly WorkingSchedule Weekdays = new(T("09:00"), T("18:00"), new HashSet<DayOfWeek>
    {
        DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday,
    });

    [Theory]
    [InlineData("2026-11-23 10:00", 120, "2026-11-23 12:00")]  // inside one day
    [InlineData("2026-11-23 17:00", 60, "2026-11-23 18:00")]   // exactly to closing: ends at closing
    [InlineData("2026-11-23 17:00", 120, "2026-11-24 10:00")]  // past closing: the rest from the next opening
    [InlineData("2026-11-23 07:30", 5, "2026-11-23 09:05")]    // before opening: starts at opening
    [InlineData("2026-11-23 20:00", 5, "2026-11-24 09:05")]    // after closing: starts at the next opening
    [InlineData("2026-11-23 18:00", 5, "2026-11-24 09:05")]    // closing itself is outside
    [InlineData("2026-11-23 09:00", 540, "2026-11-23 18:00")]  // one full day
    [InlineData("2026-11-23 09:00", 541, "2026-11-24 09:01")]
    [InlineData("2026-11-23 12:00", 1080, "2026-11-25 12:00")] // two working days
    public void Add_EveryDayInShanghai_CountsOnlyWorkingHours(string start, int minutes, string expected)
    {
        var result = WorkingTime.Add(AtLocal(start, Shanghai), TimeSpan.FromMinutes(minutes), EveryDay, Shanghai);

        Assert.Equal(AtLocal(expected, Shanghai), result);
    }

    [Theory]
    [InlineData("2026-11-23 12:00", "2026-11-23 12:00")]  // inside: unchanged
    [InlineData("2026-11-23 06:00", "2026-11-23 09:00")]  // before opening: the opening
    [InlineData("2026-11-23 18:00", "2026-11-24 09:00")]  // at closing: the next opening
    public void Add_Zero_GivesStartInsideElseNextOpening(string start, string expected)
    {
        Assert.Equal(AtLocal(expected, Shanghai), WorkingTime.Add(AtLocal(start, Shanghai), TimeSpan.Zero, EveryDay, Shanghai));
    }

    [Theory]
    [InlineData("2026-11-27 17:55", 5, "2026-11-27 18:00")]   // Friday, up to closing
    [InlineData("2026-11-27 17:55", 10, "2026-11-30 09:05")]  // over the weekend to Monday
    [InlineData("2026-11-28 10:00", 5, "2026-11-30 09:05")]   // opened on Saturday: starts Monday
    [InlineData("2026-11-29 23:00", 60, "2026-11-30 10:00")]  // Sunday night
    public void Add_WeekdaysOnly_SkipsTheWeekend(string start, int minutes, string expected)
    {
        Assert.Equal(AtLocal(expected, Shanghai), WorkingTime.Add(AtLocal(start, Shanghai), TimeSpan.FromMinutes(minutes), Weekdays, Shanghai));
    }

    [Fact]
    public void Add_NewYorkOverSpringForwardWeekend_OpensAtNineDaylightTime()
    {
        // Friday 17:00 EST (22:00Z) + 2 h: one hour on Friday, one on Monday from 09:00 EDT (13:00Z).
        var result = WorkingTime.Add(At("2026-03-06T22:00:00Z"), TimeSpan.FromHours(2), Weekdays, NewYork);

        Assert.Equal(At("2026-03-09T14:00:00Z"), result);
    }

    [Fact]
    public void Add_NewYorkOverFallBackWeekend_OpensAtNineStandardTime()
    {
        // Friday 17:00 EDT (21:00Z) + 2 h -> Monday 10:00 EST (15:00Z).
        var result = WorkingTime.Add(At("2026-10-30T21:00:00Z"), TimeSpan.FromHours(2), Weekdays, NewYork);

        Assert.Equal(At("2026-11-02T15:00:00Z"), result);
    }

    [Fact]
    public void Add_LondonOnSpringForwardSunday_OpensAtNineSummerTime()
    {
        // Saturday 17:00 GMT (17:00Z) + 2 h -> Sunday 10:00 BST (09:00Z): only 15 h of night, not 16.
        var result = WorkingTime.Add(At("2026-03-28T17:00:00Z"), TimeSpan.FromHours(2), EveryDay, London);

        Assert.Equal(At("2026-03-29T09:00:00Z"), result);
    }

    [Fact]
    public void Add_LondonOnFallBackSunday_OpensAtNineWinterTime()
    {
        // Saturday 17:00 BST (16:00Z) + 2 h -> Sunday 10:00 GMT (10:00Z).
        var result = WorkingTime.Add(At("2026-10-24T16:00:00Z"), TimeSpan.FromHours(2), EveryDay, London);

        Assert.Equal(At("2026-10-25T10:00:00Z"), result);
    }

    [Fact]
    public void Between_DstChangeInsideWorkingHours_CountsElapsedTime()
    {
        var night = new WorkingSchedule(T("00:00"), T("06:00"), WorkingSchedule.AllWeek);

        // 2026-03-08: 00:00 EST (05:00Z) to 06:00 EDT (10:00Z) is 5 h; 2026-11-01: 00:00 EDT (04:00Z) to 06:00 EST (11:00Z) is 7 h.
        Assert.Equal(TimeSpan.FromHours(5), WorkingTime.Between(At("2026-03-08T00:00:00Z"), At("2026-03-09T00:00:00Z"), night, NewYork));
        Assert.Equal(TimeSpan.FromHours(7), WorkingTime.Between(At("2026-11-01T00:00:00Z"), At("2026-11-02T00:00:00Z"), night, NewYork));
        Assert.Equal(At("2026-03-08T10:00:00Z"), WorkingTime.Add(At("2026-03-08T05:00:00Z"), TimeSpan.FromHours(5), night, NewYork));
        Assert.Equal(At("2026-03-09T04:01:00Z"), WorkingTime.Add(At("2026-03-08T05:00:00Z"), TimeSpan.FromMinutes(301), night, NewYork));
    }

    [Fact]
    public void Add_OpeningInsideTheSpringForwardGap_OpensWhenTheClockJumps()
    {
        // 2026-03-08 in New York: 02:30 never shows; the day opens at 03:00 EDT (07:00Z).
        var early = new WorkingSchedule(T("02:30"), T("06:00"), WorkingSchedule.AllWeek);

        Assert.Equal(At("2026-03-08T08:00:00Z"), WorkingTime.Add(At("2026-03-08T05:00:00Z"), TimeSpan.FromHours(1), early, NewYork));
        Assert.Equal(TimeSpan.FromHours(3), WorkingTime.Between(At("2026-03-08T05:00:00Z"), At("2026-03-09T05:00:00Z"), early, NewYork));
    }

    [Fact]
    public void Add_AroundTheClock_IsCalendarTime()
    {
        var always = new WorkingSchedule(T("00:00"), TimeOnly.MinValue, WorkingSchedule.AllWeek);
        var start = AtLocal("2026-11-23 17:20", Shanghai);

        Assert.Equal(start + TimeSpan.FromHours(30), WorkingTime.Add(start, TimeSpan.FromHours(30), always, Shanghai));
        Assert.True(WorkingTime.IsWorking(AtLocal("2026-11-23 23:59", Shanghai), always, Shanghai));
    }

    [Theory]
    [InlineData("2026-11-27 17:00", "2026-11-30 10:00", 120)]  // Friday evening to Monday morning, weekdays
    [InlineData("2026-11-28 00:00", "2026-11-30 00:00", 0)]    // the weekend itself
    [InlineData("2026-11-23 10:00", "2026-11-23 09:00", 0)]    // backwards
    [InlineData("2026-11-23 08:00", "2026-11-24 20:00", 1080)] // two whole days
    public void Between_Weekdays_CountsWorkingMinutes(string from, string to, int minutes)
    {
        Assert.Equal(TimeSpan.FromMinutes(minutes), WorkingTime.Between(AtLocal(from, Shanghai), AtLocal(to, Shanghai), Weekdays, Shanghai));
    }

    [Theory]
    [InlineData("2026-11-23 08:59", false)]
    [InlineData("2026-11-23 09:00", true)]
    [InlineData("2026-11-23 17:59", true)]
    [InlineData("2026-11-23 18:00", false)]
    [InlineData("2026-11-28 12:00", false)] // Saturday
    public void IsWorking_Weekdays_IncludesOpeningExcludesClosing(string local, bool expected)
    {
        Assert.Equal(expected, WorkingTime.IsWorking(AtLocal(local, Shanghai), Weekdays, Shanghai));
    }

    [Fact]
    public void Add_NoWorkingDays_Throws()
    {
        var never = new WorkingSchedule(T("09:00"), T("18:00"), new HashSet<DayOfWeek>());

        Assert.Throws<ArgumentException>(() => WorkingTime.Add(At("2026-11-23T00:00:00Z"), TimeSpan.FromHours(1), never, Shanghai));
    }
}
