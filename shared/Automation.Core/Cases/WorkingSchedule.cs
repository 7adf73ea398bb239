namespace Automation.Core.Cases;

/// <summary>
/// When a shop's team works, in shop-local wall-clock time: from <see cref="Opens"/> (included) to <see cref="Closes"/>
/// (excluded) on each of <see cref="Days"/>. <see cref="Closes"/> equal to midnight (00:00) means the end of the day
/// (written "24:00" in settings), so a team working around the clock is <c>00:00</c>-<c>24:00</c> on all seven days.
/// Shifts crossing midnight are not modelled: a night shift hands over notes instead (the morning sweep picks them up).
/// </summary>
public sealed record WorkingSchedule(TimeOnly Opens, TimeOnly Closes, IReadOnlySet<DayOfWeek> Days)
{
    public static IReadOnlySet<DayOfWeek> AllWeek { get; } = new HashSet<DayOfWeek>(Enum.GetValues<DayOfWeek>());

    /// <summary>
    /// 09:00-18:00 every day. Marketplaces (Taobao, Tmall, JD) measure a shop's response times on every day of the
    /// week, and their sellers' service teams work weekends; a shop that does not sets its <c>days</c>.
    /// </summary>
    public static WorkingSchedule Default { get; } = new(new TimeOnly(9, 0), new TimeOnly(18, 0), AllWeek);

    /// <summary>How long the day lasts on the wall clock (the elapsed time differs on a DST day if a change falls inside).</summary>
    public TimeSpan Length => ClosesAfterMidnight - Opens.ToTimeSpan();

    internal TimeSpan ClosesAfterMidnight => Closes == TimeOnly.MinValue ? TimeSpan.FromDays(1) : Closes.ToTimeSpan();

    public bool Equals(WorkingSchedule? other)
        => other is not null && Opens == other.Opens && Closes == other.Closes && Days.SetEquals(other.Days);

    public override int GetHashCode()
        => HashCode.Combine(Opens, Closes, Days.Aggregate(0, (bits, day) => bits | (1 << (int)day)));
}
