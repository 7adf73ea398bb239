using System.Globalization;
using Automation.Core.Time;

namespace Automation.Core.Sweep;

/// <summary>Where today's morning sweep stands when the timer fires.</summary>
public enum SweepState
{
    /// <summary>Before the sweep's start today.</summary>
    NotYet,

    /// <summary>Between the start and the deadline, and not yet completed today: run it now.</summary>
    Due,

    /// <summary>Completed for this sweep day already (a re-run, a second instance, a later timer tick).</summary>
    Done,

    /// <summary>The deadline passed without a completed run; the next chance is tomorrow's sweep.</summary>
    Missed,
}

/// <summary>
/// Whether the sweep runs now. <see cref="SweepDay"/> is the shop-local date the sweep is for, its idempotency key
/// (see <see cref="MorningSweepSchedule.Key"/>); <see cref="StartsAt"/> and <see cref="DeadlineAt"/> are that day's
/// instants (UTC).
/// </summary>
public sealed record SweepDue(DateOnly SweepDay, SweepState State, DateTimeOffset StartsAt, DateTimeOffset DeadlineAt)
{
    public bool IsDue => State == SweepState.Due;
}

/// <summary>Whether the deadline escalation of <see cref="SweepDay"/> runs now.</summary>
public sealed record EscalationDue(DateOnly SweepDay, bool IsDue, DateTimeOffset DeadlineAt);

/// <summary>
/// When a shop's morning sweep and its deadline escalation run. A timer fires every 15 minutes for every shop; these
/// functions decide from the shop's zone, its settings, the time and what was already done, so that any number of
/// ticks, instances or manual runs do the work once per local day.
/// <para>
/// Local times become instants with <see cref="ZonedTime.ToInstant"/>: a start or deadline that does not exist
/// (spring-forward gap) is the first valid instant after it, one that occurs twice (fall-back) is its first
/// occurrence, so the sweep runs once on both kinds of DST day.
/// </para>
/// </summary>
public static class MorningSweepSchedule
{
    /// <summary>The shop-local date of an instant: the sweep day a run at <paramref name="now"/> belongs to.</summary>
    public static DateOnly LocalDay(DateTimeOffset now, TimeZoneInfo zone) => DateOnly.FromDateTime(ZonedTime.ToLocal(now, zone));

    /// <summary>The sweep day as stored and shown: "2026-11-30".</summary>
    public static string Key(DateOnly sweepDay) => sweepDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The instant the sweep of <paramref name="sweepDay"/> may start.</summary>
    public static DateTimeOffset StartOf(DateOnly sweepDay, MorningSweepSettings settings, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return ZonedTime.ToInstant(sweepDay.ToDateTime(settings.At), zone);
    }

    /// <summary>
    /// The instant the sweep of <paramref name="sweepDay"/> must be cleared by. Always after <see cref="StartOf"/>: when
    /// a DST gap swallows both times (02:10 to 02:40 in a 02:00-03:00 gap), both would be the jump instant, so the
    /// deadline is then the start plus the window's nominal length instead of an empty window.
    /// </summary>
    public static DateTimeOffset DeadlineOf(DateOnly sweepDay, MorningSweepSettings settings, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var start = StartOf(sweepDay, settings, zone);
        var deadline = ZonedTime.ToInstant(sweepDay.ToDateTime(settings.Deadline), zone);
        return deadline > start ? deadline : start + (settings.Deadline - settings.At);
    }

    /// <summary>
    /// Whether the sweep is due at <paramref name="now"/>: from today's start until today's deadline (shop-local), unless
    /// <paramref name="lastCompletedDay"/> (the sweep day of the last completed run, or null) is today or later.
    /// </summary>
    public static SweepDue Sweep(TimeZoneInfo zone, MorningSweepSettings settings, DateTimeOffset now, DateOnly? lastCompletedDay)
    {
        var day = LocalDay(now, zone);
        var start = StartOf(day, settings, zone);
        var deadline = DeadlineOf(day, settings, zone);
        var state = (lastCompletedDay >= day, now) switch
        {
            (true, _) => SweepState.Done,
            (_, var n) when n < start => SweepState.NotYet,
            (_, var n) when n < deadline => SweepState.Due,
            _ => SweepState.Missed,
        };
        return new SweepDue(day, state, start, deadline);
    }

    /// <summary>
    /// Whether today's deadline escalation is due at <paramref name="now"/>: today's deadline has passed and
    /// <paramref name="lastEscalatedDay"/> (the sweep day of the last completed escalation, or null) is before today.
    /// It stays due until the end of the local day, so a missed tick is caught up; a day missed entirely is not, since
    /// the next day's escalation sees every task still open anyway.
    /// </summary>
    public static EscalationDue NoonEscalationDue(TimeZoneInfo zone, MorningSweepSettings settings, DateTimeOffset now, DateOnly? lastEscalatedDay)
    {
        var day = LocalDay(now, zone);
        var deadline = DeadlineOf(day, settings, zone);
        return new EscalationDue(day, now >= deadline && !(lastEscalatedDay >= day), deadline);
    }
}
