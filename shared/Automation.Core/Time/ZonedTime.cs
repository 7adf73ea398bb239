namespace Automation.Core.Time;

/// <summary>
/// Converts shop-local wall-clock times to instants, DST included. A local time can occur
/// once, never (spring-forward gap) or twice (fall-back overlap); these helpers make that explicit.
/// </summary>
public static class ZonedTime
{
    // Offsets in use stay within -12h..+14h; the search window around a gap is wider than that.
    private static readonly TimeSpan SearchBefore = TimeSpan.FromHours(15);
    private static readonly TimeSpan SearchAfter = TimeSpan.FromHours(13);

    /// <summary>The shop-local wall-clock time of an instant.</summary>
    public static DateTime ToLocal(DateTimeOffset instant, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return TimeZoneInfo.ConvertTime(instant, zone).DateTime;
    }

    /// <summary>
    /// The first instant at which the shop's clock shows <paramref name="local"/>: the earlier of two
    /// instants when the local time is ambiguous, and the first valid instant after it (the moment
    /// the clock jumps) when it falls in a spring-forward gap. Returned with a zero (UTC) offset.
    /// </summary>
    public static DateTimeOffset ToInstant(DateTime local, TimeZoneInfo zone) => Candidates(local, zone)[0];

    /// <summary>
    /// The first instant strictly after <paramref name="after"/> at which the shop's clock shows
    /// <paramref name="local"/> (or, in a gap, has just passed it); null if there is none.
    /// Needed in a fall-back night, when the earlier of two instants may already be past.
    /// </summary>
    public static DateTimeOffset? ToInstantAfter(DateTime local, TimeZoneInfo zone, DateTimeOffset after)
    {
        foreach (var candidate in Candidates(local, zone))
        {
            if (candidate > after)
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>The instants showing <paramref name="local"/>, earliest first (one or two; the jump instant for a gap).</summary>
    internal static DateTimeOffset[] Candidates(DateTime local, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);

        if (zone.IsInvalidTime(local))
        {
            return [FirstInstantReaching(local, zone)];
        }

        if (zone.IsAmbiguousTime(local))
        {
            // A larger offset means an earlier instant for the same wall-clock time.
            return zone.GetAmbiguousTimeOffsets(local)
                .Select(offset => new DateTimeOffset(local, offset).ToUniversalTime())
                .Distinct()
                .Order()
                .ToArray();
        }

        return [new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime()];
    }

    /// <summary>Binary search for the first UTC second at which the wall clock reads at least <paramref name="local"/>.</summary>
    private static DateTimeOffset FirstInstantReaching(DateTime local, TimeZoneInfo zone)
    {
        // Whole seconds, so the search lands exactly on the jump (transitions happen on whole seconds).
        var asUtc = new DateTimeOffset(local.Ticks - (local.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        var low = asUtc - SearchBefore;   // the wall clock there is still before `local`
        var high = asUtc + SearchAfter;   // the wall clock there is already past `local`
        while (high - low > TimeSpan.FromSeconds(1))
        {
            var middle = low + TimeSpan.FromSeconds(Math.Floor((high - low).TotalSeconds / 2));
            if (ToLocal(middle, zone) >= local)
            {
                high = middle;
            }
            else
            {
                low = middle;
            }
        }

        return high;
    }
}
