using Automation.Core.Cases;
using static Automation.Core.Tests.Support.Zones;

namespace Automation.Core.Tests.Cases;

/// <summary>
/// Properties of working-time arithmetic over many generated cases (seeded, so a failure reproduces): schedules with
/// and without weekends and DST inside working hours, zones with and without DST, starts over a whole year.
/// </summary>
public class WorkingTimePropertyTests
{
    private const int Runs = 400;

    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    private static readonly TimeZoneInfo[] TimeZones = [Shanghai, NewYork, London, Berlin, LordHowe];

    private static readonly WorkingSchedule[] Schedules =
    [
        WorkingSchedule.Default,
        new(T("09:00"), T("18:00"), new HashSet<DayOfWeek> { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday }),
        new(T("00:30"), T("03:30"), new HashSet<DayOfWeek> { DayOfWeek.Sunday, DayOfWeek.Wednesday }), // DST changes inside working hours
        new(T("00:00"), TimeOnly.MinValue, WorkingSchedule.AllWeek),
    ];

    [Fact]
    public void Add_ThenBetween_GivesTheDurationBack()
    {
        ForAll((start, duration, _, schedule, zone) =>
            Assert.Equal(duration, WorkingTime.Between(start, WorkingTime.Add(start, duration, schedule, zone), schedule, zone)));
    }

    [Fact]
    public void Add_IsMonotonicInDuration()
    {
        ForAll((start, a, b, schedule, zone) =>
        {
            var shorter = a < b ? a : b;
            var longer = a < b ? b : a;
            Assert.True(WorkingTime.Add(start, shorter, schedule, zone) <= WorkingTime.Add(start, longer, schedule, zone));
            Assert.True(WorkingTime.Add(start, a, schedule, zone) >= start);
        });
    }

    [Fact]
    public void Add_OfSum_EqualsAddingInTwoSteps()
    {
        ForAll((start, a, b, schedule, zone) =>
        {
            // b > 0: adding zero at a closing moves to the next opening, which adding a alone does not.
            var positive = b + TimeSpan.FromMinutes(1);
            var once = WorkingTime.Add(start, a + positive, schedule, zone);
            var twice = WorkingTime.Add(WorkingTime.Add(start, a, schedule, zone), positive, schedule, zone);
            Assert.Equal(once, twice);
        });
    }

    [Fact]
    public void Add_PositiveDuration_EndsInsideWorkingHoursOrAtClosing()
    {
        ForAll((start, a, _, schedule, zone) =>
        {
            var end = WorkingTime.Add(start, a + TimeSpan.FromSeconds(1), schedule, zone);
            Assert.True(WorkingTime.IsWorking(end - TimeSpan.FromSeconds(1), schedule, zone), $"{end:O} is not right after working time");
        });
    }

    private static void ForAll(Action<DateTimeOffset, TimeSpan, TimeSpan, WorkingSchedule, TimeZoneInfo> property)
    {
        var random = new Random(20261129);
        var yearStart = At("2026-01-01T00:00:00Z");
        for (var i = 0; i < Runs; i++)
        {
            var start = yearStart + TimeSpan.FromMinutes(random.Next(0, 366 * 24 * 60));
            var a = TimeSpan.FromMinutes(random.Next(0, 60 * 60));
            var b = TimeSpan.FromMinutes(random.Next(0, 60 * 60));
            var schedule = Schedules[random.Next(Schedules.Length)];
            var zone = TimeZones[random.Next(TimeZones.Length)];
            try
            {
                property(start, a, b, schedule, zone);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                throw new InvalidOperationException($"Run {i}: start {start:O}, a {a}, b {b}, {schedule.Opens}-{schedule.Closes} on {string.Join(",", schedule.Days)}, {zone.Id}", ex);
            }
        }
    }
}
