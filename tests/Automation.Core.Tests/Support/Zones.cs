using System.Globalization;

namespace Automation.Core.Tests.Support;

/// <summary>The time zones the tests use, and terse instant parsing.</summary>
internal static class Zones
{
    /// <summary>DST: springs forward 2026-03-08 02:00 EST -> 03:00 EDT (07:00Z), falls back 2026-11-01 02:00 EDT -> 01:00 EST (06:00Z).</summary>
    public static TimeZoneInfo NewYork { get; } = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    /// <summary>DST: springs forward 2026-03-29 02:00 CET -> 03:00 CEST (01:00Z), falls back 2026-10-25 03:00 CEST -> 02:00 CET (01:00Z).</summary>
    public static TimeZoneInfo Berlin { get; } = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    /// <summary>UTC+8 all year.</summary>
    public static TimeZoneInfo Shanghai { get; } = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    /// <summary>A 30-minute DST shift: 2026-10-04 02:00 (+10:30) -> 02:30 (+11:00), at 15:30Z on 10-03.</summary>
    public static TimeZoneInfo LordHowe { get; } = TimeZoneInfo.FindSystemTimeZoneById("Australia/Lord_Howe");

    /// <summary>An instant from ISO-8601 text with an offset or Z: "2026-03-08T07:00:00Z".</summary>
    public static DateTimeOffset At(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture, DateTimeStyles.None);

    /// <summary>A shop-local wall-clock time: "2026-03-08 02:30".</summary>
    public static DateTime Local(string text) => DateTime.ParseExact(text, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>The instant a zone's clock shows <paramref name="local"/> (only for unambiguous, valid local times).</summary>
    public static DateTimeOffset AtLocal(string local, TimeZoneInfo zone)
    {
        var time = Local(local);
        if (zone.IsAmbiguousTime(time) || zone.IsInvalidTime(time))
        {
            throw new ArgumentException($"{local} is not a single instant in {zone.Id}; give the instant in UTC instead.", nameof(local));
        }

        return new DateTimeOffset(time, zone.GetUtcOffset(time)).ToUniversalTime();
    }

    public static TimeOnly T(string hhmm) => TimeOnly.ParseExact(hhmm, "HH:mm", CultureInfo.InvariantCulture);
}
