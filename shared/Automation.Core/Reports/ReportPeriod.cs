using System.Globalization;
using Automation.Core.Time;

namespace Automation.Core.Reports;

/// <summary>
/// The span a report covers, <see cref="From"/> inclusive to <see cref="To"/> exclusive. Given over the API as the
/// shop's own days (<c>from=2026-11-01&amp;to=2026-11-30</c>, both days included, midnight in the shop's time zone,
/// DST included) or as instants with an offset (RFC 3339, <c>to</c> exclusive), which is what a caller means by each.
/// </summary>
public sealed record ReportPeriod(DateTimeOffset From, DateTimeOffset To)
{
    /// <summary>The longest span one report covers: a year, leap day included. Keeps a report's reads bounded.</summary>
    public static readonly TimeSpan Longest = TimeSpan.FromDays(366);

    /// <summary>Without <c>from</c>: the 30 local days that end with <c>to</c>'s day.</summary>
    public const int DefaultDays = 30;

    public const string DateExample = "\"2026-11-01\" (a day in the shop's time zone) or " + DateInput.Example;

    /// <summary>
    /// Reads the query's <c>from</c> and <c>to</c>. Without <c>to</c> the period ends now; without <c>from</c> it
    /// starts at local midnight <see cref="DefaultDays"/> days before its end's day ends (so 30 whole local days, today
    /// being the last and partial one).
    /// </summary>
    public static ValidationResult<ReportPeriod> Parse(string? from, string? to, TimeZoneInfo zone, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var errors = new ValidationErrors();
        var end = string.IsNullOrEmpty(to) ? now : Read(to, zone, isEnd: true, "to", errors);
        DateTimeOffset? start = string.IsNullOrEmpty(from) ? null : Read(from, zone, isEnd: false, "from", errors);
        if (errors.Any)
        {
            return errors.ToFailure<ReportPeriod>();
        }

        var periodEnd = end!.Value;
        var periodStart = start ?? LocalMidnight(DateOnly.FromDateTime(ZonedTime.ToLocal(periodEnd - TimeSpan.FromTicks(1), zone)).AddDays(1 - DefaultDays), zone);
        if (periodStart >= periodEnd)
        {
            errors.Add("from", "Must be before to.");
        }
        else if (periodEnd - periodStart > Longest)
        {
            errors.Add("to", $"A report covers at most {Longest.TotalDays:0} days; ask for a shorter period.");
        }

        return errors.ToResult(() => new ReportPeriod(periodStart, periodEnd));
    }

    /// <summary>The shop-local days the period touches, in order (the first and last may be partial).</summary>
    public IReadOnlyList<DateOnly> Days(TimeZoneInfo zone)
    {
        var first = DateOnly.FromDateTime(ZonedTime.ToLocal(From, zone));
        var last = DateOnly.FromDateTime(ZonedTime.ToLocal(To - TimeSpan.FromTicks(1), zone));
        var days = new List<DateOnly>();
        for (var day = first; day <= last; day = day.AddDays(1))
        {
            days.Add(day);
        }

        return days;
    }

    public bool Contains(DateTimeOffset instant) => instant >= From && instant < To;

    private static DateTimeOffset? Read(string text, TimeZoneInfo zone, bool isEnd, string field, ValidationErrors errors)
    {
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            if (day.Year is < 2000 or > 2098)
            {
                errors.Add(field, "The date must be from the year 2000 to 2098.");
                return null;
            }

            // A day names all of it: "to" a day ends at the next local midnight.
            return LocalMidnight(isEnd ? day.AddDays(1) : day, zone);
        }

        if (DateInput.Parse(text, out var error) is { } instant)
        {
            return instant;
        }

        var looksLikeDay = text.Length == 10 && text[4] == '-' && text[7] == '-';
        errors.Add(field, looksLikeDay ? $"'{text}' is not a day that exists." : $"Not a day like {DateExample}: {error}");
        return null;
    }

    // Midnight may not exist where DST starts at midnight: the day then starts when the clock jumps.
    private static DateTimeOffset LocalMidnight(DateOnly day, TimeZoneInfo zone) => ZonedTime.ToInstant(day.ToDateTime(TimeOnly.MinValue), zone);
}
