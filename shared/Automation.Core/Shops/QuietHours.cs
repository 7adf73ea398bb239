using Automation.Core.Time;

namespace Automation.Core.Shops;

/// <summary>
/// A daily window in shop-local time during which customers are not messaged. The window includes
/// <see cref="Start"/> and excludes <see cref="End"/>; it crosses midnight when Start is after End
/// (21:00-09:00). Start equal to End would be an empty window: settings refuse it, and it contains nothing.
/// </summary>
public sealed record QuietHours(TimeOnly Start, TimeOnly End)
{
    public bool IsEmpty => Start == End;

    private bool CrossesMidnight => Start > End;

    /// <summary>Whether the shop's wall clock at <paramref name="instant"/> is inside the window.</summary>
    public bool Contains(DateTimeOffset instant, TimeZoneInfo zone) => Contains(TimeOnly.FromDateTime(ZonedTime.ToLocal(instant, zone)));

    /// <summary>
    /// The instant unchanged when it is outside the window, else the instant the window ends, in UTC:
    /// the end time on the right local date; in a spring-forward gap the first valid instant after it;
    /// when ambiguous (fall-back) the earlier instant that is still after <paramref name="instant"/>.
    /// </summary>
    public DateTimeOffset DeferOutOf(DateTimeOffset instant, TimeZoneInfo zone)
    {
        var local = ZonedTime.ToLocal(instant, zone);
        var time = TimeOnly.FromDateTime(local);
        if (!Contains(time))
        {
            return instant;
        }

        // Inside a window crossing midnight, before midnight: the window ends tomorrow.
        var endDate = CrossesMidnight && time >= Start ? local.Date.AddDays(1) : local.Date;
        var end = endDate + End.ToTimeSpan();

        // The wall clock is before `end` now, so an instant showing `end` later always exists.
        return ZonedTime.ToInstantAfter(end, zone, instant)
            ?? throw new InvalidOperationException("No instant ends the quiet hours; the time zone data is inconsistent.");
    }

    private bool Contains(TimeOnly time)
    {
        if (IsEmpty)
        {
            return false;
        }

        return CrossesMidnight
            ? time >= Start || time < End
            : time >= Start && time < End;
    }
}
