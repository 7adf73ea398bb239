using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace Automation.Core.Shops;

/// <summary>
/// The canonical IANA zone ids this machine's time zone database knows: the zones of <c>zone.tab</c> (what
/// <see cref="TimeZoneInfo.GetSystemTimeZones()"/> lists on Linux, where the app runs), <c>UTC</c>, and the fixed-offset
/// <c>Etc/</c> zones. Links (<c>Asia/Chongqing</c>, <c>US/Eastern</c>), other spellings of a case and the database's
/// non-zone files (<c>localtime</c>, <c>posixrules</c>, <c>Factory</c>) are not in it.
/// </summary>
internal static partial class CanonicalTimeZones
{
    private static readonly Lazy<FrozenSet<string>> Listed = new(
        () => TimeZoneInfo.GetSystemTimeZones().Where(z => z.HasIanaId).Select(z => z.Id).ToFrozenSet(StringComparer.Ordinal));

    public static bool IsCanonical(string id) => Listed.Value.Contains(id) || FixedOffsetZone().IsMatch(id);

    /// <summary>Canonical zones with the same rules as <paramref name="zone"/>, for a helpful message (at most 3).</summary>
    public static IReadOnlyList<string> SameRulesAs(TimeZoneInfo zone) =>
        TimeZoneInfo.GetSystemTimeZones()
            .Where(z => z.HasIanaId && Listed.Value.Contains(z.Id) && z.HasSameRules(zone))
            .Select(z => z.Id)
            .Order(StringComparer.Ordinal)
            .Take(3)
            .ToList();

    // Etc/GMT+N is N hours behind UTC (POSIX sign); the database has Etc/GMT-14 to Etc/GMT+12.
    [GeneratedRegex(@"^Etc/(?:UTC|GMT|GMT-(?:1[0-4]|[1-9])|GMT\+(?:1[0-2]|[1-9]))\z", RegexOptions.CultureInvariant)]
    private static partial Regex FixedOffsetZone();
}
