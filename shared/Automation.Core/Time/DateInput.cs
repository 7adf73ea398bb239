using System.Globalization;
using System.Text.RegularExpressions;

namespace Automation.Core.Time;

/// <summary>
/// Dates as they come in over the API: RFC 3339 date and time with an explicit offset, within
/// <see cref="Earliest"/>..<see cref="Latest"/>. A date without an offset would be read in the server's own time zone,
/// so it is refused rather than guessed; the range keeps every date storable (Table Storage refuses dates before 1601)
/// and far from <see cref="DateTimeOffset.MaxValue"/> when durations of up to days are added to it.
/// </summary>
public static partial class DateInput
{
    /// <summary>No shop's order predates this.</summary>
    public static readonly DateTimeOffset Earliest = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Exclusive: the last accepted instant is 2099-12-31T23:59:59.9999999Z.</summary>
    public static readonly DateTimeOffset Latest = new(2100, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public const string Example = "\"2026-11-29T16:00:00+08:00\" or \"2026-11-29T08:00:00Z\"";

    /// <summary>The instant <paramref name="text"/> names (keeping its offset), or null with the problem in <paramref name="error"/>.</summary>
    public static DateTimeOffset? Parse(string text, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);

        // The shape is checked first: DateTimeOffset.TryParse alone accepts dates without an offset (as local time),
        // dates without a time, and many culture-dependent spellings.
        if (!Rfc3339Shape().IsMatch(text))
        {
            error = text.Length > 40
                ? $"Not a date and time with an offset like {Example}."
                : $"'{text}' is not a date and time with an offset like {Example}.";
            return null;
        }

        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var value))
        {
            // The shape is right, so the day does not exist, the offset is beyond ±14:00, or the instant is outside
            // what DateTimeOffset holds (year 1 or 9999 shifted by the offset).
            error = $"'{text}' is not a valid date: the day must exist, the offset be within ±14:00, and the date fall in the years 2000 to 2099 (UTC).";
            return null;
        }

        if (value < Earliest || value >= Latest)
        {
            error = "The date must be from the year 2000 to 2099 (UTC).";
            return null;
        }

        error = null;
        return value;
    }

    // yyyy-MM-ddTHH:mm:ss[.fffffff] then Z or ±HH:mm; RFC 3339 allows lowercase t and z. Offsets beyond ±14:00 and
    // impossible days fail the parse after this.
    [GeneratedRegex(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]{1,7})?(?:[Zz]|[+-][0-9]{2}:[0-9]{2})\z", RegexOptions.CultureInvariant)]
    private static partial Regex Rfc3339Shape();
}
