using Automation.Core.Time;

namespace Automation.Core.Cases;

/// <summary>
/// Arithmetic over a shop's working hours (<see cref="WorkingSchedule"/>) in its IANA time zone.
/// <list type="bullet">
/// <item>Each working day is the interval of instants from the day's opening to its closing, found with
/// <see cref="ZonedTime.ToInstant"/> for the local date, so DST is respected: 09:00 on the Monday after a spring-forward
/// is 13:00Z in New York, not 14:00Z.</item>
/// <item>Working time is elapsed time inside those intervals. When a DST change falls inside working hours (a schedule
/// starting before 02:00), that day has an hour more or less of working time, as the team's clocks do.</item>
/// <item>A start outside working hours begins at the next opening; adding that lands exactly on a closing ends there
/// (18:00), not at the next opening.</item>
/// </list>
/// </summary>
public static class WorkingTime
{
    // Guards the day-by-day loops against absurd inputs (a duration of years of working time).
    private const int MaxDays = 5 * 366;

    /// <summary>The longest span <see cref="Between"/> measures; callers with longer spans (a date in 2099) cap them at this.</summary>
    public static readonly TimeSpan LongestSpan = TimeSpan.FromDays(MaxDays - 2);

    /// <summary>
    /// The instant <paramref name="duration"/> of working time after <paramref name="start"/>. A zero duration gives
    /// <paramref name="start"/> itself inside working hours, else the next opening.
    /// </summary>
    public static DateTimeOffset Add(DateTimeOffset start, TimeSpan duration, WorkingSchedule schedule, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentOutOfRangeException.ThrowIfLessThan(duration, TimeSpan.Zero);
        RequireWorkingDays(schedule);

        var remaining = duration;
        var date = DateOnly.FromDateTime(ZonedTime.ToLocal(start, zone));
        for (var i = 0; i < MaxDays; i++, date = date.AddDays(1))
        {
            if (Interval(date, schedule, zone) is not { } day)
            {
                continue;
            }

            var (opens, closes) = day;

            var from = opens > start ? opens : start;
            if (from >= closes)
            {
                continue;
            }

            var available = closes - from;
            if (remaining <= available)
            {
                return from + remaining;
            }

            remaining -= available;
        }

        throw new ArgumentOutOfRangeException(nameof(duration), duration, "The duration spans more working days than supported.");
    }

    /// <summary>The working time in [<paramref name="from"/>, <paramref name="to"/>); zero when <paramref name="to"/> is not after <paramref name="from"/>.</summary>
    public static TimeSpan Between(DateTimeOffset from, DateTimeOffset to, WorkingSchedule schedule, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(zone);
        if (to <= from)
        {
            return TimeSpan.Zero;
        }

        var total = TimeSpan.Zero;
        var date = DateOnly.FromDateTime(ZonedTime.ToLocal(from, zone));
        var last = DateOnly.FromDateTime(ZonedTime.ToLocal(to, zone));
        if (last.DayNumber - date.DayNumber > MaxDays)
        {
            throw new ArgumentOutOfRangeException(nameof(to), to, "The span covers more days than supported.");
        }

        for (; date <= last; date = date.AddDays(1))
        {
            if (Interval(date, schedule, zone) is { } day)
            {
                var (opens, closes) = day;
                var start = opens > from ? opens : from;
                var end = closes < to ? closes : to;
                if (end > start)
                {
                    total += end - start;
                }
            }
        }

        return total;
    }

    /// <summary>Whether the team is at work at <paramref name="instant"/>.</summary>
    public static bool IsWorking(DateTimeOffset instant, WorkingSchedule schedule, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(zone);
        var date = DateOnly.FromDateTime(ZonedTime.ToLocal(instant, zone));
        return Interval(date, schedule, zone) is { } day && instant >= day.Opens && instant < day.Closes;
    }

    /// <summary>The working interval of a local date, as instants; null on a day off.</summary>
    private static (DateTimeOffset Opens, DateTimeOffset Closes)? Interval(DateOnly date, WorkingSchedule schedule, TimeZoneInfo zone)
    {
        if (!schedule.Days.Contains(date.DayOfWeek))
        {
            return null;
        }

        var midnight = date.ToDateTime(TimeOnly.MinValue);
        var opens = ZonedTime.ToInstant(midnight + schedule.Opens.ToTimeSpan(), zone);
        var closes = ZonedTime.ToInstant(midnight + schedule.ClosesAfterMidnight, zone);
        return closes > opens ? (opens, closes) : null;
    }

    private static void RequireWorkingDays(WorkingSchedule schedule)
    {
        if (schedule.Days.Count == 0 || schedule.Length <= TimeSpan.Zero)
        {
            throw new ArgumentException("The schedule has no working time; settings validation refuses such a schedule.", nameof(schedule));
        }
    }
}
