using System.Text.RegularExpressions;
using System.Xml;

namespace Automation.Core.Time;

/// <summary>
/// Durations as they come in over the API: ISO-8601 with days, hours, minutes and seconds only ("PT30M", "P3D"), since
/// years and months have no fixed length. Each setting gives its own upper bound.
/// </summary>
public static partial class DurationInput
{
    public const string Example = "\"PT30M\", \"PT3H\" or \"P1D\"";

    /// <summary>The duration <paramref name="text"/> names, or null with the problem in <paramref name="error"/>.</summary>
    /// <param name="text">The duration as sent.</param>
    /// <param name="max">The largest duration the setting accepts.</param>
    /// <param name="error">Why it was refused, for the caller's validation problem.</param>
    /// <param name="allowZero">Whether "PT0S" is meaningful for the setting (e.g. "end now").</param>
    public static TimeSpan? Parse(string text, TimeSpan max, out string? error, bool allowZero = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        TimeSpan? duration = null;
        if (DurationShape().IsMatch(text))
        {
            try
            {
                duration = XmlConvert.ToTimeSpan(text);
            }
            catch (Exception ex) when (ex is FormatException or OverflowException)
            {
                // reported below
            }
        }

        error = duration switch
        {
            null => $"'{text}' is not an ISO-8601 duration like {Example}.",
            { } d when d < TimeSpan.Zero || (d == TimeSpan.Zero && !allowZero) =>
                allowZero ? "The duration must not be negative." : "The duration must be greater than zero.",
            { } d when d > max => $"The duration must be at most {XmlConvert.ToString(max)}.",
            _ => null,
        };
        return error is null ? duration : null;
    }

    [GeneratedRegex(@"^P(?!\z)(?:[0-9]{1,6}D)?(?:T(?=[0-9])(?:[0-9]{1,6}H)?(?:[0-9]{1,6}M)?(?:[0-9]{1,6}(?:\.[0-9]{1,7})?S)?)?\z", RegexOptions.CultureInvariant)]
    private static partial Regex DurationShape();
}
