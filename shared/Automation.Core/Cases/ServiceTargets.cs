using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Xml;

namespace Automation.Core.Cases;

/// <summary>
/// A shop's service targets for after-sale cases (<c>slas</c> in settings; build them with
/// <see cref="ServiceTargetsValidator"/>). Defaults, from domain.md where it gives a number:
/// <list type="table">
/// <item><term>firstResponse PT5M (working time)</term><description>domain.md: first response to a return/exchange
/// request within 5 minutes of working time. Applied to every kind; met when the case leaves pending review (or the
/// storage layer records an earlier reply in <see cref="Case.RespondedAt"/>).</description></item>
/// <item><term>logisticsResolution PT48H (calendar)</term><description>domain.md: logistics problems (lost, damaged,
/// wrong address, returned) resolved within 48 hours. Calendar time, because the parcel and the buyer do not stop at
/// closing time. For a logistics case it replaces the kind's resolution target.</description></item>
/// <item><term>resolution (working time)</term><description>refund_only PT9H (one working day, from opening: good teams
/// refund in well under a day); return_refund PT9H and exchange PT18H from the moment the returned parcel is received,
/// since before that the case waits on the buyer (who has the return window): one working day to refund, two to
/// reship a replacement.</description></item>
/// <item><term>workingHours 09:00-18:00, every day</term><description>see <see cref="WorkingSchedule.Default"/>.</description></item>
/// <item><term>dueSoon PT2H (working time)</term><description>a target with this much working time left, or less, is due soon.</description></item>
/// <item><term>returnWindow P10D (calendar)</term><description>domain.md: when a return is agreed, the buyer's deadline
/// is extended (commonly 10 days) so the case does not expire.</description></item>
/// </list>
/// </summary>
public sealed record ServiceTargets(
    TimeSpan FirstResponse,
    TimeSpan LogisticsResolution,
    IReadOnlyDictionary<CaseKind, TimeSpan> Resolution,
    WorkingSchedule WorkingHours,
    TimeSpan DueSoon,
    TimeSpan ReturnWindow)
{
    public static ServiceTargets Default { get; } = new(
        TimeSpan.FromMinutes(5),
        TimeSpan.FromHours(48),
        new Dictionary<CaseKind, TimeSpan>
        {
            [CaseKind.RefundOnly] = TimeSpan.FromHours(9),
            [CaseKind.ReturnRefund] = TimeSpan.FromHours(9),
            [CaseKind.Exchange] = TimeSpan.FromHours(18),
        }.ToFrozenDictionary(),
        WorkingSchedule.Default,
        TimeSpan.FromHours(2),
        TimeSpan.FromDays(10));

    /// <summary>The kind's resolution target in working time (the default's when a kind is somehow missing).</summary>
    public TimeSpan ResolutionFor(CaseKind kind)
        => Resolution.TryGetValue(kind, out var target) ? target : Default.Resolution[kind];
}

/// <summary>
/// The <c>slas</c> settings as received, e.g. <c>{ "firstResponse": "PT5M", "logisticsResolution": "PT48H",
/// "resolution": { "refund_only": "PT9H" }, "workingHours": { "opens": "09:00", "closes": "18:00", "days": ["mon", "tue",
/// "wed", "thu", "fri"] }, "dueSoon": "PT2H", "returnWindow": "P10D" }</c>. Everything is optional: a missing field is its default.
/// </summary>
public sealed class ServiceTargetsInput
{
    public string? FirstResponse { get; set; }

    public string? LogisticsResolution { get; set; }

    /// <summary>Kind ("refund_only", "return_refund", "exchange") -> duration of working time.</summary>
    [SuppressMessage("Usage", "CA2227:Collection properties should be read only", Justification = "Input DTO bound by System.Text.Json.")]
    public Dictionary<string, string>? Resolution { get; set; }

    public WorkingHoursInput? WorkingHours { get; set; }

    public string? DueSoon { get; set; }

    public string? ReturnWindow { get; set; }

    /// <summary>The input that validates back to <paramref name="targets"/> (for storing settings as JSON and showing them).</summary>
    public static ServiceTargetsInput From(ServiceTargets targets)
    {
        ArgumentNullException.ThrowIfNull(targets);
        var schedule = targets.WorkingHours;
        return new ServiceTargetsInput
        {
            FirstResponse = XmlConvert.ToString(targets.FirstResponse),
            LogisticsResolution = XmlConvert.ToString(targets.LogisticsResolution),
            Resolution = targets.Resolution.ToDictionary(r => CaseNames.Name(r.Key), r => XmlConvert.ToString(r.Value), StringComparer.Ordinal),
            WorkingHours = new WorkingHoursInput
            {
                Opens = schedule.Opens.ToString("HH:mm", CultureInfo.InvariantCulture),
                Closes = schedule.Closes == TimeOnly.MinValue ? "24:00" : schedule.Closes.ToString("HH:mm", CultureInfo.InvariantCulture),
                Days = schedule.Days.Order().Select(ServiceTargetsValidator.Name).ToArray(),
            },
            DueSoon = XmlConvert.ToString(targets.DueSoon),
            ReturnWindow = XmlConvert.ToString(targets.ReturnWindow),
        };
    }
}

public sealed class WorkingHoursInput
{
    /// <summary>"HH:mm", default "09:00".</summary>
    public string? Opens { get; set; }

    /// <summary>"HH:mm" or "24:00" (the end of the day, as is "00:00"), default "18:00".</summary>
    public string? Closes { get; set; }

    /// <summary>"mon" to "sun"; default all seven.</summary>
    [SuppressMessage("Performance", "CA1819:Properties should not return arrays", Justification = "Input DTO bound by System.Text.Json.")]
    public string[]? Days { get; set; }
}
